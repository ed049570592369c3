#!/usr/bin/python3
"""One armed Jetstream stand-in run through Pulse: prints "published seconds".

  bench/bluesky_ingest.py PULSE_URL SERVER_URL EVENTS GIVE_UP_S

The clock starts when Pulse streams (its start first reads where to resume from the topic, a cost of a start, not of
ingest) and stops when Kafka acknowledged the last event; GET /bluesky/stream is polled every 10 ms on one keep-alive
connection, as bench/x_ingest.py does.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

pulse, server, events, give_up = urlsplit(sys.argv[1]), urlsplit(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
app = http.client.HTTPConnection(pulse.hostname, pulse.port, timeout=30)


def call(method, path):
    app.request(method, path)
    answer = app.getresponse()
    body = answer.read()
    return json.loads(body) if body else None


before = call('GET', '/bluesky/stream')['published']
arm = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
arm.request('GET', '/arm')
arm.getresponse().read()
call('POST', '/bluesky/stream/start?mode=jetstream')
start = time.monotonic()
while True:
    status = call('GET', '/bluesky/stream')
    if status['state'] == 'streaming' or time.monotonic() - start >= give_up:
        break
    time.sleep(0.01)
t0 = time.monotonic()
at_t0 = status['published'] - before
while True:
    got = call('GET', '/bluesky/stream')['published'] - before
    elapsed = time.monotonic() - t0
    if got >= events or elapsed >= give_up:
        break
    time.sleep(0.01)
call('POST', '/bluesky/stream/stop')
print(got, got - at_t0, f'{elapsed:.4f}')
