// dlib's MMOD CNN face detector (the network of dlib's
// dnn_mmod_face_detection_ex.cpp), run as dlib's Python binding runs it.
#include "shim_common.hpp"

#include <dlib/dnn.h>
#include <dlib/image_transforms.h>

namespace {
using namespace dlib;
template <long filters, typename SUBNET> using con5d = con<filters, 5, 5, 2, 2, SUBNET>;
template <long filters, typename SUBNET> using con5 = con<filters, 5, 5, 1, 1, SUBNET>;
template <typename SUBNET>
using downsampler = relu<affine<con5d<32, relu<affine<con5d<32, relu<affine<con5d<16, SUBNET>>>>>>>>>;
template <typename SUBNET> using rcon5 = relu<affine<con5<45, SUBNET>>>;
using mmod_net =
    loss_mmod<con<1, 9, 9, 1, 1, rcon5<rcon5<rcon5<downsampler<input_rgb_image_pyramid<pyramid_down<6>>>>>>>>;
} // namespace

struct fsd_cnn_detector {
    mmod_net net;
};

extern "C" fsd_cnn_detector *fsd_cnn_detector_load(const char *path, fsd_error *error) {
    if (!path) {
        fsd::fail(error, FSD_ERROR_ARGUMENT, "no model path");
        return nullptr;
    }
    fsd_cnn_detector *loaded = nullptr;
    int32_t status = fsd::guarded(error, [&] {
        auto detector = new fsd_cnn_detector();
        try {
            dlib::deserialize(path) >> detector->net;
        } catch (...) {
            delete detector;
            throw;
        }
        loaded = detector;
        return 0;
    });
    if (status != 0 && error) error->code = FSD_ERROR_MODEL;
    return loaded;
}

extern "C" void fsd_cnn_detector_destroy(fsd_cnn_detector *detector) { delete detector; }

extern "C" int32_t fsd_cnn_detect(fsd_cnn_detector *detector, const fsd_image *image,
                                  int32_t upsample, fsd_detection *out, int32_t capacity,
                                  int32_t *count, fsd_error *error) {
    if (!detector || !count || (capacity > 0 && !out) || upsample < 0 || upsample > 4) {
        return fsd::fail(error, FSD_ERROR_ARGUMENT, "invalid CNN detection arguments");
    }
    if (!fsd::valid(image, error)) return -1;
    return fsd::guarded(error, [&] {
        dlib::matrix<dlib::rgb_pixel> pixels;
        dlib::assign_image(pixels, fsd::view_of(image));
        dlib::pyramid_down<2> pyramid;
        for (int32_t level = 0; level < upsample; ++level) dlib::pyramid_up(pixels, pyramid);
        std::vector<dlib::mmod_rect> found = detector->net(pixels);
        for (auto &d : found) d.rect = pyramid.rect_down(d.rect, upsample);
        return fsd::deliver(
            found, [](const dlib::mmod_rect &d) { return fsd::detection_of(d.rect, d.detection_confidence); },
            out, capacity, count);
    });
}
