// The vector space of facesearch's HNSW graphs: what an element holds and
// which kernel compares two of them. Included by hnsw.cpp only (hnswlib's
// headers define non-inline functions).
#ifndef FS_HNSW_SPACE_HPP
#define FS_HNSW_SPACE_HPP

#include "codes.hpp"
#include "fs_hnsw.h"
#include "kernels.hpp"

#include <hnswlib/hnswlib.h>

#include <cstring>
#include <vector>

namespace fsh {

/// A vector space of `dimension` floats measured by one of fsh's kernels. With
/// `codes`, each element holds the row's navigation code (codes.hpp) before its
/// floats and the graph is walked on the codes; otherwise it holds the floats.
class Space final : public hnswlib::SpaceInterface<float> {
  public:
    Space(size_t dimension, int32_t space, bool codes)
        : dimension_(dimension), codes_(codes),
          floats_(space == FSH_SPACE_L2 ? squared_l2_kernel() : inner_product_kernel()),
          function_(!codes                    ? floats_
                    : space == FSH_SPACE_L2 ? code_l2_kernel()
                                            : code_inner_product_kernel()) {}
    size_t get_data_size() override { return float_offset() + dimension_ * sizeof(float); }
    hnswlib::DISTFUNC<float> get_dist_func() override { return function_; }
    void *get_dist_func_param() override { return &dimension_; }

    /// Whether elements hold codes and the graph is walked on them.
    bool codes() const { return codes_; }
    /// Where an element's floats start in its data.
    size_t float_offset() const { return codes_ ? code_bytes(dimension_) : 0; }
    /// The floats of an element's data.
    const float *floats_of(const char *data) const { return reinterpret_cast<const float *>(data + float_offset()); }
    /// The distance between two rows of floats.
    float float_distance(const float *a, const float *b) const { return floats_(a, b, &dimension_); }
    /// What the graph compares for `row`: its code, or `row` itself. `buffer`
    /// holds the code.
    const void *navigation_form(const float *row, std::vector<char> &buffer) const {
        if (!codes_) return row;
        buffer.resize(code_bytes(dimension_));
        encode(row, dimension_, buffer.data());
        return buffer.data();
    }
    /// An element's data for `row`, in `buffer`: its code then its floats, or `row` itself.
    const void *element_form(const float *row, std::vector<char> &buffer) const {
        if (!codes_) return row;
        buffer.resize(float_offset() + dimension_ * sizeof(float));
        encode(row, dimension_, buffer.data());
        std::memcpy(buffer.data() + float_offset(), row, dimension_ * sizeof(float));
        return buffer.data();
    }

  private:
    size_t dimension_;
    bool codes_;
    hnswlib::DISTFUNC<float> floats_;
    hnswlib::DISTFUNC<float> function_;
};

} // namespace fsh

#endif
