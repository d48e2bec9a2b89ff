#!/usr/bin/env bash
# Property-based API tests with schemathesis against a real `facesearch serve`:
# every operation of GET /openapi.json, with an admin key and a collection that
# holds faces; fails on any 5xx or on an answer the document does not describe.
#
#   scripts/schemathesis.sh [BINARY]   (default: $FACESEARCH_BIN, else .build/debug/facesearch)
#
# MAX_EXAMPLES (default 50) bounds the test cases per operation, CHECKS (default
# all) the checks; schemathesis is installed from PyPI into
# $FACESEARCH_CACHE/venvs/. The report (JUnit and an NDJSON log of every
# request) is written to $SCHEMATHESIS_REPORT (default .schemathesis/report/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/serve-lib.sh

BIN=${1:-${FACESEARCH_BIN:-.build/debug/facesearch}}
CACHE=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}
VERSION=4.32.5
VENV=$CACHE/venvs/schemathesis-$VERSION
PHOTOS=$CACHE/test-images
REPORT=${SCHEMATHESIS_REPORT:-.schemathesis/report}

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$VERSION" hypothesis==6.170.15
fi

work=$(mktemp -d)
trap 'serve_stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
serve_start "$BIN" "$work/data" "$work/serve.log"
base=http://127.0.0.1:$SERVE_PORT
auth="Authorization: Bearer $SERVE_KEY"

# Data for the operations to find: a collection with Obama's and Biden's faces
# (face and image ids 1 to 3), an hnsw collection (whose ef PATCH can change),
# and a collection to delete.
for body in '{"name": "people"}' '{"name": "tuned", "index": {"kind": "hnsw"}}' '{"name": "scratch"}'; do
    curl -fsS -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d "$body" "$base/v1/collections"
done
for photo in obama obama2 biden; do
    curl -fsS -o /dev/null -H "$auth" -H 'Content-Type: image/jpeg' --data-binary "@$PHOTOS/$photo.jpg" \
        "$base/v1/collections/people/faces?label=${photo%2}"
done

# Path parameters name the data above most of the time, and anything else
# the rest of the time; only the scratch collection may be deleted. (PATCH
# succeeds on tuned, and is refused on people, which is exact.)
cat >"$work/schemathesis.toml" <<'TOML'
[dictionaries.collections]
values = ["people", "tuned"]
[dictionaries.ids]
values = [1, 2, 3]
[dictionaries.scratch]
values = ["scratch"]

[parameters]
"path.name" = { dictionary = "collections", probability = 0.7 }
"path.id" = { dictionary = "ids", probability = 0.5 }

[[operations]]
include-path = "/v1/collections/{name}"
include-method = "DELETE"
parameters = { "path.name" = { dictionary = "scratch", probability = 0.5 } }

TOML

# Two checks are left out because the API differs from their assumptions by design.
# use_after_free (the stateful "deleted resource still available") takes
# DELETE .../faces?label=X, which forgets the faces that match, for the deletion
# of the face list, and fails when the list still answers 200 with no faces;
# turning it off for that one operation does not reach the stateful phase.
# Deleted faces and collections answering 404 is covered by the router tests.
# positive_data_acceptance wants
# any schema-valid body accepted, but a photo is only valid if it decodes, which
# no schema can say (random bytes are rightly 415 or 422). One worker: with two,
# hypothesis 6.170's source cache races between threads and errors at random.
status=0
timeout 600 "$VENV/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$base/openapi.json" \
    --header "$auth" --checks "${CHECKS:-all}" \
    --exclude-checks "${EXCLUDE_CHECKS:-positive_data_acceptance,use_after_free}" \
    --max-examples "${MAX_EXAMPLES:-50}" --workers 1 \
    --request-timeout 60 --report junit,ndjson --report-dir "$REPORT" --seed "${SEED:-1}" \
    || status=$?
if ! serve_stop; then
    echo "facesearch serve did not exit cleanly on SIGTERM; its log:" >&2
    cat "$work/serve.log" >&2
    status=1
fi
exit "$status"
