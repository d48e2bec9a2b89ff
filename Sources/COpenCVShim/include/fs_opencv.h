// A plain C interface over the parts of OpenCV 4.6 that facesearch uses: the
// YuNet face detector and the SFace descriptor net, both ONNX models run by
// OpenCV's dnn module.
//
// Every symbol is prefixed `fso_`. It shares the error, image and point types
// of the dlib shim (fs_dlib.h) and its conventions: opaque handles from a
// `_load` function freed by the matching `_destroy`; calls that can fail take
// an `fsd_error *` and return 0 on success or -1 with the error filled in. No
// C++ exception (cv::Exception included) ever crosses this boundary.
//
// Thread safety: a YuNet or SFace handle owns a dnn network and must be used by
// one thread at a time. `fso_sface_align` holds no state.
#ifndef FS_OPENCV_H
#define FS_OPENCV_H

#include "fs_dlib.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The side of SFace's aligned chip, in pixels.
#define FSO_SFACE_CHIP_SIZE 112
/// The number of values of one SFace descriptor.
#define FSO_SFACE_LENGTH 128
/// YuNet's input sides must be multiples of this; images are padded to it.
#define FSO_YUNET_DIVISOR 32

/// A face found by YuNet, in the pixel coordinates of the image searched.
/// `landmarks` holds five (x, y) pairs in YuNet's order: the subject's right
/// eye, left eye, nose tip, right mouth corner, left mouth corner.
typedef struct fso_face {
    float left;
    float top;
    float width;
    float height;
    float score;
    float landmarks[10];
} fso_face;

/// Which implementation runs a network's convolutions. FSO_LAYERS_FACESEARCH:
/// the shim's own layers for 3x3 depthwise and 1x1 convolutions (a direct
/// loop, AVX2 where the processor has it, and BLAS sgemm), OpenCV's for the
/// rest. FSO_LAYERS_OPENCV: OpenCV's for every layer. Both compute the same
/// descriptors and boxes up to rounding (sums in another order).
typedef enum fso_layers { FSO_LAYERS_FACESEARCH = 0, FSO_LAYERS_OPENCV = 1 } fso_layers;

typedef struct fso_yunet fso_yunet;
typedef struct fso_sface fso_sface;

/// The OpenCV version these functions were compiled against, as "4.6.0".
const char *fso_opencv_version(void);

/// Limits OpenCV's own worker threads (the caller parallelises across photos).
void fso_limit_threads(int32_t threads);

/// YuNet (face_detection_yunet_2023mar.onnx).
fso_yunet *fso_yunet_load(const char *path, fso_layers layers, fsd_error *error);
void fso_yunet_destroy(fso_yunet *detector);

/// Finds faces in `image` (padded on the right and bottom to a multiple of
/// FSO_YUNET_DIVISOR). Candidates scoring below `score_threshold` are dropped,
/// then non-maximum suppression removes boxes overlapping a better one by more
/// than `nms_threshold` (intersection over union). Writes up to `capacity`
/// faces into `out`, best first, and the total number kept into `count`.
int32_t fso_yunet_detect(fso_yunet *detector, const fsd_image *image, float score_threshold,
                         float nms_threshold, fso_face *out, int32_t capacity, int32_t *count,
                         fsd_error *error);

/// SFace (face_recognition_sface_2021dec.onnx).
fso_sface *fso_sface_load(const char *path, fso_layers layers, fsd_error *error);
void fso_sface_destroy(fso_sface *net);

/// Cuts SFace's aligned FSO_SFACE_CHIP_SIZE-square RGB chip: the similarity
/// transform that best maps the five landmarks (YuNet's order, 10 floats) onto
/// ArcFace's reference points, then bilinear warping. `out` receives
/// 112*112*3 bytes.
int32_t fso_sface_align(const fsd_image *image, const float *landmarks, uint8_t *out,
                        fsd_error *error);

/// Computes one FSO_SFACE_LENGTH descriptor per chip. `chips` holds `count`
/// contiguous aligned RGB chips; `out` receives `count * 128` floats, as the
/// network computed them (not normalised).
int32_t fso_sface_describe(fso_sface *net, const uint8_t *chips, int32_t count, float *out,
                           fsd_error *error);

#ifdef __cplusplus
}
#endif

#endif
