"""docs/BENCHMARKS.md's sections: the headline figures, the pipeline, the
vector index and the service under load, each with its reading."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from report_text import figure, find, plot, ratio  # noqa: E402


def pipeline_section(results, docs):
    rows = common.read_csv(os.path.join(results, "pipeline.csv"))
    if not rows:
        return ["## Face pipeline", "", "_Not run._", ""]
    shown = []
    for row in rows:
        shown.append({**row, "no face": f"{row['no_face']} ({row['no_face_pct']}%)"})
    columns = ["system", "settings", "set", "workers", "photos_per_s", "cpu_s_per_photo", "median_ms", "p90_ms",
               "faces", "no face", "failed", "peak_rss_mib"]
    titles = ["system", "settings", "photos", "workers", "photos/s", "CPU s/photo", "median ms/photo",
              "p90 ms/photo", "faces", "no face found", "failed", "peak memory MiB"]
    lines = [
        "## Face pipeline", "",
        "Every photo through decode, detection, landmarks and a descriptor for every face. facesearch reads the "
        "photos into memory before its clock; face_recognition's workers open each path (the files were read "
        "once before its clock, so the page cache is warm). Settings: facesearch `default` (HOG on a copy of at "
        "most 1,024 px, one doubling below 800 px, JPEG scaled decode, and the CNN on a copy of at most 800 px for "
        "photos where HOG finds nothing), `hog` (the same without the CNN fallback), `double-below-400` (the "
        "defaults with HOG doubling only copies under 400 px), `jitters-5` (the defaults "
        "with every descriptor averaged over 5 jittered chips), `fr-compatible` (`--face-recognition-compatible`:"
        " face_recognition's full-size HOG with one doubling, no CNN); face_recognition `default` (PIL decode, `face_locations(img, number_of_times_to_upsample=1)`,"
        " `face_encodings`, one process per core). Peak memory is the whole run's: for facesearch one process "
        "holding every photo's bytes, for face_recognition the sum of its processes' peaks (pages shared "
        "after the fork, such as the models, count once per process: an upper bound).", "",
        common.table(shown, columns, titles), "",
    ]
    lines += plot(results, docs, "pipeline-throughput.png", "photos/s per system")
    lines += plot(results, docs, "pipeline-latency.png", "time per photo")
    lines += ["Reading:", ""]
    for set_name in dict.fromkeys(row["set"] for row in rows):
        peer = find(rows, system="face_recognition", settings="default", set=set_name)
        own = find(rows, system="facesearch", settings="default", set=set_name)
        matched = find(rows, system="facesearch", settings="fr-compatible", set=set_name)
        if not peer or not own:
            lines.append(f"- {set_name}: no side-by-side figures (a system was skipped).")
            continue
        speed = figure(own, "photos_per_s") / figure(peer, "photos_per_s")
        text = (f"- **{set_name}**: facesearch at its defaults does {own['photos_per_s']} photos/s against "
                f"face_recognition's {peer['photos_per_s']} ({speed:.2f}x), at "
                f"{own['cpu_s_per_photo']} against {peer['cpu_s_per_photo']} CPU s per photo.")
        if matched:
            same = figure(matched, "photos_per_s") / figure(peer, "photos_per_s")
            text += f" With face_recognition's own settings it does {matched['photos_per_s']} ({same:.2f}x): "
            if same > 1.05:
                text += f"on identical work it is {same:.2f}x faster (the same work, another implementation)"
            elif same < 0.95:
                text += f"on identical work it is slower ({same:.2f}x)"
            else:
                text += "on identical work the two run at the same speed"
            text += (f", and its settings (bounded detection copy, doubling only small photos, scaled JPEG "
                     f"decode, less the CNN fallback's cost) account for {speed / same:.2f}x.")
        text += (f" No face was found in {own['no_face']} photos ({own['no_face_pct']}%) by facesearch and "
                 f"{peer['no_face']} ({peer['no_face_pct']}%) by face_recognition.")
        text += (f" Peak memory: {own['peak_rss_mib']} MiB against {peer['peak_rss_mib']} MiB.")
        if peer["photos"] == "2165":
            text += " (face_recognition's bar, measured once before the harness: 6.1 photos/s, no face in 81.)"
        lines.append(text)
    lines.append("")
    return lines


def index_section(results, docs):
    rows = common.read_csv(os.path.join(results, "index.csv"))
    if not rows:
        return ["## Vector index", "", "_Not run._", ""]
    columns = ["system", "kind", "count", "build_s", "index_mib", "p50_ms", "p99_ms", "qps_1t", "qps_2t", "recall"]
    titles = ["index", "data", "vectors", "build s", "memory MiB", "p50 ms", "p99 ms", "q/s 1 thread",
              "q/s 2 threads", "recall@10"]
    lines = [
        "## Vector index", "",
        "128-D vectors generated by `facesearch bench index` (seed 1) and handed to the peers as .fvecs: "
        "`random` unit vectors and `clustered` face-shaped ones (dlib-like distances, not normalised). Single "
        "queries on one thread (p50/p99 of 500), a batch of 1,000 on 1 and 2 threads, k 10. Memory: facesearch's "
        "own account of its index; for the peers, the process's resident growth over the build. Recall@10 "
        "against an exact double-precision search (a hit counts within 1e-5 of the 10th distance). faiss's "
        "IndexFlatIP runs on L2-normalised copies (cosine), beside facesearch's cosine metric; hnswlib is built "
        "on both threads.", "",
    ]
    for count in sorted({int(row["count"]) for row in rows}):
        chosen = [row for row in rows if int(row["count"]) == count]
        lines += [f"{count:,} vectors:", "", common.table(chosen, columns, titles), ""]
    lines += plot(results, docs, "index-qps.png", "queries/s against gallery size")
    lines += plot(results, docs, "index-latency.png", "single-query latency")
    lines += ["Reading:", ""]
    for count in sorted({int(row["count"]) for row in rows}):
        for kind in dict.fromkeys(row["kind"] for row in rows):
            own = find(rows, system="facesearch ExactIndex (euclidean)", kind=kind, count=str(count))
            flat = next((row for row in rows if row["system"].endswith("IndexFlatL2") and row["kind"] == kind
                         and row["count"] == str(count)), None)
            if not own or not flat:
                continue
            lines.append(
                f"- {kind}, {count:,}: facesearch's exact scan answers one query in {own['p50_ms']} ms (p50) "
                f"against faiss IndexFlatL2's {flat['p50_ms']} ms ({figure(own, 'p50_ms') / figure(flat, 'p50_ms'):.2f}"
                f" times faiss's); in batches {own['qps_2t']} against {flat['qps_2t']} queries/s on 2 threads.")
            for hnsw in (row for row in rows if row["system"].startswith("hnswlib") and row["kind"] == kind
                         and row["count"] == str(count)):
                lines.append(
                    f"  {hnsw['system']}: {hnsw['p50_ms']} ms, recall@10 {hnsw['recall']}, built in "
                    f"{hnsw['build_s']} s ({figure(hnsw, 'index_mib'):.0f} MiB).")
    lines.append("")
    return lines


def load_section(results):
    rows = common.read_csv(os.path.join(results, "load", "summary.csv"))
    lines = ["## Service under load", ""]
    if not rows:
        return lines + ["_Not run in this harness run (`LOAD=1 make bench` runs `bench/load/run.sh`)._", ""]
    columns = ["users", "scenario", "request", "ok", "ok/s", "p50 ms", "p95 ms", "p99 ms", "failures", "429"]
    measured = os.path.join(results, "load", "measured.txt")
    when = ""
    if os.path.exists(measured):
        with open(measured) as handle:
            when = f" Measured {handle.read().strip()}, by `LOAD=1 make bench` or `make bench-load` alone."
    lines += [f"From `bench/load/run.sh` (locust, closed-loop users, method below).{when}", "",
              common.table(rows, columns), "", "Reading:", ""]
    for scenario in dict.fromkeys(row["scenario"] for row in rows):
        answered = [row for row in rows if row["scenario"] == scenario and row["request"] in ("all", scenario)]
        rates = ", ".join(f"{row['ok/s']} at {row['users']} users" for row in answered)
        lines.append(f"- {scenario}: {rates} answered per second; p50 "
                     + ", ".join(f"{row['p50 ms']} ms" for row in answered)
                     + f"; failures {sum(int(row['failures']) for row in answered)}; told to retry (429) "
                     + ", ".join(row["429"] for row in answered) + ".")
        costs = [stage_costs(os.path.join(results, "load", f"{scenario}-{row['users']}-metrics.txt"))
                 for row in answered]
        if all(costs):
            lines.append("  Work per photo on the server's workers (its `/metrics` after each run): "
                         + ", ".join(f"detect {cost['detect']:.0f} ms and embed {cost['embed']:.0f} ms at "
                                     f"{row['users']} users" for cost, row in zip(costs, answered))
                         + ". Compare these, not ok/s alone, across runs: they show the machine's speed that day.")
    return lines + [""]


def thumbnails_section(results):
    """bench/thumbnails/run.sh's table as it printed it, and the ratio computed from it."""
    lines = ["## Face thumbnails", ""]
    path = os.path.join(results, "thumbnails.txt")
    if not os.path.exists(path):
        return lines + ["_Not run in this harness run (`bash bench/thumbnails/run.sh`, about 80 s)._", ""]
    with open(path) as handle:
        text = handle.read().strip().splitlines()
    rows = {}
    for line in text:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells and cells[0].split(" ")[0] in ("off", "on"):
            rows[cells[0].split(" ")[0]] = {"rate": float(cells[1].replace(",", "")), "p50": float(cells[2])}
    lines += ["`GET /v1/faces/{id}/thumbnail` for every face of the gallery in turn, against a release "
              "`facesearch serve` (2 workers) started twice on the same data folder: with "
              "`--thumbnail-cache-mib 0`, then with the default 16 MiB. wrk and the server share the 2 cores. "
              "With the cache off, each answer reads the stored photo and decodes it at a reduced scale on "
              "the inference threads; with it on, a repeated thumbnail costs the store's two checks "
              "(the face, and its collection against the key) and a copy.", ""] + text + [""]
    if "off" in rows and "on" in rows:
        off, on = rows["off"], rows["on"]
        lines += [f"Reading: the cache answers {on['rate'] / off['rate']:.2f}x as many thumbnails per second "
                  f"({off['rate']:,.1f} to {on['rate']:,.1f}), and the median answer goes from "
                  f"{off['p50']:.2f} to {on['p50']:.2f} ms. The gallery's thumbnails all fit in the cache, "
                  "as a page of matches or of one person's faces viewed again does; a gallery browsed once "
                  "from end to end gets the cache-off figures.", ""]
    return lines


def stage_costs(path):
    """Milliseconds per photo of each pipeline stage in a `/metrics` scrape, or None without one."""
    if not os.path.exists(path):
        return None
    sums, counts = {}, {}
    with open(path) as handle:
        for line in handle:
            for suffix, table in (("_sum{", sums), ("_count{", counts)):
                marker = "facesearch_pipeline_stage_seconds" + suffix
                if line.startswith(marker):
                    stage = line.split('stage="', 1)[1].split('"', 1)[0]
                    table[stage] = float(line.rsplit(" ", 1)[1])
    if not all(counts.get(stage) for stage in ("detect", "embed")):
        return None
    return {stage: 1000 * sums[stage] / counts[stage] for stage in counts if stage in sums and counts[stage]}


def benchmarks_summary(results):
    """The headline figures of the run, each beside its peer."""
    lines = ["## At a glance", ""]
    pipeline = common.read_csv(os.path.join(results, "pipeline.csv"))
    own = find(pipeline, system="facesearch", settings="default", set="celeba-dev")
    peer = find(pipeline, system="face_recognition", settings="default", set="celeba-dev")
    if own and peer:
        lines.append(
            f"- **Photos**: facesearch {own['photos_per_s']} photos/s on celeba-dev with both cores, "
            f"face_recognition 1.3.0 {peer['photos_per_s']} ({ratio(own, peer, 'photos_per_s')}), finding no face "
            f"in {own['no_face']} photos against {peer['no_face']}, in {own['peak_rss_mib']} MiB against "
            f"{peer['peak_rss_mib']} MiB.")
    big, big_peer = (find(pipeline, system=system, settings="default", set="largest-50")
                     for system in ("facesearch", "face_recognition"))
    if big and big_peer:
        lines.append(f"- **Large photos** (the 50 largest): {big['photos_per_s']} against "
                     f"{big_peer['photos_per_s']} photos/s ({ratio(big, big_peer, 'photos_per_s')}).")
    index = common.read_csv(os.path.join(results, "index.csv"))
    largest = max((int(row["count"]) for row in index), default=0)
    mine = find(index, system="facesearch ExactIndex (euclidean)", kind="clustered", count=str(largest))
    flat = next((row for row in index if row["system"].endswith("IndexFlatL2") and row["kind"] == "clustered"
                 and row["count"] == str(largest)), None)
    if mine and flat:
        lines.append(
            f"- **Exact search over {largest:,} descriptors**: facesearch {mine['p50_ms']} ms per query (p50) "
            f"against faiss IndexFlatL2's {flat['p50_ms']} ms; {mine['qps_2t']} against {flat['qps_2t']} "
            "queries/s in batches on 2 threads.")
    return lines + [""]
