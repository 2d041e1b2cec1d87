/** Where stop signals come from: `process` in the CLI; absent when the CLI runs in-process (tests). */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The shell's convention: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Handles Ctrl-C (SIGINT) and SIGTERM for the duration of a run, instead of
 * Node's default of dying at once: `onSignal` hears each one with how many have
 * come so far (1: stop cleanly, 2: stop at once). Returns the function that
 * removes the handlers again, after which the defaults apply.
 */
export function handleStopSignals(source: SignalSource, onSignal: (signal: StopSignal, count: number) => void): () => void {
  let count = 0;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => onSignal(signal, ++count);
    source.on(signal, handler);
    return () => source.off(signal, handler);
  });
  return () => {
    for (const remove of handlers) remove();
  };
}
