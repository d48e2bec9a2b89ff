// SFace 2021dec run through cv::dnn, with its alignment done here: the
// least-squares similarity transform (rotation, uniform scale, translation)
// from the five landmarks onto ArcFace's 112x112 reference points, then
// bilinear warping, as cv::FaceRecognizerSF::alignCrop does.
#include "guard.hpp"

#include <opencv2/imgproc.hpp>

#include <cstring>
#include <string>

struct fso_sface {
    cv::dnn::Net net;
};

namespace {
/// ArcFace's reference positions of the five landmarks in a 112x112 chip
/// (subject's right eye, left eye, nose tip, right and left mouth corners).
const double reference[5][2] = {
    {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};
constexpr size_t chip_bytes = FSO_SFACE_CHIP_SIZE * FSO_SFACE_CHIP_SIZE * 3;

/// The 2x3 similarity transform minimising the squared distances between
/// the transformed `points` and `reference`. With centred coordinates
/// (x, y) -> (u, v) its linear part is [a -b; b a] with
/// a = sum(xu + yv) / sum(x^2 + y^2) and b = sum(xv - yu) / sum(x^2 + y^2).
cv::Mat similarity(const float *points) {
    double source_mean[2] = {0, 0}, target_mean[2] = {0, 0};
    for (int i = 0; i < 5; ++i) {
        for (int axis = 0; axis < 2; ++axis) {
            source_mean[axis] += points[2 * i + axis] / 5.0;
            target_mean[axis] += reference[i][axis] / 5.0;
        }
    }
    double dot = 0, cross = 0, spread = 0;
    for (int i = 0; i < 5; ++i) {
        const double x = points[2 * i] - source_mean[0], y = points[2 * i + 1] - source_mean[1];
        const double u = reference[i][0] - target_mean[0], v = reference[i][1] - target_mean[1];
        dot += x * u + y * v;
        cross += x * v - y * u;
        spread += x * x + y * y;
    }
    if (!(spread > 1e-9)) throw std::runtime_error("the landmarks coincide");
    const double a = dot / spread, b = cross / spread;
    cv::Mat transform = (cv::Mat_<double>(2, 3) << a, -b, 0, b, a, 0);
    transform.at<double>(0, 2) = target_mean[0] - (a * source_mean[0] - b * source_mean[1]);
    transform.at<double>(1, 2) = target_mean[1] - (b * source_mean[0] + a * source_mean[1]);
    return transform;
}
} // namespace

extern "C" fso_sface *fso_sface_load(const char *path, fso_layers layers, fsd_error *error) {
    return fso::load_network<fso_sface>(path, layers, error);
}

extern "C" void fso_sface_destroy(fso_sface *net) { delete net; }

extern "C" int32_t fso_sface_align(const fsd_image *image, const float *landmarks, uint8_t *out,
                                   fsd_error *error) {
    cv::Mat pixels;
    if (!landmarks || !out) return fso::fail(error, FSD_ERROR_ARGUMENT, "no landmarks or output");
    if (!fso::view(image, pixels, error)) return -1;
    return fso::guarded(error, [&] {
        cv::Mat chip(FSO_SFACE_CHIP_SIZE, FSO_SFACE_CHIP_SIZE, CV_8UC3, out);
        cv::warpAffine(pixels, chip, similarity(landmarks), chip.size(), cv::INTER_LINEAR,
                       cv::BORDER_CONSTANT, cv::Scalar::all(0));
        if (chip.data != out) throw std::runtime_error("the chip was reallocated");
        return 0;
    });
}

extern "C" int32_t fso_sface_describe(fso_sface *net, const uint8_t *chips, int32_t count, float *out,
                                      fsd_error *error) {
    if (!net || count < 0 || (count > 0 && (!chips || !out))) {
        return fso::fail(error, FSD_ERROR_ARGUMENT, "no net, chips or output");
    }
    if (count == 0) return 0;
    return fso::guarded(error, [&] {
        std::vector<cv::Mat> images;
        for (int32_t i = 0; i < count; ++i) {
            images.emplace_back(FSO_SFACE_CHIP_SIZE, FSO_SFACE_CHIP_SIZE, CV_8UC3,
                                const_cast<uint8_t *>(chips + static_cast<size_t>(i) * chip_bytes));
        }
        // The chips are RGB already, which is what the net takes (values 0-255).
        net->net.setInput(cv::dnn::blobFromImages(images, 1.0, cv::Size(), cv::Scalar(), false, false));
        cv::Mat features = net->net.forward();
        if (features.total() != static_cast<size_t>(count) * FSO_SFACE_LENGTH) {
            throw std::runtime_error("SFace gave an unexpected output size");
        }
        cv::Mat contiguous = features.isContinuous() ? features : features.clone();
        std::memcpy(out, contiguous.ptr<float>(), static_cast<size_t>(count) * FSO_SFACE_LENGTH * sizeof(float));
        return 0;
    });
}

extern "C" const char *fso_opencv_version(void) { return CV_VERSION; }

extern "C" void fso_limit_threads(int32_t threads) { cv::setNumThreads(threads); }
