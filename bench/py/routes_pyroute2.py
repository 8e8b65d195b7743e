#!/usr/bin/python3
"""pyroute2's side of the route dump benchmark (bench/run-routes.sh).

Run inside the namespace (`ip netns exec NS /usr/bin/python3 bench/py/routes_pyroute2.py --runs N`): one
IPRoute() socket with pyroute2's defaults, then N dumps of ipr.get_routes(family=AF_INET), which returns every
IPv4 route of every table (the same dump as jnetlink's RouteDumpBench and the C loop rtdump). Every route is
read: its rtmsg fields and every attribute value in msg['attrs'].

Per dump it computes the content checksum of io.jnetlink.bench.RouteDumpBench: the sum over the routes of
RTA_DST as an unsigned 32-bit number (0 when absent) + dst_len + RTA_TABLE + RTA_OIF + proto + scope + type.

Output (the line shapes of rtdump, which the run script parses):
  run <i> <warm|measured> time_ms=<t> cpu_ms=<t> messages=<routes> checksum=<c>
  summary runs=<n> best_ms=<t> median_ms=<t> best_cpu_ms=<t> median_cpu_ms=<t> messages=<m> checksum=<c>
          max_rss_kb=<k>
time_ms is wall time around get_routes and the reading, cpu_ms the process CPU time over the same span,
max_rss_kb ru_maxrss (get_routes returns the whole table at once). A benchmark, not a test: it asserts nothing.
"""
import argparse
import resource
import socket
import struct
import sys
import time

from pyroute2 import IPRoute


def read_routes(ipr):
    routes = 0
    checksum = 0
    touch = 0
    for msg in ipr.get_routes(family=socket.AF_INET):
        routes += 1
        attrs = {}
        for name, value in msg['attrs']:
            attrs[name] = value
            touch += 1
        touch += msg['family'] + msg['src_len'] + msg['tos'] + msg['flags']
        dst = attrs.get('RTA_DST')
        ip = struct.unpack('!I', socket.inet_aton(dst))[0] if dst else 0
        checksum += (ip + msg['dst_len'] + attrs.get('RTA_TABLE', msg['table']) + attrs.get('RTA_OIF', 0)
                     + msg['proto'] + msg['scope'] + msg['type'])
    return routes, checksum, touch


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
    routes = checksum = 0
    with IPRoute() as ipr:
        for i in range(a.warmup + a.runs):
            c0 = time.process_time()
            t0 = time.monotonic()
            routes, checksum, _ = read_routes(ipr)
            ms = (time.monotonic() - t0) * 1e3
            cms = (time.process_time() - c0) * 1e3
            measured = i >= a.warmup
            print('run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d'
                  % (i - a.warmup + 1 if measured else i + 1, 'measured' if measured else 'warm', ms, cms, routes,
                     checksum), flush=True)
            if measured:
                times.append(ms)
                cpus.append(cms)
    print('summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f messages=%d checksum=%d'
          ' max_rss_kb=%d' % (a.runs, min(times), median(times), min(cpus), median(cpus), routes, checksum,
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    return 0


if __name__ == '__main__':
    sys.exit(main())
