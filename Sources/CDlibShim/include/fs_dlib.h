// A plain C interface over the parts of dlib 19.24 that facesearch uses.
//
// Every symbol is prefixed `fsd_`. Models are opaque handles created by a
// `_load`/`_create` function and freed by the matching `_destroy`. Every call
// that can fail takes an `fsd_error *` and returns 0 on success, -1 on failure
// with the error filled in: no C++ exception ever crosses this boundary.
//
// Thread safety (measured, not assumed): a HOG detector, a CNN detector and a
// face descriptor net must each be used by one thread at a time (a shared
// ResNet silently returns wrong descriptors, a shared HOG detector corrupts the
// heap). A shape predictor is read-only after loading and may be shared.
#ifndef FS_DLIB_H
#define FS_DLIB_H

#include <stddef.h>
#include <stdint.h>

#include "fs_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/// A read-only view of interleaved 8-bit RGB pixels; `stride` is bytes per row.
typedef struct fsd_image {
    const uint8_t *pixels;
    int32_t width;
    int32_t height;
    int32_t stride;
} fsd_image;

/// A detected face rectangle in pixel coordinates (inclusive, as dlib's
/// `rectangle`) and the detector's confidence.
typedef struct fsd_detection {
    int64_t left;
    int64_t top;
    int64_t right;
    int64_t bottom;
    double confidence;
} fsd_detection;

/// A landmark point in pixel coordinates.
typedef struct fsd_point {
    int64_t x;
    int64_t y;
} fsd_point;

/// The side of an aligned face chip, in pixels.
#define FSD_CHIP_SIZE 150
/// The number of values of one face descriptor.
#define FSD_DESCRIPTOR_LENGTH 128

typedef struct fsd_hog_detector fsd_hog_detector;
typedef struct fsd_cnn_detector fsd_cnn_detector;
typedef struct fsd_shape_predictor fsd_shape_predictor;
typedef struct fsd_face_net fsd_face_net;

/// Limits the BLAS library to one thread when it is OpenBLAS (the caller
/// parallelises across photos instead). Returns 1 when OpenBLAS was found.
int32_t fsd_limit_blas_threads(void);

/// The dlib version these functions were compiled against, as "19.24.0".
const char *fsd_dlib_version(void);

/// dlib's frontal face detector (HOG + linear SVM, built in, no file needed).
fsd_hog_detector *fsd_hog_detector_create(fsd_error *error);
void fsd_hog_detector_destroy(fsd_hog_detector *detector);

/// Runs the HOG detector after `upsample` doublings of the image (dlib's
/// Python binding semantics), writes up to `capacity` detections into `out`
/// and the total number found into `count`.
int32_t fsd_hog_detect(fsd_hog_detector *detector, const fsd_image *image, int32_t upsample,
                       double adjust_threshold, fsd_detection *out, int32_t capacity,
                       int32_t *count, fsd_error *error);

/// dlib's MMOD CNN face detector from `mmod_human_face_detector.dat`.
fsd_cnn_detector *fsd_cnn_detector_load(const char *path, fsd_error *error);
void fsd_cnn_detector_destroy(fsd_cnn_detector *detector);

/// Runs the CNN detector after `upsample` doublings; output as `fsd_hog_detect`.
int32_t fsd_cnn_detect(fsd_cnn_detector *detector, const fsd_image *image, int32_t upsample,
                       fsd_detection *out, int32_t capacity, int32_t *count, fsd_error *error);

/// A shape predictor (`shape_predictor_5_face_landmarks.dat` or the 68-point one).
fsd_shape_predictor *fsd_shape_predictor_load(const char *path, fsd_error *error);
void fsd_shape_predictor_destroy(fsd_shape_predictor *predictor);
/// The number of landmarks the predictor places (5 or 68).
int32_t fsd_shape_predictor_parts(const fsd_shape_predictor *predictor);

/// Places the predictor's landmarks inside `box`; `out` must hold
/// `fsd_shape_predictor_parts(predictor)` points.
int32_t fsd_shape_predict(const fsd_shape_predictor *predictor, const fsd_image *image,
                          const fsd_detection *box, fsd_point *out, fsd_error *error);

/// Cuts the aligned FSD_CHIP_SIZE x FSD_CHIP_SIZE RGB chip that the descriptor
/// net expects (dlib's `get_face_chip_details(shape, 150, padding)`, 0.25 as in
/// dlib's examples and face_recognition) into `out` (150*150*3 bytes).
int32_t fsd_extract_chip(const fsd_image *image, const fsd_point *parts, int32_t part_count,
                         double padding, uint8_t *out, fsd_error *error);

/// Resizes with dlib's bilinear `resize_image` into `out`
/// (`out_width * out_height * 3` bytes).
int32_t fsd_resize(const fsd_image *image, int32_t out_width, int32_t out_height, uint8_t *out,
                   fsd_error *error);

/// dlib's ResNet face descriptor net from `dlib_face_recognition_resnet_model_v1.dat`.
fsd_face_net *fsd_face_net_load(const char *path, fsd_error *error);
void fsd_face_net_destroy(fsd_face_net *net);

/// Computes one 128-D descriptor per chip. `chips` holds `count` contiguous
/// 150x150 RGB chips; `out` receives `count * 128` floats. With `jitters` > 1
/// each descriptor is the mean over that many randomly jittered copies of its
/// chip (dlib's `jitter_image`), from a generator seeded afresh on every call
/// so that the answer does not depend on what the net computed before.
int32_t fsd_face_net_describe(fsd_face_net *net, const uint8_t *chips, int32_t count,
                              int32_t jitters, float *out, fsd_error *error);

#ifdef __cplusplus
}
#endif

#endif
