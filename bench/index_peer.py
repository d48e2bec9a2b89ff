"""faiss and hnswlib on the vectors `facesearch bench index --save-vectors`
generated, measured as facesearch measures its exact index.

    $PEER_PYTHON bench/index_peer.py --vectors DIR/clustered-100000-128-seed1 --kind clustered \\
        --csv bench/results/compare/index.csv [--indexes flat-l2,flat-ip,hnsw,faiss-hnsw] [--threads 1,2]

Per index: build seconds, memory (the process's resident growth over the build,
and the index's own size where it has one), single-query latency p50/p99 (one
thread; the first --queries queries one at a time), batch queries/s of --batch
queries on each thread count, and recall@k against exact L2 neighbours (a hit
counts when its true distance is within 1e-5 of the k-th, as in facesearch).
flat-ip runs on L2-normalised copies of the vectors: inner product on unit
vectors is cosine, facesearch's `--metric cosine`; its recall is against exact
cosine neighbours. hnswlib (`hnsw`) and faiss's IndexHNSWFlat (`faiss-hnsw`),
both L2 with M --hnsw-m and efConstruction --hnsw-efc, built on every thread of
--threads, give one row per search ef in --hnsw-ef. For these two, load_s is
the time to read the built index back from a file (written just before, beside
the vectors, so from the page cache; deleted after): hnswlib's load_index,
faiss's read_index. The other indexes leave load_s empty.
"""
import argparse
import os
import sys
import tempfile
import time

import numpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def read_fvecs(path):
    """An .fvecs file as a float32 matrix."""
    raw = numpy.fromfile(path, dtype="<i4")
    dimension = int(raw[0])
    return raw.reshape(-1, dimension + 1)[:, 1:].copy().view("<f4"), dimension


def exact_kth(base, queries, k, block=65536):
    """The exact squared L2 distances of each query's k nearest rows, ascending, in double
    precision, independent of every index measured (blocks of rows at a time)."""
    queries64 = queries.astype(numpy.float64)
    best = numpy.full((len(queries), 0), numpy.inf)
    for start in range(0, len(base), block):
        rows = base[start:start + block].astype(numpy.float64)
        distances = ((rows * rows).sum(axis=1)[None, :] - 2 * queries64 @ rows.T
                     + (queries64 * queries64).sum(axis=1)[:, None])
        best = numpy.concatenate([best, distances], axis=1)
        if best.shape[1] > k:
            best = numpy.partition(best, k - 1, axis=1)[:, :k]
    return numpy.sort(best, axis=1)[:, :k]


def recall(found, truth, base, queries, k, match_distance=None):
    """Mean share of returned rows whose true distance is within 1e-5 of the k-th nearest's; and, with
    `match_distance`, of the true k nearest nearer than it (the same-person matches), the share returned
    over all queries together (None when no query has any)."""
    total = 0.0
    matches_found = matches_total = 0
    for row, ids in enumerate(found):
        ids = [int(i) for i in ids if i >= 0]
        difference = base[ids].astype(numpy.float64) - queries[row].astype(numpy.float64)
        true = numpy.sqrt((difference * difference).sum(axis=1))
        total += min(int((true <= numpy.sqrt(max(truth[row][k - 1], 0)) + 1e-5).sum()), k) / k
        if match_distance is not None:
            expected = int((numpy.sqrt(numpy.maximum(truth[row], 0)) < match_distance).sum())
            matches_total += expected
            matches_found += min(int((true < match_distance).sum()), expected)
    match = None if matches_total == 0 else matches_found / matches_total
    return total / max(len(found), 1), match


def timed_load(index, save, load, size, folder):
    """Seconds to load `index` back from a file: `save` writes it to a temporary file in `folder`,
    `load` reads it (timed), the file is deleted; the loaded copy must hold as many vectors."""
    handle, path = tempfile.mkstemp(prefix="index-peer-", suffix=".index", dir=folder)
    os.close(handle)
    try:
        save(index, path)
        started = time.perf_counter()
        loaded = load(path)
        seconds = time.perf_counter() - started
    finally:
        os.remove(path)
    if size(loaded) != size(index):
        sys.exit(f"index_peer: the loaded index holds {size(loaded)} vectors, the built one {size(index)}")
    del loaded
    return seconds


def measure(name, build, search_one, search_batch, set_threads, args, base, queries, truth, extra, load=None):
    """One index's row: build, memory, load (when `load` is given: a function of the index giving
    seconds), latency, throughput, recall."""
    before = common.resident_mib()
    started = time.perf_counter()
    index = build()
    build_seconds = time.perf_counter() - started
    after = common.resident_mib()
    load_seconds = load(index) if load else None
    rows = []
    for label, prepare in extra(index):
        prepare()
        set_threads(1)
        latencies = []
        for number in range(args.queries):
            query = queries[number % len(queries)][None, :]
            clock = time.perf_counter()
            search_one(index, query)
            latencies.append(time.perf_counter() - clock)
        rates = {}
        for threads in args.thread_counts:
            set_threads(threads)
            batch = queries[: args.batch]
            clock = time.perf_counter()
            search_batch(index, batch, threads)
            rates[threads] = len(batch) / (time.perf_counter() - clock)
        set_threads(max(args.thread_counts))
        recall_queries = queries[: args.recall_queries]
        found = search_batch(index, recall_queries, max(args.thread_counts))
        row = {
            "system": label or name, "kind": args.kind, "count": len(base), "dim": base.shape[1], "k": args.k,
            "build_s": f"{build_seconds:.2f}",
            "load_s": "" if load_seconds is None else f"{load_seconds:.3f}",
            "adds_per_s": f"{len(base) / build_seconds:.0f}",
            "index_mib": f"{after - before:.0f}", "rss_before_mib": f"{before:.0f}",
            "rss_after_mib": f"{after:.0f}", "p50_ms": f"{1000 * common.percentile(latencies, 0.5):.2f}",
            "p99_ms": f"{1000 * common.percentile(latencies, 0.99):.2f}",
        }
        overall, matches = recall(found, truth, base, recall_queries, args.k, args.match_distance)
        row["recall"] = f"{overall:.4f}"
        row["match_recall"] = "" if matches is None else f"{matches:.4f}"
        for threads, rate in rates.items():
            row[f"qps_{threads}t"] = f"{rate:.1f}"
        rows.append((row, latencies))
        print(", ".join(f"{key} {value}" for key, value in row.items()), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", required=True, help="the prefix of the .base.fvecs and .query.fvecs files")
    parser.add_argument("--kind", required=True, help="random or clustered (for the CSV)")
    parser.add_argument("--csv", required=True, help="append rows to this CSV")
    parser.add_argument("--latencies", help="append every single query's latency to this CSV")
    parser.add_argument("--indexes", default="flat-l2,flat-ip,hnsw,faiss-hnsw",
                        help="any of flat-l2, flat-ip, hnsw (hnswlib), faiss-hnsw (faiss IndexHNSWFlat)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--match-distance", type=float, default=None,
                        help="the same-person L2 distance for match_recall (0.6 for generated data)")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--recall-queries", type=int, default=200)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--hnsw-m", type=int, default=32)
    parser.add_argument("--hnsw-efc", type=int, default=200)
    parser.add_argument("--hnsw-ef", default="16,32,64,128,256")
    args = parser.parse_args()
    args.thread_counts = [int(value) for value in args.threads.split(",")]

    base, dimension = read_fvecs(args.vectors + ".base.fvecs")
    queries, _ = read_fvecs(args.vectors + ".query.fvecs")
    wanted = args.indexes.split(",")
    unknown = sorted(set(wanted) - {"flat-l2", "flat-ip", "hnsw", "faiss-hnsw"})
    if unknown:
        parser.error(f"unknown --indexes: {', '.join(unknown)}")
    folder = os.path.dirname(os.path.abspath(args.vectors + ".base.fvecs"))
    ef_values = [int(value) for value in args.hnsw_ef.split(",")]
    results = []
    truth_l2 = exact_kth(base, queries[: args.recall_queries], args.k)
    no_extra = lambda index: [("", lambda: None)]  # noqa: E731
    if "flat-l2" in wanted or "flat-ip" in wanted or "faiss-hnsw" in wanted:
        import faiss

        def faiss_threads(count):
            faiss.omp_set_num_threads(count)

        def faiss_search(index, batch, threads):
            return index.search(batch, args.k)[1]

    if "flat-l2" in wanted or "flat-ip" in wanted:
        if "flat-l2" in wanted:
            def build_l2():
                index = faiss.IndexFlatL2(dimension)
                index.add(base)
                return index
            results += measure(f"faiss {faiss.__version__} IndexFlatL2", build_l2, lambda i, q: i.search(q, args.k),
                               faiss_search, faiss_threads, args, base, queries, truth_l2, no_extra)
        if "flat-ip" in wanted:
            unit_base = base / numpy.linalg.norm(base, axis=1, keepdims=True)
            unit_queries = queries / numpy.linalg.norm(queries, axis=1, keepdims=True)
            # On unit vectors the L2 order is the cosine order.
            truth_cosine = exact_kth(unit_base, unit_queries[: args.recall_queries], args.k)

            def build_ip():
                index = faiss.IndexFlatIP(dimension)
                index.add(unit_base)
                return index
            results += measure(f"faiss {faiss.__version__} IndexFlatIP (cosine)", build_ip,
                               lambda i, q: i.search(q, args.k), faiss_search, faiss_threads, args, unit_base,
                               unit_queries, truth_cosine, no_extra)
    if "hnsw" in wanted:
        import hnswlib
        from importlib.metadata import version

        def build_hnsw():
            index = hnswlib.Index(space="l2", dim=dimension)
            index.init_index(max_elements=len(base), ef_construction=args.hnsw_efc, M=args.hnsw_m, random_seed=1)
            index.add_items(base, numpy.arange(len(base)), num_threads=max(args.thread_counts))
            return index

        def efs(index):
            def setter(ef):
                return lambda: index.set_ef(ef)
            return [(f"hnswlib {version('hnswlib')} M={args.hnsw_m} efC={args.hnsw_efc} ef={ef}", setter(ef))
                    for ef in ef_values]

        def load_hnsw(path):
            index = hnswlib.Index(space="l2", dim=dimension)
            index.load_index(path)
            return index

        def hnsw_load_seconds(index):
            return timed_load(index, lambda i, path: i.save_index(path), load_hnsw,
                              lambda i: i.get_current_count(), folder)

        results += measure("hnswlib", build_hnsw, lambda i, q: i.knn_query(q, k=args.k, num_threads=1),
                           lambda i, batch, threads: i.knn_query(batch, k=args.k, num_threads=threads)[0].astype(int),
                           lambda count: None, args, base, queries, truth_l2, efs, load=hnsw_load_seconds)
    if "faiss-hnsw" in wanted:
        def build_faiss_hnsw():
            faiss.omp_set_num_threads(max(args.thread_counts))
            index = faiss.IndexHNSWFlat(dimension, args.hnsw_m)
            index.hnsw.efConstruction = args.hnsw_efc
            index.add(base)
            return index

        def faiss_efs(index):
            def setter(ef):
                def apply():
                    index.hnsw.efSearch = ef
                return apply
            return [(f"faiss {faiss.__version__} IndexHNSWFlat M={args.hnsw_m} efC={args.hnsw_efc} ef={ef}",
                     setter(ef)) for ef in ef_values]

        def faiss_load_seconds(index):
            return timed_load(index, faiss.write_index, faiss.read_index, lambda i: i.ntotal, folder)

        results += measure("faiss IndexHNSWFlat", build_faiss_hnsw, lambda i, q: i.search(q, args.k),
                           faiss_search, faiss_threads, args, base, queries, truth_l2, faiss_efs,
                           load=faiss_load_seconds)
    common.append_csv(args.csv, [row for row, _ in results])
    if args.latencies:
        common.append_csv(args.latencies, [
            {"system": row["system"], "kind": args.kind, "count": row["count"], "query": number,
             "ms": f"{1000 * latency:.4f}"}
            for row, latencies in results for number, latency in enumerate(latencies)])


if __name__ == "__main__":
    main()
