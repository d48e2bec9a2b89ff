#!/usr/bin/env bash
# facesearch's HNSW index beside hnswlib's and faiss's, and the exact indexes,
# on the same vectors in one run: clustered face-like vectors (SIZES, default
# 100,000 and 1,000,000) and every face of celeba-dev with its mirror image
# (real SFace descriptors, bench/real_descriptors.py). Writes
# $RESULTS/index.csv (default bench/results/hnsw) and the sections of
# docs/BENCHMARKS.md that read it. About 45 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${FACESEARCH_BIN:-.build/release/facesearch}"
results="${RESULTS:-bench/results/hnsw}"
datasets="${FACESEARCH_DATASETS:-../shared/datasets}"
cache="${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}"
python="$(bash bench/peers/setup_index.sh | tail -1)"
real="$cache/bench/vectors/celeba-dev-sface"
mkdir -p "$results"
if [ -d "$datasets/celeba-dev" ]; then
    [ -f "$real.base.fvecs" ] || "$python" bench/real_descriptors.py --bin "$bin" \
        --dataset "$datasets/celeba-dev" --out "$real" --embedder sface
    real_args=(--real "$real")
else
    echo "!! SKIPPED: real descriptors ($datasets/celeba-dev is missing; set FACESEARCH_DATASETS)" >&2
    real_args=()
fi
python3 bench/index.py --bin "$bin" --results "$results" --peer-python "$python" \
    --indexes exact,hnsw --peer-indexes flat-l2,hnsw,faiss-hnsw --no-cosine \
    --sizes "${SIZES:-100000,1000000}" --kinds clustered "${real_args[@]}" | tee "$results/run.txt"
