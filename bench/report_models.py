"""The detector and embedder sections of docs/BENCHMARKS.md and docs/QUALITY.md:
one `make bench-models` run (bench/results/models), the former default pipeline
(HOG, then the CNN; dlib's ResNet) beside YuNet with dlib's ResNet and YuNet with
SFace, on the same photos, in the same run, one after the other."""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from report_text import figure, find  # noqa: E402

NAMES = {
    "hog-cnn": "HOG, then the CNN + dlib ResNet (the former default)",
    "yunet-dlib": "YuNet + dlib landmarks and ResNet",
    "yunet-sface": "YuNet + SFace",
    "yunet-sface-opencv": "YuNet + SFace, OpenCV's convolution layers",
    "face_recognition-default": "face_recognition 1.3.0 (its defaults: HOG with one doubling, dlib ResNet)",
}
PEER = "face_recognition-default"


def _run_line(results):
    path = os.path.join(results, "run.json")
    run = json.load(open(path)) if os.path.exists(path) else {}
    machine = run.get("machine", {})
    return (f"Measured {run.get('started', '?')} to {run.get('finished', '?')} UTC with `make bench-models` "
            f"(bench/run_all.sh with SECTIONS=pipeline, PEERS=auto, SETTINGS=hog-cnn,yunet-dlib,yunet-sface,yunet-sface-opencv, "
            f"RESULTS=bench/results/models), on {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
            f"load average at start {machine.get('load_average', '?')}.")


def models_benchmarks(results):
    every_row = common.read_csv(os.path.join(results, "pipeline.csv"))
    rows = [row for row in every_row if row["system"] == "facesearch"]
    if not rows:
        return []
    rows += [{**row, "settings": PEER} for row in every_row if row["system"] == "face_recognition"]
    lines = ["## Detector and embedder: photos per second", "", _run_line(results), ""]
    table = []
    for row in rows:
        base = find(rows, settings="hog-cnn", set=row["set"])
        speedup = figure(row, "photos_per_s") / figure(base, "photos_per_s") if base else math.nan
        table.append({**row, "name": NAMES.get(row["settings"], row["settings"]), "speedup": f"{speedup:.2f}x"})
    columns = ["name", "set", "workers", "photos_per_s", "speedup", "median_ms", "p90_ms", "detect_ms", "embed_ms",
               "no_face", "peak_rss_mib"]
    titles = ["pipeline", "photos", "workers", "photos/s", "against the former default", "median ms", "p90 ms",
              "detect ms (median)", "embed ms (median)", "no face", "peak RSS MiB"]
    lines += [common.table(table, columns, titles), ""]
    every = {row["settings"]: row for row in table if row["set"] == "celeba-dev"}
    if "yunet-sface" in every and "hog-cnn" in every:
        lines += [
            f"On every photo of celeba-dev with both cores, YuNet + SFace analyses "
            f"{figure(every['yunet-sface'], 'photos_per_s'):.1f} photos/s against "
            f"{figure(every['hog-cnn'], 'photos_per_s'):.1f} for the former default: "
            f"{every['yunet-sface']['speedup']}. Detection falls from a median of "
            f"{figure(every['hog-cnn'], 'detect_ms'):.0f} ms to {figure(every['yunet-sface'], 'detect_ms'):.0f} ms; "
            f"the descriptor costs {figure(every['yunet-sface'], 'embed_ms'):.0f} ms with SFace against "
            f"{figure(every['hog-cnn'], 'embed_ms'):.0f} ms with dlib's ResNet. The aim was 2.5 times: "
            + ("met." if figure(every['yunet-sface'], 'photos_per_s') >= 2.5 * figure(every['hog-cnn'], 'photos_per_s')
               else "not met; SFace's network is the larger part of each photo's time on this processor."), ""]
    if "yunet-sface" in every and PEER in every:
        own, peer = every["yunet-sface"], every[PEER]
        lines += [
            f"Against face_recognition 1.3.0 at its defaults, on the same photos in the same run: "
            f"{figure(own, 'photos_per_s'):.1f} against {figure(peer, 'photos_per_s'):.1f} photos/s "
            f"({figure(own, 'photos_per_s') / figure(peer, 'photos_per_s'):.2f}x), no face in {own['no_face']} "
            f"photos against {peer['no_face']}, peak memory {own['peak_rss_mib']} against {peer['peak_rss_mib']} "
            f"MiB.", ""]
    if "yunet-sface" in every and "yunet-sface-opencv" in every:
        own, opencv = every["yunet-sface"], every["yunet-sface-opencv"]
        lines += [
            f"facesearch's own depthwise and 1x1 convolution layers against OpenCV 4.6's, same models and "
            f"photos: {figure(own, 'photos_per_s'):.1f} against {figure(opencv, 'photos_per_s'):.1f} photos/s "
            f"({figure(own, 'photos_per_s') / figure(opencv, 'photos_per_s'):.2f}x); YuNet "
            f"{figure(own, 'detect_ms'):.0f} against {figure(opencv, 'detect_ms'):.0f} ms, SFace "
            f"{figure(own, 'embed_ms'):.0f} against {figure(opencv, 'embed_ms'):.0f} ms (medians). The two give "
            f"the same faces and descriptors up to rounding (Tests/FaceVisionTests/Pipeline/ConvolutionLayerTests.swift).", ""]
    return lines


def models_service(results):
    """The service with each pipeline: bench/load at 10 users (search only) on a gallery of each
    collection kind, and bench/stream's time per live frame; both written by `make bench-models-service`."""
    lines = []
    loads = []
    for embedder, name in (("dlib", "HOG, then the CNN + dlib ResNet"), ("sface", "YuNet + SFace")):
        path = os.path.join(results, f"load-{embedder}", "summary.txt")
        if not os.path.exists(path):
            continue
        rows = [line.split() for line in open(path).read().splitlines()[1:] if line.split()[:3] == ["10", "search", "search"]]
        if rows:
            row = rows[0]
            loads.append({"name": name, "ok_s": row[5], "p50": row[6], "p95": row[7], "p99": row[8], "failures": row[9]})
    if loads:
        measured = open(os.path.join(results, "load-sface", "measured.txt")).read().strip() \
            if os.path.exists(os.path.join(results, "load-sface", "measured.txt")) else "?"
        lines += ["## Detector and embedder: the service under load", "",
                  "bench/load/run.sh with TARGET_FACES=2000 USERS=10 SCENARIOS=search DURATION=2m, once with "
                  "EMBEDDER=dlib and once with EMBEDDER=sface (a gallery of celeba-dev's photos in a collection of "
                  "each kind, the search cache off: every search runs the pipeline, whose time hardly depends on "
                  "the gallery at this size), one after the other; "
                  f"the second finished {measured}.", "",
                  common.table(loads, ["name", "ok_s", "p50", "p95", "p99", "failures"],
                               ["collection", "searches/s", "p50 ms", "p95 ms", "p99 ms", "failures"]), ""]
        if len(loads) == 2:
            ratio = float(loads[1]["ok_s"]) / float(loads[0]["ok_s"])
            lines += [f"At 10 users the YuNet + SFace collection answers {ratio:.2f} times the searches per second "
                      "of the dlib one.", ""]
    stream = os.path.join(results, "stream.txt")
    if os.path.exists(stream):
        lines += ["## Detector and embedder: the live WebSocket", "",
                  "bench/stream/run.sh: the same frames to a collection of each kind over `/v1/stream`, one frame in "
                  "flight and at most 14 a second (the server accepts 15 a second per connection); `server ms` is the "
                  "result's `elapsed_ms`, the round trip adds the client's side.", ""]
        lines += open(stream).read().strip().split("\n") + [""]
    return lines


def models_quality(results):
    rows = common.read_csv(os.path.join(results, "accuracy.csv"))
    if not rows:
        return []
    pairs = max(int(figure(rows[0], "pairs") or 0), 1)
    table = []
    for row in rows:
        settings = row["system"].removeprefix("facesearch-")
        best = figure(row, "best_accuracy") / 100
        table.append({**row, "name": NAMES.get(settings, settings),
                      "pairs_se": f"{100 * math.sqrt(best * (1 - best) / pairs):.2f}"})
    columns = ["name", "no_face", "rank1", "rank1_all_photos", "best_accuracy", "pairs_se", "all_tar_at_far_0.1pct",
               "all_far_at_0.6", "all_tar_at_0.6"]
    titles = ["pipeline", "no face", "rank-1 %", "rank-1 % of all photos", "pairs.tsv best %", "its standard error",
              "all pairs: TAR % at FAR 0.1%", "all pairs: FAR % at the model's line",
              "all pairs: TAR % at the model's line"]
    lines = [
        "## Detector and embedder: quality", "", _run_line(results), "",
        "The same scoring as above (bench/accuracy.py, `facesearch eval`'s rules). SFace descriptors are compared "
        "by cosine: \"the model's line\" is dlib's distance 0.6 for the dlib rows and SFace's cosine distance "
        "0.637 (cosine similarity 0.363, OpenCV's published threshold, not fitted here) for the SFace row. The "
        f"standard error of pairs.tsv's best accuracy is sqrt(p(1 - p) / {pairs}).", "",
        common.table(table, columns, titles), "",
    ]
    return lines + _verdicts(rows, pairs)


def _verdicts(rows, pairs):
    """Each candidate against the former default, criterion by criterion: better, or within one standard
    error, or worse (issue 13's rule for a new default)."""
    old = find(rows, system="facesearch-hog-cnn")
    if not old:
        return []
    lines = ["Against the former default (a criterion holds when the figure is as good or better, or within one "
             "standard error of it):", ""]
    for row in rows:
        if row is old or row["system"] == PEER:
            continue
        held = []
        for key, title, total in (("rank1_all_photos", "rank-1 of all photos", figure(row, "photos")),
                                  ("best_accuracy", "pairs.tsv best", pairs),
                                  ("all_tar_at_far_0.1pct", "all-pairs TAR at FAR 0.1%", None)):
            new, before = figure(row, key), figure(old, key)
            if total is None:  # the same-person pairs
                total = figure(row, "all_genuine")
            error = 100 * math.sqrt(max(before, 1e-9) / 100 * (1 - before / 100) / max(total, 1))
            verdict = "better" if new >= before else ("within one standard error" if before - new <= error
                                                        else "worse")
            held.append(f"{title} {new:.2f}% against {before:.2f}% ({verdict}, standard error {error:.2f})")
        faces = f"no face in {row['no_face']} photos against {old['no_face']}"
        name = NAMES.get(row["system"].removeprefix("facesearch-"), row["system"])
        lines.append(f"- **{name}**: " + "; ".join(held) + f"; {faces}.")
    return lines + [""]
