"""Accuracy, side by side: the descriptors that bench/pipeline.py's runs wrote
for each system, scored the same way on the same photos and pairs.

    python3 bench/accuracy.py --dataset DIR/celeba-dev --results bench/results/compare \\
        facesearch-default face_recognition-default facesearch-fr-compatible

Each name is a raw/<name>-<set>.jsonl file of bench/pipeline.py (the largest
face of every photo). The figures follow `facesearch eval` exactly
(Sources/FaceSearchBench/Evaluation): leave-one-out rank-1 and rank-5 over photos
with a face whose person has another. Two more rank-1 views make systems
that find faces in different photos comparable: over every photo whose person
has another photo (a photo without a face is a miss), and over the photos where
every system found a face (queries and gallery alike). On pairs.tsv a pair with a missing face
counts as "different"; accuracy at distance 0.6 and at the best threshold;
SFace descriptors (an outcome whose "embedder" is "sface", or a system whose
name contains "sface") are compared by cosine, as
facesearch compares them: their descriptors are scaled to unit length, where
the Euclidean distance sqrt(2c) orders pairs exactly as the cosine distance c
does, and their "at 0.6" columns are taken at SFace's own threshold, cosine
distance 0.637 (Euclidean sqrt(2 x 0.637) = 1.1287 on unit vectors);
TAR at FAR 1% and 0.1% accepts distances strictly below the (n+1)-th smallest
impostor distance. Writes accuracy.csv, accuracy-pairs.csv (every pair's
distance under each system), accuracy-photos.csv (every photo: faces, nearest
other photo's person, right or wrong), accuracy-agreement.csv (facesearch
with face_recognition's settings against face_recognition, photo by photo:
same box, bit-identical descriptor) and prints the per-photo failures.
"""
import argparse
import collections
import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

DEFAULT_THRESHOLD = 0.6
SFACE_COSINE_THRESHOLD = 0.637


def is_sface(system):
    return "sface" in system


def threshold_of(system, sface_systems=()):
    """The same-person threshold of a system, as a Euclidean distance of its (scaled) descriptors."""
    return math.sqrt(2 * SFACE_COSINE_THRESHOLD) if system in sface_systems or is_sface(system) \
        else DEFAULT_THRESHOLD


def unit(vector):
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector]
COLUMNS = [
    "system", "photos", "with_face", "no_face", "failed", "queries", "rank1", "rank5", "rank1_all_photos",
    "common_queries", "rank1_common", "all_pairs", "all_genuine", "all_far_at_0.6", "all_tar_at_0.6", "all_threshold_far_0.1pct",
    "all_tar_at_far_0.1pct", "pairs", "pairs_missing",
    "accuracy_at_0.6", "tar_at_0.6", "far_at_0.6", "best_accuracy", "best_threshold", "tar_at_far_1pct",
    "threshold_far_1pct", "tar_at_far_0.1pct", "threshold_far_0.1pct",
]


def verification(pairs, default=DEFAULT_THRESHOLD):
    """facesearch's VerificationMetrics on (distance or None, same) pairs."""
    genuine = sorted(math.inf if d is None else d for d, same in pairs if same)
    impostor = sorted(math.inf if d is None else d for d, same in pairs if not same)
    total = max(len(pairs), 1)

    def at_most(values, threshold):
        low, high = 0, len(values)
        while low < high:
            middle = (low + high) // 2
            if values[middle] > threshold:
                high = middle
            else:
                low = middle + 1
        return low

    def accuracy(threshold):
        return (at_most(genuine, threshold) + len(impostor) - at_most(impostor, threshold)) / total

    best, best_threshold = accuracy(0), 0.0
    for candidate in genuine + impostor:
        if math.isfinite(candidate):
            value = accuracy(candidate)
            if value > best:
                best, best_threshold = value, candidate

    def tar(rate):
        allowed = int(rate * len(impostor))
        threshold = impostor[allowed] if allowed < len(impostor) else math.inf
        accepted = sum(1 for d in genuine if d < threshold)
        return (accepted / len(genuine) if genuine else 0.0), threshold

    tar1, threshold1 = tar(0.01)
    tar01, threshold01 = tar(0.001)
    return {
        "pairs": len(pairs), "pairs_missing": sum(1 for d, _ in pairs if d is None),
        "accuracy_at_0.6": accuracy(default),
        "tar_at_0.6": at_most(genuine, default) / max(len(genuine), 1),
        "far_at_0.6": at_most(impostor, default) / max(len(impostor), 1),
        "best_accuracy": best, "best_threshold": best_threshold,
        "tar_at_far_1pct": tar1, "threshold_far_1pct": threshold1,
        "tar_at_far_0.1pct": tar01, "threshold_far_0.1pct": threshold01,
    }


def distance_matrix(descriptors):
    """Every pairwise Euclidean distance, accumulated in double precision as facesearch does."""
    try:
        import numpy
    except ImportError:  # the facesearch half runs without the peer venv; small inputs only then
        return [[math.dist(a, b) for b in descriptors] for a in descriptors]
    values = numpy.asarray(descriptors, dtype=numpy.float64)
    return [numpy.sqrt(((values - row) ** 2).sum(axis=1)).tolist() for row in values]


def identification(faces, threshold=DEFAULT_THRESHOLD):
    """Leave-one-out rank-1/rank-5 over (path, label, descriptor); per-photo nearest other face."""
    labels = [label for _, label, _ in faces]
    counts = {label: labels.count(label) for label in set(labels)}
    matrix = distance_matrix([descriptor for _, _, descriptor in faces])
    per_photo, hits1, hits5, queries = {}, 0, 0, 0
    for i, (path, label, _) in enumerate(faces):
        others = sorted((matrix[i][j], j) for j in range(len(faces)) if j != i)
        nearest = [labels[j] for _, j in others[:5]]
        per_photo[path] = {
            "nearest": faces[others[0][1]][0] if others else "",
            "nearest_distance": others[0][0] if others else math.inf,
        }
        if counts[label] > 1:
            queries += 1
            hits1 += nearest[:1] == [label]
            hits5 += label in nearest
            per_photo[path]["rank1"] = nearest[:1] == [label]
    figures = {"queries": queries, "rank1": hits1 / max(queries, 1), "rank5": hits5 / max(queries, 1)}
    return {**figures, **all_pairs(matrix, labels, threshold)}, per_photo


def all_pairs(matrix, labels, default=DEFAULT_THRESHOLD):
    """Every pair of photos with a face, as `facesearch eval` counts them: at distance 0.6 the share
    of different-person pairs accepted (FAR) and of same-person pairs accepted (TAR), and the distance
    that keeps FAR at 0.1% (accepting strictly below the (n+1)-th smallest impostor distance)."""
    genuine, impostor = [], []
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            (genuine if labels[i] == labels[j] else impostor).append(matrix[i][j])
    if not genuine or not impostor:
        return {"all_pairs": len(genuine) + len(impostor)}
    genuine.sort()
    impostor.sort()
    threshold = impostor[int(0.001 * len(impostor))]
    return {
        "all_pairs": len(genuine) + len(impostor),
        "all_genuine": len(genuine),
        "all_far_at_0.6": sum(1 for d in impostor if d <= default) / len(impostor),
        "all_tar_at_0.6": sum(1 for d in genuine if d <= default) / len(genuine),
        "all_threshold_far_0.1pct": threshold,
        "all_tar_at_far_0.1pct": sum(1 for d in genuine if d < threshold) / len(genuine),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--set", default="", help="the photo set's name (default: the dataset folder's)")
    parser.add_argument("systems", nargs="+", help="system-settings names of raw/*.jsonl files")
    args = parser.parse_args()
    dataset = os.path.normpath(args.dataset)
    set_name = args.set or os.path.basename(dataset)
    pairs_file = os.path.join(dataset, "pairs.tsv")
    pair_list = []
    if os.path.exists(pairs_file):
        with open(pairs_file) as handle:
            for line in handle.read().splitlines()[1:]:
                fields = line.split("\t")
                if len(fields) >= 3:
                    pair_list.append((fields[0], fields[1], fields[2] == "1"))

    rows, pair_rows, photo_rows = [], [dict(a=a, b=b, same=int(s)) for a, b, s in pair_list], {}
    sface_systems = set()
    loaded = {}
    for system in args.systems:
        path = os.path.join(args.results, "raw", f"{system}-{set_name}.jsonl")
        if not os.path.exists(path):
            print(f"!! SKIPPED: {system} (no {path})")
            continue
        with open(path) as handle:
            outcomes = {os.path.relpath(o["path"], dataset): o for o in map(json.loads, handle)}
        if is_sface(system) or any(o.get("embedder") == "sface" for o in outcomes.values()):
            sface_systems.add(system)
            for outcome in outcomes.values():
                if outcome.get("descriptor"):
                    outcome["descriptor"] = unit(outcome["descriptor"])
        loaded[system] = outcomes
        faces = [(p, p.split(os.sep)[0], o["descriptor"]) for p, o in sorted(outcomes.items()) if o.get("descriptor")]
        descriptors = {p: d for p, _, d in faces}
        ident, per_photo = identification(faces, threshold_of(system, sface_systems))
        pairs = []
        for row, (a, b, same) in zip(pair_rows, pair_list):
            distance = math.dist(descriptors[a], descriptors[b]) if a in descriptors and b in descriptors else None
            pairs.append((distance, same))
            row[system] = "" if distance is None else f"{distance:.6f}"
        figures = {
            "system": system, "photos": len(outcomes), "with_face": len(faces),
            "no_face": sum(1 for o in outcomes.values() if not o.get("error") and o["faces"] == 0),
            "failed": sum(1 for o in outcomes.values() if o.get("error")), **ident,
            **verification(pairs, threshold_of(system, sface_systems)),
        }
        people = collections.Counter(p.split(os.sep)[0] for p, o in outcomes.items() if not o.get("error"))
        askable = sum(count for count in people.values() if count > 1)
        figures["rank1_all_photos"] = ident["rank1"] * ident["queries"] / max(askable, 1)
        rows.append(figures)
        for p, outcome in outcomes.items():
            entry = photo_rows.setdefault(p, {"path": p, "person": p.split(os.sep)[0]})
            entry[f"{system}:faces"] = outcome["faces"]
            found = per_photo.get(p, {})
            entry[f"{system}:nearest"] = found.get("nearest", "")
            entry[f"{system}:rank1"] = {True: 1, False: 0}.get(found.get("rank1"), "")
        _print(figures, outcomes, per_photo)

    common_rank1(loaded, rows)
    formatted = [{key: _format(key, value) for key, value in row.items()} for row in rows]
    common.write_csv(os.path.join(args.results, "accuracy.csv"), formatted, COLUMNS)
    common.write_csv(os.path.join(args.results, "accuracy-pairs.csv"), pair_rows,
                     ["a", "b", "same"] + [row["system"] for row in rows])
    photo_list = [photo_rows[p] for p in sorted(photo_rows)]
    if photo_list:
        columns = ["path", "person"] + [f"{row['system']}:{what}" for row in rows for what in
                                        ("faces", "nearest", "rank1")]
        common.write_csv(os.path.join(args.results, "accuracy-photos.csv"), photo_list, columns)
    print()
    print(common.table(formatted, COLUMNS))
    if MATCHED in loaded and PEER in loaded:
        agreement(loaded[MATCHED], loaded[PEER], os.path.join(args.results, "accuracy-agreement.csv"))


MATCHED, PEER = "facesearch-fr-compatible", "face_recognition-default"


def common_rank1(loaded, rows):
    """Leave-one-out rank-1 of every system over the photos where every system found a face."""
    shared = set.intersection(*(
        {p for p, o in outcomes.items() if o.get("descriptor")} for outcomes in loaded.values())) if loaded else set()
    for row in rows:
        outcomes = loaded[row["system"]]
        faces = [(p, p.split(os.sep)[0], outcomes[p]["descriptor"]) for p in sorted(shared)]
        ident, _ = identification(faces)
        row["common_queries"], row["rank1_common"] = ident["queries"], ident["rank1"]


def agreement(ours, theirs, path):
    """Photo by photo, facesearch with face_recognition's settings against face_recognition: the
    same largest box, and the same descriptor to the last bit (float32), or how far apart."""
    rows = []
    for photo in sorted(set(ours) | set(theirs)):
        a, b = ours.get(photo, {}), theirs.get(photo, {})
        same_bits = a.get("descriptor") is not None and b.get("descriptor") is not None and all(
            struct.pack("<f", x) == struct.pack("<f", y) for x, y in zip(a["descriptor"], b["descriptor"]))
        distance = math.dist(a["descriptor"], b["descriptor"]) if a.get("descriptor") and b.get("descriptor") \
            else None
        rows.append({
            "path": photo, "faces": a.get("faces"), "peer_faces": b.get("faces"),
            "box": " ".join(map(str, a.get("box") or [])), "peer_box": " ".join(map(str, b.get("box") or [])),
            "same_box": int(a.get("box") == b.get("box")), "identical_descriptor": int(same_bits),
            "distance": "" if distance is None or same_bits else f"{distance:.6f}",
        })
    common.write_csv(path, rows)
    both = [row for row in rows if row["box"] and row["peer_box"]]
    identical = sum(row["identical_descriptor"] for row in both)
    print(f"\n{MATCHED} against {PEER}: a face in both for {len(both)} photos; the same largest box in "
          f"{sum(row['same_box'] for row in both)}, bit-identical descriptors in {identical}")
    for row in rows:
        if not row["identical_descriptor"]:
            print(f"  differs: {row['path']}: faces {row['faces']} / {row['peer_faces']}, box [{row['box']}] / "
                  f"[{row['peer_box']}], distance {row['distance'] or '-'}")


def _format(key, value):
    if isinstance(value, float):
        if math.isinf(value):
            return "inf"
        return f"{value:.4f}" if "threshold" in key else f"{100 * value:.2f}"
    return value


def _print(figures, outcomes, per_photo):
    percent = lambda value: f"{100 * value:.1f}%"  # noqa: E731
    print(f"== {figures['system']}: {figures['photos']} photos, a face in {figures['with_face']}, none in "
          f"{figures['no_face']}, failed {figures['failed']}")
    print(f"identification (leave-one-out, {figures['queries']} queries): rank-1 {percent(figures['rank1'])}, "
          f"rank-5 {percent(figures['rank5'])}; rank-1 over every photo whose person has another "
          f"{percent(figures['rank1_all_photos'])}")
    if figures["pairs"]:
        print(f"pairs.tsv ({figures['pairs']} pairs, {figures['pairs_missing']} with a missing face): accuracy "
              f"{percent(figures['accuracy_at_0.6'])} at 0.6, best {percent(figures['best_accuracy'])} at "
              f"{figures['best_threshold']:.3f}; TAR at FAR 1% {percent(figures['tar_at_far_1pct'])} (distance < "
              f"{figures['threshold_far_1pct']:.3f})")
    for path, outcome in sorted(outcomes.items()):
        if outcome.get("error"):
            print(f"  failed: {path}: {outcome.get('error')}")
        elif outcome["faces"] == 0:
            print(f"  no face: {path}")
        elif per_photo.get(path, {}).get("rank1") is False:
            print(f"  wrong nearest: {path} -> {per_photo[path]['nearest']} "
                  f"({per_photo[path]['nearest_distance']:.3f})")


if __name__ == "__main__":
    main()
