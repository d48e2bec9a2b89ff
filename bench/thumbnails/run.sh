#!/usr/bin/env bash
# Face thumbnails with and without the server's thumbnail cache, side by side
# in one run on the same gallery: a release `facesearch serve` is started
# twice on one data folder, first with `--thumbnail-cache-mib 0`, then with
# the default 16 MiB, and wrk asks for the thumbnails of every stored face in
# turn (the grid of a search answer or a people page viewed again and again).
# The table goes to standard output and to OUT (default
# bench/results/compare/thumbnails.txt, where bench/report.py reads it for
# docs/BENCHMARKS.md). About 80 s; `make bench` runs it too.
#
# Environment: FACESEARCH_BIN (default .build/release/facesearch); PHOTOS
# (default 200 photos of ../shared/datasets/celeba-dev, or face_recognition's
# test photos without the datasets); DURATION (per run, default 20s);
# CONNECTIONS (default 8); OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/serve-lib.sh

BIN=$(realpath "${FACESEARCH_BIN:-.build/release/facesearch}")
CACHE=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}
DATASETS=${FACESEARCH_DATASETS:-../shared/datasets}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
OUT=${OUT:-bench/results/compare/thumbnails.txt}
export OPENBLAS_NUM_THREADS=1
command -v wrk >/dev/null || bash scripts/apt-install.sh wrk

work=$(mktemp -d -t facesearch-thumbnails.XXXXXX)
trap 'serve_stop || true; rm -rf "$work"' EXIT
if [ -d "$DATASETS/celeba-dev" ]; then
    mapfile -t photos < <(find "$DATASETS/celeba-dev" -name '*.jpg' | sort | head -n 200)
    gallery="200 photos of celeba-dev"
else
    echo "WARNING: $DATASETS/celeba-dev is missing: using face_recognition's test photos" >&2
    mapfile -t photos < <(find "$CACHE/test-images" -name '*.jpg' | sort)
    gallery="face_recognition's ${#photos[@]} JPEG test photos"
fi

# The gallery, through the API.
serve_start "$BIN" "$work/data" "$work/serve-build.log" --workers 2
url="http://127.0.0.1:$SERVE_PORT"
curl -sS --fail -H "Authorization: Bearer $SERVE_KEY" -H 'Content-Type: application/json' \
    -d '{"name": "people"}' "$url/v1/collections" >/dev/null
for photo in "${photos[@]}"; do
    curl -sS -o /dev/null -H "Authorization: Bearer $SERVE_KEY" -H 'Content-Type: image/jpeg' \
        --data-binary "@$photo" "$url/v1/collections/people/faces"
done
ids=$(curl -sS --fail -H "Authorization: Bearer $SERVE_KEY" "$url/v1/collections/people/faces?limit=1000" |
    python3 -c 'import json, sys; print(" ".join(str(f["id"]) for f in json.load(sys.stdin)["faces"]))')
serve_stop
faces=$(wc -w <<<"$ids")

# wrk asks for each face's thumbnail in turn, with the key.
cat >"$work/thumbnails.lua" <<LUA
local ids = { $(sed 's/ /, /g' <<<"$ids") }
local next = 0
wrk.headers["Authorization"] = "Bearer $SERVE_KEY"
request = function()
    next = next % #ids + 1
    return wrk.format("GET", "/v1/faces/" .. ids[next] .. "/thumbnail")
end
done = function(summary, latency, requests)
    io.write(string.format("RESULT %d %d %.2f %.2f %.2f %d\n", summary.requests,
        summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.errors.status + summary.errors.connect + summary.errors.read +
        summary.errors.write + summary.errors.timeout))
end
LUA

rows=()
for mib in 0 16; do
    serve_start "$BIN" "$work/data" "$work/serve-$mib.log" --workers 2 --thumbnail-cache-mib "$mib"
    result=$(wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" -s "$work/thumbnails.lua" "http://127.0.0.1:$SERVE_PORT" |
        grep '^RESULT')
    hits=$(curl -sS "http://127.0.0.1:$SERVE_PORT/metrics" |
        awk '/^facesearch_thumbnail_cache_hits_total/ {print $2}')
    serve_stop
    read -r _ requests micros p50 p99 max errors <<<"$result"
    rows+=("$(python3 -c "import sys; r, us = int(sys.argv[1]), int(sys.argv[2]); print(f'{r / (us / 1e6):,.1f}')" \
        "$requests" "$micros")|$p50|$p99|$max|$errors|${hits:-0}|$mib")
done

{
    echo "bench/thumbnails/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
    echo "gallery: $gallery, $faces faces; wrk -t 2 -c $CONNECTIONS -d $DURATION, each face's thumbnail in turn"
    echo
    echo "| thumbnail cache | thumbnails/s | p50 ms | p99 ms | max ms | errors | cache hits |"
    echo "|---|---|---|---|---|---|---|"
    for row in "${rows[@]}"; do
        IFS='|' read -r rate p50 p99 max errors hits mib <<<"$row"
        label=$([ "$mib" = 0 ] && echo "off (0 MiB)" || echo "on ($mib MiB)")
        echo "| $label | $rate | $p50 | $p99 | $max | $errors | ${hits%.*} |"
    done
} | tee "$OUT"
