#!/usr/bin/env bash
# The service's load benchmark, loopback only and bounded (about a minute): starts `advisor serve`
# on a free port, runs wrk at 1, 8 and 32 connections against POST /v1/recommendations, reads the
# server's RSS after each run, streams a 100,000-line batch through POST /v1/recommendations/batch,
# edits a rule file under load to time the reload, then stops the server with SIGTERM.
# Usage: bench/serve/run.sh [SECONDS_PER_RUN]   (needs wrk, curl and target/advisor.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-10}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r rules-drl "$work/rules"

echo "load before: $(cat /proc/loadavg)"
start=$(date +%s%N)
java -jar target/advisor.jar serve --port 0 --rules "$work/rules" > "$work/out" 2> "$work/err" &
pid=$!
until grep -q '^listening on ' "$work/out"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/err"; exit 1; }
  sleep 0.05
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
url="$(sed -n 's/^listening on //p' "$work/out")"
echo "cold start to ready: ${ready} ms ($url)"
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
# The server's CPU time so far, in clock ticks (1/100 s): on a shared machine, requests per CPU-second
# of the server says more than requests per second.
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "RSS idle: $(rss)"

# Warm-up, not reported.
wrk -t2 -c8 -d5s -s bench/serve/recommend.lua "$url/v1/recommendations" > /dev/null
for c in 1 8 32; do
  threads=$(( c < 2 ? 1 : 2 ))
  before=$(cpu)
  line=$(wrk -t"$threads" -c"$c" -d"${secs}s" -s bench/serve/recommend.lua "$url/v1/recommendations" | grep '^RESULT')
  ticks=$(( $(cpu) - before ))
  requests=$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
  echo "connections=$c $line server_cpu_s=$(awk "BEGIN{print $ticks/100}") per_cpu_s=$(awk "BEGIN{printf \"%.0f\", $requests*100/($ticks>0?$ticks:1)}") rss=$(rss) load=$(cut -d' ' -f1 /proc/loadavg)"
done

java -jar target/advisor.jar generate --count 100000 --format jsonl --seed 7 --out "$work/batch.jsonl"
before=$(cpu)
bstart=$(date +%s%N)
lines=$(curl -sS --fail -H 'Content-Type: application/x-ndjson' --data-binary @"$work/batch.jsonl" "$url/v1/recommendations/batch" | wc -l)
bms=$(( ($(date +%s%N) - bstart) / 1000000 ))
echo "batch: $lines answer lines for 100000 input lines in ${bms} ms, server_cpu_s=$(awk "BEGIN{print ($(cpu)-$before)/100}") rss=$(rss) load=$(cut -d' ' -f1 /proc/loadavg)"

# A rule edit under load: the log says how long after the save the new rules went live.
wrk -t2 -c32 -d15s -s bench/serve/recommend.lua "$url/v1/recommendations" > "$work/wrk-reload" &
wrkpid=$!
sleep 3
echo "// reviewed again" >> "$work/rules/self-care-tips.drl"
until grep -q 'rules live: .*after the save' "$work/err" || ! kill -0 "$wrkpid" 2>/dev/null; do sleep 0.1; done
echo "reload under load: $(grep -o 'rules live: .*' "$work/err" | tail -1)"
wait "$wrkpid"
echo "during the reload: $(grep '^RESULT' "$work/wrk-reload")"

kill -TERM "$pid"
wait "$pid" || echo "serve exited with $?"
echo "load after: $(cat /proc/loadavg)"
