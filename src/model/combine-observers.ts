/** An observer type with every event method present. */
export type Complete<T> = { [K in keyof T]-?: T[K] };

const noop = (): void => {};

/**
 * Joins observers into one with every method in `names` present, so the model
 * calls each event without optional checks: a no-op when no observer handles
 * it, the observer's own (bound) method when one does, a loop over them otherwise.
 */
export function combineHandlers<O extends object>(observers: readonly O[], names: readonly (keyof O & string)[]): Complete<O> {
  const combined: Record<string, (...args: unknown[]) => void> = {};
  for (const name of names) {
    const handlers = observers
      .filter((o) => typeof o[name] === 'function')
      .map((o) => (o[name] as (...args: unknown[]) => void).bind(o));
    const [only] = handlers;
    combined[name] =
      handlers.length === 0
        ? noop
        : handlers.length === 1 && only
          ? only
          : (...args: unknown[]) => {
              for (const handler of handlers) handler(...args);
            };
  }
  return combined as unknown as Complete<O>;
}
