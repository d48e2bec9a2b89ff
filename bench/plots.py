"""The harness's plots, as PNG files, from the CSVs of bench/pipeline.py,
bench/accuracy.py and bench/index.py.

    $PEER_PYTHON bench/plots.py --results bench/results/compare      # writes bench/results/compare/plots/*.png

pipeline-throughput.png (photos/s per system and settings, per photo set),
pipeline-latency.png (every photo's time, as a cumulative distribution),
accuracy-roc.png (TAR against FAR on pairs.tsv), accuracy-distances.png (the
distances of same-person and different-person pairs, per system),
index-qps.png (batch queries/s against gallery size) and index-latency.png
(single-query latency distributions at the largest gallery). A plot whose CSV
is missing is skipped with a line saying so.
"""
import argparse
import math
import os
import re
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COLOURS = {"facesearch": "#1f77b4", "face_recognition": "#d62728", "faiss": "#2ca02c", "hnswlib": "#ff7f0e"}


def short(name):
    """A system's name without version numbers, for crowded legends."""
    return re.sub(r" \d+(\.\d+)+", "", name)


def colour(name, shade=0):
    base = next((value for key, value in COLOURS.items() if name.startswith(key)), "#7f7f7f")
    return matplotlib.colors.to_rgba(base, 1 - 0.25 * shade)


def panels(rows, key, width):
    """One panel per distinct value of `key`, side by side: (values, figure, axes)."""
    values = list(dict.fromkeys(row[key] for row in rows))
    figure, axes = plt.subplots(1, len(values), figsize=(width * len(values), 4.5), squeeze=False)
    return values, figure, axes[0]


def save(figure, out, name):
    figure.tight_layout()
    figure.savefig(os.path.join(out, name), dpi=110)
    plt.close(figure)


def throughput(results, out):
    rows = common.read_csv(os.path.join(results, "pipeline.csv"))
    if not rows:
        return print("plots: no pipeline.csv, pipeline-throughput.png skipped")
    sets, figure, axes = panels(rows, "set", 5.5)
    for axis, set_name in zip(axes, sets):
        chosen = [row for row in rows if row["set"] == set_name]
        names = [f"{row['system']}\n{row['settings']}" for row in chosen]
        values = [float(row["photos_per_s"]) for row in chosen]
        bars = axis.bar(range(len(chosen)), values,
                        color=[colour(row["system"], index % 3) for index, row in enumerate(chosen)])
        axis.bar_label(bars, [f"{value:.1f}" for value in values], fontsize=8)
        axis.set_xticks(range(len(chosen)), names, fontsize=7)
        axis.set_ylabel("photos/s")
        axis.set_title(f"{set_name} ({chosen[0]['photos']} photos, {chosen[0]['workers']} workers)", fontsize=9)
    figure.suptitle("Pipeline throughput, both cores")
    save(figure, out, "pipeline-throughput.png")


def latency(results, out):
    rows = common.read_csv(os.path.join(results, "pipeline-photos.csv"))
    if not rows:
        return print("plots: no pipeline-photos.csv, pipeline-latency.png skipped")
    sets, figure, axes = panels(rows, "set", 5.5)
    for axis, set_name in zip(axes, sets):
        groups = defaultdict(list)
        for row in rows:
            if row["set"] == set_name and not row["error"]:
                groups[(row["system"], row["settings"])].append(float(row["ms"]))
        for index, ((system, settings), values) in enumerate(groups.items()):
            values.sort()
            axis.step(values, [(rank + 1) / len(values) for rank in range(len(values))], where="post",
                      label=f"{system} {settings} (median {common.percentile(values, 0.5):.0f} ms)",
                      color=colour(system, index % 3), linestyle=["-", "--", ":"][index % 3])
        axis.set_xscale("log")
        axis.set_xlabel("ms per photo (one worker's time, decode to descriptors)")
        axis.set_ylabel("share of photos")
        axis.set_title(set_name, fontsize=9)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=7)
    figure.suptitle("Time per photo")
    save(figure, out, "pipeline-latency.png")


def accuracy(results, out):
    rows = common.read_csv(os.path.join(results, "accuracy-pairs.csv"))
    if not rows:
        return print("plots: no accuracy-pairs.csv, accuracy plots skipped")
    systems = [column for column in rows[0] if column not in ("a", "b", "same")]
    figure, axis = plt.subplots(figsize=(6, 4.5))
    for index, system in enumerate(systems):
        genuine = sorted(float(row[system] or math.inf) for row in rows if row["same"] == "1")
        impostor = sorted(float(row[system] or math.inf) for row in rows if row["same"] == "0")
        thresholds = sorted(set(value for value in genuine + impostor if math.isfinite(value)))
        far = [sum(value <= t for value in impostor) / len(impostor) for t in thresholds]
        tar = [sum(value <= t for value in genuine) / len(genuine) for t in thresholds]
        axis.step(far, tar, where="post", label=system, color=colour(system, index % 3),
                  linestyle=["-", "--", ":"][index % 3])
    axis.axvline(0.01, color="grey", linewidth=0.8, linestyle=":")
    axis.set_xscale("symlog", linthresh=0.002)
    axis.set_xlim(0, 1)
    axis.set_xlabel("false accept rate (different-person pairs accepted)")
    axis.set_ylabel("true accept rate")
    axis.set_title(f"ROC on pairs.tsv ({len(rows)} pairs; a missing face is never accepted)", fontsize=9)
    axis.grid(alpha=0.3)
    axis.legend(fontsize=8, loc="lower right")
    save(figure, out, "accuracy-roc.png")

    figure, axes = plt.subplots(len(systems), 1, figsize=(6.5, 2.2 * len(systems)), sharex=True, squeeze=False)
    for axis, system in zip(axes[:, 0], systems):
        for same, label, tint in (("1", "same person", "#2ca02c"), ("0", "different people", "#d62728")):
            values = [float(row[system]) for row in rows if row["same"] == same and row[system]]
            axis.hist(values, bins=[index / 50 for index in range(76)], alpha=0.6, color=tint, label=label)
        missing = sum(1 for row in rows if not row[system])
        axis.axvline(0.6, color="black", linewidth=0.8, linestyle="--")
        axis.set_title(f"{system} ({missing} pairs with a missing face not shown)", fontsize=8)
        axis.set_ylabel("pairs")
        axis.legend(fontsize=7)
    axes[-1, 0].set_xlabel("descriptor distance (dashed: 0.6)")
    save(figure, out, "accuracy-distances.png")


def index_rates(results, out):
    rows = common.read_csv(os.path.join(results, "index.csv"))
    if not rows:
        return print("plots: no index.csv, index plots skipped")
    kinds, figure, axes = panels(rows, "kind", 6)
    for axis, kind in zip(axes, kinds):
        systems = list(dict.fromkeys(row["system"] for row in rows if row["kind"] == kind))
        for index, system in enumerate(systems):
            chosen = sorted((row for row in rows if row["kind"] == kind and row["system"] == system),
                            key=lambda row: int(row["count"]))
            axis.plot([int(row["count"]) for row in chosen], [float(row["qps_2t"]) for row in chosen],
                      marker="o", color=colour(system, index % 3), linestyle=["-", "--", ":"][index % 3],
                      label=short(system))
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("gallery size (vectors of 128 values)")
        axis.set_ylabel("queries/s (batch of queries, k 10, 2 threads)")
        axis.set_title(f"{kind} vectors", fontsize=9)
        axis.grid(alpha=0.3, which="both")
        axis.legend(fontsize=7)
    figure.suptitle("Batch search throughput against gallery size")
    save(figure, out, "index-qps.png")

    latencies = common.read_csv(os.path.join(results, "index-latencies.csv"))
    if not latencies:
        return print("plots: no index-latencies.csv, index-latency.png skipped")
    largest = max(int(row["count"]) for row in latencies)
    kinds, figure, axes = panels(latencies, "kind", 6)
    for axis, kind in zip(axes, kinds):
        groups = defaultdict(list)
        for row in latencies:
            if row["kind"] == kind and int(row["count"]) == largest:
                groups[row["system"]].append(float(row["ms"]))
        names = list(groups)
        axis.boxplot([groups[name] for name in names], whis=(1, 99), showfliers=False)
        axis.set_xticks(range(1, len(names) + 1),
                        [short(name).replace(" (", "\n(").replace(" Index", "\nIndex").replace(" M=", "\nM=")
                         for name in names], fontsize=7, rotation=30, ha="right")
        axis.set_yscale("log")
        axis.set_ylabel("ms per single query (whiskers: p1-p99)")
        axis.set_title(f"{kind}, {largest:,} vectors, one thread", fontsize=9)
        axis.grid(alpha=0.3, axis="y", which="both")
    save(figure, out, "index-latency.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    out = os.path.join(args.results, "plots")
    os.makedirs(out, exist_ok=True)
    for plot in (throughput, latency, accuracy, index_rates):
        plot(args.results, out)
    print("plots: " + " ".join(sorted(name for name in os.listdir(out) if name.endswith(".png"))))


if __name__ == "__main__":
    main()
