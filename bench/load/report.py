#!/usr/bin/env python3
"""Prints the load benchmark's table from the summaries locustfile.py wrote
(RESULTS/SCENARIO-USERS-summary.json), and writes it as RESULTS/summary.csv.

ok/s counts answered requests (200, 201); latencies are theirs. 429 (the
inference queue full, with Retry-After) is counted apart from failures, which
are every other answer or no answer at all.
"""

import csv
import json
import sys
from pathlib import Path

COLUMNS = ["users", "scenario", "request", "seconds", "ok", "ok/s", "p50 ms", "p95 ms", "p99 ms",
           "failures", "429"]


def rows(results):
    for path in results.glob("*-summary.json"):
        scenario, users = path.name.removesuffix("-summary.json").rsplit("-", 1)
        summary = json.loads(path.read_text())
        if summary["unseen_sent"] > summary["unseen_available"]:
            print(f"warning: {path.name}: {summary['unseen_sent']} photos indexed but only "
                  f"{summary['unseen_available']} unseen ones: the rest were already stored", file=sys.stderr)
        for request, figures in summary["requests"].items():
            if request == "all" and len(summary["requests"]) == 2:
                continue  # one kind of request: "all" repeats it
            yield [int(users), scenario, request, summary["seconds"], figures["ok"], figures["rps"],
                   figures["p50_ms"], figures["p95_ms"], figures["p99_ms"], figures["failures"],
                   figures["overloaded_429"]]


def main():
    results = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/compare/load")
    table = sorted(rows(results), key=lambda row: (row[1], row[0], row[2] == "all", row[2]))
    with open(results / "summary.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows(table)
    widths = [max(len(str(value)) for value in column) for column in zip(COLUMNS, *table)]
    for row in [COLUMNS] + table:
        cells = ("-" if value is None else str(value) for value in row)
        print("  ".join(cell.rjust(width) for cell, width in zip(cells, widths)))


if __name__ == "__main__":
    main()
