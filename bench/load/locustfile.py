"""Load workloads for `facesearch serve` (run by bench/load/run.sh).

Two user classes, chosen on the command line (`locust -f locustfile.py SearchUser`):

- SearchUser: searches a photo of the gallery's people, again and again.
- MixUser: half searches, half indexes a photo the gallery does not hold yet.

Users are closed-loop with no think time: each sends its next request when
the previous answer arrives. A 429 (the inference queue is full) is designed
behaviour: the user waits for Retry-After as a client should, and the request
is counted apart from errors and left out of the latency figures.

The table's figures come from every answer recorded here (LOAD_SUMMARY);
locust's own CSVs (--csv) are rewritten once a second and may miss the last one.

Environment: FACESEARCH_KEY (an API key of scope write), LOAD_MANIFEST (the
gallery's manifest.json from build_gallery.py), LOAD_SUMMARY (where to write
this run's summary as JSON).
"""

import itertools
import json
import os
import random
import time
from pathlib import Path

from locust import HttpUser, constant, events, task

MANIFEST = json.loads(Path(os.environ["LOAD_MANIFEST"]).read_text())
COLLECTION = MANIFEST["collection"]
HEADERS = {"Authorization": f"Bearer {os.environ['FACESEARCH_KEY']}", "Content-Type": "image/jpeg"}
UNSEEN = itertools.cycle(MANIFEST["unseen"])  # one process: the users share it
unseen_sent = 0

# Every answer, for the summary: (request name, status, milliseconds).
answers = []
started = time.monotonic()


class FaceSearchUser(HttpUser):
    abstract = True
    wait_time = constant(0)

    def post_photo(self, name, path, photo):
        retry_after = 0.0
        with self.client.post(path, data=Path(photo).read_bytes(), headers=HEADERS, name=name,
                              timeout=60, catch_response=True) as response:
            status = response.status_code  # 0: no answer (connection error, timeout)
            answers.append((name, status, response.request_meta["response_time"]))
            if status == 429:
                response.success()
                retry_after = float(response.headers.get("Retry-After", "1"))
            elif status not in (200, 201):
                detail = (response.text or "")[:200] if status else str(response.error)
                response.failure(f"{status} {detail}")
        time.sleep(retry_after)

    def search(self):
        self.post_photo("search", f"/v1/collections/{COLLECTION}/search?top_k=5",
                        random.choice(MANIFEST["queries"]))


class SearchUser(FaceSearchUser):
    @task
    def search_photo(self):
        self.search()


class MixUser(FaceSearchUser):
    @task
    def search_photo(self):
        self.search()

    @task
    def index_photo(self):
        global unseen_sent
        unseen_sent += 1
        photo = next(UNSEEN)
        label = Path(photo).parent.name
        self.post_photo("index", f"/v1/collections/{COLLECTION}/faces?label={label}", photo)


@events.test_start.add_listener
def on_start(**_):
    global started
    started = time.monotonic()


@events.quitting.add_listener
def write_summary(environment, **_):
    path = os.environ.get("LOAD_SUMMARY")
    if not path:
        return
    seconds = time.monotonic() - started
    summary = {"seconds": round(seconds, 1), "unseen_sent": unseen_sent,
               "unseen_available": len(MANIFEST["unseen"]), "requests": {}}
    for name in sorted({name for name, _, _ in answers}) + ["all"]:
        rows = [row for row in answers if name in ("all", row[0])]
        ok = sorted(ms for _, status, ms in rows if status in (200, 201))
        summary["requests"][name] = {
            "ok": len(ok),
            "rps": round(len(ok) / seconds, 2),
            "p50_ms": percentile(ok, 50), "p95_ms": percentile(ok, 95), "p99_ms": percentile(ok, 99),
            "overloaded_429": sum(1 for _, status, _ in rows if status == 429),
            "failures": sum(1 for _, status, _ in rows if status not in (200, 201, 429)),
        }
    Path(path).write_text(json.dumps(summary, indent=1))


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return round(sorted_values[index], 1)
