#!/usr/bin/env bash
# Every side-by-side benchmark of facesearch against its peers, in one run, on
# one machine: pipeline (face_recognition 1.3.0), accuracy (the same photos and
# pairs), vector index (faiss, hnswlib), optionally the service under load;
# then the plots and docs/BENCHMARKS.md, docs/QUALITY.md (bench/report.py).
#
#   make bench                       build, install the peers, run everything (about an hour, quiet machine)
#   bench/run_all.sh                 the same with an existing build
#   LOAD=1 bench/run_all.sh          also bench/load/run.sh (about 15 minutes more)
#
# Run it on a quiet machine: the figures are only as good as the idle cores.
# Environment (defaults in brackets):
#   FACESEARCH_BIN [.build/release/facesearch]   FACESEARCH_DATASETS [../shared/datasets]
#   FACESEARCH_CACHE [~/.cache/facesearch]       RESULTS [bench/results/compare]   DOCS [docs]
#   PEERS [setup: run bench/peers/setup.sh; auto: use the venv if it is there, else SKIP; none]
#   WORKERS [2]  LARGE [50: the biggest photos timed apart]  LIMIT [0: every photo]
#   SETTINGS [default,hog-cnn,hog,double-below-400,jitters-5,fr-compatible,yunet-dlib: facesearch's settings]
#   INDEX_SIZES [10000,100000,1000000]  INDEX_KINDS [random,clustered]  INDEX_QUERIES [500]  INDEX_BATCH [1000]
#   INDEX_COSINE [1]  SECTIONS [pipeline,index,thumbnails: what to run]  LOAD [0]
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
export FACESEARCH_CACHE=${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}
BIN=${FACESEARCH_BIN:-.build/release/facesearch}
DATASETS=${FACESEARCH_DATASETS:-../shared/datasets}
RESULTS=${RESULTS:-bench/results/compare}
DOCS=${DOCS:-docs}
PEERS=${PEERS:-setup}
SECTIONS=${SECTIONS:-pipeline,index,thumbnails}
started=$(date -u +%s)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
skipped=()

loud() { printf '\n!! %s\n\n' "$*" >&2; }
step() { printf '\n==== %s (%s UTC)\n' "$*" "$(date -u +%H:%M:%S)"; }

if [ ! -x "$BIN" ]; then
    echo "run_all: no facesearch executable at $BIN (make build, or set FACESEARCH_BIN)" >&2
    exit 1
fi
peer_python=""
case $PEERS in
    setup) peer_python=$(bash bench/peers/setup.sh | tail -n 1) ;;
    auto)
        candidate=$FACESEARCH_CACHE/peers/venv/bin/python
        if [ -x "$candidate" ] && "$candidate" -c "import face_recognition, faiss, hnswlib, matplotlib" 2>/dev/null
        then peer_python=$candidate
        else loud "SKIPPED: the peer half (face_recognition, faiss, hnswlib, plots): no complete venv at" \
            "$candidate; bench/peers/setup.sh builds it (dlib from source: about 20 minutes)"
            skipped+=("peers")
        fi ;;
    none) loud "SKIPPED: the peer half (face_recognition, faiss, hnswlib, plots): PEERS=none"
        skipped+=("peers") ;;
    *) echo "run_all: PEERS is setup, auto or none, not $PEERS" >&2; exit 64 ;;
esac
python=${peer_python:-python3}
mkdir -p "$RESULTS/raw"
# Raw per-photo descriptors and vectors stay out of git; the CSVs and plots are the record.
printf '*\n!.gitignore\n' >"$RESULTS/raw/.gitignore"

dataset=$DATASETS/celeba-dev
SETTINGS=${SETTINGS:-default,hog-cnn,hog,double-below-400,jitters-5,fr-compatible,yunet-dlib}
if [[ $SECTIONS == *pipeline* ]]; then
    if [ ! -f "$dataset/pairs.tsv" ]; then
        loud "SKIPPED: pipeline and accuracy: no celeba-dev at $dataset (set FACESEARCH_DATASETS)"
        skipped+=("pipeline" "accuracy")
    else
        step "pipeline: facesearch ($SETTINGS) and face_recognition"
        "$python" bench/pipeline.py --bin "$BIN" --dataset "$dataset" --results "$RESULTS" \
            --peer-python "$peer_python" --workers "${WORKERS:-2}" --large "${LARGE:-50}" \
            --limit "${LIMIT:-0}" --settings "$SETTINGS"
        step "accuracy: the same photos and pairs"
        systems=()
        IFS=, read -r -a own <<<"$SETTINGS"
        for name in "${own[@]}"; do systems+=("facesearch-$name"); done
        [ -z "$peer_python" ] || systems+=("face_recognition-default")
        "$python" bench/accuracy.py --dataset "$dataset" --results "$RESULTS" "${systems[@]}" \
            | tee "$RESULTS/accuracy.txt"
    fi
fi
if [[ $SECTIONS == *index* ]]; then
    step "index: facesearch's exact index and faiss's flat ones on the same vectors"
    cosine=()
    [ "${INDEX_COSINE:-1}" = 1 ] || cosine=(--no-cosine)
    # The exact indexes here; the HNSW graphs side by side in `make bench-hnsw` (bench/hnsw.sh).
    "$python" bench/index.py --bin "$BIN" --results "$RESULTS" --peer-python "$peer_python" \
        --indexes exact --peer-indexes flat-l2,flat-ip \
        --sizes "${INDEX_SIZES:-10000,100000,1000000}" --kinds "${INDEX_KINDS:-random,clustered}" \
        --queries "${INDEX_QUERIES:-500}" --batch "${INDEX_BATCH:-1000}" "${cosine[@]}"
fi
if [[ $SECTIONS == *thumbnails* ]]; then
    step "thumbnails: the server's thumbnail cache off and on"
    FACESEARCH_BIN=$BIN OUT=$RESULTS/thumbnails.txt DURATION=${THUMBNAILS_DURATION:-20s} \
        bash bench/thumbnails/run.sh
fi
if [ "${LOAD:-0}" = 1 ]; then
    step "service: bench/load/run.sh"
    FACESEARCH_BIN=$BIN RESULTS=$RESULTS/load bash bench/load/run.sh
fi

step "plots and docs"
finished=$(date -u +%s)
command="make bench"
[ "${LOAD:-0}" = 0 ] || command="LOAD=1 make bench"
"$python" - "$RESULTS/run.json" "$started" "$finished" "$command" "$dataset" "$peer_python" \
    "$load_at_start" <<'EOF'
import json, os, subprocess, sys, time
sys.path.insert(0, "bench")
import common
out, started, finished, command, dataset, peer, load = sys.argv[1:]
commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
versions = {"facesearch": f"git {commit}" if commit else "?"}
if peer:
    probe = ("from importlib.metadata import version as v; import dlib; print(dlib.__version__); "
             "[print(v(n)) for n in ('face_recognition', 'faiss-cpu', 'hnswlib', 'numpy', 'pillow', 'matplotlib')]")
    found = subprocess.run([peer, "-c", probe], capture_output=True, text=True).stdout.split()
    names = ["dlib (Python)", "face_recognition", "faiss-cpu", "hnswlib", "numpy", "Pillow", "matplotlib"]
    versions.update(zip(names, found))
stamp = lambda seconds: time.strftime("%Y-%m-%d %H:%M", time.gmtime(int(seconds)))
json.dump({"started": stamp(started), "finished": stamp(finished),
           "minutes": round((int(finished) - int(started)) / 60, 1), "command": command,
           "datasets": os.path.realpath(dataset), "machine": {**common.machine(), "load_average": load},
           "versions": versions},
          open(out, "w"), indent=1)
EOF
if [ -n "$peer_python" ]; then
    "$peer_python" bench/plots.py --results "$RESULTS"
else
    loud "SKIPPED: plots (matplotlib lives in the peer venv)"
    skipped+=("plots")
fi
python3 bench/report.py --results "$RESULTS" --out "$DOCS"
echo "run_all: done in $(( ($(date -u +%s) - started) / 60 )) min; results in $RESULTS${skipped:+; SKIPPED: ${skipped[*]}}"
