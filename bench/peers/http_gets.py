"""Peer for bench/http-gets.bench.ts: Python's http.client on ONE kept-alive connection.

Does the same work as Porthole per GET: reads the whole body, undoes gzip when the server
compressed it, and hashes the decoded bytes with SHA-256. Times only the timed loop (the
interpreter's start is outside the number; warm-up requests first).

  python3 bench/peers/http_gets.py HOST PORT PATH N WARMUP gzip|identity   -> one JSON line
"""
import gzip
import hashlib
import http.client
import json
import sys
import time

host, port, path, n, warmup, coding = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
headers = {"Accept-Encoding": coding, "User-Agent": "python-http.client-bench"}
conn = http.client.HTTPConnection(host, port)
connects = 0


def get():
    global connects
    if conn.sock is None:
        connects += 1  # http.client reconnects by itself after the server closed (keepalive_requests)
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    body = r.read()
    if r.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return r.status, r.getheader("Content-Encoding"), hashlib.sha256(body).hexdigest(), len(body)


for _ in range(warmup):
    get()
connects = 0
t0 = time.perf_counter()
last = None
for _ in range(n):
    last = get()
ms = (time.perf_counter() - t0) * 1000
conn.close()
print(json.dumps({"ms": ms, "status": last[0], "contentEncoding": last[1], "sha256": last[2], "bytes": last[3], "connects": connects, "python": sys.version.split()[0]}))
