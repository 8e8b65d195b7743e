#!/usr/bin/python3
"""One pyroute2 listener of the broadcast storm benchmark (bench/run-storm.sh).

The same job as io.jnetlink.bench.StormBench, written with pyroute2 0.7.2 (Debian's python3-pyroute2):
an IPRoute() socket in the network namespace NS (entered with pyroute2.netns.setns, never created),
with pyroute2's defaults (rcvbuf 1 MiB, which the kernel doubles), bound to RTMGRP_IPV4_ROUTE, counting
the RTM_NEWROUTE messages whose RTA_TABLE is the given table. Modes:

  sync         bind(groups=RTMGRP_IPV4_ROUTE); a loop on ipr.get()
  async_cache  bind(groups=RTMGRP_IPV4_ROUTE, async_cache=True): pyroute2's buffer thread drains the
               socket into a queue and get() reads from it

ipr.get() parses every message it returns (header and attributes into nlmsg objects). An OSError
ENOBUFS (and, in async_cache mode, the queue.Full that 0.7.2's buffer thread hands on when its queue of
async_qsize = 4096 datagrams is full) is counted as an overrun and the loop goes on. The loop runs in a
thread: it exits when it has counted --expect events; the main thread ends the run when nothing arrived
for --idle-exit seconds (0.7.2's buffer thread stops at its first error, after which get() blocks for
ever), or when the process RSS passes --max-rss-mb (a safety net: the async_cache queue holds a
64,000-byte bytearray per datagram).

Output: "READY rcvbuf=<effective SO_RCVBUF>" once bound, then one line
  result received=... expected=... overruns=... kernel_drops=... queue_drops=- other=... user_s=...
         sys_s=... cpu_s=... reader_cpu_s=- wall_s=... rss_kb=... rcvbuf=... decoded=-
         [buffer_thread=alive|stopped] [aborted=...] [error=...]
CPU (resource.getrusage, every thread) and wall time run from READY; wall_s ends at the last counted
event; rss_kb is ru_maxrss. A benchmark, not a test: it asserts nothing.

  ip netns exec NS /usr/bin/python3 bench/py/storm_pyroute2.py --mode sync   # or --netns NS
"""
import argparse
import errno
import os
import queue
import resource
import socket
import struct
import sys
import threading
import time

try:
    from pyroute2 import IPRoute
    from pyroute2.netlink.rtnl import RTMGRP_IPV4_ROUTE
except ImportError as e:
    sys.exit(f"storm_pyroute2.py: pyroute2 is not installed for {sys.executable} ({e}); "
             "apt-get install python3-pyroute2 and run it with /usr/bin/python3")

RTM_NEWROUTE = 24
SO_MEMINFO = 55


def rss_kb():
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--netns', help='network namespace to enter (default: stay in the current one)')
    ap.add_argument('--mode', choices=('sync', 'async_cache'), default='sync')
    ap.add_argument('--expect', type=int, default=200000)
    ap.add_argument('--table', type=int, default=100)
    ap.add_argument('--idle-exit', type=float, default=5.0)
    ap.add_argument('--max-rss-mb', type=int, default=6144)
    args = ap.parse_args()

    if args.netns:
        from pyroute2.netns import setns
        setns(args.netns, flags=0)  # flags=0: never create it
    ipr = IPRoute()
    ipr.bind(groups=RTMGRP_IPV4_ROUTE, async_cache=(args.mode == 'async_cache'))
    rcvbuf = ipr.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)

    st = {'received': 0, 'other': 0, 'overruns': 0, 'last_data': 0.0, 'last_event': 0.0, 'error': None}
    done = threading.Event()
    table = args.table

    def loop():
        try:
            while st['received'] < args.expect:
                try:
                    msgs = ipr.get()
                except OSError as e:
                    if e.errno == errno.ENOBUFS:
                        st['overruns'] += 1
                        st['last_data'] = time.monotonic()
                        continue
                    raise
                except queue.Full:
                    # async_cache: the buffer thread found its queue (async_qsize, 4096 datagrams) full,
                    # handed this error on and stopped
                    st['overruns'] += 1
                    st['last_data'] = time.monotonic()
                    continue
                now = time.monotonic()
                st['last_data'] = now
                for m in msgs:
                    if m['header']['type'] == RTM_NEWROUTE and m.get_attr('RTA_TABLE') == table:
                        st['received'] += 1
                        st['last_event'] = now
                    else:
                        st['other'] += 1
        except Exception as e:  # reported on the result line
            st['error'] = repr(e)
        done.set()

    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.monotonic()
    st['last_data'] = t0
    st['last_event'] = t0
    print(f'READY rcvbuf={rcvbuf}', flush=True)
    threading.Thread(target=loop, name='consumer', daemon=True).start()
    aborted = None
    while not done.wait(0.1):
        if time.monotonic() - st['last_data'] >= args.idle_exit:
            break
        if rss_kb() > args.max_rss_mb * 1024:
            aborted = f'rss>{args.max_rss_mb}MB'
            break
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    try:  # SO_MEMINFO: 9 u32, the last is SK_MEMINFO_DROPS (the Drops column of /proc/net/netlink)
        drops = struct.unpack('9I', ipr.getsockopt(socket.SOL_SOCKET, SO_MEMINFO, 36))[8]
    except OSError:
        drops = '-'
    user = ru1.ru_utime - ru0.ru_utime
    sys_ = ru1.ru_stime - ru0.ru_stime
    extra = ''
    if args.mode == 'async_cache':
        extra += f' buffer_thread={"alive" if ipr.pthread.is_alive() else "stopped"}'
    if aborted:
        extra += f' aborted={aborted}'
    if st['error']:
        extra += f' error={st["error"].replace(" ", "_")}'
    print(f'result received={st["received"]} expected={args.expect} overruns={st["overruns"]} kernel_drops={drops}'
          f' queue_drops=- other={st["other"]} user_s={user:.2f} sys_s={sys_:.2f} cpu_s={user + sys_:.2f}'
          f' reader_cpu_s=- wall_s={st["last_event"] - t0:.3f} rss_kb={ru1.ru_maxrss} rcvbuf={rcvbuf}'
          f' decoded=-{extra}', flush=True)
    # the consumer thread may be blocked in get() for ever (async_cache after an error): do not join it
    os._exit(0)


if __name__ == '__main__':
    main()
