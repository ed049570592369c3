#!/usr/bin/python3
"""Turns bench/work/raw.tsv into the Markdown + JSON results (medians over the repetitions, ratios, targets)."""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

raw, out_dir, kind, count, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


def ms(text):
    """wrk / tool latencies ('850.00us', '12.3ms', '1.02s', '7ms') in milliseconds."""
    m = re.match(r'^([0-9.]+)(us|ms|s)$', text or '')
    if not m:
        return None
    value = float(m.group(1))
    return value / 1000 if m.group(2) == 'us' else value * 1000 if m.group(2) == 's' else value


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


rows = {}
for line in open(raw, encoding='utf-8'):
    contender, workload, rate, p50, p99, extra = line.rstrip('\n').split('\t')
    entry = rows.setdefault((contender, workload), {'contender': contender, 'workload': workload, 'runs': []})
    entry['runs'].append({'rate': number(rate), 'p50_ms': ms(p50), 'p99_ms': ms(p99), 'extra': extra})


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


results = []
for entry in rows.values():
    entry['records_per_s'] = median(r['rate'] for r in entry['runs'])
    entry['p50_ms'] = median(r['p50_ms'] for r in entry['runs'])
    entry['p99_ms'] = median(r['p99_ms'] for r in entry['runs'])
    # Pulse's rows are measured after a warm-up (its own, for e2e), except start-up, which is a fresh JVM's
    entry['label'] = ('Pulse (warm)' if entry['contender'] == 'Pulse' and entry['workload'] != 'start-up + RSS'
                      else entry['contender'])
    results.append(entry)
# Grouped by workload (in the order run), Pulse (cold) right after Pulse (warm).
workloads = list(dict.fromkeys(e['workload'] for e in results))
results.sort(key=lambda e: (workloads.index(e['workload']), e['contender'] == 'Pulse (cold)'))


def get(contender, workload, field):
    entry = rows.get((contender, workload))
    return entry and entry[field]


def ratio(a, b):
    return round(a / b, 2) if a and b else None


perf = get('kafka-producer-perf-test', 'emitter', 'records_per_s')
pp_posts = get('ProducerPerformance (posts)', 'X ingest', 'records_per_s')
pp_events = get('ProducerPerformance (events)', 'Bluesky ingest', 'records_per_s')
for entry in results:
    if entry['workload'] in ('emitter', 'REST NDJSON x1000'):
        entry['reference'] = 'kafka-producer-perf-test'
        entry['ratio'] = ratio(entry['records_per_s'], perf)
    elif entry['workload'] == 'X ingest':
        entry['reference'] = 'ProducerPerformance (posts)'  # Kafka's Java producer, the same posts and batching
        entry['ratio'] = ratio(entry['records_per_s'], pp_posts)
    elif entry['workload'] == 'Bluesky ingest':
        entry['reference'] = 'ProducerPerformance (events)'  # Kafka's Java producer, the same events and settings
        entry['ratio'] = ratio(entry['records_per_s'], pp_events)
    elif entry['workload'].startswith('e2e'):
        entry['reference'] = 'EndToEndLatency (p99)'
        entry['ratio'] = ratio(entry['p99_ms'], get('EndToEndLatency', entry['workload'], 'p99_ms'))


def at_least(bound):
    return lambda v: v is not None and v >= bound


def at_most(bound):
    return lambda v: v is not None and v <= bound


def heap_growth():
    """MB the heap (after a full GC) grew from before the first live-page run to after the last one."""
    entry = rows.get(('Pulse', 'REST single POST, console on, 50 live pages'))
    if not entry:
        return None
    notes = ' '.join(r['extra'] for r in entry['runs'])
    before = re.findall(r'heap_before=([0-9.]+)MB', notes)
    after = re.findall(r'heap_after=([0-9.]+)MB', notes)
    return round(float(after[-1]) - float(before[0]), 1) if before and after else None


cold = get('Pulse (cold)', 'emitter', 'records_per_s')
warm = get('Pulse', 'emitter', 'records_per_s')
x_warm = get('Pulse', 'X ingest', 'records_per_s')
targets = [
    ('emitter, cold >= 0.25x kafka-producer-perf-test', ratio(cold, perf), at_least(0.25)),
    ('emitter, cold >= 2x kafka-python (lab)', ratio(cold, get('kafka-python (lab)', 'emitter', 'records_per_s')),
     at_least(2)),
    ('X ingest, warm >= 30,000 posts/s', x_warm, at_least(30000)),
    ('X ingest, warm >= 0.7x ProducerPerformance (posts)', ratio(x_warm, pp_posts), at_least(0.7)),
    # Jetstream's peak is about 1,500 events/s for all collections
    ('Bluesky ingest, warm >= 20,000 events/s', get('Pulse', 'Bluesky ingest', 'records_per_s'), at_least(20000)),
    ('REST single POST >= 15,000 req/s', get('Pulse', 'REST single POST', 'records_per_s'), at_least(15000)),
    ('REST single POST p99 <= 15 ms', get('Pulse', 'REST single POST', 'p99_ms'), at_most(15)),
    ('REST NDJSON x1000 >= 0.25x kafka-producer-perf-test',
     ratio(get('Pulse', 'REST NDJSON x1000', 'records_per_s'), perf), at_least(0.25)),
    ('REST single POST with 50 live pages >= 0.9x without',
     ratio(get('Pulse', 'REST single POST, console on, 50 live pages', 'records_per_s'),
           get('Pulse', 'REST single POST, console on', 'records_per_s')), at_least(0.9)),
    ('heap after the live-page runs <= 20 MB above before', heap_growth(), at_most(20)),
    ('e2e p99 <= 1.5x EndToEndLatency p99', ratio(get('Pulse', 'e2e latency @1000/s', 'p99_ms'),
                                                 get('EndToEndLatency', 'e2e latency @1000/s', 'p99_ms')),
     at_most(1.5)),
]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return ''


today = datetime.date.today().isoformat()
machine = {
    'date': today, 'kind': kind, 'records': count, 'repetitions': reps,
    'cpus': os.cpu_count(), 'memory': sh("free -h | awk '/Mem:/ {print $2}'"),
    'cpu_model': sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
    'kernel': platform.release(), 'java': sh("java -version 2>&1 | head -1"), 'kcat': sh("kcat -V | sed -n 2p"),
    'broker': 'Apache Kafka 4.1.2 (KRaft, one process on loopback, same cores)',
    'heaps': 'Pulse -Xmx256m -Xmn96m, warm: after one warm-up pass, cold: a fresh JVM\'s first run; Kafka tools -Xmx256M '
             '(kafka-run-class.sh default; ProducerPerformance with the posts file more, to hold it), cold; Kafka Connect '
             'standalone -Xms256M -Xmx2G (connect-standalone.sh default), a fresh worker per run; '
             'broker logging as Kafka ships it (INFO, request logger WARN)',
}


def fmt(v, digits=0):
    return '-' if v is None else f'{v:,.{digits}f}'


x_entry = rows.get(('Pulse', 'X ingest'))
x_runs = f" (X ingest: of all {len(x_entry['runs'])} runs per contender)" if x_entry and len(x_entry['runs']) > reps else ''
lines = [f'# Pulse benchmark, {today} ({kind})', '',
         f"{machine['cpus']} cores ({machine['cpu_model']}), {machine['memory']} RAM, {machine['java']}, "
         f"{machine['broker']}; {count:,} records per emitter run, median of {reps} repetition(s){x_runs}; "
         f"{machine['heaps']}.", '',
         '| contender | workload | records/s | ratio | reference | p50 ms | p99 ms | notes |', '|---|---|---|---|---|---|---|---|']
for e in results:
    lines.append(f"| {e['label']} | {e['workload']} | {fmt(e['records_per_s'])} | {fmt(e.get('ratio'), 2)} | "
                 f"{e.get('reference', '')} | {fmt(e['p50_ms'], 2)} | {fmt(e['p99_ms'], 2)} | "
                 f"{'; '.join(r['extra'] for r in e['runs'] if r['extra'] != '-')} |")
lines += ['', '| workload | Pulse (cold) | Pulse (warm) | cold / warm |', '|---|---|---|---|']
for workload in workloads:
    c, w = get('Pulse (cold)', workload, 'records_per_s'), get('Pulse', workload, 'records_per_s')
    if c is not None:
        lines.append(f'| {workload} | {fmt(c)} | {fmt(w)} | {fmt(ratio(c, w), 2)} |')
lines += ['', '| target | measured | met |', '|---|---|---|']
for name, value, check in targets:
    lines.append(f"| {name} | {fmt(value, 2)} | {'yes' if check(value) else 'no'} |")
# not a target: EndToEndLatency reads each record before sending the next (closed loop); this compares like with like
same_way = ratio(get('Pulse', 'e2e latency @1000/s', 'p99_ms'),
                 get('Kafka clients, open loop', 'e2e latency @1000/s', 'p99_ms'))
lines += ['', f"Context, not a target: Pulse's e2e p99 is {fmt(same_way, 2)}x that of Kafka's own clients measured the "
          'same way (open loop at 1,000/s, bench/OpenLoop.java); EndToEndLatency sends a record only after it read '
          'the previous one, so a broker stall costs it one slow record where it costs a stream at 1,000/s many.']
connect = get('Kafka Connect FileStreamSource', 'emitter', 'records_per_s')
vs_connect = {'cold': ratio(cold, connect), 'warm': ratio(warm, connect)}
lines += ['', f"Context, not a target: Pulse's emitter is {fmt(vs_connect['cold'], 2)}x (cold) and "
          f"{fmt(vs_connect['warm'], 2)}x (warm) Kafka Connect's FileStreamSource reading the same records from a file "
          '(a fresh standalone worker, timed from the connector\'s creation until all records are in its topic).']
floor = ratio(x_warm, get('curl piped to kcat -P', 'X ingest', 'records_per_s'))
plain = ratio(x_warm, get('curl piped to kcat -P, no idempotence', 'X ingest', 'records_per_s'))
lines += ['', f"Context, not a target: Pulse's X ingest (warm) is {fmt(floor, 2)}x curl piped to kcat -P, the floor that "
          f"parses nothing (acks=all and idempotence, as Pulse delivers), and {fmt(plain, 2)}x the same without "
          "idempotence (kcat's default)."]
notx = {w: ratio(get('Pulse', w, 'records_per_s'), get('Pulse, no transactions', w, 'records_per_s'))
        for w in ('emitter', 'X ingest')}
lines += ['', f"Context, not a target: with the sources' transactions (fencing, on by default), Pulse's warm emitter runs "
          f"at {fmt(notx['emitter'], 2)}x and its X ingest at {fmt(notx['X ingest'], 2)}x the same Pulse writing "
          'plainly (pulse.owners.transactions=false), same broker, same run.']
os.makedirs(out_dir, exist_ok=True)
stem = os.path.join(out_dir, f'{today}-{kind}')
open(stem + '.md', 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
json.dump({'machine': machine, 'results': results,
           'targets': [{'target': n, 'measured': v, 'met': c(v)} for n, v, c in targets],
           'e2e_p99_vs_kafka_clients_open_loop': same_way, 'emitter_vs_kafka_connect_file_source': vs_connect,
           'x_ingest_vs_floor': floor, 'x_ingest_vs_floor_without_idempotence': plain,
           'transactional_vs_plain': notx},
          open(stem + '.json', 'w', encoding='utf-8'), indent=2)
print('\n'.join(lines))
print(f'\nwritten: {stem}.md, {stem}.json')
