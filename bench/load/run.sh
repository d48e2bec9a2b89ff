#!/usr/bin/env bash
# Load benchmark: a release `facesearch serve` on a 10,000-face gallery, driven
# by locust headless at 10, 50 and 100 users for each workload (search only;
# half index, half search). Each run starts from a fresh copy of the gallery, so
# the photos indexed in one run are new to the next. CSVs and summaries go to
# bench/results/compare/load/; a table is printed at the end (docs/BENCHMARKS.md, "Service under load").
#
#   bench/load/run.sh       the whole matrix: about 13 minutes, plus about 15 the
#                           first time to build and cache the gallery
#   DURATION=5s USERS=2 TARGET_FACES=200 IDENTITIES=4 RESULTS=/tmp/load-smoke \
#       bench/load/run.sh   a smoke test on a gallery of four people
#
# Environment: FACESEARCH_BIN (default .build/release/facesearch); DURATION
# (per run, default 2m); USERS (default "10 50 100"); SCENARIOS (default
# "search mix"); TARGET_FACES (default 10000); IDENTITIES (default all; fewer
# for a smoke test); GALLERY (default $FACESEARCH_CACHE/bench/gallery-TARGET);
# RESULTS (default bench/results/compare/load, where bench/report.py reads it); SERVE_FLAGS (extra flags for serve,
# default "--search-cache-mib 0", so that every search runs the pipeline); EMBEDDER (the gallery
# collection's embedder, default dlib; sface builds and caches its own gallery, with YuNet).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/serve-lib.sh

CACHE=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}
BIN=$(realpath "${FACESEARCH_BIN:-.build/release/facesearch}")
DURATION=${DURATION:-2m}
USERS=${USERS:-10 50 100}
SCENARIOS=${SCENARIOS:-search mix}
TARGET_FACES=${TARGET_FACES:-10000}
IDENTITIES=${IDENTITIES:-0}
EMBEDDER=${EMBEDDER:-dlib}
RESULTS=${RESULTS:-bench/results/compare/load}
SERVE_FLAGS=${SERVE_FLAGS---search-cache-mib 0}
export FACESEARCH_DATASETS=${FACESEARCH_DATASETS:-../shared/datasets}
export OPENBLAS_NUM_THREADS=1
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the repository
VENV=$CACHE/venvs/locust-2.47.0
DEFAULT_GALLERY=$CACHE/bench/gallery-$TARGET_FACES
[ "$IDENTITIES" = 0 ] || DEFAULT_GALLERY=$DEFAULT_GALLERY-$IDENTITIES-people
[ "$EMBEDDER" = dlib ] || DEFAULT_GALLERY=$DEFAULT_GALLERY-$EMBEDDER
GALLERY=${GALLERY:-$DEFAULT_GALLERY}

if [ ! -x "$VENV/bin/locust" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet locust==2.47.0 pillow==12.0.0
fi
"$VENV/bin/python" bench/load/build_gallery.py --bin "$BIN" --target-faces "$TARGET_FACES" \
    --identities "$IDENTITIES" --embedder "$EMBEDDER" --out "$GALLERY"

mkdir -p "$RESULTS"
work=$(mktemp -d "$(dirname "$GALLERY")/run.XXXXXX")  # beside the gallery: hard links need one file system
trap 'serve_stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for scenario in $SCENARIOS; do
    case $scenario in
        search) user_class=SearchUser ;;
        mix) user_class=MixUser ;;
        *) echo "unknown scenario $scenario (search, mix)" >&2; exit 64 ;;
    esac
    for users in $USERS; do
        # A fresh copy of the gallery: the photos are immutable, so hard links do.
        rm -rf "$work/data"
        mkdir -p "$work/data"
        cp -al "$GALLERY/data/images" "$work/data/images"
        find "$GALLERY/data" -maxdepth 1 -name 'facesearch.sqlite*' -exec cp {} "$work/data/" \;
        # shellcheck disable=SC2086 # SERVE_FLAGS is a list of flags
        serve_start "$BIN" "$work/data" "$work/serve-$scenario-$users.log" $SERVE_FLAGS
        echo "== $scenario, $users users, $DURATION (port $SERVE_PORT)"
        FACESEARCH_KEY=$SERVE_KEY LOAD_MANIFEST=$GALLERY/manifest.json \
            LOAD_SUMMARY=$RESULTS/$scenario-$users-summary.json \
            "$VENV/bin/locust" -f bench/load/locustfile.py --headless --only-summary \
            --users "$users" --spawn-rate "$users" --run-time "$DURATION" \
            --host "http://127.0.0.1:$SERVE_PORT" --csv "$RESULTS/$scenario-$users" "$user_class" \
            >"$RESULTS/$scenario-$users-locust.log" 2>&1 || true  # exits 1 when a request failed
        curl -fsS "http://127.0.0.1:$SERVE_PORT/metrics" >"$RESULTS/$scenario-$users-metrics.txt" || true
        if ! serve_stop; then
            cp "$work/serve-$scenario-$users.log" "$RESULTS/"
            echo "serve did not stop cleanly; see $RESULTS/serve-$scenario-$users.log" >&2
        fi
    done
done
"$VENV/bin/python" bench/load/report.py "$RESULTS" | tee "$RESULTS/summary.txt"
# The commit measured; the results this run rewrote do not make it "dirty".
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
git diff --quiet HEAD -- . ":(exclude)$RESULTS" 2>/dev/null || commit="$commit with uncommitted changes"
printf '%s UTC at git %s\n' "$(date -u '+%Y-%m-%d %H:%M')" "$commit" >"$RESULTS/measured.txt"
