"""Helpers shared by the benchmark programs of bench/: CSV rows, tables,
percentiles, memory, JPEG sizes and the description of the machine.

Only the standard library here: the facesearch half of the harness runs with
the system's python3, without the peer virtualenv.
"""
import csv
import math
import os
import platform
import re
import resource
import struct
import subprocess
import sys


def write_csv(path, rows, columns=None):
    """Writes dict rows as CSV with the given column order (default: the first row's keys)."""
    if not rows:
        return
    columns = columns or list(rows[0].keys())
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def append_csv(path, rows):
    """Appends dict rows to a CSV, writing the header when the file is new;
    later rows may only use the first row's columns."""
    if not rows:
        return
    exists = os.path.exists(path) and os.path.getsize(path) > 0
    if exists:
        with open(path, newline="") as handle:
            columns = next(csv.reader(handle))
    else:
        columns = list(rows[0].keys())
    with open(path, "a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        if not exists:
            writer.writeheader()
        writer.writerows(rows)


def read_csv(path):
    """The rows of a CSV as dicts, or [] when the file does not exist."""
    if not os.path.exists(path):
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def table(rows, columns, titles=None):
    """A Markdown table of dict rows (values printed as they are)."""
    titles = titles or columns
    lines = ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(column, "")) for column in columns) + " |")
    return "\n".join(lines)


def percentile(values, fraction):
    """Nearest-rank percentile, as facesearch's IndexBenchmark computes it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


def resident_mib():
    """Current resident memory of this process in MiB (from /proc/self/statm)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1048576
    except OSError:
        return 0.0


def peak_resident_mib():
    """Peak resident memory of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def image_size(path):
    """(width, height) from a JPEG's SOF or a PNG's IHDR header, without decoding; None otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(2)
        if head == b"\x89P":
            handle.seek(16)
            return struct.unpack(">II", handle.read(8))
        if head != b"\xff\xd8":
            return None
        while True:
            marker = handle.read(2)
            if len(marker) < 2 or marker[0] != 0xFF:
                return None
            while marker[1] == 0xFF:
                marker = marker[:1] + handle.read(1)
            kind = marker[1]
            if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
                continue
            length = struct.unpack(">H", handle.read(2))[0]
            if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">xHH", handle.read(5))
                return width, height
            handle.seek(length - 2, 1)


def photo_files(folder):
    """The JPEG, PNG and WebP files under `folder`, sorted as facesearch sorts them."""
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            if name.lower().rsplit(".", 1)[-1] in ("jpg", "jpeg", "png", "webp"):
                found.append(os.path.join(root, name))
    return sorted(found)


def datasets_folder(repo):
    """$FACESEARCH_DATASETS or ../shared/datasets beside the repository."""
    return os.environ.get("FACESEARCH_DATASETS") or os.path.join(os.path.dirname(repo), "shared", "datasets")


def _run(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    """What the figures were measured on: CPU, cores, memory, OS, toolchain, BLAS threads."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = re.search(r"model name\s*:\s*(.*)", handle.read()).group(1)
    except (OSError, AttributeError):
        cpu = platform.processor()
    memory = 0
    try:
        with open("/proc/meminfo") as handle:
            memory = int(re.search(r"MemTotal:\s*(\d+)", handle.read()).group(1)) / 1048576
    except (OSError, AttributeError):
        pass
    distro = ""
    try:
        with open("/etc/os-release") as handle:
            distro = re.search(r'PRETTY_NAME="(.*)"', handle.read()).group(1)
    except (OSError, AttributeError):
        pass
    swift = _run(["swift", "--version"]).splitlines()
    dlib = _run(["dpkg-query", "-W", "-f=${Version}", "libdlib-dev"])
    openblas = _run(["dpkg-query", "-W", "-f=${Version}", "libopenblas0-pthread"]) or _run(
        ["dpkg-query", "-W", "-f=${Version}", "libopenblas0"])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory),
        "os": distro,
        "kernel": platform.release(),
        "swift": swift[0] if swift else "",
        "debian_dlib": dlib,
        "openblas": openblas,
        "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS", "(unset)"),
        "python": sys.version.split()[0],
        "load_average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }
