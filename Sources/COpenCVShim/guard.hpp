// The OpenCV shim's shared pieces: the exception guard of every shim
// (cv::Exception is a std::exception, so it becomes an fsd_error with OpenCV's
// message), network loading and the caller's pixels as a cv::Mat.
#ifndef FS_OPENCV_GUARD_HPP
#define FS_OPENCV_GUARD_HPP

#include "convolutions.hpp"
#include "fs_opencv.h"
#include "fs_shim_guard.hpp"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <utility>

namespace fso {

using fsd::fail;
using fsd::guarded;

/// Creates a handle `Handle{net}` for the ONNX network at `path`, its
/// convolutions chosen by `layers`; nullptr with `error` filled
/// (FSD_ERROR_MODEL) when the file is missing or not a network OpenCV can run.
template <typename Handle> Handle *load_network(const char *path, fso_layers layers, fsd_error *error) {
    if (!path) {
        fail(error, FSD_ERROR_ARGUMENT, "no model path");
        return nullptr;
    }
    Handle *loaded = nullptr;
    int32_t status = guarded(error, [&] {
        cv::dnn::Net net = read_network(path, layers != FSO_LAYERS_OPENCV);
        if (net.empty()) return fail(error, FSD_ERROR_MODEL, "the file holds no network");
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        loaded = new Handle{std::move(net)};
        return 0;
    });
    if (status != 0 && error) error->code = error->code == FSD_ERROR_MEMORY ? FSD_ERROR_MEMORY : FSD_ERROR_MODEL;
    return status == 0 ? loaded : nullptr;
}

/// The caller's RGB pixels as a cv::Mat header (no copy; must not be written).
inline bool view(const fsd_image *image, cv::Mat &out, fsd_error *error) {
    if (!image || !image->pixels || image->width <= 0 || image->height <= 0 ||
        image->stride < image->width * 3) {
        fail(error, FSD_ERROR_ARGUMENT, "invalid image view");
        return false;
    }
    out = cv::Mat(image->height, image->width, CV_8UC3, const_cast<uint8_t *>(image->pixels),
                  static_cast<size_t>(image->stride));
    return true;
}

} // namespace fso

#endif
