"""Pipeline throughput, side by side: facesearch and face_recognition 1.3.0 on
the same photos, in the same run, one after the other (never at the same time).

    python3 bench/pipeline.py --bin .build-bench/release/facesearch --dataset DIR/celeba-dev \\
        --results bench/results/compare [--peer-python VENV/bin/python] [--workers 2] [--large 50]

Two photo sets: every photo of the dataset, and its `--large` biggest (by
pixels, read from the headers), where scaled decoding and the bounded
detection copy matter. For each set, facesearch at each of SETTINGS and
face_recognition at its defaults (one upsample, full-size HOG) with
`--workers` processes. Writes pipeline.csv (one row per system, settings and
set), pipeline-photos.csv (every photo's time and face count) and, for
bench/accuracy.py, raw/<system>-<settings>-<set>.jsonl (every photo's largest
descriptor). Without --peer-python the peer rows are SKIPPED, loudly.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

# facesearch's settings: name -> extra flags of `facesearch bench pipeline`.
SETTINGS = {
    # The defaults: YuNet on a copy of at most 640 px, JPEG scaled decode, SFace descriptors (cosine).
    "default": [],
    # The dlib pipeline, the default until YuNet and SFace: HOG on a copy of at most 1,024 px, one doubling
    # below 800 px, and the CNN (on a copy of at most 800 px, no doubling) for photos where HOG finds nothing.
    "hog-cnn": ["--detector", "hog+cnn"],
    # HOG without the CNN fallback: what the fallback costs and what it finds.
    "hog": ["--detector", "hog"],
    # The dlib pipeline with HOG doubling only copies under 400 px: the faster choice, and what it misses.
    "double-below-400": ["--detector", "hog+cnn", "--upsample", "below:400"],
    # The dlib pipeline with each descriptor averaged over 5 jittered chips: what jitter buys.
    "jitters-5": ["--detector", "hog+cnn", "--jitters", "5"],
    # face_recognition's settings exactly: full-size HOG, one doubling, full decode, no CNN.
    "fr-compatible": ["--face-recognition-compatible"],
    # YuNet for boxes, then dlib's landmarks and ResNet: descriptors comparable with every dlib collection.
    "yunet-dlib": ["--detector", "yunet", "--embedder", "dlib"],
    # YuNet's boxes and five landmarks, SFace's descriptors (compared by cosine): the defaults, named.
    "yunet-sface": ["--detector", "yunet", "--embedder", "sface"],
    # The same with OpenCV 4.6's own convolution layers everywhere: what facesearch's layers buy.
    "yunet-sface-opencv": ["--detector", "yunet", "--embedder", "sface", "--convolutions", "opencv"],
}

COLUMNS = [
    "system", "settings", "set", "workers", "photos", "seconds", "photos_per_s", "cpu_s_per_photo", "faces",
    "no_face", "failed", "no_face_pct", "median_ms", "p90_ms", "peak_rss_mib", "detect_ms", "embed_ms",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--dataset", required=True, help="a folder of identity folders")
    parser.add_argument("--results", required=True)
    parser.add_argument("--peer-python", default="", help="the peer venv's python; empty: skip the peer")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--large", type=int, default=50, help="the biggest photos to time apart; 0: none")
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos (smoke tests)")
    parser.add_argument("--settings", default=",".join(SETTINGS), help="facesearch settings to run")
    args = parser.parse_args()

    raw = os.path.join(args.results, "raw")
    os.makedirs(raw, exist_ok=True)
    photos = common.photo_files(args.dataset)
    if args.limit:
        photos = photos[: args.limit]
    sets = {os.path.basename(os.path.normpath(args.dataset)): photos}
    if args.large:
        sized = sorted(photos, key=lambda path: -_pixels(path))
        sets["largest-" + str(min(args.large, len(photos)))] = sorted(sized[: args.large])
    rows, photo_rows = [], []
    for set_name, files in sets.items():
        listing = os.path.join(raw, f"files-{set_name}.txt")
        with open(listing, "w") as handle:
            handle.write("".join(path + "\n" for path in files))
        sides = [max(common.image_size(path) or (0, 0)) for path in files]
        print(f"== {set_name}: {len(files)} photos, longest side median {common.percentile(sides, 0.5)} px, "
              f"largest {max(sides)} px", flush=True)
        for name in args.settings.split(","):
            outcomes = os.path.join(raw, f"facesearch-{name}-{set_name}.jsonl")
            row = _facesearch(args, files, SETTINGS[name], outcomes)
            row.update(system="facesearch", settings=name, set=set_name)
            rows.append(_finish(row, outcomes, photo_rows))
        outcomes = os.path.join(raw, f"face_recognition-default-{set_name}.jsonl")
        if args.peer_python:
            row = _peer(args, listing, set_name, outcomes)
            row.update(system="face_recognition", settings="default", set=set_name)
            rows.append(_finish(row, outcomes, photo_rows))
        else:
            print("!! SKIPPED: face_recognition (no peer venv; run bench/peers/setup.sh)", flush=True)
    common.write_csv(os.path.join(args.results, "pipeline.csv"), rows, COLUMNS)
    common.write_csv(os.path.join(args.results, "pipeline-photos.csv"), photo_rows)
    print()
    print(common.table(rows, COLUMNS))


def _facesearch(args, files, flags, outcomes):
    """One `facesearch bench pipeline` run in its own process (so peak memory is its own)."""
    csv_path = outcomes[: -len(".jsonl")] + ".csv"
    command = [args.bin, "bench", "pipeline", *files, "--worker-counts", str(args.workers), "--csv", csv_path,
               "--outcomes", outcomes, *flags]
    print(f"$ facesearch bench pipeline <{len(files)} photos> --workers {args.workers} {' '.join(flags)}",
          flush=True)
    subprocess.run(command, check=True, stdout=sys.stdout, stderr=sys.stderr)
    row = common.read_csv(csv_path)[-1]
    return {
        "workers": row["workers"], "photos": row["photos"], "seconds": row["seconds"],
        "photos_per_s": row["photos_per_s"], "cpu_s_per_photo": row["cpu_s_per_photo"], "faces": row["faces"],
        "no_face": row["no_face"], "failed": row["failed"], "peak_rss_mib": row["peak_rss_mib"],
        "detect_ms": row["detect_ms"], "embed_ms": row["embed_ms"],
    }


def _peer(args, listing, set_name, outcomes):
    csv_path = outcomes[: -len(".jsonl")] + ".csv"
    if os.path.exists(csv_path):
        os.remove(csv_path)
    command = [args.peer_python, os.path.join(os.path.dirname(os.path.abspath(__file__)), "pipeline_peer.py"),
               "--files", listing, "--processes", str(args.workers), "--set", set_name, "--csv", csv_path,
               "--outcomes", outcomes]
    print("$ pipeline_peer.py --processes " + str(args.workers), flush=True)
    subprocess.run(command, check=True, stdout=sys.stdout, stderr=sys.stderr)
    return common.read_csv(csv_path)[-1]


def _finish(row, outcomes, photo_rows):
    """Adds the per-photo figures both systems report the same way: medians of per-photo time."""
    with open(outcomes) as handle:
        photos = [json.loads(line) for line in handle]
    times = [photo["seconds"] for photo in photos if not photo.get("error")]
    row["median_ms"] = f"{1000 * common.percentile(times, 0.5):.1f}"
    row["p90_ms"] = f"{1000 * common.percentile(times, 0.9):.1f}"
    row["no_face_pct"] = f"{100 * int(row['no_face']) / max(int(row['photos']), 1):.1f}"
    for photo in photos:
        photo_rows.append({
            "system": row["system"], "settings": row["settings"], "set": row["set"], "path": photo["path"],
            "faces": photo["faces"], "ms": f"{1000 * photo['seconds']:.1f}", "error": photo.get("error") or "",
        })
    return row


def _pixels(path):
    size = common.image_size(path)
    return size[0] * size[1] if size else 0


if __name__ == "__main__":
    main()
