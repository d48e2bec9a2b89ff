#!/usr/bin/env python3
"""Memory soak: thousands of multi-MB requests over every route that reads a
photo body, with every outcome (200, 4xx, 429), against a running
`facesearch serve`; asserts that the server's resident memory after a warm-up
stays within a fixed bound. A memory bound, never a timing.

    soak.py URL KEY PID PHOTO [--rounds N] [--bound-mib M] [--csv FILE]

Each round sends the same mix of requests from several threads at once, then
reads VmRSS of PID. Round 1 is the warm-up (allocator arenas, caches, worker
buffers fill up); the bound applies to every later round against it. Before
the fix of issue 12 every body leaked: one round of this mix added ~300 MB.
"""
import argparse
import base64
import concurrent.futures
import http.client
import json
import random
import sys
import urllib.parse

COLLECTION = "soak"


def padded_jpeg(photo: bytes, size: int) -> bytes:
    """The photo with COM segments after its SOI, up to `size` bytes: a valid
    JPEG of a few MB that decodes to the same pixels."""
    assert photo[:2] == b"\xff\xd8"
    segments = []
    missing = size - len(photo)
    while missing > 0:
        chunk = min(missing, 65533 - 2)
        segments.append(b"\xff\xfe" + (chunk + 2).to_bytes(2, "big") + b"s" * chunk)
        missing -= chunk + 4
    return photo[:2] + b"".join(segments) + photo[2:]


def multipart(parts: dict) -> tuple[bytes, str]:
    boundary = "soak%016x" % random.getrandbits(64)
    body = bytearray()
    for name, value in parts.items():
        body += f"--{boundary}\r\n".encode()
        if isinstance(value, bytes):
            body += f'Content-Disposition: form-data; name="{name}"; filename="{name}.jpg"\r\n'.encode()
            body += b"Content-Type: image/jpeg\r\n\r\n" + value + b"\r\n"
        else:
            body += f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), f"multipart/form-data; boundary={boundary}"


def requests(photo: bytes, noise: bytes, corrupt: bytes) -> list[tuple[str, str, bytes, str, set]]:
    """(method, path, body, content type, accepted statuses) for one round."""
    search = f"/v1/collections/{COLLECTION}/search"
    faces = f"/v1/collections/{COLLECTION}/faces"
    b64 = lambda data: base64.b64encode(data).decode()
    mix = []
    # Every body-reading route, every way of sending a photo, every outcome.
    for path in ("/v1/detect", search, faces):
        mix += [
            ("POST", path, photo, "image/jpeg", {200, 201, 429}),
            ("POST", path, noise, "image/jpeg", {415, 429}),
            ("POST", path, corrupt, "image/jpeg", {422, 429}),
            ("POST", path, *multipart({"image": noise}), {415, 429}),
            ("POST", path, *multipart({"image": corrupt, "label": "x"}), {422, 429}),
            ("POST", path, json.dumps({"image": b64(noise)}).encode(), "application/json", {415, 429}),
            ("POST", path, json.dumps({"image": b64(corrupt)[:-3] + "!!!"}).encode(), "application/json", {400}),
            ("POST", path, noise + noise, "text/plain", {415}),
        ]
    mix += [
        ("POST", "/v1/compare", *multipart({"first": photo, "second": photo}), {200, 429}),
        ("POST", "/v1/compare", *multipart({"first": noise, "second": photo}), {415, 429}),
        ("POST", "/v1/compare", json.dumps({"first": b64(corrupt), "second": b64(noise)}).encode(),
         "application/json", {415, 422, 429}),
    ]
    # The noisy majority: bodies refused by the decoder, cheap to send many of.
    mix += [("POST", "/v1/detect", noise, "image/jpeg", {415, 429})] * 40
    mix += [("POST", search, *multipart({"image": corrupt}), {422, 429})] * 20
    return mix


def send(url: urllib.parse.SplitResult, key: str, request) -> tuple[int, set]:
    method, path, body, content_type, accepted = request
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    try:
        connection.request(method, path, body=body,
                           headers={"Authorization": f"Bearer {key}", "Content-Type": content_type})
        response = connection.getresponse()
        response.read()
        return response.status, accepted
    finally:
        connection.close()


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("key")
    parser.add_argument("pid", type=int)
    parser.add_argument("photo")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--bound-mib", type=float, default=200)
    parser.add_argument("--size-mib", type=float, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--csv")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    size = int(args.size_mib * 1024 * 1024)

    random.seed(12)
    photo = padded_jpeg(open(args.photo, "rb").read(), size)
    noise = random.randbytes(size)
    corrupt = photo[: size // 2] + random.randbytes(size - size // 2)
    create = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    create.request("POST", "/v1/collections", body=json.dumps({"name": COLLECTION}),
                   headers={"Authorization": f"Bearer {args.key}", "Content-Type": "application/json"})
    assert create.getresponse().status in (201, 409)

    mix = requests(photo, noise, corrupt)
    total_mib = 0.0
    curve = []
    failures = 0
    statuses: dict[int, int] = {}
    with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
        for round_number in range(1, args.rounds + 1):
            random.shuffle(mix)
            for status, accepted in pool.map(lambda r: send(url, args.key, r), mix):
                statuses[status] = statuses.get(status, 0) + 1
                if status not in accepted:
                    failures += 1
                    print(f"soak: unexpected status {status} (wanted {sorted(accepted)})", file=sys.stderr)
            total_mib += sum(len(r[2]) for r in mix) / 1048576
            curve.append((round_number, len(mix) * round_number, total_mib, rss_mib(args.pid)))
            print("soak: round %d, %d requests, %.0f MiB sent, RSS %.0f MiB" % curve[-1], flush=True)
    if args.csv:
        with open(args.csv, "w") as out:
            out.write("round,requests,sent_mib,rss_mib\n")
            out.writelines("%d,%d,%.0f,%.1f\n" % row for row in curve)
    print("soak: statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    warm = curve[0][3]
    peak = max(row[3] for row in curve[1:])
    print(f"soak: RSS after the warm-up {warm:.0f} MiB, highest after it {peak:.0f} MiB "
          f"(bound: warm-up + {args.bound_mib:.0f} MiB)")
    if failures:
        print(f"soak: {failures} answers had an unexpected status", file=sys.stderr)
        return 1
    if 429 not in statuses:
        print("soak: no request was refused with 429; the overload path went untested", file=sys.stderr)
        return 1
    if peak > warm + args.bound_mib:
        print("soak: FAILED: resident memory grew past the bound", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
