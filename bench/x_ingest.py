#!/usr/bin/python3
"""One armed X stream through Pulse, timed to the ack of its last post: prints "published seconds".

  bench/x_ingest.py PULSE_URL XSERVER_URL LINES GIVE_UP_S

Started before the clock starts (a python3 start costs ~0.35 s of CPU here), it polls GET /x/stream on one keep-alive
connection every 10 ms: curl and sed every 0.1 s cost two process starts a poll on the cores Pulse uses, and added up
to 0.1 s (10 % of a 200,000-post run) to Pulse's time, while the floor's time ends when its process does.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

pulse, xserver, lines, give_up = urlsplit(sys.argv[1]), urlsplit(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
app = http.client.HTTPConnection(pulse.hostname, pulse.port, timeout=30)


def call(method, path):
    app.request(method, path)
    answer = app.getresponse()
    body = answer.read()
    return json.loads(body) if body else None


before = call('GET', '/x/stream')['published']
arm = http.client.HTTPConnection(xserver.hostname, xserver.port, timeout=30)
arm.request('GET', '/arm')
arm.getresponse().read()
t0 = time.monotonic()
call('POST', '/x/stream/start?mode=sample')
while True:
    got = call('GET', '/x/stream')['published'] - before
    elapsed = time.monotonic() - t0
    if got >= lines or elapsed >= give_up:
        break
    time.sleep(0.01)
call('POST', '/x/stream/stop')
print(got, f'{elapsed:.4f}')
