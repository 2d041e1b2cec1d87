// Two classes of jobs share one server through a priority queue: urgent jobs
// (priority 0) always go before normal ones (priority 1), and within a class
// the oldest goes first. The server is busy about 90% of the time, so normal
// jobs queue up while urgent ones barely wait; at the end the server reports
// each class's mean wait.
//
//   qsim run --model examples/models/priority.ts --seed 1 --instant
//   qsim run --model examples/models/priority.ts --seed 1 --instant --duration 10m --quiet --stats
import type { ModelOptions, Sim, SimProcess } from 'qsim';

interface Job {
  readonly id: number;
  readonly urgent: boolean;
  readonly arrived: number;
}

export default function priorityClasses(sim: Sim, opts: ModelOptions): void {
  const horizon = Number.isFinite(opts.duration) ? opts.duration : 60;
  const jobs = sim.queue<Job>({ name: 'jobs', priority: (job) => (job.urgent ? 0 : 1) });
  let made = 0;
  let sources = 2;

  const source = (name: string, urgent: boolean, meanInterval: number): void => {
    sim.process(
      name,
      async (p: SimProcess) => {
        while (p.now < horizon) {
          await jobs.put({ id: made++, urgent, arrived: p.now });
          await p.sleep(p.random.exp(meanInterval));
        }
        if (--sources === 0) jobs.shutdown();
      },
      { log: false },
    );
  };
  source('urgent', true, 4);
  source('normal', false, 0.8);

  sim.process('server', async (p) => {
    const waits = { urgent: [] as number[], normal: [] as number[] };
    for await (const job of jobs) {
      const kind = job.urgent ? 'urgent' : 'normal';
      const wait = p.now - job.arrived;
      waits[kind].push(wait);
      p.log(`${kind} job ${job.id} after ${wait.toFixed(2)} s (${jobs.size} waiting)`);
      await p.sleep(p.random.exp(0.6));
    }
    for (const [kind, list] of Object.entries(waits)) {
      const mean = list.reduce((sum, wait) => sum + wait, 0) / Math.max(1, list.length);
      p.log(`${kind}: ${list.length} served, mean wait ${mean.toFixed(2)} s`);
    }
  });
}
