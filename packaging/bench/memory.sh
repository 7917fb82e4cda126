#!/bin/bash
# Memory of the agent with the launcher's default JVM options, measured in the container image:
# runs the image's entrypoint (run --simulate=N) in a chroot of the unpacked image as its user,
# scrapes the Prometheus endpoint on loopback every 5 s for SECONDS, and prints one line with the
# peak RSS, the scrapes that succeeded and failed, and the size of the last scrape. Needs root and
# the image unpacked by the packaging module's integration tests (mvn -pl packaging -am verify).
#   packaging/bench/memory.sh DRIVES SECONDS [JAVA_OPTS]
#   IMAGE_ROOT=dir BUS_TIMING=false packaging/bench/memory.sh 1000 120
set -euo pipefail
N=$1; S=$2; JO=${3:-}
HERE="$(cd "$(dirname "$0")" && pwd)"
R=${IMAGE_ROOT:-$HERE/../target/image-it/root}
[ -x "$R/usr/bin/nvme-mi-agent" ] || { echo "no image root at $R: run mvn -pl packaging -am verify first" >&2; exit 2; }
CHROOT=$(command -v chroot)
OUT=$(mktemp -d)
touch "$OUT/scrape.txt"
HP=$((20000 + RANDOM % 10000)); PP=$((HP + 1))
env -i PATH=/usr/bin:/bin JAVA_HOME=/usr/lib/nvme-mi-agent/runtime JAVA_OPTS="$JO" \
  NVME_MI_AGENT_HTTP_ADDRESS=127.0.0.1:$HP NVME_MI_AGENT_SIMULATE_BUS_TIMING="${BUS_TIMING:-true}" \
  OTEL_METRICS_EXPORTER=prometheus OTEL_EXPORTER_PROMETHEUS_HOST=127.0.0.1 OTEL_EXPORTER_PROMETHEUS_PORT=$PP \
  OTEL_LOGS_EXPORTER=none \
  "$CHROOT" --userspec=65532:65532 "$R" /usr/bin/nvme-mi-agent run --simulate="$N" > "$OUT/agent.log" 2>&1 &
PID=$!
end=$((SECONDS + S)); ok=0; failed=0; peak=0
while [ $SECONDS -lt $end ]; do
  sleep 5
  kill -0 $PID 2>/dev/null || { echo "the agent ended: $(tail -3 "$OUT/agent.log")" >&2; break; }
  code=$(curl -s -o "$OUT/scrape.txt" -w '%{http_code}' --max-time 40 "http://127.0.0.1:$PP/metrics" || true)
  if [ "$code" = 200 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
  rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$peak" ] && peak=$rss
done
series=$(grep -c '^[a-z]' "$OUT/scrape.txt" || true)
drives=$({ grep -o 'hw_id="[^"]*"' "$OUT/scrape.txt" || true; } | sort -u | wc -l)
echo "{\"drives\":$N,\"java_opts\":\"$JO\",\"seconds\":$S,\"peak_rss_mb\":$((peak / 1024)),\"scrapes_ok\":$ok,\"scrapes_failed\":$failed,\"series\":$series,\"scrape_bytes\":$(stat -c %s "$OUT/scrape.txt" 2>/dev/null || echo 0),\"drives_in_scrape\":$drives}"
kill $PID 2>/dev/null || true
wait $PID || true
rm -rf "$OUT"
