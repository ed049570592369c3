-- wrk: single JSON POSTs to /messages (each answered after Kafka acknowledged)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"number": 42, "note": "wrk load"}'
