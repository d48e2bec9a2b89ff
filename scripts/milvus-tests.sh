#!/usr/bin/env bash
# The Milvus tests against a real, fresh Milvus 2.3.5 (scripts/milvus.sh): installs
# it, starts it on a new temporary data folder in a loopback-only network namespace
# of this run's own (facesearch-milvus-test-PID, so it never meets the Milvus of
# `make milvus` or of another run), runs the tests (already built) inside that
# namespace with FACESEARCH_MILVUS=127.0.0.1:19530, then always stops Milvus and
# removes the folder and the namespace, also when the tests fail or are
# interrupted; exits with the tests' status.
#
#   scripts/milvus-tests.sh [swift test arguments...]   (default: --skip-build --filter Milvus)
#
# A test that stops and starts Milvus mid-run finds the script in
# FACESEARCH_MILVUS_SCRIPT and the data folder in FACESEARCH_MILVUS_DATA
# (MILVUS_NETNS, which names the namespace, is exported too):
#   bash "$FACESEARCH_MILVUS_SCRIPT" stop; bash "$FACESEARCH_MILVUS_SCRIPT" start "$FACESEARCH_MILVUS_DATA"
# or `bash "$FACESEARCH_MILVUS_SCRIPT" restart`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
milvus="$PWD/scripts/milvus.sh"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--skip-build --filter Milvus)
export MILVUS_NETNS="facesearch-milvus-test-$$"

bash "$milvus" install || exit 1
data=$(mktemp -d -t facesearch-milvus-test.XXXXXX)
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    bash "$milvus" stop || echo "milvus-tests: could not stop Milvus (MILVUS_NETNS=$MILVUS_NETNS scripts/milvus.sh status)" >&2
    bash "$milvus" delete-netns || true
    rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$milvus" start "$data" || exit 1
status=0
bash "$milvus" exec env FACESEARCH_MILVUS=127.0.0.1:19530 FACESEARCH_MILVUS_DATA="$data" \
    FACESEARCH_MILVUS_SCRIPT="$milvus" swift test "${args[@]}" || status=$?
[ "$status" -eq 0 ] || echo "milvus-tests: swift test failed (exit $status)" >&2
exit "$status"
