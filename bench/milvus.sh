#!/usr/bin/env bash
# Milvus's HNSW beside facesearch's in-process exact and HNSW indexes, on the
# same clustered face-like vectors (the same seed) in one run, at SIZES
# (default 100,000 and 1,000,000): ingest vectors/s, the wait until Milvus has
# indexed every vector (load s), Milvus's resident memory (index MiB), p50/p99
# latency, queries/s on 1 and 2 threads and recall@10, at search widths EFS
# (default 16,64,256; SIZES=none skips this part), both graphs with M HNSW_M and
# efConstruction HNSW_EFC (default 16 and 100, the shape of the recorded run:
# at a million Milvus took 850 s to index at that shape, and the service's
# default of 32 and 200 takes about three times as long to build). Milvus 2.3.5 runs in a loopback-only network namespace
# of its own (scripts/milvus.sh) on a fresh data folder, removed afterwards.
# Then `facesearch ingest` of celeba-dev with the vectors in process and in
# that Milvus, ROUNDS times in turn, to show whether Milvus slows ingestion
# and how much CPU Milvus takes meanwhile (ingest.txt).
# Writes $RESULTS/index.csv (default bench/results/milvus), run.txt and ingest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${FACESEARCH_BIN:-.build/release/facesearch}")"
results="${RESULTS:-bench/results/milvus}"
sizes="${SIZES:-100000,1000000}"
efs="${EFS:-16,64,256}"
shape=(--hnsw-m "${HNSW_M:-16}" --hnsw-ef-construction "${HNSW_EFC:-100}")
export MILVUS_NETNS=facesearch-milvus-bench
data=$(mktemp -d -t facesearch-milvus-bench.XXXXXX)
cleanup() {
    bash scripts/milvus.sh stop || true
    bash scripts/milvus.sh delete-netns || true
    rm -rf "$data"
}
trap cleanup EXIT
bash scripts/milvus.sh install
bash scripts/milvus.sh start "$data"
pid=$(bash scripts/milvus.sh status | sed -n 's/^running: pid \([0-9]*\).*/\1/p')
[ -n "$pid" ] || { echo "bench/milvus.sh: no Milvus pid" >&2; exit 1; }
mkdir -p "$results"
if [ "$sizes" != none ]; then
    : > "$results/run.txt"
    parts=()
    for size in ${sizes//,/ }; do
        for index in exact hnsw milvus; do
            args=(bench index --index "$index" --count "$size" --kind clustered --threads 1,2
                --csv "$results/$index-$size.csv")
            [ "$index" = exact ] || args+=(--hnsw-ef "$efs" "${shape[@]}")
            [ "$index" = milvus ] && args+=(--milvus 127.0.0.1:19530 --milvus-pid "$pid")
            echo "== $index, $size vectors" | tee -a "$results/run.txt"
            bash scripts/milvus.sh exec "$bin" "${args[@]}" 2>&1 | tee -a "$results/run.txt"
            parts+=("$results/$index-$size.csv")
        done
    done
    awk 'FNR > 1 || NR == 1' "${parts[@]}" > "$results/index.csv"
    rm -f "${parts[@]}"
    echo "wrote $results/index.csv"
fi

# Does writing to Milvus slow `facesearch ingest`? The same photos (celeba-dev)
# into a new data folder, vectors in process, then in this Milvus, ROUNDS times
# (default 2) in turn; each Milvus line says how much CPU the Milvus process
# took meanwhile, on the same cores as the pipeline.
datasets="${FACESEARCH_DATASETS:-../shared/datasets}"
rounds="${ROUNDS:-2}"
ticks=$(getconf CLK_TCK)
milvus_cpu() { awk -v t="$ticks" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$pid/stat"; }
if [ -d "$datasets/celeba-dev" ]; then
    : > "$results/ingest.txt"
    for round in $(seq "$rounds"); do
        for store in in-process milvus; do
            gallery="$data/gallery-$store-$round"
            args=(ingest "$(realpath "$datasets/celeba-dev")" --collection people --label-from-folder --data "$gallery")
            [ "$store" = milvus ] && args+=(--milvus 127.0.0.1:19530)
            echo "== ingest, vectors $store, round $round" | tee -a "$results/ingest.txt"
            before=$(milvus_cpu)
            bash scripts/milvus.sh exec "$bin" "${args[@]}" 2>/dev/null | tee -a "$results/ingest.txt"
            after=$(milvus_cpu)
            echo "milvus process CPU meanwhile: $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.1f", b - a }') s" |
                tee -a "$results/ingest.txt"
        done
    done
else
    echo "!! SKIPPED: the ingest comparison ($datasets/celeba-dev is missing; set FACESEARCH_DATASETS)" >&2
fi
