// The landmark predictor, the aligned face chip, bilinear resizing and the
// process-wide settings of the shim.
#include "shim_common.hpp"

#include <dlib/image_processing.h>
#include <dlib/image_transforms.h>
#include <dlib/matrix.h>
#include <dlib/revision.h>

#include <cstring>
#include <dlfcn.h>

struct fsd_shape_predictor {
    dlib::shape_predictor predictor;
};

extern "C" int32_t fsd_limit_blas_threads(void) {
    // Looked up at run time so the shim links against any BLAS; only OpenBLAS
    // starts threads of its own.
    using setter = void (*)(int);
    auto set_threads = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (!set_threads) return 0;
    set_threads(1);
    return 1;
}

extern "C" const char *fsd_dlib_version(void) {
#define FSD_STRINGIFY2(x) #x
#define FSD_STRINGIFY(x) FSD_STRINGIFY2(x)
    return FSD_STRINGIFY(DLIB_MAJOR_VERSION) "." FSD_STRINGIFY(DLIB_MINOR_VERSION) "." FSD_STRINGIFY(
        DLIB_PATCH_VERSION);
}

extern "C" fsd_shape_predictor *fsd_shape_predictor_load(const char *path, fsd_error *error) {
    if (!path) {
        fsd::fail(error, FSD_ERROR_ARGUMENT, "no model path");
        return nullptr;
    }
    fsd_shape_predictor *loaded = nullptr;
    int32_t status = fsd::guarded(error, [&] {
        auto predictor = new fsd_shape_predictor();
        try {
            dlib::deserialize(path) >> predictor->predictor;
        } catch (...) {
            delete predictor;
            throw;
        }
        loaded = predictor;
        return 0;
    });
    if (status != 0 && error) error->code = FSD_ERROR_MODEL;
    return loaded;
}

extern "C" void fsd_shape_predictor_destroy(fsd_shape_predictor *predictor) { delete predictor; }

extern "C" int32_t fsd_shape_predictor_parts(const fsd_shape_predictor *predictor) {
    return predictor ? static_cast<int32_t>(predictor->predictor.num_parts()) : 0;
}

extern "C" int32_t fsd_shape_predict(const fsd_shape_predictor *predictor, const fsd_image *image,
                                     const fsd_detection *box, fsd_point *out, fsd_error *error) {
    if (!predictor || !box || !out) return fsd::fail(error, FSD_ERROR_ARGUMENT, "invalid landmark arguments");
    if (!fsd::valid(image, error)) return -1;
    return fsd::guarded(error, [&] {
        const dlib::rectangle rect(box->left, box->top, box->right, box->bottom);
        const dlib::full_object_detection shape = predictor->predictor(fsd::view_of(image), rect);
        for (unsigned long i = 0; i < shape.num_parts(); ++i) {
            out[i] = fsd_point{shape.part(i).x(), shape.part(i).y()};
        }
        return 0;
    });
}

extern "C" int32_t fsd_extract_chip(const fsd_image *image, const fsd_point *parts, int32_t part_count,
                                    double padding, uint8_t *out, fsd_error *error) {
    if (!parts || !out || (part_count != 5 && part_count != 68) || padding < 0) {
        return fsd::fail(error, FSD_ERROR_ARGUMENT, "a chip needs 5 or 68 landmarks and an output buffer");
    }
    if (!fsd::valid(image, error)) return -1;
    return fsd::guarded(error, [&] {
        std::vector<dlib::point> points;
        for (int32_t i = 0; i < part_count; ++i) points.emplace_back(parts[i].x, parts[i].y);
        // The rectangle is not used by get_face_chip_details, only the parts.
        const dlib::full_object_detection shape(dlib::rectangle(), points);
        std::vector<dlib::chip_details> details{dlib::get_face_chip_details(shape, FSD_CHIP_SIZE, padding)};
        dlib::array<dlib::matrix<dlib::rgb_pixel>> chips;
        dlib::extract_image_chips(fsd::view_of(image), details, chips);
        std::memcpy(out, &chips[0](0, 0), FSD_CHIP_SIZE * FSD_CHIP_SIZE * 3);
        return 0;
    });
}

extern "C" int32_t fsd_resize(const fsd_image *image, int32_t out_width, int32_t out_height, uint8_t *out,
                              fsd_error *error) {
    if (!out || out_width <= 0 || out_height <= 0) {
        return fsd::fail(error, FSD_ERROR_ARGUMENT, "invalid resize target");
    }
    if (!fsd::valid(image, error)) return -1;
    return fsd::guarded(error, [&] {
        dlib::matrix<dlib::rgb_pixel> resized(out_height, out_width);
        dlib::resize_image(fsd::view_of(image), resized);
        std::memcpy(out, &resized(0, 0), static_cast<size_t>(out_width) * out_height * 3);
        return 0;
    });
}
