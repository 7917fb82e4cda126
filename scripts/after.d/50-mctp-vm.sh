#!/usr/bin/env bash
# Runs transport-mctp's integration tests against a real kernel MCTP stack inside a QEMU guest
# (needs the jars and test classes of `mvn verify`). Builds the guest kernel on first use (about
# 4 min on 2 cores, cached under ~/.cache/nvme-mi-agent/kernel); later runs reuse it.
# SKIP_VM=1 skips this step.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_VM:-0}" = 1 ]; then
  echo "mctp-vm: skipped (SKIP_VM=1)"
  exit 0
fi
exec scripts/mctp-vm/run-tests.sh
