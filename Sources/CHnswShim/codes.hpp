// Navigation codes: each row of floats in one signed byte per value, scaled so
// that the row's largest magnitude becomes 127, followed by the scale and the
// row's squared length as floats. A search walks the graph comparing codes (a
// quarter of the bytes the floats take, so about a quarter of the memory
// traffic), then scores the candidates it keeps on their floats, so the
// answer's order and distances are the floats'.
#ifndef FS_HNSW_CODES_HPP
#define FS_HNSW_CODES_HPP

#include "kernels.hpp"

#include <cstddef>

namespace fsh {

/// Bytes of the code of a row of `dimension` floats (`dimension` a multiple of 16).
constexpr size_t code_bytes(size_t dimension) { return dimension + 2 * sizeof(float); }

/// Writes the code of `row` (`dimension` floats) to `code` (`code_bytes(dimension)` bytes).
void encode(const float *row, size_t dimension, void *code);

/// Squared L2 between two codes: |a|² + |b|² − 2·(scale a)·(scale b)·(a·b in bytes).
DistanceFunction code_l2_kernel();
/// `1 − dot` between two codes of unit rows.
DistanceFunction code_inner_product_kernel();

} // namespace fsh

#endif
