#!/usr/bin/python3
"""pyroute2's side of the conntrack dump benchmark (bench/run-conntrack.sh).

Run inside the namespace (`ip netns exec NS /usr/bin/python3 bench/py/conntrack_pyroute2.py --runs N`): one
pyroute2 Conntrack() socket with its defaults, then N dumps of ct.dump_entries(), which yields a ConntrackEntry per
entry of the table (the same dump as jnetlink's ConntrackDumpBench and `conntrack -L`). Every entry is read: both
tuples, status, timeout, TCP protoinfo, mark, id and use.

Per dump it computes ConntrackDumpBench's checksum: the sum over the entries of the original source address as an
unsigned 32-bit number (0 for IPv6) + source port + destination port + protocol + mark.

Output (the line shapes of the other readers, which the run script parses):
  run <i> <warm|measured> time_ms=<t> cpu_ms=<t> messages=<entries> checksum=<c>
  summary runs=<n> best_ms=<t> median_ms=<t> best_cpu_ms=<t> median_cpu_ms=<t> messages=<m> checksum=<c>
          max_rss_kb=<k>
A benchmark, not a test: it asserts nothing.
"""
import argparse
import resource
import socket
import struct
import sys
import time

from pyroute2 import Conntrack


def read_entries(ct):
    entries = 0
    checksum = 0
    touch = 0
    for e in ct.dump_entries():
        entries += 1
        o, r = e.tuple_orig, e.tuple_reply
        ip = struct.unpack('!I', socket.inet_aton(o.saddr))[0] if o.saddr and ':' not in o.saddr else 0
        checksum += ip + (o.sport or 0) + (o.dport or 0) + (o.proto or 0) + (e.mark or 0)
        touch += len(r.saddr or '') + len(o.daddr or '') + (r.sport or 0) + (e.status or 0) + (e.timeout or 0)
        touch += (e.id or 0) + (e.use or 0)
        if e.protoinfo is not None:
            touch += e.protoinfo.state or 0
    return entries, checksum, touch


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--runs', type=int, default=1)
    p.add_argument('--warmup', type=int, default=0)
    a = p.parse_args()
    if a.runs < 1 or a.warmup < 0:
        p.error('--runs must be at least 1 and --warmup at least 0')
    times, cpus = [], []
    entries = checksum = 0
    with Conntrack() as ct:
        for i in range(a.warmup + a.runs):
            c0 = time.process_time()
            t0 = time.monotonic()
            entries, checksum, _ = read_entries(ct)
            ms = (time.monotonic() - t0) * 1e3
            cms = (time.process_time() - c0) * 1e3
            measured = i >= a.warmup
            print('run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d'
                  % (i - a.warmup + 1 if measured else i + 1, 'measured' if measured else 'warm', ms, cms, entries,
                     checksum), flush=True)
            if measured:
                times.append(ms)
                cpus.append(cms)
    print('summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f messages=%d checksum=%d'
          ' max_rss_kb=%d' % (a.runs, min(times), median(times), min(cpus), median(cpus), entries, checksum,
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    return 0


if __name__ == '__main__':
    sys.exit(main())
