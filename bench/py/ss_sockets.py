#!/usr/bin/python3
"""Holds the sockets of the ss benchmark (bench/run-ss.sh): PAIRS connected TCP pairs over lo.

Run inside the namespace (`ip netns exec NS /usr/bin/python3 bench/py/ss_sockets.py --pairs 5000`): one listener
on 127.0.0.1:9000 and PAIRS connections to it, each accepted, so 2 * PAIRS established sockets and the listener.
Prints "ready N" (N: the sockets held) and holds them until its standard input closes. Not a test.
"""
import argparse
import resource
import socket
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--pairs', type=int, default=5000)
    a = p.parse_args()
    if a.pairs < 1 or a.pairs > 30000:
        p.error('--pairs must be 1..30000 (one listener, ports from the ephemeral range)')
    need = 2 * a.pairs + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(need, soft), max(need, hard)))
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('127.0.0.1', 9000))
    ls.listen(1024)
    keep = [ls]
    for _ in range(a.pairs):
        c = socket.create_connection(('127.0.0.1', 9000))
        s, _ = ls.accept()
        keep += [c, s]
    print('ready %d' % len(keep), flush=True)
    sys.stdin.read()
    return 0


if __name__ == '__main__':
    sys.exit(main())
