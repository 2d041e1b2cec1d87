/**
 * How big a pipeline may be, the same for the command line and scenario files:
 * every producer and every consumer slot is a process, so beyond these a run
 * only takes memory (a scenario with 10 million slots ran Node out of heap).
 */
export const MAX_PRODUCERS = 10000;
export const MAX_CONSUMERS = 10000;
export const MAX_CONCURRENCY = 10000;
/** Consumers x concurrency, over all stages together. */
export const MAX_SLOTS = 100000;
