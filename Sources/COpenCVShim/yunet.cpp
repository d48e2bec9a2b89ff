// YuNet 2023mar run through cv::dnn on OpenCV 4.6. cv::FaceDetectorYN of 4.6
// rejects this model, so the outputs are decoded here from the model's
// documented format: for each stride (8, 16, 32), per cell, a class score, an
// objectness score, a box (centre offset in cells, log size in cells) and five
// landmarks (offsets in cells); the face score is sqrt(class * objectness).
#include "guard.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

struct fso_yunet {
    cv::dnn::Net net;
};

namespace {
const int strides[3] = {8, 16, 32};
const std::vector<cv::String> output_names = {"cls_8",  "cls_16",  "cls_32", "obj_8",
                                              "obj_16", "obj_32",  "bbox_8", "bbox_16",
                                              "bbox_32", "kps_8",  "kps_16", "kps_32"};

int padded(int side) { return (side + FSO_YUNET_DIVISOR - 1) / FSO_YUNET_DIVISOR * FSO_YUNET_DIVISOR; }

static_assert(sizeof(fso_face) == 15 * sizeof(float), "fso_face is 15 packed floats");

/// Whether `face` is a plausible face of an image of `width` x `height`
/// pixels: every number finite, its centre inside the image (not in the
/// padding), its sides from 4 pixels to twice the image's longer side. A
/// degenerate input (a strip one pixel high) makes the net emit runaway boxes
/// with high scores; this drops them.
bool plausible(const fso_face &face, int width, int height) {
    const float *values = &face.left;
    for (int i = 0; i < 15; ++i) {
        if (!std::isfinite(values[i])) return false;
    }
    const float longest = 2.f * std::max(width, height);
    const float x = face.left + face.width / 2, y = face.top + face.height / 2;
    return x >= 0 && y >= 0 && x < width && y < height && face.width >= 4 && face.height >= 4 &&
           face.width <= longest && face.height <= longest;
}

/// Every candidate of one stride scoring at least `threshold`.
void decode(const cv::Mat &cls, const cv::Mat &obj, const cv::Mat &box, const cv::Mat &kps, int stride,
            int columns, int rows, float threshold, int image_width, int image_height,
            std::vector<fso_face> &faces) {
    const size_t cells = static_cast<size_t>(columns) * static_cast<size_t>(rows);
    if (cls.total() < cells || obj.total() < cells || box.total() < cells * 4 || kps.total() < cells * 10) {
        throw std::runtime_error("YuNet's outputs do not match the input size");
    }
    const float *c = cls.ptr<float>(), *o = obj.ptr<float>(), *b = box.ptr<float>(), *k = kps.ptr<float>();
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            const size_t cell = static_cast<size_t>(row) * columns + column;
            const float score = std::sqrt(std::clamp(c[cell], 0.f, 1.f) * std::clamp(o[cell], 0.f, 1.f));
            if (score < threshold) continue;
            const float *r = b + cell * 4;
            const float width = std::exp(r[2]) * stride, height = std::exp(r[3]) * stride;
            fso_face face{};
            face.left = (column + r[0]) * stride - width / 2;
            face.top = (row + r[1]) * stride - height / 2;
            face.width = width;
            face.height = height;
            face.score = score;
            for (int point = 0; point < 5; ++point) {
                face.landmarks[2 * point] = (k[cell * 10 + 2 * point] + column) * stride;
                face.landmarks[2 * point + 1] = (k[cell * 10 + 2 * point + 1] + row) * stride;
            }
            if (plausible(face, image_width, image_height)) faces.push_back(face);
        }
    }
}
} // namespace

extern "C" fso_yunet *fso_yunet_load(const char *path, fso_layers layers, fsd_error *error) {
    return fso::load_network<fso_yunet>(path, layers, error);
}

extern "C" void fso_yunet_destroy(fso_yunet *detector) { delete detector; }

extern "C" int32_t fso_yunet_detect(fso_yunet *detector, const fsd_image *image, float score_threshold,
                                    float nms_threshold, fso_face *out, int32_t capacity, int32_t *count,
                                    fsd_error *error) {
    cv::Mat pixels;
    if (!detector || !count || (capacity > 0 && !out)) {
        return fso::fail(error, FSD_ERROR_ARGUMENT, "no detector or output");
    }
    if (!fso::view(image, pixels, error)) return -1;
    return fso::guarded(error, [&] {
        const int width = padded(pixels.cols), height = padded(pixels.rows);
        cv::Mat canvas;
        cv::copyMakeBorder(pixels, canvas, 0, height - pixels.rows, 0, width - pixels.cols,
                           cv::BORDER_CONSTANT, cv::Scalar::all(0));
        // The model takes BGR values 0-255; swapping R and B turns our RGB into that.
        detector->net.setInput(cv::dnn::blobFromImage(canvas, 1.0, cv::Size(), cv::Scalar(), true, false));
        std::vector<cv::Mat> outputs;
        detector->net.forward(outputs, output_names);
        if (outputs.size() != output_names.size()) throw std::runtime_error("YuNet gave too few outputs");

        std::vector<fso_face> candidates;
        for (int level = 0; level < 3; ++level) {
            decode(outputs[level], outputs[level + 3], outputs[level + 6], outputs[level + 9], strides[level],
                   width / strides[level], height / strides[level], score_threshold, pixels.cols, pixels.rows,
                   candidates);
        }
        std::vector<cv::Rect2d> boxes;
        std::vector<float> scores;
        for (const fso_face &face : candidates) {
            boxes.emplace_back(face.left, face.top, face.width, face.height);
            scores.push_back(face.score);
        }
        std::vector<int> kept;
        cv::dnn::NMSBoxes(boxes, scores, score_threshold, nms_threshold, kept);
        std::sort(kept.begin(), kept.end(),
                  [&](int a, int b) { return candidates[a].score > candidates[b].score; });
        *count = static_cast<int32_t>(kept.size());
        for (size_t i = 0; i < kept.size() && static_cast<int32_t>(i) < capacity; ++i) {
            out[i] = candidates[kept[i]];
        }
        return 0;
    });
}
