#!/usr/bin/env bash
# Starts ONE standalone Apache Kafka broker (KRaft, combined broker+controller) as its own process on loopback,
# from the same Maven Central jars as the dev broker (dev-broker/deployment's class path).
#   bench/broker.sh start [PORT]   → prints the bootstrap address; data and log under bench/work/broker
#   bench/broker.sh stop
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/bench/work/broker"
cmd=${1:-start}
port=${2:-19092}

if [ "$cmd" = stop ]; then
    [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do [ -f "$work/pid" ] && kill -0 "$(cat "$work/pid")" 2>/dev/null || break; sleep 1; done
    rm -f "$work/pid"
    exit 0
fi

mkdir -p "$work"
cp_file="$work/classpath"
if [ ! -s "$cp_file" ]; then
    (cd "$root" && ./mvnw -B -q install -DskipTests -pl dev-broker/runtime,dev-broker/deployment -am >/dev/null \
        && ./mvnw -B -q dependency:build-classpath -pl dev-broker/deployment -Dmdep.outputFile="$cp_file" >/dev/null)
fi
rm -rf "$work/data"
cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((port + 1))
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
# The broker logs as Kafka's own config/log4j2.yaml has it: INFO, request logging at WARN, to broker.log. The class
# path is the dev broker's, which runs inside Quarkus: Quarkus's log configurator (quarkus-bootstrap-runner) enables
# every level and holds the lines for a Quarkus start that never comes here, so the broker formatted a TRACE and a DEBUG
# description of every request and dropped them: most of its allocation, and CPU taken from every contender.
cat > "$work/logging.properties" <<LOGGING
loggers=kafka.request.logger,kafka.network.RequestChannel\$
logger.level=INFO
logger.handlers=CONSOLE
logger.kafka.request.logger.level=WARN
logger.kafka.network.RequestChannel\$.level=WARN
handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler
handler.CONSOLE.formatter=PATTERN
formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter
formatter.PATTERN.properties=pattern
formatter.PATTERN.pattern=[%d] %p %s (%c)%e%n
LOGGING
cp="$(tr ':' '\n' <"$cp_file" | grep -v -e /quarkus-bootstrap-runner- -e /quarkus-ide-launcher- | paste -sd:)"
# random-uuid prints a log line before the id on the same stream: the id is its last line
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.tools.StorageTool format -t "$(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.tools.StorageTool random-uuid | tail -1)" \
    -c "$work/server.properties" >/dev/null
nohup java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dlogging.configuration="file:$work/logging.properties" -cp "$cp" kafka.Kafka "$work/server.properties" >"$work/broker.log" 2>&1 &
echo $! >"$work/pid"
for _ in $(seq 1 60); do
    if (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then echo "127.0.0.1:$port"; exit 0; fi
    sleep 1
done
echo "broker did not start, see $work/broker.log" >&2
exit 1
