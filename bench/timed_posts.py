#!/usr/bin/env python3
"""N sequential POSTs over one keep-alive connection, each body from a template with {i}; prints p50/p99 in ms.

    timed_posts.py HOST PORT AUTHORIZATION PATH BODY_TEMPLATE COUNT

Used by bench/peer.sh for the creation scenario of both servers (a 2xx answer counts as success).
"""
import http.client
import sys
import time

if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip())
    sys.exit(0)

host, port, authorization, path, template, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
connection = http.client.HTTPConnection(host, port, timeout=30)
headers = {"Authorization": authorization, "Content-Type": "application/json"}
latencies, errors = [], 0
for i in range(count):
    body = template.replace("{i}", str(i))
    started = time.perf_counter()
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    response.read()
    latencies.append((time.perf_counter() - started) * 1000)
    if not 200 <= response.status < 300:
        errors += 1
        if errors == 1:
            print("first error: %d" % response.status, file=sys.stderr)
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print("RESULT count=%d p50_ms=%.2f p99_ms=%.2f errors=%d" % (count, p(0.50), p(0.99), errors))
