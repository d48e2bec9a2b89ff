#!/usr/bin/env bash
# Runs the Swift tests (already built) in two passes, and when they fail,
# repeats every failing test's issues at the end of the output, so a log read
# from its tail (CI) names what failed and where.
#
# Pass 1 is every test but the isolated ones, all in parallel. Pass 2 runs the
# isolated suites alone: they check how the server shares its threads (probes
# answered while the inference workers are saturated), and in pass 1 the
# other 240 tests crowd the same 2-thread cooperative pool, which measures
# the crowd rather than the server.
set -uo pipefail
isolated="SaturationTests"
log="$(mktemp -t facesearch-swift-test.XXXXXX)"
trap 'rm -f "$log"' EXIT
swift test --skip-build --skip "$isolated" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "=== the isolated suites, alone: $isolated"
swift test --skip-build --filter "$isolated" 2>&1 | tee -a "$log"
isolated_status=${PIPESTATUS[0]}
[ "$status" -ne 0 ] || status=$isolated_status
if [ "$status" -ne 0 ]; then
    echo
    echo "=== swift test failed (exit $status); the issues recorded, in order:"
    grep -E "✘ Test .* recorded an issue|Fatal error" "$log" | cut -c1-600 | head -40
    echo "=== the failing tests:"
    grep -E "✘ Test .* failed after" "$log" | head -40
fi
exit "$status"
