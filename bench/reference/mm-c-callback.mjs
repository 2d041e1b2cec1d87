// The reference for the engine's speed: a minimal hand-written callback event loop
// of an M/M/c queue (binary heap calendar, FIFO ring buffer, no coroutines, no
// statistics). Usage: node mm-c-callback.mjs ITEMS SERVERS MEAN_INTERVAL MEAN_SERVICE
const [items = 1e6, servers = 4, meanInterval = 0.278, meanService = 1] = process.argv.slice(2).map(Number);

// xorshift-style generator, the same cost class as qsim's xoshiro128**.
let s = 0x9e3779b9;
function random() {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) / 4294967296;
}
const exp = (mean) => -mean * Math.log(1 - random());

// Calendar: parallel arrays heap of (time, seq, kind); kind 0 = arrival, 1 = departure.
let times = new Float64Array(1024);
let seqs = new Float64Array(1024);
let kinds = new Uint8Array(1024);
let size = 0;
let seq = 0;
function push(time, kind) {
  if (size === times.length) {
    const grow = (a, T) => { const b = new T(a.length * 2); b.set(a); return b; };
    times = grow(times, Float64Array); seqs = grow(seqs, Float64Array); kinds = grow(kinds, Uint8Array);
  }
  let i = size++;
  const q = seq++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (times[p] < time || (times[p] === time && seqs[p] < q)) break;
    times[i] = times[p]; seqs[i] = seqs[p]; kinds[i] = kinds[p];
    i = p;
  }
  times[i] = time; seqs[i] = q; kinds[i] = kind;
}
let topTime = 0;
function pop() {
  topTime = times[0];
  const kind = kinds[0];
  const lt = times[--size], ls = seqs[size], lk = kinds[size];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && (times[c + 1] < times[c] || (times[c + 1] === times[c] && seqs[c + 1] < seqs[c]))) c++;
    if (lt < times[c] || (lt === times[c] && ls < seqs[c])) break;
    times[i] = times[c]; seqs[i] = seqs[c]; kinds[i] = kinds[c];
    i = c;
  }
  times[i] = lt; seqs[i] = ls; kinds[i] = lk;
  return kind;
}

// FIFO of arrival times on a growable ring buffer.
let ring = new Float64Array(1024);
let head = 0;
let length = 0;
function enqueue(t) {
  if (length === ring.length) {
    const bigger = new Float64Array(ring.length * 2);
    for (let i = 0; i < length; i++) bigger[i] = ring[(head + i) % ring.length];
    ring = bigger; head = 0;
  }
  ring[(head + length++) % ring.length] = t;
}
function dequeue() {
  const t = ring[head];
  head = (head + 1) % ring.length;
  length--;
  return t;
}

let idle = servers;
let arrived = 0;
let served = 0;
let waitSum = 0;
push(0, 0);
const start = performance.now();
while (size > 0) {
  const kind = pop();
  const now = topTime;
  if (kind === 0) {
    arrived++;
    if (idle > 0) { idle--; push(now + exp(meanService), 1); } else enqueue(now);
    if (arrived < items) push(now + exp(meanInterval), 0);
  } else {
    served++;
    if (length > 0) { waitSum += now - dequeue(); push(now + exp(meanService), 1); } else idle++;
  }
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ served, meanWait: waitSum / served, loopSeconds: seconds }));
