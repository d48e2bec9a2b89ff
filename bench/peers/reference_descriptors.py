"""Prints face_recognition 1.3.0's boxes and descriptors for photos, so that
facesearch's tests can pin dlib's Python binding's exact values.

    OPENBLAS_NUM_THREADS=1 $(bench/peers/setup.sh) bench/peers/reference_descriptors.py PHOTO...

For each photo: face_recognition's (top, right, bottom, left) boxes, the first
four descriptor values as float32 bit patterns, an FNV-1a 64-bit digest of all
128 values as little-endian float32 bytes, and the 128 values printed with
%.9g (which round-trips float32), the form of
Tests/FaceVisionTests/Support/ReferenceDescriptors.swift. The bits hold on the
machine that prints them; another processor's OpenBLAS kernels change the last
ones (docs/PIPELINE.md), which is why the Swift tests compare with a tolerance.
"""
import struct
import sys
from importlib.metadata import version

import dlib
import face_recognition


def fnv1a64(data: bytes) -> int:
    digest = 0xCBF29CE484222325
    for byte in data:
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return digest


def main() -> None:
    # face_recognition 1.3.0 reports __version__ 1.2.3; the installed distribution is the truth.
    print(f"# dlib {dlib.__version__}, face_recognition {version('face_recognition')}")
    for path in sys.argv[1:]:
        image = face_recognition.load_image_file(path)
        boxes = face_recognition.face_locations(image)
        for box, descriptor in zip(boxes, face_recognition.face_encodings(image)):
            raw = b"".join(struct.pack("<f", value) for value in descriptor)
            head = ", ".join(f"0x{struct.unpack('<I', raw[i:i + 4])[0]:08x}" for i in range(0, 16, 4))
            print(f"{path.split('/')[-1]}\tbox={box}\thead=[{head}]\tfnv=0x{fnv1a64(raw):016x}")
            print("\t" + ", ".join("%.9g" % value for value in struct.unpack("<128f", raw)))


if __name__ == "__main__":
    main()
