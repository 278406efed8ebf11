#!/usr/bin/env python3
"""Scenario (e): N sequential token creations over one keep-alive connection; prints p50/p99 in ms.

    creates.py HOST PORT TOKEN PROJECT_ID COUNT

Used by bench/run.sh.
"""
import http.client
import json
import sys
import time

if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip())
    sys.exit(0)

host, port, token, project, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
connection = http.client.HTTPConnection(host, port, timeout=30)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
latencies, errors = [], 0
for i in range(count):
    body = json.dumps({"name": "bench-create-%d" % i, "role": "viewer"})
    started = time.perf_counter()
    connection.request("POST", "/api/projects/%s/tokens" % project, body, headers)
    response = connection.getresponse()
    response.read()
    latencies.append((time.perf_counter() - started) * 1000)
    if response.status != 200:
        errors += 1
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print("RESULT count=%d p50_ms=%.2f p99_ms=%.2f errors=%d" % (count, p(0.50), p(0.99), errors))
