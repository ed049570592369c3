#!/usr/bin/python3
"""The lab's producer (kafka-python) without its 5 s sleep: N records {"number": n}, acks=all; prints records/s."""
import json
import sys
import time

from kafka import KafkaProducer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
producer = KafkaProducer(bootstrap_servers=bootstrap, acks='all',
                         value_serializer=lambda v: json.dumps(v).encode('utf-8'))
start = time.time()
for n in range(count):
    producer.send(topic, value={'number': n})
producer.flush()
print('%.1f' % (count / (time.time() - start)))
