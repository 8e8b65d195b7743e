#!/usr/bin/python3
"""Paces an `ip -batch` file: copies FILE's lines to stdout at RATE lines a second.

Used by bench/run-storm.sh to find the highest event rate a listener sustains with zero loss:

  python3 bench/py/pace.py --rate 50000 routes.batch | ip -n NS -batch -

Lines go out in chunks every --tick seconds (default 0.005) on an absolute schedule, so a late tick
is caught up on the next one and the average rate holds; when `ip` cannot keep up, the pipe blocks
and the rate achieved is lower (the run script measures it).
"""
import argparse
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--rate', type=float, required=True, help='lines a second')
    ap.add_argument('--tick', type=float, default=0.005, help='seconds between chunks')
    ap.add_argument('file')
    args = ap.parse_args()
    if args.rate <= 0 or args.tick <= 0:
        sys.exit('pace.py: --rate and --tick must be positive')
    with open(args.file, 'rb') as f:
        lines = f.readlines()
    out = sys.stdout.buffer
    t0 = time.monotonic()
    sent = 0
    tick = 0
    while sent < len(lines):
        tick += 1
        due = min(len(lines), int(args.rate * args.tick * tick))
        if due > sent:
            out.write(b''.join(lines[sent:due]))
            out.flush()
            sent = due
        delay = t0 + tick * args.tick - time.monotonic()
        if delay > 0:
            time.sleep(delay)


if __name__ == '__main__':
    try:
        main()
    except BrokenPipeError:
        sys.exit(1)
