// The floor for coroutines: the same M/M/c model as mm-c-callback.mjs (same random
// numbers, same heap), but the arrival process and the servers are generator
// processes that yield "sleep" and "get" to a minimal driver, as qsim's engine does,
// without anything else qsim does (no statistics, interrupts, pacing, checks).
// Usage: node mm-c-generators.mjs ITEMS SERVERS MEAN_INTERVAL MEAN_SERVICE
const [items = 1e6, servers = 4, meanInterval = 0.278, meanService = 1] = process.argv.slice(2).map(Number);

let s = 0x9e3779b9;
function random() {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) / 4294967296;
}
const exp = (mean) => -mean * Math.log(1 - random());

// Calendar: a binary heap of processes ordered by (time, seq).
const heap = [];
let seq = 0;
function push(p) {
  let i = heap.length;
  heap.push(p);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const q = heap[parent];
    if (q.time < p.time || (q.time === p.time && q.seq < p.seq)) break;
    heap[i] = q;
    i = parent;
  }
  heap[i] = p;
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    let x = heap[c];
    if (c + 1 < n) {
      const r = heap[c + 1];
      if (r.time < x.time || (r.time === x.time && r.seq < x.seq)) { c++; x = r; }
    }
    if (last.time < x.time || (last.time === x.time && last.seq < x.seq)) break;
    heap[i] = x;
    i = c;
  }
  heap[i] = last;
  return top;
}

const SLEEP = 1;
const GET = 2;
let now = 0;
const queue = [];
let queueHead = 0;
const getters = [];
const ready = [];

class Proc {
  constructor(body) {
    this.time = 0;
    this.seq = 0;
    this.arg = 0;
    this.gen = body(this);
  }
}

/** Runs `p` until it waits: a sleep goes on the calendar, a get on an empty queue joins the getters. */
function step(p, value) {
  for (;;) {
    const r = p.gen.next(value);
    if (r.done) return;
    if (r.value === SLEEP) {
      p.time = now + p.arg;
      p.seq = seq++;
      push(p);
      return;
    }
    if (queue.length > queueHead) {
      value = queue[queueHead++];
      continue;
    }
    getters.push(p);
    return;
  }
}

function put(item) {
  if (getters.length > 0) ready.push(getters.shift(), item);
  else queue.push(item);
}

let served = 0;
let waitSum = 0;
const processes = [
  new Proc(function* (p) {
    for (let i = 0; i < items; i++) {
      put(now);
      p.arg = exp(meanInterval);
      yield SLEEP;
    }
  }),
];
for (let c = 0; c < servers; c++) {
  processes.push(
    new Proc(function* (p) {
      for (;;) {
        const arrived = yield GET;
        waitSum += now - arrived;
        p.arg = exp(meanService);
        yield SLEEP;
        served++;
      }
    }),
  );
}

const start = performance.now();
for (const p of processes) step(p, undefined);
while (heap.length > 0 && served < items) {
  const p = pop();
  now = p.time;
  step(p, undefined);
  while (ready.length > 0) {
    const woken = ready.shift();
    step(woken, ready.shift());
  }
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ served, meanWait: waitSum / served, loopSeconds: seconds }));
