// dlib's HOG frontal face detector, run exactly as dlib's Python binding runs
// it: the image is doubled `upsample` times with pyramid_up, searched, and the
// rectangles mapped back with pyramid_down<2>::rect_down.
#include "shim_common.hpp"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

struct fsd_hog_detector {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
};

extern "C" fsd_hog_detector *fsd_hog_detector_create(fsd_error *error) {
    fsd_hog_detector *created = nullptr;
    fsd::guarded(error, [&] {
        created = new fsd_hog_detector();
        return 0;
    });
    return created;
}

extern "C" void fsd_hog_detector_destroy(fsd_hog_detector *detector) { delete detector; }

extern "C" int32_t fsd_hog_detect(fsd_hog_detector *detector, const fsd_image *image,
                                  int32_t upsample, double adjust_threshold, fsd_detection *out,
                                  int32_t capacity, int32_t *count, fsd_error *error) {
    if (!detector || !count || (capacity > 0 && !out) || upsample < 0 || upsample > 4) {
        return fsd::fail(error, FSD_ERROR_ARGUMENT, "invalid HOG detection arguments");
    }
    if (!fsd::valid(image, error)) return -1;
    return fsd::guarded(error, [&] {
        const fsd::rgb_view view = fsd::view_of(image);
        std::vector<dlib::rect_detection> found;
        if (upsample == 0) {
            detector->detector(view, found, adjust_threshold);
        } else {
            dlib::pyramid_down<2> pyramid;
            dlib::array2d<dlib::rgb_pixel> larger;
            dlib::pyramid_up(view, larger, pyramid);
            for (int32_t level = 1; level < upsample; ++level) dlib::pyramid_up(larger);
            detector->detector(larger, found, adjust_threshold);
            for (auto &d : found) d.rect = pyramid.rect_down(d.rect, upsample);
        }
        return fsd::deliver(
            found, [](const dlib::rect_detection &d) { return fsd::detection_of(d.rect, d.detection_confidence); },
            out, capacity, count);
    });
}
