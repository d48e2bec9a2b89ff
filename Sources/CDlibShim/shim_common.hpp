// Shared pieces of the dlib shim: an adapter that lets dlib read the caller's
// pixels in place, and the guard that turns C++ exceptions into fsd_error.
#ifndef FS_SHIM_COMMON_HPP
#define FS_SHIM_COMMON_HPP

#include "fs_dlib.h"
#include "fs_shim_guard.hpp"

#include <dlib/geometry.h>
#include <dlib/image_processing/generic_image.h>
#include <dlib/pixel.h>

#include <vector>

namespace fsd {

/// The caller's interleaved RGB buffer seen as a read-only dlib image.
struct rgb_view {
    const uint8_t *pixels;
    long rows;
    long columns;
    long stride;
};

/// Validates an image view; returns false and fills `error` when unusable.
inline bool valid(const fsd_image *image, fsd_error *error) {
    if (!image || !image->pixels || image->width <= 0 || image->height <= 0 ||
        image->stride < image->width * 3) {
        fail(error, FSD_ERROR_ARGUMENT, "invalid image view");
        return false;
    }
    return true;
}

inline rgb_view view_of(const fsd_image *image) {
    return rgb_view{image->pixels, image->height, image->width, image->stride};
}

inline fsd_detection detection_of(const dlib::rectangle &rect, double confidence) {
    return fsd_detection{rect.left(), rect.top(), rect.right(), rect.bottom(), confidence};
}

/// Copies detections into the caller's buffer (up to capacity) and reports the total.
template <typename Detections, typename Convert>
int32_t deliver(const Detections &found, Convert convert, fsd_detection *out, int32_t capacity,
                int32_t *count) {
    *count = static_cast<int32_t>(found.size());
    for (size_t i = 0; i < found.size() && static_cast<int32_t>(i) < capacity; ++i) {
        out[i] = convert(found[i]);
    }
    return 0;
}

} // namespace fsd

namespace fsd {
// dlib's generic image interface, found by argument-dependent lookup.
inline long num_rows(const rgb_view &v) { return v.rows; }
inline long num_columns(const rgb_view &v) { return v.columns; }
inline const void *image_data(const rgb_view &v) { return v.pixels; }
inline long width_step(const rgb_view &v) { return v.stride; }
} // namespace fsd

namespace dlib {
template <> struct image_traits<fsd::rgb_view> {
    typedef rgb_pixel pixel_type;
};
} // namespace dlib

#endif
