"""Summarizes a `hey -o csv` run: prints 'rate p99_ms errors' (requests per second over the run's
duration, the 99th percentile response time, the answers that were not 2xx).

usage: python3 bench/hey_summary.py FILE DURATION_SECONDS   (bench/run.sh and bench/peer.sh call it)
"""
import csv
import sys


def main(path, duration):
    # one CSV row per request: response-time (s), ..., status-code (column 7), offset
    rows = [r for r in csv.reader(open(path)) if r and r[0][:1].isdigit()]
    times = sorted(float(r[0]) * 1000 for r in rows)
    p99 = '%.2f' % times[min(len(times) - 1, int(0.99 * len(times)))] if times else 'n/a'
    errors = sum(1 for r in rows if not r[6].startswith('2'))
    print(round(len(rows) / duration), p99, errors)


if __name__ == '__main__':
    if len(sys.argv) != 3 or sys.argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ('-h', '--help') else 2)
    main(sys.argv[1], float(sys.argv[2]))
