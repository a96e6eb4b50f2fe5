"""Peer for the robots bench: Python's urllib.robotparser on the same file and URLs.

NOT the same semantics as Porthole (RFC 9309): robotparser takes the first matching rule, not
the longest; ignores `*` and `$` wildcards (they are literal); picks the first group whose
User-agent value is a substring of the caller's token (a value like `hbot/7.0` never matches),
and does not merge groups. It is the in-process tool a Python user would reach for, so it is the
side-by-side reference for speed only — its verdicts are counted, not compared for correctness.

  python3 bench/peers/robots.py ROBOTS_FILE URLS_FILE AGENT RUNS   -> one JSON line
"""
import json
import sys
import time
import urllib.robotparser

robots_file, urls_file, agent, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(robots_file, encoding="utf-8") as f:
    lines = f.read().splitlines()
with open(urls_file, encoding="utf-8") as f:
    urls = f.read().splitlines()

t0 = time.perf_counter()
rp = urllib.robotparser.RobotFileParser()
rp.parse(lines)
parse_ms = (time.perf_counter() - t0) * 1000

times = []
verdicts = []
for _ in range(runs):
    t = time.perf_counter()
    verdicts = [rp.can_fetch(agent, u) for u in urls]
    times.append((time.perf_counter() - t) * 1000)

# one character per URL (1 = allowed), so the caller can count where the two semantics differ
bits = "".join("1" if v else "0" for v in verdicts)
print(json.dumps({"parseMs": parse_ms, "runsMs": times, "disallowed": bits.count("0"), "verdicts": len(urls), "allowedBits": bits, "python": sys.version.split()[0]}))
