#!/usr/bin/env bash
# Start-up to ready, RSS at rest and under a REST load (wrk, 64 connections, single JSON POSTs) of one Pulse build.
#   bench/measure-app.sh NAME BOOTSTRAP COMMAND...   e.g. bench/measure-app.sh jvm 127.0.0.1:19092 java -jar service/target/quarkus-app/quarkus-run.jar
set -euo pipefail
name=$1 bootstrap=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
port=18080
log="$here/work/$name.log"
mkdir -p "$here/work"
start=$(date +%s%N)
# Its own topics: with the default ones its console would read what earlier runs left there (bench/run's X runs
# leave 800,000 ~1 KB posts in tweets), and that is not the REST load being measured.
# Its own owners' group and control topics too: another Pulse still up would otherwise share its sources.
own="rss-$name-$(date +%s%N)"
KAFKA_BOOTSTRAP_SERVERS=$bootstrap QUARKUS_HTTP_PORT=$port PULSE_SAMPLE_ENABLED=false \
    PULSE_TOPICS_SAMPLE="rss-$name" PULSE_TOPICS_TWEETS="rss-$name-tweets" PULSE_OWNERS_GROUP_ID="$own" \
    PULSE_TOPICS_CONTROL="$own-control" PULSE_TOPICS_STATUS="$own-status" \
    QUARKUS_LOG_CATEGORY__PULSE_CONSOLE__LEVEL=WARN "$@" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "$name died, see $log" >&2; exit 1; }
    sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"warm":1}' "http://127.0.0.1:$port/messages"
sleep 2
rest_kb=$(ps -o rss= -p $pid | tr -d ' ')
peak=0
( while kill -0 $pid 2>/dev/null; do r=$(ps -o rss= -p $pid | tr -d ' '); echo "$r"; sleep 0.5; done ) >"$here/work/$name.rss" &
sampler=$!
wrk_out=$(wrk -t2 -c64 -d${WRK_DURATION:-20s} --latency -s "$here/post.lua" "http://127.0.0.1:$port/messages")
kill $sampler 2>/dev/null || true
peak=$(sort -n "$here/work/$name.rss" | tail -1)
rps=$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')
p50=$(echo "$wrk_out" | awk '$1=="50%" {print $2}')
p99=$(echo "$wrk_out" | awk '$1=="99%" {print $2}')
non2xx=$(echo "$wrk_out" | awk '/Non-2xx/ {print $NF}')
echo "| $name | ${ready_ms} ms | $((rest_kb / 1024)) MB | $((peak / 1024)) MB | $rps | $p50 | $p99 | ${non2xx:-0} |"
