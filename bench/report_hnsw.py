"""docs/BENCHMARKS.md's HNSW section, from a bench/hnsw.sh run (bench/results/hnsw/index.csv):
facesearch's HNSW index beside hnswlib's, faiss's IndexHNSWFlat and the exact indexes, one table per data set
and a reading computed from the figures. Standard library only."""
import os

import common

COLUMNS = ["system", "build_s", "load_s", "index_mib", "p50_ms", "p99_ms", "qps_1t", "qps_2t", "recall",
           "match_recall"]
TITLES = ["index", "build s", "load s", "memory MiB", "p50 ms", "p99 ms", "q/s 1 thread", "q/s 2 threads",
          "recall@10", "match recall"]


def value(row, column):
    try:
        return float(row.get(column) or "nan")
    except ValueError:
        return float("nan")


def width(row):
    """The search width of an HNSW row's system name (`... ef=64`), or None."""
    name = row["system"]
    return int(name.rsplit("ef=", 1)[1]) if "ef=" in name else None


def family(row):
    name = row["system"]
    if name.startswith("facesearch HNSWIndex floats"):
        return "facesearch-floats"
    if name.startswith("facesearch HNSWIndex"):
        return "facesearch"
    if name.startswith("hnswlib"):
        return "hnswlib"
    if "IndexHNSWFlat" in name:
        return "faiss-hnsw"
    return "exact"


def reading(rows, label):
    """Sentences derived from one data set's rows."""
    lines = []
    own = {width(row): row for row in rows if family(row) == "facesearch"}
    peer = {width(row): row for row in rows if family(row) == "hnswlib"}
    exact = next((row for row in rows if row["system"].startswith("facesearch ExactIndex")), None)
    for ef in sorted(set(own) & set(peer)):
        mine, theirs = own[ef], peer[ef]
        lines.append(
            f"- {label}, ef {ef}: facesearch {mine['p50_ms']} ms p50, {mine['qps_1t']} q/s on one thread, "
            f"recall@10 {mine['recall']} (match recall {mine['match_recall'] or 'n/a'}); hnswlib "
            f"{theirs['p50_ms']} ms, {theirs['qps_1t']} q/s, recall@10 {theirs['recall']} "
            f"({value(mine, 'qps_1t') / value(theirs, 'qps_1t'):.2f} times hnswlib's queries/s).")
    floats = {width(row): row for row in rows if family(row) == "facesearch-floats"}
    for ef in sorted(set(own) & set(floats)):
        mine, walked = own[ef], floats[ef]
        lines.append(
            f"- {label}, ef {ef}: the graph walked on codes answered {mine['qps_1t']} q/s on one thread at "
            f"recall@10 {mine['recall']}, the same graph shape walked on floats {walked['qps_1t']} q/s at "
            f"{walked['recall']} ({value(mine, 'qps_1t') / value(walked, 'qps_1t'):.2f} times).")
    if own and floats:
        mine, walked = next(iter(own.values())), next(iter(floats.values()))
        lines.append(
            f"- {label}, codes against floats: built in {mine['build_s']} s against {walked['build_s']} s, "
            f"{mine['index_mib']} MiB against {walked['index_mib']} MiB (the codes ride beside the floats).")
    if own and peer:
        mine, theirs = next(iter(own.values())), next(iter(peer.values()))
        lines.append(
            f"- {label}, build and memory: facesearch {mine['build_s']} s and {mine['index_mib']} MiB (its own "
            f"account) against hnswlib's {theirs['build_s']} s and {theirs['index_mib']} MiB (resident growth): "
            f"{value(mine, 'build_s') / value(theirs, 'build_s'):.2f} times the build time, "
            f"{value(mine, 'index_mib') / value(theirs, 'index_mib'):.2f} times the memory; a saved graph loads "
            f"in {mine['load_s']} s (hnswlib {theirs['load_s']} s).")
    stranded = next((row for row in own.values() if row.get("unreachable")), None)
    if stranded:
        lines.append(
            f"- {label}, reachability: facesearch's build left {stranded['unreachable']} of {stranded['count']} "
            f"vectors where no walk from the entry point leads (no search could return them); relinking them "
            f"took {stranded['relink_s'] or 'n/a'} s before the searches above. hnswlib's and faiss's graphs "
            f"are built by the same algorithm and are searched as built.")
    good = [row for ef, row in sorted(own.items()) if value(row, "recall") >= 0.95]
    if good:
        best = good[0]
        lines.append(f"- {label}: the narrowest width with recall@10 at least 0.95 is ef {width(best)}: "
                     f"{best['qps_1t']} q/s on one thread, {best['p50_ms']} ms p50.")
    elif own:
        top = max(own.values(), key=lambda row: value(row, "recall"))
        lines.append(f"- {label}: no width measured reaches recall@10 0.95; the best is {top['recall']} at "
                     f"ef {width(top)} ({top['qps_1t']} q/s).")
    matched = [row for ef, row in sorted(own.items()) if value(row, "match_recall") >= 0.99]
    if matched:
        lines.append(f"- {label}: from ef {width(matched[0])} on, at least 99% of the same-person matches in the "
                     f"true ten are found ({matched[0]['match_recall']}, {matched[0]['qps_1t']} q/s).")
    if exact and own:
        fastest = max(own.values(), key=lambda row: value(row, "qps_1t"))
        lines.append(f"- {label}: the exact scan answers in {exact['p50_ms']} ms ({exact['qps_1t']} q/s on one "
                     f"thread), {value(fastest, 'qps_1t') / value(exact, 'qps_1t'):.0f} times fewer queries "
                     f"per second than the graph at ef {width(fastest)}.")
    return lines


def shapes(rows):
    """`M 32 and efConstruction 200` (or each shape the rows name) from the graphs' system names."""
    found = []
    for row in rows:
        words = dict(part.split("=", 1) for part in row["system"].split() if part.startswith(("M=", "efC=")))
        if len(words) == 2 and (words["M"], words["efC"]) not in found:
            found.append((words["M"], words["efC"]))
    return "; ".join(f"M {m} and efConstruction {efc}" for m, efc in found) or "the default shape"


def hnsw_section(results):
    rows = common.read_csv(os.path.join(results, "index.csv"))
    if not rows:
        return ["## Approximate index (HNSW)", "", "_Not run (`make bench-hnsw`)._", ""]
    lines = [
        "## Approximate index (HNSW)", "",
        "`make bench-hnsw` (bench/hnsw.sh): facesearch's HNSW index (hnswlib 0.6.2 from Debian behind "
        "CHnswShim) beside hnswlib 0.8.0's own Python package, faiss's IndexHNSWFlat and the exact indexes, "
        f"on the same vectors in one run, every graph with {shapes(rows)} built on both threads, "
        "then searched at each width ef. 128-D `clustered` face-like vectors (dlib-like distances) and `real` "
        "SFace descriptors of every celeba-dev face and its mirror image (unit length, so that L2 ranks them "
        "as cosine does; the faces of a tenth of the photos are the queries). Single queries on one thread "
        "(p50/p99 of 500), a batch of 1,000 on 1 and 2 threads, k 10. Recall@10 against an exact "
        "double-precision search on 200 queries; match recall: of the true ten nearest that are within the "
        "same-person line (0.6 for clustered, SFace's 1.128 on unit vectors for real), the share found. "
        "Memory: facesearch's own account of its graph; for the peers, the process's resident growth over "
        "the build. Load: seconds to read a saved graph back.", "",
    ]
    return lines + tables_and_reading(rows)


def tables_and_reading(rows):
    """One table per data set of a run, then the reading of each."""
    lines = []
    datasets = list(dict.fromkeys((row["kind"], row["count"]) for row in rows))
    for kind, count in datasets:
        chosen = [row for row in rows if row["kind"] == kind and row["count"] == count]
        lines += [f"{kind}, {int(count):,} vectors:", "", common.table(chosen, COLUMNS, TITLES), ""]
    lines += ["Reading:", ""]
    for kind, count in datasets:
        chosen = [row for row in rows if row["kind"] == kind and row["count"] == count]
        lines += reading(chosen, f"{kind} {int(count):,}")
    lines.append("")
    return lines


def further_section(results):
    """A further run of bench/index.py in another shape (its folder's run.txt starts with the command), with
    the same measures: a heading, its tables and their reading; nothing when the folder holds no run."""
    rows = common.read_csv(os.path.join(results, "index.csv"))
    if not rows:
        return []
    folder = os.path.relpath(os.path.abspath(results), os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    walks = any(family(row) == "facesearch-floats" for row in rows)
    title = f"### Graphs with {shapes(rows)}" + (", walked on codes and on floats" if walks else "")
    codes = (" facesearch's graph is walked on one-byte codes of the vectors and scores the candidates it keeps "
             "on their floats (docs/SCALING.md, \"Codes\"); the rows named `floats` are the same graph shape "
             "walked on the floats, as every facesearch row of the runs above was." if walks else "")
    return [title, "",
            f"The same measures on graphs with {shapes(rows)}, in a run of its own (`{folder}`; its run.txt "
            f"begins with the command and the time).{codes}", ""] + tables_and_reading(rows)
