"""Vector search, side by side: facesearch's exact and HNSW indexes, faiss's flat and HNSW
indexes and hnswlib on the same vectors, one after the other.

    python3 bench/index.py --bin .build/release/facesearch --results bench/results/compare \\
        [--peer-python VENV/bin/python] [--peer-indexes flat-l2,flat-ip,hnsw,faiss-hnsw] \\
        [--indexes exact,hnsw] [--hnsw-m 32 --hnsw-efc 200 --hnsw-ef 16,32,64,128,256] \\
        [--sizes 10000,100000,1000000] [--kinds random,clustered] [--real PREFIX --match-distance D]

For each size and kind, `facesearch bench index` generates the vectors (seed 1),
measures its exact index with the euclidean metric (and, unless --no-cosine,
the cosine one, the counterpart of faiss's IndexFlatIP) and saves them as
.fvecs in --vectors; then its HNSW index (built once, one row per search
width in --hnsw-ef); bench/index_peer.py then measures faiss and hnswlib on
those files with the same M, efConstruction and widths (--peer-indexes;
bench/peers/setup_index.sh makes a venv with just faiss and hnswlib). --real
adds the same runs on real descriptors (bench/real_descriptors.py). Every row
has recall@10 against an exact search and match_recall: of the true ten
nearest within --match-distance (the same-person line), the share found.
Writes index.csv (one row per index, kind, size and width) and
index-latencies.csv (every single query's time). The generated .fvecs files
(512 MiB per million vectors) are deleted after use. Without --peer-python
the peer rows are SKIPPED, loudly.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COLUMNS = [
    "system", "kind", "count", "dim", "k", "build_s", "load_s", "adds_per_s", "index_mib", "rss_before_mib",
    "rss_after_mib", "p50_ms", "p99_ms", "qps_1t", "qps_2t", "recall", "match_recall", "unreachable", "relink_s",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--peer-python", default="")
    parser.add_argument("--peer-indexes", default="flat-l2,flat-ip,hnsw,faiss-hnsw",
                        help="index_peer.py's --indexes: flat-l2, flat-ip, hnsw (hnswlib), faiss-hnsw")
    parser.add_argument("--indexes", default="exact,hnsw",
                        help="facesearch's indexes: exact, hnsw, hnsw-floats (hnsw walked on floats, not codes)")
    parser.add_argument("--hnsw-m", type=int, default=32)
    parser.add_argument("--hnsw-efc", type=int, default=200)
    parser.add_argument("--hnsw-ef", default="16,32,64,128,256", help="search widths, one row each")
    parser.add_argument("--match-distance", type=float, default=0.6,
                        help="same-person L2 distance for match_recall (0.6: dlib's line, which generated "
                             "clustered data follows; use 1.128 for unit SFace vectors)")
    parser.add_argument("--real", default="", help="also measure on PREFIX.base/query.fvecs (real descriptors)")
    parser.add_argument("--real-match-distance", type=float, default=1.128,
                        help="the same-person L2 distance of --real's vectors (1.128: SFace's line on unit vectors)")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--kinds", default="random,clustered")
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--queries", type=int, default=500, help="single queries timed")
    parser.add_argument("--batch", type=int, default=1000, help="queries in the timed batch")
    parser.add_argument("--recall-queries", type=int, default=50)
    parser.add_argument("--no-cosine", action="store_true", help="skip facesearch's cosine runs")
    parser.add_argument("--vectors", default=os.path.join(
        os.environ.get("FACESEARCH_CACHE", os.path.expanduser("~/.cache/facesearch")), "bench", "vectors"))
    args = parser.parse_args()

    raw = os.path.join(args.results, "raw")
    os.makedirs(raw, exist_ok=True)
    csv_path = os.path.join(args.results, "index.csv")
    latencies_path = os.path.join(args.results, "index-latencies.csv")
    for path in (csv_path, latencies_path):
        if os.path.exists(path):
            os.remove(path)
    metrics = ["euclidean"] + ([] if args.no_cosine else ["cosine"])
    runs = [(count, kind, os.path.join(args.vectors, f"{kind}-{count}-{args.dim}-seed1"), True)
            for count in map(int, args.sizes.split(",")) if count for kind in args.kinds.split(",")]
    if args.real:
        runs.append((None, "real", args.real, False))
    for count, kind, prefix, generated in runs:
        match_distance = args.match_distance if generated else args.real_match_distance
        for index in args.indexes.split(","):
            # hnsw runs on L2 only, as its peers do; the exact index on both metrics.
            for metric in (metrics if index == "exact" else ["euclidean"]):
                save = generated and index == "exact" and metric == metrics[0]
                _facesearch(args, count, kind, metric, index, prefix, raw, csv_path, latencies_path, save, generated,
                            match_distance)
        if args.peer_python:
            print(f"$ index_peer.py --vectors {prefix} --indexes {args.peer_indexes}", flush=True)
            subprocess.run([
                args.peer_python, os.path.join(os.path.dirname(os.path.abspath(__file__)), "index_peer.py"),
                "--vectors", prefix, "--kind", kind, "--csv", csv_path, "--latencies", latencies_path,
                "--indexes", args.peer_indexes,
                "--queries", str(args.queries), "--batch", str(args.batch),
                "--recall-queries", str(max(args.recall_queries, 200)),
                "--hnsw-m", str(args.hnsw_m), "--hnsw-efc", str(args.hnsw_efc), "--hnsw-ef", args.hnsw_ef,
                "--match-distance", str(match_distance),
            ], check=True, stdout=sys.stdout, stderr=sys.stderr, env=_peer_environment())
        else:
            print("!! SKIPPED: faiss and hnswlib (no peer venv; run bench/peers/setup_index.sh)", flush=True)
        if generated:
            for suffix in (".base.fvecs", ".query.fvecs", ".identities.i32"):
                if os.path.exists(prefix + suffix):
                    os.remove(prefix + suffix)
    rows = common.read_csv(csv_path)
    print()
    print(common.table(rows, COLUMNS))


def _peer_environment():
    """faiss's bundled OpenBLAS is built with OpenMP: OPENBLAS_NUM_THREADS=1 (set for dlib) would pin its
    batch search to one thread whatever omp_set_num_threads says, so the peers run without it and
    index_peer.py sets the thread count for each measurement."""
    environment = dict(os.environ)
    environment.pop("OPENBLAS_NUM_THREADS", None)
    environment.pop("OMP_NUM_THREADS", None)
    return environment


def _facesearch(args, count, kind, metric, index, prefix, raw, csv_path, latencies_path, save, generated,
                match_distance):
    own_csv = os.path.join(raw, f"index-facesearch-{index}-{kind}-{count or 'real'}-{metric}.csv")
    own_latencies = own_csv[: -len(".csv")] + "-latencies.csv"
    data = (["--count", str(count), "--dim", str(args.dim), "--kind", kind] if generated
            else ["--vectors", prefix])
    command = [args.bin, "bench", "index", "--index", "exact" if index == "exact" else "hnsw"] + data + [
        "--k", "10", "--threads", "1,2", "--metric", metric, "--queries", str(args.queries),
        "--batch", str(args.batch), "--recall-queries", str(max(args.recall_queries, 200)),
        "--match-distance", str(match_distance), "--csv", own_csv, "--latencies", own_latencies,
    ] + (["--save-vectors", args.vectors] if save else [])
    if index != "exact":
        command += ["--hnsw-m", str(args.hnsw_m), "--hnsw-ef-construction", str(args.hnsw_efc),
                    "--hnsw-ef", args.hnsw_ef] + (["--no-hnsw-codes"] if index == "hnsw-floats" else [])
    print("$ facesearch " + " ".join(command[1:]), flush=True)
    subprocess.run(command, check=True, stdout=sys.stdout, stderr=sys.stderr)

    def system(row):
        if index != "exact":
            walk = " floats" if index == "hnsw-floats" else ""
            return f"facesearch HNSWIndex{walk} M={args.hnsw_m} efC={args.hnsw_efc} ef={row['ef']}"
        return f"facesearch ExactIndex ({metric})"
    for row in common.read_csv(own_csv):
        row["system"] = system(row)
        common.append_csv(csv_path, [{column: row.get(column, "") for column in COLUMNS}])
    common.append_csv(latencies_path, [
        {"system": system(row), "kind": row["kind"], "count": row["count"], "query": row["query"], "ms": row["ms"]}
        for row in common.read_csv(own_latencies)])


if __name__ == "__main__":
    main()
