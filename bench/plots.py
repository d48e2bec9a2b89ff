"""The harness's plots, as PNG files, from the CSVs of bench/pipeline.py,
bench/accuracy.py and bench/index.py.

    $PEER_PYTHON bench/plots.py --results bench/results      # writes bench/results/plots/*.png

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
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COLOURS = {"facesearch": "#1f77b4", "face_recognition": "#d62728", "faiss": "#2ca02c", "hnswlib": "#ff7f0e"}


def colour(name, shade=0):
    base = next((value for key, value in COLOURS.items() if name.startswith(key)), "#7f7f7f")
    return matplotlib.colors.to_rgba(base, 1 - 0.25 * shade)


def throughput(results, out):
    rows = common.read_csv(os.path.join(results, "pipeline.csv"))
    if not rows:
        return print("plots: no pipeline.csv, pipeline-throughput.png skipped")
    sets = list(dict.fromkeys(row["set"] for row in rows))
    figure, axes = plt.subplots(1, len(sets), figsize=(5.5 * len(sets), 4), squeeze=False)
    for axis, set_name in zip(axes[0], sets):
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
    figure.tight_layout()
    figure.savefig(os.path.join(out, "pipeline-throughput.png"), dpi=110)
    plt.close(figure)


def latency(results, out):
    rows = common.read_csv(os.path.join(results, "pipeline-photos.csv"))
    if not rows:
        return print("plots: no pipeline-photos.csv, pipeline-latency.png skipped")
    sets = list(dict.fromkeys(row["set"] for row in rows))
    figure, axes = plt.subplots(1, len(sets), figsize=(5.5 * len(sets), 4), squeeze=False)
    for axis, set_name in zip(axes[0], sets):
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
    figure.tight_layout()
    figure.savefig(os.path.join(out, "pipeline-latency.png"), dpi=110)
    plt.close(figure)


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
    figure.tight_layout()
    figure.savefig(os.path.join(out, "accuracy-roc.png"), dpi=110)
    plt.close(figure)

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
    figure.tight_layout()
    figure.savefig(os.path.join(out, "accuracy-distances.png"), dpi=110)
    plt.close(figure)


def index_rates(results, out):
    rows = common.read_csv(os.path.join(results, "index.csv"))
    if not rows:
        return print("plots: no index.csv, index plots skipped")
    kinds = list(dict.fromkeys(row["kind"] for row in rows))
    figure, axes = plt.subplots(1, len(kinds), figsize=(6 * len(kinds), 4.5), squeeze=False)
    for axis, kind in zip(axes[0], kinds):
        systems = list(dict.fromkeys(row["system"] for row in rows if row["kind"] == kind))
        for index, system in enumerate(systems):
            chosen = sorted((row for row in rows if row["kind"] == kind and row["system"] == system),
                            key=lambda row: int(row["count"]))
            for column, style in (("qps_1t", ":"), ("qps_2t", "-")):
                axis.plot([int(row["count"]) for row in chosen], [float(row[column]) for row in chosen],
                          marker="o", linestyle=style, color=colour(system, index % 3),
                          label=f"{system}, {column[-2]} thread{'s' if column[-2] != '1' else ''}")
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("gallery size (vectors of 128 values)")
        axis.set_ylabel("queries/s (batch, k 10)")
        axis.set_title(f"{kind} vectors", fontsize=9)
        axis.grid(alpha=0.3, which="both")
        axis.legend(fontsize=6)
    figure.suptitle("Batch search throughput against gallery size")
    figure.tight_layout()
    figure.savefig(os.path.join(out, "index-qps.png"), dpi=110)
    plt.close(figure)

    latencies = common.read_csv(os.path.join(results, "index-latencies.csv"))
    if not latencies:
        return print("plots: no index-latencies.csv, index-latency.png skipped")
    largest = max(int(row["count"]) for row in latencies)
    figure, axes = plt.subplots(1, len(kinds), figsize=(6 * len(kinds), 4.5), squeeze=False)
    for axis, kind in zip(axes[0], kinds):
        groups = defaultdict(list)
        for row in latencies:
            if row["kind"] == kind and int(row["count"]) == largest:
                groups[row["system"]].append(float(row["ms"]))
        names = list(groups)
        axis.boxplot([groups[name] for name in names], whis=(1, 99), showfliers=False)
        axis.set_xticks(range(1, len(names) + 1), [name.replace(" (", "\n(").replace(" M=", "\nM=")
                                                   for name in names], fontsize=6)
        axis.set_yscale("log")
        axis.set_ylabel("ms per single query (whiskers: p1-p99)")
        axis.set_title(f"{kind}, {largest:,} vectors, one thread", fontsize=9)
        axis.grid(alpha=0.3, axis="y", which="both")
    figure.tight_layout()
    figure.savefig(os.path.join(out, "index-latency.png"), dpi=110)
    plt.close(figure)


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
