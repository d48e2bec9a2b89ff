#!/usr/bin/env bash
# The tests that compute descriptors, run again under several OpenBLAS
# kernels (issue 11): unset (the kernel OpenBLAS picks for this processor),
# Haswell (what some machines set) and Sandybridge (an older kernel that sums
# in another order, so the last bits differ from the default on any newer
# processor). Descriptors are compared with stored references only within a
# tolerance, so every pass must be green whatever the kernel.
#
#   scripts/blas-kernels.sh   (after `swift build --build-tests`)
set -uo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
suites='FaceVisionTests\.(DlibPythonParityTests|FaceRecognitionParityTests|JitterTests|OrientationPipelineTests|ConcurrencyTests|CNNFallbackTests|GroupPhotoTests)|FaceSearchTests\.(EngineTests|KnnExamplesTests)'
status=0
for kernel in "" Haswell Sandybridge; do
    echo "=== descriptor tests with OPENBLAS_CORETYPE=${kernel:-(unset)}"
    if [ -n "$kernel" ]; then export OPENBLAS_CORETYPE=$kernel; else unset OPENBLAS_CORETYPE; fi
    log=$(mktemp)
    swift test --skip-build --filter "$suites" >"$log" 2>&1
    result=$?
    grep -E "^(✔|✘) Test run|✘ Test .* (recorded an issue|failed)|SKIPPED" "$log" | uniq | cut -c1-400 | head -20
    rm -f "$log"
    [ "$result" -eq 0 ] || status=$result
done
exit "$status"
