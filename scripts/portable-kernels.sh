#!/usr/bin/env bash
# The tests of facesearch's own native kernels, run again with
# FACESEARCH_PORTABLE_KERNELS=1: the HNSW distance and code kernels and the
# depthwise convolution then take their portable code (the code of processors
# without AVX2 and of arm64), which an AVX2 machine never runs otherwise.
#
#   scripts/portable-kernels.sh   (after `swift build --build-tests`)
set -uo pipefail
cd "$(dirname "$0")/.."
suites='VectorIndexTests\.(NavigationCodesTests|KernelChoiceTests|HNSWIndexTests|HugePagesTests|HNSWReachabilityTests)|FaceVisionTests\.ConvolutionLayerTests'
echo "=== native kernel tests with FACESEARCH_PORTABLE_KERNELS=1"
log=$(mktemp)
FACESEARCH_PORTABLE_KERNELS=1 swift test --skip-build --filter "$suites" >"$log" 2>&1
status=$?
grep -E "^(✔|✘) Test run|✘ Test .* (recorded an issue|failed)|SKIPPED" "$log" | uniq | cut -c1-400 | head -20
rm -f "$log"
exit "$status"
