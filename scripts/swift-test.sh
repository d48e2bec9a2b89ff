#!/usr/bin/env bash
# Runs the Swift tests (already built) and, when they fail, repeats every
# failing test's issues at the end of the output, so a log read from its
# tail (CI) names what failed and where, not only how many issues there were.
set -uo pipefail
log="$(mktemp -t facesearch-swift-test.XXXXXX)"
trap 'rm -f "$log"' EXIT
swift test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo
    echo "=== swift test failed (exit $status); the issues recorded, in order:"
    grep -E "✘ Test .* recorded an issue|Fatal error" "$log" | cut -c1-600 | head -40
    echo "=== the failing tests:"
    grep -E "✘ Test .* failed after" "$log" | head -40
fi
exit "$status"
