// Distance kernels for the HNSW graph, chosen once per process: AVX2 with FMA
// where the processor has them, else portable vector code (SSE2 on x86-64,
// NEON on arm64). The package is compiled for each architecture's baseline,
// so the AVX2 code exists only inside functions marked for it and runs only
// after a CPU check.
#ifndef FS_HNSW_KERNELS_HPP
#define FS_HNSW_KERNELS_HPP

#include <cstddef>

namespace fsh {

/// hnswlib's distance function type: two rows and a pointer to the row length.
using DistanceFunction = float (*)(const void *, const void *, const void *);

/// The squared L2 kernel for rows of a multiple of 16 floats.
DistanceFunction squared_l2_kernel();
/// The `1 - dot` kernel for rows of a multiple of 16 floats.
DistanceFunction inner_product_kernel();
/// Which kernels `squared_l2_kernel` and `inner_product_kernel` return.
const char *kernel_name();

} // namespace fsh

#endif
