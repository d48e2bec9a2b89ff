"""docs/BENCHMARKS.md's Milvus section, from a bench/milvus.sh run (bench/results/milvus/index.csv):
Milvus 2.3.5's HNSW beside facesearch's in-process exact and HNSW indexes on the same vectors, one table per
size and a reading computed from the figures. Standard library only."""
import os
import re

import common
from report_hnsw import value

COLUMNS = ["system", "build_s", "adds_per_s", "load_s", "index_mib", "p50_ms", "p99_ms", "filtered_p50_ms",
           "qps_1t", "qps_2t", "recall"]
TITLES = ["index", "build s", "vectors/s", "ready s", "memory MiB", "p50 ms", "p99 ms", "filtered p50 ms",
          "q/s 1 thread", "q/s 2 threads", "recall@10"]
NAMES = {"exact": "facesearch exact (in process)", "hnsw": "facesearch HNSW (in process)",
         "milvus": "Milvus 2.3.5 HNSW (gRPC)"}


def named(row):
    name = NAMES.get(row["index"], row["index"])
    if row["index"] != "exact":
        name += f" M={row['m']} efC={row['ef_construction']} ef={row['ef']}"
    return dict(row, system=name)


def reading(rows, label):
    lines = []
    by = {(row["index"], row["ef"]): row for row in rows}
    for ef in sorted({row["ef"] for row in rows if row["index"] == "milvus"}, key=int):
        milvus, own = by.get(("milvus", ef)), by.get(("hnsw", ef))
        if milvus and own:
            lines.append(
                f"- {label}, ef {ef}: Milvus {milvus['p50_ms']} ms p50 for one query over gRPC, recall@10 "
                f"{milvus['recall']}; in process {own['p50_ms']} ms, recall@10 {own['recall']} "
                f"({value(milvus, 'p50_ms') / value(own, 'p50_ms'):.0f} times the latency).")
    milvus = next((row for row in rows if row["index"] == "milvus"), None)
    own = next((row for row in rows if row["index"] == "hnsw"), None)
    if milvus and own:
        lines.append(
            f"- {label}, writing: {milvus['adds_per_s']} vectors/s into Milvus through `MilvusIndex.add` "
            f"(a Strong duplicate check, then upserts of 4,096; the engine's own writes skip the check), against {own['adds_per_s']} vectors/s into the "
            f"in-process graph; Milvus then needed {milvus['load_s']} s to flush, build its HNSW index and serve "
            f"it. Its process held {milvus['index_mib']} MiB afterwards (the graph in process: "
            f"{own['index_mib']} MiB).")
    return lines


def milvus_section(results):
    rows = [named(row) for row in common.read_csv(os.path.join(results, "index.csv"))]
    if not rows:
        return ["## Milvus beside the in-process indexes", "", "_Not run (`make bench-milvus`)._", ""]
    shape = next(((row["m"], row["ef_construction"]) for row in rows if row.get("m")), ("?", "?"))
    lines = [
        "## Milvus beside the in-process indexes", "",
        "`make bench-milvus` (bench/milvus.sh): a real Milvus 2.3.5 standalone (PyPI `milvus==2.3.5`, in a "
        "loopback-only network namespace) beside facesearch's exact and HNSW indexes, on the same 128-D "
        f"clustered vectors (same seed) in one run; both HNSW graphs with M {shape[0]} and efConstruction {shape[1]}, searched "
        "at each width ef, k 10, Euclidean. The Milvus rows go through facesearch's own `MilvusIndex`, the code "
        "`serve --milvus` uses. build s and vectors/s: writing every vector (for Milvus, gRPC calls answered "
        "once Milvus has them, before its index is built); ready s: the wait until Milvus has flushed, indexed "
        "and loaded every segment (searches work before, from growing segments, with a coarser index). "
        "Memory: for Milvus the resident size of its whole process after the build (its etcd, object store "
        "and coordinators included); in process, facesearch's account of its index. Single queries (p50/p99 "
        "of 500); the queries/s columns are a batch of 1,000: in process on 1 and 2 threads, for Milvus one "
        "request of 1,000 queries (it spreads them itself; the two columns are two runs). Recall@10 against "
        "an exact double-precision search. Milvus ran on the same two cores as the benchmark.", "",
    ]
    for count in dict.fromkeys(row["count"] for row in rows):
        chosen = [row for row in rows if row["count"] == count]
        lines += [f"clustered, {int(count):,} vectors:", "", common.table(chosen, COLUMNS, TITLES), ""]
    lines += ["Reading:", ""]
    for count in dict.fromkeys(row["count"] for row in rows):
        lines += reading([row for row in rows if row["count"] == count], f"{int(count):,}")
    lines.append("")
    return lines + ingest_section(results)


def ingest_runs(path):
    """Each `facesearch ingest` of ingest.txt: store, round, photos/s, faces, failures, Milvus CPU s."""
    runs = []
    for line in open(path, encoding="utf-8"):
        if match := re.match(r"== ingest, vectors (\S+), round (\d+)", line):
            runs.append({"store": match[1], "round": match[2]})
        elif runs and (match := re.match(r"\d+ files in [\d.]+ s \(([\d.]+) files/s\): \d+ stored with (\d+) "
                                         r"faces .*, (\d+) failed", line)):
            runs[-1].update(photos_per_s=match[1], faces=match[2], failed=match[3])
        elif runs and (match := re.match(r"milvus process CPU meanwhile: ([\d.]+) s", line)):
            runs[-1]["milvus_cpu_s"] = match[1]
    return runs


def ingest_section(results):
    path = os.path.join(results, "ingest.txt")
    runs = ingest_runs(path) if os.path.exists(path) else []
    if not runs:
        return ["### Ingest with the vectors in Milvus", "", "_Not run (needs FACESEARCH_DATASETS)._", ""]
    columns = ["store", "round", "photos_per_s", "faces", "failed", "milvus_cpu_s"]
    titles = ["vectors", "round", "photos/s", "faces", "failed", "Milvus CPU s meanwhile"]
    return [
        "### Ingest with the vectors in Milvus", "",
        "`facesearch ingest --label-from-folder` of celeba-dev's 2,165 photos into a new data folder, with the "
        "vectors in process and in the Milvus above, in turn (bench/milvus.sh, ROUNDS rounds), on the same two "
        "cores as Milvus; the failures are photos without a face. The last column is the CPU time the Milvus "
        "process took during each ingest (its idle work included).", "",
        common.table(runs, columns, titles), "",
    ]
