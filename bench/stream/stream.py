"""Time per frame of the live WebSocket (/v1/stream), one collection after
another on the same frames, in one run: a standard-library WebSocket client
sends each frame, waits for its result (so none is dropped) and records the
server's `elapsed_ms` and its own round trip. Frames go no faster than the
server's limit of 15 a second per connection (faster ones are dropped by
design), so frames/s is capped there; the server's time per frame is the
figure to compare.

    stream.py --port P --key K --frames DIR --collections dlib,sface [--rounds 3]
"""
import argparse
import base64
import json
import os
import socket
import statistics
import struct
import time


class WebSocket:
    """The least of RFC 6455 a benchmark needs: the handshake, masked client frames, unfragmented replies."""

    def __init__(self, port, key, path="/v1/stream"):
        self.sock = socket.create_connection(("127.0.0.1", port))
        nonce = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {nonce}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Authorization: Bearer {key}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit(f"stream: the upgrade was refused: {head.decode(errors='replace')}")

    def close(self):
        self.send(struct.pack(">H", 1000), 8)
        self.sock.close()

    def send(self, payload, opcode):
        mask = os.urandom(4)
        size = len(payload)
        header = bytes([0x80 | opcode])
        if size < 126:
            header += bytes([0x80 | size])
        elif size < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", size)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", size)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _exactly(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise SystemExit("stream: the server closed the connection")
            data += chunk
        return data

    def receive_json(self):
        first, second = self._exactly(2)
        size = second & 0x7F
        if size == 126:
            size = struct.unpack(">H", self._exactly(2))[0]
        elif size == 127:
            size = struct.unpack(">Q", self._exactly(8))[0]
        payload = self._exactly(size)
        if first & 0x0F != 1:
            return self.receive_json()  # pings and the like
        return json.loads(payload)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--frames", required=True, help="a folder of JPEG frames")
    parser.add_argument("--collections", required=True, help="comma-separated collection names")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fps", type=float, default=14, help="the most frames a second to send")
    args = parser.parse_args()
    frames = [open(os.path.join(args.frames, name), "rb").read()
              for name in sorted(os.listdir(args.frames)) if name.endswith(".jpg")]
    print(f"{len(frames)} frames x {args.rounds} rounds per collection, one frame in flight, at most {args.fps:g} a second")
    print()
    print("| collection | frames | faces per frame | server ms p50 | server ms p95 | round trip ms p50 | "
          "round trip ms p95 | frames/s |")
    print("|---|---|---|---|---|---|---|---|")
    for collection in args.collections.split(","):
        socket_ = WebSocket(args.port, args.key)
        socket_.send(json.dumps({"collection": collection}).encode(), 1)
        reply = socket_.receive_json()
        if reply.get("type") != "settings":
            raise SystemExit(f"stream: settings refused: {reply}")
        server, trips, faces = [], [], []
        last_sent = None
        started = time.perf_counter()
        for _ in range(args.rounds):
            for frame in frames:
                if last_sent is not None:
                    wait = 1 / args.fps - (time.perf_counter() - last_sent)
                    if wait > 0:
                        time.sleep(wait)
                sent = last_sent = time.perf_counter()
                socket_.send(frame, 2)
                reply = socket_.receive_json()
                trips.append(1000 * (time.perf_counter() - sent))
                if reply.get("type") != "result":
                    raise SystemExit(f"stream: a frame failed: {reply}")
                server.append(reply["elapsed_ms"])
                faces.append(len(reply["faces"]))
        wall = time.perf_counter() - started
        socket_.close()
        print(f"| {collection} | {len(server)} | {statistics.mean(faces):.2f} | {statistics.median(server):.1f} | "
              f"{percentile(server, 0.95):.1f} | {statistics.median(trips):.1f} | {percentile(trips, 0.95):.1f} | "
              f"{len(server) / wall:.1f} |")


if __name__ == "__main__":
    main()
