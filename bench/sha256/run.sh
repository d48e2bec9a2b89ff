#!/usr/bin/env bash
# SHA-256 of the photo store (`facesearch bench sha256`, swift-crypto) beside
# Python's hashlib (OpenSSL) on a buffer of the same size, in one run: the
# store hashes every indexed photo twice and every cached search once.
#
#   bench/sha256/run.sh [BINARY] [MiB]   (default: $FACESEARCH_BIN, else .build/release/facesearch; 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-${FACESEARCH_BIN:-.build/release/facesearch}}
MIB=${2:-20}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), sha_ni: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
"$BIN" bench sha256 --mib "$MIB" --rounds 9
python3 - "$MIB" <<'PY'
import hashlib, os, ssl, sys, time
mib = int(sys.argv[1])
buffer = os.urandom(mib << 20)
hashlib.sha256(buffer).hexdigest()
times = []
for _ in range(9):
    started = time.perf_counter()
    hashlib.sha256(buffer).hexdigest()
    times.append(time.perf_counter() - started)
median = sorted(times)[len(times) // 2]
print(f"python hashlib ({ssl.OPENSSL_VERSION}) {mib} MiB: median {median * 1000:.2f} ms, {mib / median:.0f} MiB/s over 9 rounds")
PY
