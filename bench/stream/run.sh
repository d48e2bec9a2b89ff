#!/usr/bin/env bash
# Time per frame of the live WebSocket, side by side in one run: a release
# `facesearch serve` with a dlib collection (HOG, then the CNN) and a YuNet +
# SFace collection of the same photos, and bench/stream/stream.py sending the
# same frames to each, one frame in flight, the search cache off. Frames are
# celeba-dev photos the gallery does not hold, as they are (most are 500 px
# or less, like a camera's frames), or face_recognition's test photos without
# the datasets. The table goes to
# standard output and to OUT (default bench/results/models/stream.txt).
#
# Environment: FACESEARCH_BIN (default .build/release/facesearch); FRAMES
# (default 60); ROUNDS (default 3); OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/serve-lib.sh

BIN=$(realpath "${FACESEARCH_BIN:-.build/release/facesearch}")
CACHE=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}
DATASETS=${FACESEARCH_DATASETS:-../shared/datasets}
FRAMES=${FRAMES:-60}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-bench/results/models/stream.txt}
export OPENBLAS_NUM_THREADS=1

work=$(mktemp -d -t facesearch-stream.XXXXXX)
trap 'serve_stop || true; rm -rf "$work"' EXIT
if [ -d "$DATASETS/celeba-dev" ]; then
    mapfile -t all < <(find "$DATASETS/celeba-dev" -name '*.jpg' | sort)
    # Every tenth photo is a frame; 300 of the others are the gallery.
    gallery=() frames=()
    for i in "${!all[@]}"; do
        if (( i % 10 == 0 )) && (( ${#frames[@]} < FRAMES )); then frames+=("${all[$i]}")
        elif (( ${#gallery[@]} < 300 )); then gallery+=("${all[$i]}"); fi
    done
    source_text="${#gallery[@]} celeba-dev photos in each collection; ${#frames[@]} others as frames"
else
    echo "WARNING: $DATASETS/celeba-dev is missing: using face_recognition's test photos" >&2
    mapfile -t gallery < <(find "$CACHE/test-images" -name '*.jpg' | sort)
    frames=("${gallery[@]}")
    source_text="face_recognition's test photos as gallery and frames"
fi
mkdir -p "$work/frames"
for i in "${!frames[@]}"; do ln -s "$(realpath "${frames[$i]}")" "$work/frames/$(printf '%04d' "$i").jpg"; done

serve_start "$BIN" "$work/data" "$work/serve.log" --search-cache-mib 0
url="http://127.0.0.1:$SERVE_PORT"
for body in '{"name": "dlib", "detector": "hog+cnn", "embedder": "dlib"}' \
    '{"name": "sface", "detector": "yunet", "embedder": "sface"}'; do
    curl -sS --fail -H "Authorization: Bearer $SERVE_KEY" -H 'Content-Type: application/json' -d "$body" \
        "$url/v1/collections" >/dev/null
done
for photo in "${gallery[@]}"; do
    for collection in dlib sface; do
        curl -sS -o /dev/null -H "Authorization: Bearer $SERVE_KEY" -H 'Content-Type: image/jpeg' \
            --data-binary "@$photo" "$url/v1/collections/$collection/faces" || true
    done
done
mkdir -p "$(dirname "$OUT")"
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC at git $(git rev-parse --short HEAD) with bench/stream/run.sh;"
    echo "$source_text; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)."
    echo
    python3 bench/stream/stream.py --port "$SERVE_PORT" --key "$SERVE_KEY" --frames "$work/frames" \
        --collections dlib,sface --rounds "$ROUNDS"
} | tee "$OUT"
