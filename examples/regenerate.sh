#!/usr/bin/env bash
# Remakes the example decision log (examples/log) with the current jar and rules, e.g. after the
# log format changed. Run from the project folder after `mvn -q -B package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf examples/log
for client in examples/client-17.yaml examples/client-18.json examples/client-19.yaml; do
    java -jar target/advisor.jar evaluate "$client" --audit examples/log/decisions.jsonl > /dev/null
done
java -jar target/advisor.jar audit verify examples/log/decisions.jsonl
