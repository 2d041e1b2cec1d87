"""SimPy equivalents of two qsim benchmark scenarios, seeded, for a side-by-side speed ratio.

usage: python3 simpy_models.py mmc ITEMS SERVERS MEAN_INTERVAL MEAN_SERVICE
       python3 simpy_models.py demo ITEMS CONSUMERS INTERVAL MAX_DELAY
Prints one JSON line: items served, mean wait, peak RSS in bytes.
"""
import json
import random
import resource
import sys

import simpy


def mmc(env, store, items, mean_interval, rng):
    for i in range(items):
        yield store.put(env.now)
        yield env.timeout(rng.expovariate(1.0 / mean_interval))


def demo_producer(env, store, items, interval):
    for i in range(items):
        yield store.put(env.now)
        yield env.timeout(interval)


def consumer(env, store, service, stats):
    while True:
        entered = yield store.get()
        stats[0] += 1
        stats[1] += env.now - entered
        yield env.timeout(service())


def main():
    kind, items, workers, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    rng = random.Random(1)
    env = simpy.Environment()
    store = simpy.Store(env)
    stats = [0, 0.0]
    if kind == 'mmc':
        env.process(mmc(env, store, items, a, rng))
        service = lambda: rng.expovariate(1.0 / b)
    else:
        env.process(demo_producer(env, store, items, a))
        service = lambda: rng.random() * b
    for _ in range(workers):
        env.process(consumer(env, store, service, stats))
    env.run()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({'served': stats[0], 'meanWait': stats[1] / max(stats[0], 1), 'maxRSS': rss}))


if __name__ == '__main__':
    main()
