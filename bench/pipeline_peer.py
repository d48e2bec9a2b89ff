"""face_recognition 1.3.0 on a list of photos, the way its users call it, in a
pool of worker processes: the peer side of bench/run_all.sh's pipeline table.

    $PEER_PYTHON bench/pipeline_peer.py --files LIST --processes 2 --label default \\
        --csv bench/results/compare/pipeline.csv --outcomes OUT.jsonl

Per photo, in a worker: `face_recognition.load_image_file(path)` (PIL decode),
`face_locations(image, number_of_times_to_upsample=N)` (HOG on the full photo)
and `face_encodings(image, locations)` (5-point landmarks, one jitter, every
face), as its example programs do (identify_and_draw_boxes_on_faces.py). Passing the locations back means the
landmarks are placed in boxes clipped to the photo; for a face the frame cuts
that gives another descriptor than `face_encodings(image)` (and facesearch).

The clock starts once the pool is up (the models are loaded at import, before
the fork) and the files have been read once, so the page cache is warm,
as facesearch's benchmark reads its photos into memory before its clock.

Writes one CSV row with the columns of facesearch's rows (bench/pipeline.py
sets them side by side) and, with --outcomes, one JSON line per photo in
the schema of `facesearch bench pipeline --outcomes`.
"""
import argparse
import json
import multiprocessing
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import face_recognition  # noqa: E402  (loads dlib's models once, before the workers fork)

UPSAMPLE = 1


def _init(upsample):
    global UPSAMPLE
    UPSAMPLE = upsample


def analyse(path):
    """One photo through face_recognition's default path; its outcome and this worker's peak memory."""
    started = time.perf_counter()
    outcome = {"path": path, "faces": 0, "box": None, "descriptor": None, "error": None}
    try:
        image = face_recognition.load_image_file(path)
        locations = face_recognition.face_locations(image, number_of_times_to_upsample=UPSAMPLE)
        encodings = face_recognition.face_encodings(image, locations)
        outcome["faces"] = len(locations)
        if locations:
            # The largest box, as facesearch orders its faces (largest first).
            largest = max(
                range(len(locations)),
                key=lambda i: (locations[i][2] - locations[i][0]) * (locations[i][1] - locations[i][3]))
            outcome["box"] = list(locations[largest])
            outcome["descriptor"] = [float(value) for value in encodings[largest].astype("float32")]
    except Exception as error:  # a photo PIL cannot read is a failure to count, not a crash
        outcome["error"] = f"{type(error).__name__}: {error}"
    outcome["seconds"] = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return outcome, os.getpid(), usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", required=True, help="a file listing the photos, one path a line")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--upsample", type=int, default=1, help="face_recognition's default is 1")
    parser.add_argument("--label", default="default", help="the settings' name in the CSV")
    parser.add_argument("--set", default="celeba-dev", help="the photo set's name in the CSV")
    parser.add_argument("--csv", help="append the row to this CSV")
    parser.add_argument("--outcomes", help="write per-photo JSON lines here")
    args = parser.parse_args()

    with open(args.files) as handle:
        paths = [line.strip() for line in handle if line.strip()]
    for path in paths:  # warm the page cache, outside the clock
        with open(path, "rb") as photo:
            photo.read()

    context = multiprocessing.get_context("fork")
    with context.Pool(args.processes, initializer=_init, initargs=(args.upsample,)) as pool:
        # Start every worker before the clock.
        pool.map(time.sleep, [0.05] * args.processes, chunksize=1)
        cpu_before = _children_cpu() + _self_cpu()
        started = time.perf_counter()
        results = list(pool.imap_unordered(analyse, paths, chunksize=1))
        seconds = time.perf_counter() - started
        pool.close()
        pool.join()
    cpu = _children_cpu() + _self_cpu() - cpu_before

    outcomes = sorted((result[0] for result in results), key=lambda outcome: outcome["path"])
    worker_peaks = {}
    for _, pid, peak in results:
        worker_peaks[pid] = max(peak, worker_peaks.get(pid, 0))
    faces = sum(outcome["faces"] for outcome in outcomes)
    failed = [outcome for outcome in outcomes if outcome["error"]]
    no_face = [outcome for outcome in outcomes if not outcome["error"] and outcome["faces"] == 0]
    row = {
        "system": "face_recognition",
        "settings": args.label,
        "set": args.set,
        "workers": args.processes,
        "photos": len(paths),
        "seconds": f"{seconds:.2f}",
        "photos_per_s": f"{len(paths) / seconds:.3f}",
        "cpu_s_per_photo": f"{cpu / max(len(paths), 1):.4f}",
        "faces": faces,
        "no_face": len(no_face),
        "failed": len(failed),
        "median_ms": f"{1000 * common.percentile([o['seconds'] for o in outcomes], 0.5):.1f}",
        # Every worker's peak plus the parent's: the memory the whole run needed.
        "peak_rss_mib": f"{sum(worker_peaks.values()) + common.peak_resident_mib():.0f}",
    }
    print(
        f"face_recognition {args.label}, {args.processes} processes: {row['photos_per_s']} photos/s, "
        f"{row['cpu_s_per_photo']} CPU s/photo, {seconds:.1f} s wall; faces {faces}, no face in "
        f"{len(no_face)} of {len(paths)}, failed {len(failed)}; peak memory {row['peak_rss_mib']} MiB")
    for outcome in failed:
        print(f"  failed: {outcome['path']}: {outcome['error']}")
    if args.csv:
        common.append_csv(args.csv, [row])
    if args.outcomes:
        with open(args.outcomes, "w") as handle:
            for outcome in outcomes:
                handle.write(json.dumps(outcome, sort_keys=True) + "\n")


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
