-- wrk: NDJSON batches of 1,000 {"number": n} lines to /messages (each answered after Kafka acknowledged all 1,000)
local lines = {}
for n = 0, 999 do lines[#lines + 1] = '{"number":' .. n .. '}' end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-ndjson"
wrk.body = table.concat(lines, "\n")
