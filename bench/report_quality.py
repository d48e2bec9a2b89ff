"""docs/QUALITY.md's sections: the headline figures, side by side accuracy,
photo-by-photo agreement, the defaults' cost against gain, and the threshold."""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from report_text import figure, find, note, plot  # noqa: E402


def quality_section(results, docs):
    rows = common.read_csv(os.path.join(results, "accuracy.csv"))
    if not rows:
        return ["## Side by side on celeba-dev", "", "_Not run._", ""]
    pairs = common.read_csv(os.path.join(results, "accuracy-pairs.csv"))
    impostors = sum(1 for row in pairs if row["same"] == "0")
    columns = ["system", "with_face", "no_face", "queries", "rank1", "rank5", "rank1_all_photos", "rank1_common",
               "accuracy_at_0.6", "best_accuracy", "best_threshold", "tar_at_far_1pct", "all_far_at_0.6",
               "all_tar_at_far_0.1pct", "all_threshold_far_0.1pct"]
    titles = ["system-settings", "a face", "no face", "queries", "rank-1 %", "rank-5 %", "rank-1 % of all photos",
              "rank-1 % where all found a face", "pairs.tsv % at 0.6", "best %", "at distance", "TAR % at FAR 1%",
              "all pairs: FAR % at 0.6", "all pairs: TAR % at FAR 0.1%", "below distance"]
    lines = [
        "## Side by side on celeba-dev", "",
        "The descriptors of the pipeline runs (the largest face of every photo), scored by bench/accuracy.py "
        "exactly as `facesearch eval` scores them: leave-one-out rank-1/rank-5 over the photos with a face; "
        f"verification on the {len(pairs)} pairs of pairs.tsv ({impostors} of different people), where a pair "
        "with a missing face counts as \"different\". Rank-1 is also given over every photo (a photo without a "
        "face is a miss), and over the photos where every system found a face (queries and gallery alike), "
        "because systems that find faces in different photos answer different questions. \"All pairs\" are "
        "every pair of photos with a face (about 2.2 million, 1% of them same-person). TAR at FAR 1% accepts distances strictly below the "
        f"{int(0.01 * impostors) + 1}th smallest different-person distance (FAR moves in steps of "
        f"{100 / max(impostors, 1):.1f}% here).", "",
        common.table(rows, columns, titles), "",
    ]
    lines += plot(results, docs, "accuracy-roc.png", "ROC on pairs.tsv")
    lines += plot(results, docs, "accuracy-distances.png", "distances of same and different pairs")
    own = find(rows, system="facesearch-default")
    peer = find(rows, system="face_recognition-default")
    matched = find(rows, system="facesearch-fr-compatible")
    lines += ["Reading:", ""]
    if own and peer:
        pairs = max(int(own["pairs"]), 1)
        spread = 100 * math.sqrt(0.93 * 0.07 / pairs)
        lines.append(
            f"- pairs.tsv at distance 0.6: facesearch {own['accuracy_at_0.6']}%, face_recognition "
            f"{peer['accuracy_at_0.6']}%; at the best threshold {own['best_accuracy']}% (at "
            f"{own['best_threshold']}) and {peer['best_accuracy']}% (at {peer['best_threshold']}). One pair is "
            f"{100 / pairs:.2f} points and the binomial standard error near 93% is about {spread:.1f} points: "
            "differences below about two of those are not evidence either way.")
        lines.append(
            f"- Leave-one-out rank-1: {own['rank1']}% over the {own['queries']} photos where facesearch found a "
            f"face against {peer['rank1']}% over face_recognition's {peer['queries']}; no face found in "
            f"{own['no_face']} and {peer['no_face']} photos. Over every photo: {own['rank1_all_photos']}% against "
            f"{peer['rank1_all_photos']}%. Over the {own['common_queries']} photos where both found a face: "
            f"{own['rank1_common']}% against {peer['rank1_common']}%.")
    if peer and int(peer["photos"]) == 2165:
        lines.append(
            f"- face_recognition in this run: {peer['accuracy_at_0.6']}% at 0.6, {peer['best_accuracy']}% at "
            f"{peer['best_threshold']}, rank-1 {peer['rank1']}% over {peer['queries']}, no face in "
            f"{peer['no_face']}; the bar measured once before the harness: 93.0%, 94.2% at 0.649, rank-1 98.2% "
            "over 2,084, no face in 81. A gap here is a difference of protocol to explain before any comparison.")
    if matched and peer:
        lines.append(
            f"- With face_recognition's settings facesearch finds a face in {matched['with_face']} photos "
            f"(face_recognition: {peer['with_face']}) and scores {matched['accuracy_at_0.6']}% at 0.6 "
            f"({peer['accuracy_at_0.6']}%): the same models on the same pixels should give the same answers; "
            "a difference comes from decoding, detection or the box the landmarks are placed in (below).")
    lines += [""] + agreement(results) + disagreements(results) + defaults_section(results)
    return lines


def fallback_cost(results):
    """The CNN fallback's cost photo by photo: the photos where HOG alone found nothing, timed with
    and without the fallback. Less disturbed by a noisy machine than two whole runs' photos/s."""
    times = {}
    for row in common.read_csv(os.path.join(results, "pipeline-photos.csv")):
        if row["system"] == "facesearch" and row["set"] == "celeba-dev" and row["settings"] in ("default", "hog"):
            times.setdefault(row["settings"], {})[row["path"]] = (int(row["faces"] or 0), float(row["ms"] or 0))
    if "default" not in times or "hog" not in times:
        return []
    missed = [path for path, (faces, _) in times["hog"].items() if faces == 0 and path in times["default"]]
    if not missed:
        return []
    extra = sum(times["default"][path][1] - times["hog"][path][1] for path in missed)
    total = sum(ms for _, ms in times["default"].values())
    rescued = sum(1 for path in missed if times["default"][path][0] > 0)
    return [
        f"- The CNN fallback, photo by photo: it ran on the {len(missed)} photos where HOG found nothing, found "
        f"a face in {rescued} of them, and took {extra / len(missed) / 1000:.2f} s more on each than HOG alone: "
        f"{100 * extra / total:.1f}% of the defaults' total photo time. (Per-photo times are less disturbed by "
        "a noisy machine than two whole runs' photos/s.)"]


def defaults_section(results):
    """facesearch's settings side by side: what each costs in speed and what it buys in accuracy."""
    pipeline = common.read_csv(os.path.join(results, "pipeline.csv"))
    speed = {row["settings"]: row for row in pipeline if row["system"] == "facesearch" and row["set"] == "celeba-dev"}
    quality = {row["system"].removeprefix("facesearch-"): row
               for row in common.read_csv(os.path.join(results, "accuracy.csv"))}
    rows = [{"settings": name, **quality[name], **speed[name]} for name in speed if name in quality]
    # The notes' placeholder rows: each facesearch setting by name, and "fr" for face_recognition, on
    # celeba-dev with their accuracy; on another photo set, the same names with "@<set>" appended.
    named = {}
    for row in pipeline:
        name = "fr" if row["system"] == "face_recognition" else row["settings"]
        scored = quality.get("face_recognition-default" if name == "fr" else name, {})
        if row["set"] == "celeba-dev":
            named[name] = {**scored, **row}
        else:
            named[f"{name}@{row['set']}"] = row
    if not rows:
        return []
    columns = ["settings", "photos_per_s", "cpu_s_per_photo", "peak_rss_mib", "no_face", "rank1",
               "rank1_all_photos", "rank1_common", "accuracy_at_0.6", "best_accuracy", "tar_at_far_1pct",
               "all_tar_at_far_0.1pct"]
    titles = ["settings", "photos/s", "CPU s/photo", "peak MiB", "no face", "rank-1 %", "rank-1 % of all photos",
              "rank-1 % where all found a face", "pairs.tsv % at 0.6", "best %", "TAR % at FAR 1%",
              "all pairs: TAR % at FAR 0.1%"]
    lines = ["## Defaults from evidence: what each setting costs and buys", "",
             "The same run's figures for each facesearch setting on celeba-dev (speed from the pipeline table of "
             "BENCHMARKS.md, accuracy from the table above):", "", common.table(rows, columns, titles), ""]
    base = find(rows, settings="default")
    lines += fallback_cost(results)
    for name, what in (("hog", "Without the CNN fallback"), ("jitters-5", "With 5 jitters")):
        other = find(rows, settings=name)
        if not base or not other:
            continue
        lines.append(
            f"- {what}: {other['photos_per_s']} photos/s against the defaults' {base['photos_per_s']} "
            f"({figure(other, 'photos_per_s') / figure(base, 'photos_per_s'):.2f}x); no face in {other['no_face']} "
            f"photos against {base['no_face']}; pairs.tsv {other['accuracy_at_0.6']}% against "
            f"{base['accuracy_at_0.6']}% at 0.6; rank-1 of all photos {other['rank1_all_photos']}% against "
            f"{base['rank1_all_photos']}%; all-pairs TAR at FAR 0.1% {other['all_tar_at_far_0.1pct']}% against "
            f"{base['all_tar_at_far_0.1pct']}%.")
    return lines + [""] + note("defaults", named)


def agreement(results):
    """How exactly facesearch with face_recognition's settings reproduces face_recognition."""
    rows = common.read_csv(os.path.join(results, "accuracy-agreement.csv"))
    if not rows:
        return []
    both = [row for row in rows if row["box"] and row["peer_box"]]
    same_box = [row for row in both if row["same_box"] == "1"]
    identical = [row for row in both if row["identical_descriptor"] == "1"]
    moved = [row for row in same_box if row["identical_descriptor"] != "1"]
    lines = [
        f"Photo by photo, facesearch with face_recognition's settings against face_recognition "
        f"(`accuracy-agreement.csv`): a face in both in {len(both)} photos, the same largest box in "
        f"{len(same_box)}, bit-identical descriptors in {len(identical)}.",
    ]
    if moved:
        distances = sorted(float(row["distance"]) for row in moved)
        lines[-1] += (
            f" In {len(moved)} photos the box is the same but the descriptor is not (distance "
            f"{distances[0]:.3f} to {distances[-1]:.3f}): face_recognition's usual call, `face_encodings(image, "
            "face_locations(image))`, places the landmarks inside the box clipped to the photo, facesearch (like "
            "`face_encodings(image)`) inside the detector's own box, which differs only for a face the frame "
            "cuts. Those photos: " + ", ".join(row["path"] for row in moved[:30]) + (" ..." if len(moved) > 30 else "")
            + ".")
    other = [row for row in rows if row not in same_box]
    if other:
        lines.append("")
        lines.append(f"Different boxes or a face in one only ({len(other)}): " + ", ".join(
            f"{row['path']} ([{row['box']}] / [{row['peer_box']}])" for row in other[:30])
            + (" ..." if len(other) > 30 else ""))
    return lines + [""]


def disagreements(results):
    """Photos where the systems disagree on finding a face or on the nearest person."""
    photos = common.read_csv(os.path.join(results, "accuracy-photos.csv"))
    if not photos:
        return []
    systems = [column[: -len(":faces")] for column in photos[0] if column.endswith(":faces")]
    lines = ["Per photo (every photo's outcome is in `accuracy-photos.csv`): where no face was found or the nearest "
             "other face was someone else's, by system:", ""]
    for system in systems:
        no_face = [row["path"] for row in photos if row.get(f"{system}:faces") == "0"]
        wrong = [row["path"] for row in photos if row.get(f"{system}:rank1") == "0"]
        lines.append(f"- {system}: no face in {len(no_face)}, wrong nearest person for {len(wrong)}.")
    if "facesearch-default" in systems and "face_recognition-default" in systems:
        first, second = "facesearch-default", "face_recognition-default"
        only = [row["path"] for row in photos if row.get(f"{first}:faces") == "0" and row.get(f"{second}:faces")
                not in ("0", None, "")]
        other = [row["path"] for row in photos if row.get(f"{second}:faces") == "0" and row.get(f"{first}:faces")
                 not in ("0", None, "")]
        lines.append(f"- no face for {first} only ({len(only)}): " + (", ".join(only[:40]) or "none")
                     + (" ..." if len(only) > 40 else ""))
        lines.append(f"- no face for {second} only ({len(other)}): " + (", ".join(other[:40]) or "none")
                     + (" ..." if len(other) > 40 else ""))
    return lines + [""]


def quality_summary(results):
    rows = common.read_csv(os.path.join(results, "accuracy.csv"))
    own, peer = find(rows, system="facesearch-default"), find(rows, system="face_recognition-default")
    if not own or not peer:
        return []
    return ["## At a glance", "",
            f"- facesearch's defaults against face_recognition 1.3.0 on celeba-dev: no face in {own['no_face']} "
            f"photos against {peer['no_face']}; pairs.tsv {own['accuracy_at_0.6']}% against "
            f"{peer['accuracy_at_0.6']}% at distance 0.6, TAR at FAR 1% {own['tar_at_far_1pct']}% against "
            f"{peer['tar_at_far_1pct']}%; rank-1 over every photo {own['rank1_all_photos']}% against "
            f"{peer['rank1_all_photos']}%, over the photos where both found a face {own['rank1_common']}% against "
            f"{peer['rank1_common']}%, over the photos each found a face in {own['rank1']}% against "
            f"{peer['rank1']}%.", ""]


def threshold_section(results):
    """The default threshold beside what the run measured around it."""
    own = find(common.read_csv(os.path.join(results, "accuracy.csv")), system="facesearch-default")
    if not own or "all_far_at_0.6" not in own:
        return []
    score = lambda distance: max(0.0, min(1.0, 1 - distance / 1.2))  # noqa: E731
    strict = figure(own, "all_threshold_far_0.1pct")
    return [
        "## The default threshold", "",
        f"Over all {int(own['all_pairs']):,} pairs of the photos facesearch found a face in, its default "
        f"threshold (distance 0.6, score 0.5) accepts {own['all_tar_at_0.6']}% of same-person pairs and "
        f"{own['all_far_at_0.6']}% of different-person pairs. Keeping false accepts to 0.1% takes distance "
        f"< {strict:.3f} (score {score(strict):.3f}) and accepts {own['all_tar_at_far_0.1pct']}% of same-person "
        f"pairs. The best accuracy on pairs.tsv is at {own['best_threshold']}.", "",
    ] + note("threshold", {"default": own})
