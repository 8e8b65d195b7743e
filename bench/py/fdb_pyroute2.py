#!/usr/bin/python3
"""pyroute2's side of the FDB dump benchmark (bench/run-nexthop-fdb.sh).

Run inside the namespace (`ip netns exec NS /usr/bin/python3 bench/py/fdb_pyroute2.py --runs N`): one IPRoute()
socket with pyroute2's defaults, then N dumps of ipr.fdb('dump') (RTM_GETNEIGH, family AF_BRIDGE: every entry of
every device, the dump jnetlink's BridgeNexthopDumpBench --what fdb makes), every entry read: its ndmsg fields and
every attribute value. pyroute2 0.7.2 has no nexthop objects, so it has no side in the nexthop dump.

Output (the line shapes of the Java side): run <i> <warm|measured> time_ms=<t> cpu_ms=<t> messages=<n>, then
summary runs=<n> best_ms=<t> median_ms=<t> best_cpu_ms=<t> median_cpu_ms=<t> messages=<n> max_rss_kb=<k>.
A benchmark, not a test: it asserts nothing.
"""
import argparse
import resource
import time

from pyroute2 import IPRoute


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--runs', type=int, default=1)
    p.add_argument('--warmup', type=int, default=0)
    a = p.parse_args()
    times, cpus = [], []
    n = 0
    with IPRoute() as ipr:
        for i in range(a.warmup + a.runs):
            c0 = time.process_time()
            t0 = time.perf_counter()
            n = 0
            touch = 0
            for msg in ipr.fdb('dump'):
                n += 1
                for _name, _value in msg['attrs']:
                    touch += 1
                touch += msg['ifindex'] + msg['state'] + msg['flags']
            t1 = time.perf_counter()
            c1 = time.process_time()
            measured = i >= a.warmup
            print('run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d' % (
                i - a.warmup + 1 if measured else i + 1, 'measured' if measured else 'warm',
                (t1 - t0) * 1e3, (c1 - c0) * 1e3, n), flush=True)
            if measured:
                times.append((t1 - t0) * 1e3)
                cpus.append((c1 - c0) * 1e3)
    print('summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f messages=%d max_rss_kb=%d' % (
        a.runs, min(times), median(times), min(cpus), median(cpus), n,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


if __name__ == '__main__':
    main()
