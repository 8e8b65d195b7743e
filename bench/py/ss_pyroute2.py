#!/usr/bin/python3
"""pyroute2's side of the socket dump benchmark (bench/run-ss.sh).

Run inside the namespace (`ip netns exec NS /usr/bin/python3 bench/py/ss_pyroute2.py --runs N [--info]`): one
DiagSocket() with pyroute2's defaults, then N dumps, each get_sock_stats(family=AF_INET) and then AF_INET6 for
TCP in every state (what `ss -tan` and jnetlink's SockDumpBench ask for); with --info, INET_DIAG_INFO is asked
for too (`ss -tain`). Every socket is read: its inet_diag_msg fields and its attributes (tcp_info decoded by
pyroute2).

Per dump it computes the checksum of io.jnetlink.bench.SockDumpBench: the sum over the sockets of local port +
remote port + state (+ tcp_info's snd_cwnd with --info).

Output (the line shapes the run scripts parse):
  run <i> <warm|measured> time_ms=<t> cpu_ms=<t> messages=<sockets> checksum=<c>
  summary runs=<n> best_ms=<t> median_ms=<t> ... messages=<m> checksum=<c> max_rss_kb=<k>
A benchmark, not a test: it asserts nothing.
"""
import argparse
import resource
import socket
import sys
import time

from pyroute2 import DiagSocket

SS_ALL = (1 << 12) - 1
INET_DIAG_INFO_EXT = 1 << (2 - 1)


def read(ds, info):
    sockets = checksum = touch = 0
    for family in (socket.AF_INET, socket.AF_INET6):
        for msg in ds.get_sock_stats(family=family, states=SS_ALL, protocol=socket.IPPROTO_TCP,
                                     extensions=INET_DIAG_INFO_EXT if info else 0):
            if msg['header']['type'] != 20:
                continue
            sockets += 1
            checksum += msg['idiag_sport'] + msg['idiag_dport'] + msg['idiag_state']
            touch += len(msg['idiag_src']) + len(msg['idiag_dst']) + msg['idiag_inode'] + msg['idiag_rqueue'] \
                + msg['idiag_wqueue'] + msg['idiag_uid'] + msg['idiag_cookie']
            for name, value in msg['attrs']:
                if name == 'INET_DIAG_INFO':
                    checksum += value['tcpi_snd_cwnd']
                touch += 1
    return sockets, checksum, touch


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--runs', type=int, default=3)
    p.add_argument('--warmup', type=int, default=0)
    p.add_argument('--info', action='store_true')
    a = p.parse_args()
    if a.runs < 1 or a.warmup < 0:
        p.error('--runs must be at least 1 and --warmup at least 0')
    times, cpus = [], []
    sockets = checksum = 0
    with DiagSocket() as ds:
        ds.bind()
        for i in range(a.warmup + a.runs):
            c0 = time.process_time()
            t0 = time.monotonic()
            sockets, checksum, _ = read(ds, a.info)
            ms = (time.monotonic() - t0) * 1e3
            cms = (time.process_time() - c0) * 1e3
            measured = i >= a.warmup
            print('run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d'
                  % (i - a.warmup + 1 if measured else i + 1, 'measured' if measured else 'warm', ms, cms, sockets,
                     checksum), flush=True)
            if measured:
                times.append(ms)
                cpus.append(cms)
    print('summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f messages=%d checksum=%d'
          ' max_rss_kb=%d' % (a.runs, min(times), median(times), min(cpus), median(cpus), sockets, checksum,
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    return 0


if __name__ == '__main__':
    sys.exit(main())
