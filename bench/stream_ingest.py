#!/usr/bin/python3
"""One armed stream through Pulse, timed to Kafka's ack of its last record.

  bench/stream_ingest.py x|bluesky PULSE_URL SERVER_URL RECORDS GIVE_UP_S

x: the clock starts at POST /x/stream/start?mode=sample; prints "published seconds".
bluesky: the clock starts when Pulse streams (its start first reads where to resume from the topic, a cost of a start,
not of ingest); prints "published streamed seconds", streamed being what was published after the clock started.

Started before the clock starts (a python3 start costs ~0.35 s of CPU here), it polls GET /<source>/stream on one
keep-alive connection every 10 ms: curl and sed every 0.1 s cost two process starts a poll on the cores Pulse uses,
and added up to 0.1 s (10 % of a 200,000-post run) to Pulse's time, while the floor's time ends when its process does.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

source = sys.argv[1]
pulse, server, records, give_up = urlsplit(sys.argv[2]), urlsplit(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
mode = {'x': 'sample', 'bluesky': 'jetstream'}[source]
path = f'/{source}/stream'
app = http.client.HTTPConnection(pulse.hostname, pulse.port, timeout=30)


def call(method, path):
    app.request(method, path)
    answer = app.getresponse()
    body = answer.read()
    return json.loads(body) if body else None


before = call('GET', path)['published']
arm = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
arm.request('GET', '/arm')
arm.getresponse().read()
t0 = time.monotonic()
call('POST', f'{path}/start?mode={mode}')
at_t0 = 0
if source == 'bluesky':
    while True:
        status = call('GET', path)
        if status['state'] == 'streaming' or time.monotonic() - t0 >= give_up:
            break
        time.sleep(0.01)
    t0 = time.monotonic()
    at_t0 = status['published'] - before
while True:
    got = call('GET', path)['published'] - before
    elapsed = time.monotonic() - t0
    if got >= records or elapsed >= give_up:
        break
    time.sleep(0.01)
call('POST', f'{path}/stop')
if source == 'x':
    print(got, f'{elapsed:.4f}')
else:
    print(got, got - at_t0, f'{elapsed:.4f}')
