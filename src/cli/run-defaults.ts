/** The defaults of `qsim run`'s model options, as text: what --help shows and what the parser reads. */
export const RUN_DEFAULTS = {
  producers: '1',
  consumers: 'Fred,George',
  items: '20',
  interval: '0.5s',
  maxDelay: '3s',
  concurrency: '1',
  onFull: 'block',
  speed: '1',
} as const;
