#!/usr/bin/env bash
# Runs the curl examples of docs/API.md (the ```sh blocks between
# <!-- examples:begin --> and <!-- examples:end -->), in order, against a real
# `facesearch serve` on a fresh data folder; fails on the first command that
# fails (curl --fail-with-body turns any 4xx/5xx into a failure).
#
#   scripts/check-api-examples.sh [BINARY]   (default: $FACESEARCH_BIN, else .build/debug/facesearch)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/serve-lib.sh

BIN=${1:-${FACESEARCH_BIN:-.build/debug/facesearch}}
work=$(mktemp -d)
trap 'serve_stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

awk '/<!-- examples:begin -->/ { inside = 1; next }
     /<!-- examples:end -->/ { inside = 0 }
     inside && /^```sh$/ { block = 1; next }
     inside && /^```$/ { block = 0; print "echo"; next }
     block { print }' docs/API.md >"$work/examples.sh"
commands=$(grep -c '^curl\|^  curl' "$work/examples.sh" || true)
if [ "$commands" -lt 10 ]; then
    echo "check-api-examples: found only $commands curl commands in docs/API.md" >&2
    exit 1
fi

serve_start "$BIN" "$work/data" "$work/serve.log"
export URL=http://127.0.0.1:$SERVE_PORT KEY=$SERVE_KEY
export PHOTOS=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}/test-images
echo "check-api-examples: $commands curl commands against $URL"
(cd "$work" && bash -euo pipefail -x examples.sh >"$work/answers.txt" 2>"$work/trace.txt") || {
    tail -n 20 "$work/trace.txt" >&2
    tail -c 2000 "$work/answers.txt" >&2
    echo "check-api-examples: a documented example failed (above)" >&2
    exit 1
}
# The answers say what the docs say they say.
grep -q '"label":"obama"' "$work/answers.txt"
grep -q '"same_person":true' "$work/answers.txt"
[ "$(head -c 3 "$work/face.jpg" | od -An -tx1 | tr -d ' ')" = "ffd8ff" ]
serve_stop
echo "check-api-examples: every example worked"
