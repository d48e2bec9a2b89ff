#!/usr/bin/env bash
# The harness's smoke test: bench/run_all.sh end to end on a tiny input, in a
# temporary folder, in about a minute, so that the harness keeps working. Its
# figures mean nothing and are thrown away; no timing is checked.
#
#   bench/smoke.sh                   (FACESEARCH_BIN [.build/release/facesearch]; KEEP=DIR keeps the output)
#
# Input: face_recognition's test photos ($FACESEARCH_CACHE/test-images, fetched
# by scripts/setup.sh) as a two-person dataset with a pairs.tsv, and 2,000 and
# 4,000 generated vectors (and 2,000 for the HNSW rows). No ../shared/datasets needed.
#
# The peer half (face_recognition, faiss, hnswlib, plots) runs when the peer
# venv of bench/peers/setup.sh is there; otherwise it prints a loud SKIPPED and
# the facesearch half still runs and is checked: building dlib takes 20 minutes,
# too long to demand of every `make test`.
#
# Checks: every CSV and both generated docs are written; the accuracy that
# bench/accuracy.py computes from facesearch's descriptors equals what
# `facesearch eval` prints for the same photos; with the peers, facesearch's
# `--face-recognition-compatible` boxes equal face_recognition's and its
# descriptors are bit-identical except for faces cut by the frame (see below),
# and every plot exists.
set -euo pipefail
cd "$(dirname "$0")/.."
export FACESEARCH_CACHE=${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}
BIN=${FACESEARCH_BIN:-.build/release/facesearch}
photos=$FACESEARCH_CACHE/test-images
if [ ! -f "$photos/obama.jpg" ]; then
    echo "smoke: no test photos in $photos (run scripts/setup.sh)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/datasets/celeba-dev/obama" "$work/datasets/celeba-dev/biden"
for name in obama obama2 obama3 obama_partial_face obama_partial_face2; do
    ln -s "$photos/$name.jpg" "$work/datasets/celeba-dev/obama/$name.jpg"
done
ln -s "$photos/biden.jpg" "$work/datasets/celeba-dev/biden/biden.jpg"
printf 'path_a\tpath_b\tsame\n%s\n%s\n%s\n%s\n' \
    $'obama/obama.jpg\tobama/obama2.jpg\t1' $'obama/obama2.jpg\tobama/obama3.jpg\t1' \
    $'obama/obama.jpg\tbiden/biden.jpg\t0' $'obama/obama3.jpg\tbiden/biden.jpg\t0' \
    >"$work/datasets/celeba-dev/pairs.tsv"

FACESEARCH_BIN=$BIN FACESEARCH_DATASETS=$work/datasets RESULTS=$work/results DOCS=$work/docs PEERS=${PEERS:-auto} \
    LARGE=2 INDEX_SIZES=2000,4000 INDEX_QUERIES=20 INDEX_BATCH=50 THUMBNAILS_DURATION=2s bash bench/run_all.sh 2>&1 \
    | tee "$work/run.log"

# The HNSW half of the index bench (bench/hnsw.sh's facesearch rows), on 2,000 vectors.
python3 bench/index.py --bin "$BIN" --results "$work/hnsw" --indexes exact,hnsw --no-cosine --sizes 2000 \
    --kinds clustered --queries 20 --batch 50 --recall-queries 20 --hnsw-ef 16,64 --vectors "$work/vectors" \
    2>&1 | tee "$work/hnsw.log"

[ -z "${KEEP:-}" ] || { mkdir -p "$KEEP"; cp -r "$work/results" "$work/docs" "$KEEP/"; }
failures=0
check() {
    if eval "$2"; then echo "smoke: ok: $1"; else echo "smoke: FAILED: $1" >&2; failures=$((failures + 1)); fi
}
results=$work/results
for file in pipeline.csv pipeline-photos.csv accuracy.csv accuracy-pairs.csv accuracy-photos.csv index.csv \
    index-latencies.csv run.json thumbnails.txt; do
    check "$file written" "[ -s '$results/$file' ]"
done
check "docs generated" "grep -q 'Face pipeline' '$work/docs/BENCHMARKS.md' \
    && grep -q 'Side by side' '$work/docs/QUALITY.md'"
check "thumbnails measured with the cache off and on, without errors" \
    "[ \$(grep -cE '^\| (off|on) .*\| 0 \| [0-9]+ \|\$' '$results/thumbnails.txt') = 2 ]"
check "hnsw rows at two widths beside the exact index" \
    "[ \$(grep -c '^facesearch HNSWIndex' '$work/hnsw/index.csv') = 2 ] && grep -q '^facesearch ExactIndex' '$work/hnsw/index.csv'"
check "pipeline rows for 7 settings on 2 photo sets" \
    "[ \$(grep -c '^facesearch,' '$results/pipeline.csv') = 14 ]"
"$BIN" eval "$work/datasets/celeba-dev" --json >"$work/eval.json" 2>/dev/null
check "bench/accuracy.py agrees with facesearch eval" "python3 - '$work/eval.json' '$results/accuracy.csv' <<'EOF'
import csv, json, sys
report = json.load(open(sys.argv[1]))
row = next(r for r in csv.DictReader(open(sys.argv[2])) if r['system'] == 'facesearch-default')
expected = {'rank1': report['rank1'], 'rank5': report['rank5'], 'accuracy_at_0.6': report['pairs']['accuracyAtDefault'],
            'best_accuracy': report['pairs']['bestAccuracy']}
wrong = {k: (row[k], 100 * v) for k, v in expected.items() if abs(float(row[k]) - 100 * v) > 0.005}
print('smoke: accuracy.py vs eval:', wrong or 'equal')
sys.exit(1 if wrong or int(row['queries']) != report['identificationQueries'] else 0)
EOF"
if grep -q "SKIPPED: the peer half" "$work/run.log"; then
    echo
    echo "smoke: !! SKIPPED: the peer half (face_recognition, faiss, hnswlib, plots): no peer venv" \
        "(bench/peers/setup.sh builds it, about 20 minutes); the facesearch half passed the checks above"
else
    check "face_recognition rows" "grep -q '^face_recognition,' '$results/pipeline.csv'"
    check "faiss rows" "grep -q '^faiss' '$results/index.csv'"
    # face_recognition's usual call, face_encodings(image, face_locations(image)), places the landmarks in the
    # boxes clipped to the photo; facesearch (like face_encodings(image)) in the detector's own boxes. So the
    # two faces the frame cuts differ, and only they.
    check "fr-compatible: same boxes; descriptors bit-identical but for the faces the frame cuts" \
        "python3 - '$results/accuracy-agreement.csv' <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
differ = sorted(r['path'] for r in rows if r['identical_descriptor'] != '1')
print('smoke: descriptors differ for', differ)
sys.exit(0 if all(r['same_box'] == '1' for r in rows) and len(rows) == 6
         and differ == ['obama/obama_partial_face.jpg', 'obama/obama_partial_face2.jpg'] else 1)
EOF"
    for plot in pipeline-throughput pipeline-latency accuracy-roc accuracy-distances index-qps index-latency; do
        check "$plot.png drawn" "[ -s '$results/plots/$plot.png' ]"
    done
fi
if [ "$failures" -gt 0 ]; then
    echo "smoke: $failures check(s) FAILED (log: kept in $work.log)" >&2
    cp "$work/run.log" "$work.log"
    exit 1
fi
echo "smoke: passed"
