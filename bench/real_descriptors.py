"""Real face descriptors as .fvecs, for the index benchmark (bench/index_peer.py
and `facesearch bench index` read them like the generated ones).

    $INDEX_PYTHON bench/real_descriptors.py --bin .build-bench/release/facesearch \\
        --dataset ../shared/datasets/celeba-dev --out DIR/celeba-sface [--embedder sface] \\
        [--query-share 0.1] [--seed 1] [--limit N]

Copies every photo of --dataset (recursively) into a temporary folder together
with a left-right mirrored copy of each (Pillow: EXIF orientation applied
first, as facesearch does, then flipped; JPEG quality 95), ingests them all
with the facesearch CLI into a temporary data folder (every face of every
photo, the CLI's default: no --largest-face, no --max-faces) with --embedder,
then reads each face's descriptor (little-endian float32 BLOB; SFace's scaled
to unit length, so that L2 ranks them as the service's cosine does) and its photo
from facesearch.sqlite (docs/STORAGE.md). The faces of a seeded random
--query-share of the original photos that have a face, and of their mirrors,
are the queries; the rest is the base. Writes

    PREFIX.base.fvecs, PREFIX.query.fvecs   int32 dimension, then the float32 values, per face
    PREFIX.identities.i32                   int32 identity (the photo's folder) of each base then query face
    PREFIX.faces.tsv                        set, row, face id, photo, mirrored, box

The identity is the photo's label, which is the main face's: other faces in a
photo are other people. Needs Pillow (bench/peers/setup_index.sh's venv has it); the rest is the standard library. --limit N takes
the first N photos only (to test the script; N mirrors are added). The
temporary folders are deleted unless --keep.
"""
import argparse
import math
import hashlib
import json
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COLLECTION = "real"


def mirror(source, target):
    """A left-right flipped copy of the photo `source`, upright as facesearch decodes it, without EXIF."""
    from PIL import Image, ImageOps

    with Image.open(source) as image:
        kind = image.format
        flipped = ImageOps.mirror(ImageOps.exif_transpose(image))
    if kind == "JPEG":
        if flipped.mode not in ("RGB", "L"):
            flipped = flipped.convert("RGB")
        flipped.save(target, "JPEG", quality=95)
    else:
        flipped.save(target, kind)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepare_photos(photos, dataset, folder):
    """Copies and mirrors `photos` into `folder` (the dataset's sub-folders kept). Returns
    {sha256: (photo number, mirrored)}; bytes met twice keep their first photo (ingest stores them once)."""
    owners = {}
    for number, source in enumerate(photos):
        relative = os.path.relpath(source, dataset)
        stem, extension = os.path.splitext(relative)
        copy = os.path.join(folder, relative)
        flipped = os.path.join(folder, stem + ".mirror" + extension)
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copyfile(source, copy)
        mirror(source, flipped)
        for path, mirrored in ((copy, False), (flipped, True)):
            owners.setdefault(sha256(path), (number, mirrored))
    return owners


def ingest(args, photos_folder, data_folder, report):
    command = [args.bin, "ingest", photos_folder, "--collection", COLLECTION, "--data", data_folder,
               "--embedder", args.embedder, "--report", report]
    if args.detector:
        command += ["--detector", args.detector]
    if args.workers:
        command += ["--workers", str(args.workers)]
    environment = dict(os.environ)
    environment.setdefault("OPENBLAS_NUM_THREADS", "1")
    print("$ facesearch " + " ".join(command[1:]), flush=True)
    started = time.perf_counter()
    finished = subprocess.run(command, stdout=sys.stdout, stderr=sys.stderr, env=environment)
    print(f"ingest: exit {finished.returncode} after {time.perf_counter() - started:.1f} s", flush=True)
    return finished.returncode


def failures(report):
    """Reason code (`no_face`, ...) -> count of the files the ingest report lists as failed."""
    with open(report) as handle:
        document = json.load(handle)
    counts = {}
    for failure in document.get("failures", []):
        counts[failure["code"]] = counts.get(failure["code"], 0) + 1
    return counts


def read_faces(database):
    """(face id, sha256 of its photo, descriptor bytes, box) of the collection's faces in id order, and the
    dimension."""
    connection = sqlite3.connect(database)
    try:
        row = connection.execute("SELECT id, dimension FROM collections WHERE name = ?", (COLLECTION,)).fetchone()
        if row is None:
            sys.exit(f"real_descriptors: no collection {COLLECTION!r} in {database}")
        collection, dimension = row
        faces = connection.execute(
            'SELECT f.id, i.sha256, f.descriptor, f."left", f.top, f."right", f.bottom FROM faces f '
            "JOIN images i ON i.id = f.image_id WHERE f.collection_id = ? ORDER BY f.id", (collection,)).fetchall()
    finally:
        connection.close()
    for face in faces:
        if len(face[2]) != 4 * dimension:
            sys.exit(f"real_descriptors: face {face[0]} has {len(face[2])} descriptor bytes, not 4 x {dimension}")
    return faces, dimension


def identity_numbers(photos, dataset):
    """Each photo's identity as an int32: its folder's name when that is a number, else the folder's rank."""
    folders = [os.path.dirname(os.path.relpath(photo, dataset)) for photo in photos]
    if all(folder.isdigit() for folder in folders):
        return [int(folder) for folder in folders]
    rank = {folder: number for number, folder in enumerate(sorted(set(folders)))}
    return [rank[folder] for folder in folders]


def write_fvecs(path, dimension, descriptors, unit):
    """Rows of .fvecs; with `unit`, each scaled to length 1, so that L2 ranks them as cosine does (SFace)."""
    header = struct.pack("<i", dimension)
    with open(path, "wb") as handle:
        for descriptor in descriptors:
            handle.write(header)
            if unit:
                values = struct.unpack(f"<{dimension}f", descriptor)
                norm = math.sqrt(sum(value * value for value in values)) or 1.0
                descriptor = struct.pack(f"<{dimension}f", *(value / norm for value in values))
            handle.write(descriptor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="the facesearch executable")
    parser.add_argument("--dataset", required=True, help="a folder of photos, e.g. ../shared/datasets/celeba-dev")
    parser.add_argument("--out", required=True, help="prefix of the files written")
    parser.add_argument("--embedder", default="sface", choices=["sface", "dlib"])
    parser.add_argument("--detector", default="", help="ingest's --detector (default: the CLI's for --embedder)")
    parser.add_argument("--workers", type=int, default=0, help="ingest's --workers (default: the CLI's)")
    parser.add_argument("--query-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos (testing)")
    parser.add_argument("--work", default=None, help="where the temporary folder goes (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary photos and data folder")
    args = parser.parse_args()
    if not 0 <= args.query_share < 1:
        parser.error("--query-share must be in [0, 1)")
    try:
        import PIL  # noqa: F401
    except ImportError:
        sys.exit("real_descriptors: needs Pillow for the mirrored photos; run it with the index venv's python "
                 "after `$(bash bench/peers/setup_index.sh | tail -1) -m pip install pillow==12.0.0`")
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"real_descriptors: {args.bin} is not an executable")
    if not os.path.isdir(args.dataset):
        sys.exit(f"real_descriptors: no dataset folder {args.dataset} (see ../shared/datasets/README.md)")

    photos = common.photo_files(args.dataset)
    if args.limit:
        photos = photos[: args.limit]
    if not photos:
        sys.exit(f"real_descriptors: no photos under {args.dataset}")
    work = tempfile.mkdtemp(prefix="real-descriptors-", dir=args.work)
    try:
        photos_folder = os.path.join(work, "photos")
        data_folder = os.path.join(work, "data")
        report = os.path.join(work, "ingest-report.json")
        owners = prepare_photos(photos, args.dataset, photos_folder)
        print(f"{len(photos)} photos and {len(photos)} mirrors in {photos_folder}", flush=True)
        status = ingest(args, photos_folder, data_folder, report)
        database = os.path.join(data_folder, "facesearch.sqlite")
        # Files without a face are listed in the report, not an error: a non-zero exit is.
        if status != 0 or not os.path.exists(database):
            sys.exit(f"real_descriptors: ingest failed (exit {status})")
        failed = failures(report)
        if failed:
            print("ingest failures: " + ", ".join(f"{reason} {count}" for reason, count in sorted(failed.items())))
        faces, dimension = read_faces(database)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    identities = identity_numbers(photos, args.dataset)
    with_faces = sorted({owners[face[1]][0] for face in faces if face[1] in owners})
    unknown = [face[0] for face in faces if face[1] not in owners]
    if unknown:
        sys.exit(f"real_descriptors: {len(unknown)} faces come from photos this script did not write")
    held_out = set(random.Random(args.seed).sample(with_faces, round(args.query_share * len(with_faces))))
    base, queries = [], []
    for face in faces:
        number, mirrored = owners[face[1]]
        (queries if number in held_out else base).append((face, number, mirrored))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)) or ".", exist_ok=True)
    # SFace compares by cosine: unit rows make every index's L2 ranking the service's.
    unit = args.embedder == "sface"
    write_fvecs(args.out + ".base.fvecs", dimension, [face[2] for face, _, _ in base], unit)
    write_fvecs(args.out + ".query.fvecs", dimension, [face[2] for face, _, _ in queries], unit)
    with open(args.out + ".identities.i32", "wb") as handle:
        for _, number, _ in base + queries:
            handle.write(struct.pack("<i", identities[number]))
    with open(args.out + ".faces.tsv", "w") as handle:
        handle.write("set\trow\tface_id\tphoto\tmirrored\tbox\n")
        for name, rows in (("base", base), ("query", queries)):
            for row, (face, number, mirrored) in enumerate(rows):
                box = ",".join(str(value) for value in face[3:7])
                handle.write(f"{name}\t{row}\t{face[0]}\t{os.path.relpath(photos[number], args.dataset)}\t"
                             f"{int(mirrored)}\t{box}\n")
    mirrored_faces = sum(1 for face in faces if owners[face[1]][1])
    print(f"{len(photos)} photos, {len(with_faces)} with a face (original or mirror); "
          f"{len(faces)} faces ({len(faces) - mirrored_faces} original, {mirrored_faces} mirrored), "
          f"dimension {dimension}, embedder {args.embedder}")
    print(f"queries: the faces of {len(held_out)} photos and their mirrors "
          f"(share {args.query_share}, seed {args.seed})")
    print(f"{args.out}.base.fvecs: {len(base)} faces; {args.out}.query.fvecs: {len(queries)} faces")


if __name__ == "__main__":
    main()
