#!/usr/bin/env python3
"""Builds the load benchmark's gallery: at least --target-faces faces in a
cached data folder, from celeba-dev's labelled photos.

celeba-dev has 2,165 photos (2,114 faces), so the gallery holds the originals
plus real variants of them made with Pillow: mirrored, re-encoded at other
JPEG qualities, slightly cropped or scaled. Each variant is a different byte
stream (so it is stored, not skipped as already stored) and a different
picture for the detector, but of the same people; rounds of variants are
added until the collection holds the target.

It also writes photos the gallery does not hold, for the index half of the
mixed workload (a transform no round uses; only those the pipeline finds a
face in), and a manifest.json that the locustfile reads.

    build_gallery.py --bin .build/release/facesearch [--target-faces 10000] [--embedder sface]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

COLLECTION = "celeba"
# The collection's models: dlib is the pipeline of before YuNet (HOG, then the CNN), sface the defaults.
MODELS = {"dlib": ["--detector", "hog+cnn", "--embedder", "dlib"], "sface": ["--detector", "yunet", "--embedder", "sface"]}


def crop(image, fraction):
    dx, dy = int(image.width * fraction), int(image.height * fraction)
    return image.crop((dx, dy, image.width - dx, image.height - dy))


def scale(image, factor):
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.LANCZOS)


# One transform per gallery round after the originals: (name, function, JPEG quality).
ROUNDS = [
    ("mirror-q90", ImageOps.mirror, 90),
    ("q72", lambda image: image, 72),
    ("crop5-q88", lambda image: crop(image, 0.05), 88),
    ("scale85-q92", lambda image: scale(image, 0.85), 92),
    ("mirror-crop3-q80", lambda image: ImageOps.mirror(crop(image, 0.03)), 80),
    ("scale115-q85", lambda image: scale(image, 1.15), 85),
    ("crop2-q70", lambda image: crop(image, 0.02), 70),
    ("mirror-scale95-q95", lambda image: ImageOps.mirror(scale(image, 0.95)), 95),
]
# The photos to index during the benchmark: a transform no gallery round uses.
UNSEEN = ("mirror-scale90-q83", lambda image: ImageOps.mirror(scale(image, 0.90)), 83)


def write_variants(sources, folder, transform):
    """Writes transform(photo) for every source, as identity/name.jpg under folder."""
    _, function, quality = transform
    for source in sources:
        target = folder / source.parent.name / source.name
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as image:
            variant = function(ImageOps.exif_transpose(image).convert("RGB"))
        partial = target.with_suffix(".partial")  # renamed when whole: a rerun skips only whole files
        variant.save(partial, "JPEG", quality=quality)
        partial.rename(target)


def ingest(binary, folder, data, report, workers, embedder):
    subprocess.run(
        [binary, "ingest", str(folder), "--collection", COLLECTION, "--label-from-folder",
         "--data", str(data), "--report", str(report), "--workers", str(workers), *MODELS[embedder]],
        check=True, stdout=subprocess.DEVNULL)
    failed = {Path(failure["path"]) for failure in json.loads(report.read_text())["failures"]}
    return failed


def face_count(binary, data):
    listing = subprocess.run(
        [binary, "collections", "list", "--json", "--data", str(data)],
        check=True, capture_output=True, text=True).stdout
    return next((c["faces"] for c in json.loads(listing) if c["name"] == COLLECTION), 0)


def main():
    cache = Path(os.environ.get("FACESEARCH_CACHE", Path.home() / ".cache/facesearch"))
    datasets = Path(os.environ.get("FACESEARCH_DATASETS", "../shared/datasets"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("FACESEARCH_BIN", ".build/release/facesearch"))
    parser.add_argument("--target-faces", type=int, default=10_000)
    parser.add_argument("--identities", type=int, default=0, help="use only the first N (smoke tests)")
    parser.add_argument("--unseen", type=int, default=2_000, help="photos kept out for indexing")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="ingest threads")
    parser.add_argument("--embedder", default="dlib", choices=sorted(MODELS),
                        help="the collection's models: dlib (HOG, then the CNN) or sface (YuNet + SFace)")
    parser.add_argument("--out", type=Path, help="default: $FACESEARCH_CACHE/bench/gallery-TARGET")
    args = parser.parse_args()
    out = (args.out or cache / "bench" / f"gallery-{args.target_faces}").resolve()
    binary = str(Path(args.bin).resolve())
    manifest_path = out / "manifest.json"
    if manifest_path.exists() and json.loads(manifest_path.read_text())["faces"] >= args.target_faces:
        print(f"{out}: already built")
        return

    identities = sorted(p for p in (datasets / "celeba-dev").iterdir() if p.is_dir())
    if args.identities:
        identities = identities[: args.identities]
    originals = sorted(photo for folder in identities for photo in folder.glob("*.jpg"))
    data, photos = out / "data", out / "photos"
    staged = out / "originals"  # the chosen identities, for ingest
    for source in originals:
        target = staged / source.parent.name / source.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target.with_suffix(".partial"))
            target.with_suffix(".partial").rename(target)

    print(f"originals: {len(originals)} photos of {len(identities)} people", flush=True)
    failed = ingest(binary, staged, data, out / "report-originals.json", args.workers, args.embedder)
    with_face = [photo for photo in sorted(staged.rglob("*.jpg")) if photo not in failed]
    faces = face_count(binary, data)
    rounds = 0
    for transform in ROUNDS:
        if faces >= args.target_faces:
            break
        folder = photos / transform[0]
        write_variants(with_face, folder, transform)
        ingest(binary, folder, data, out / f"report-{transform[0]}.json", args.workers, args.embedder)
        faces = face_count(binary, data)
        rounds += 1
        print(f"round {transform[0]}: {faces} faces", flush=True)
    if faces < args.target_faces:
        sys.exit(f"only {faces} faces after every round: add rounds to ROUNDS")

    # Unseen photos: kept only where the pipeline finds a face, checked by
    # ingesting them into a scratch folder that is thrown away.
    unseen = out / "unseen"
    write_variants(with_face[: args.unseen], unseen, UNSEEN)
    with tempfile.TemporaryDirectory() as scratch:
        no_face = ingest(binary, unseen, Path(scratch) / "data", Path(scratch) / "report.json", args.workers,
                         args.embedder)
    manifest = {
        "collection": COLLECTION,
        "faces": faces,
        "photos_per_round": len(with_face),
        "rounds": ["originals"] + [name for name, _, _ in ROUNDS[:rounds]],
        "queries": [str(p) for p in with_face],
        "unseen": [str(p) for p in sorted(unseen.rglob("*.jpg")) if p not in no_face],
    }
    manifest_path.write_text(json.dumps(manifest, indent=1))
    print(f"{out}: {faces} faces; {len(manifest['unseen'])} unseen photos for indexing")


if __name__ == "__main__":
    main()
