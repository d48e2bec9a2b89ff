// facesearch's depthwise 3x3 and 1x1 convolution layers for OpenCV's dnn
// module (see convolutions.hpp). They replace OpenCV's own only while a
// network is read: the layer factory is overridden under a lock, every layer
// is instantiated, and the override is removed again.
#include "convolutions.hpp"
#include "fs_cpu.hpp"

#include <opencv2/core.hpp>
#include <opencv2/dnn/all_layers.hpp>
#include <opencv2/dnn/layer.details.hpp>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <vector>

// The one BLAS routine used, declared as the CBLAS ABI states it (the header's
// folder differs between architectures). Linked from the BLAS dlib uses.
extern "C" void cblas_sgemm(int order, int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                            const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

namespace {

constexpr int cblas_row_major = 101;
constexpr int cblas_no_transpose = 111;

using cv::dnn::MatShape;

/// Folds a following layer's per-channel scale and shift (a batch norm, a
/// scale, a power of 1) into `weights` (rows of `row` values, one per output
/// channel) and `bias`. False when `top` has none or they do not fit.
bool fold_scale_shift(const cv::Ptr<cv::dnn::Layer> &top, std::vector<float> &weights, std::vector<float> &bias,
                      size_t row) {
    cv::Mat scale, shift;
    top->getScaleShift(scale, shift);
    if (scale.empty() && shift.empty()) return false;
    const size_t channels = bias.size();
    auto fits = [&](const cv::Mat &m) {
        return m.empty() || (m.type() == CV_32F && m.isContinuous() && (m.total() == 1 || m.total() == channels));
    };
    if (!fits(scale) || !fits(shift)) return false;
    for (size_t c = 0; c < channels; ++c) {
        const float a = scale.empty() ? 1.f : scale.ptr<float>()[scale.total() == 1 ? 0 : c];
        const float b = shift.empty() ? 0.f : shift.ptr<float>()[shift.total() == 1 ? 0 : c];
        for (size_t i = 0; i < row; ++i) weights[c * row + i] *= a;
        bias[c] = bias[c] * a + b;
    }
    return true;
}

/// What both layers share: weights, bias, the fusions and the CPU backend.
class OwnConvolution : public cv::dnn::Layer {
  public:
    OwnConvolution(const cv::dnn::LayerParams &params, const char *kind, int outputs, size_t row)
        : outputs(outputs), row(row) {
        setParamsFrom(params);
        type = kind;
        unfuse();
    }

    bool supportBackend(int backend) override { return backend == cv::dnn::DNN_BACKEND_OPENCV; }

    /// OpenCV sets a network up again whenever its input shape changes (a
    /// photo with another number of faces), finalising every layer and then
    /// fusing again: the fusions start over from the layer's own weights.
    void finalize(cv::InputArrayOfArrays, cv::OutputArrayOfArrays) override { unfuse(); }

    bool tryFuse(cv::Ptr<cv::dnn::Layer> &top) override {
        return !activation && fold_scale_shift(top, weights, bias, row);
    }

    /// One activation only, as OpenCV's convolution: a second one (a batch
    /// norm is an activation layer too) must run as its own layer.
    bool setActivation(const cv::Ptr<cv::dnn::ActivationLayer> &layer) override {
        if (activation || layer.empty()) return false;
        activation = layer;
        return true;
    }

    bool getMemoryShapes(const std::vector<MatShape> &inputs, const int, std::vector<MatShape> &results,
                         std::vector<MatShape> &) const override {
        CV_Assert(inputs.size() == 1 && inputs[0].size() == 4 && inputs[0][1] == input_channels());
        results.assign(1, output_shape(inputs[0]));
        return false;
    }

    void forward(cv::InputArrayOfArrays input_arrays, cv::OutputArrayOfArrays output_arrays,
                 cv::OutputArrayOfArrays) override {
        std::vector<cv::Mat> inputs, results;
        input_arrays.getMatVector(inputs);
        output_arrays.getMatVector(results);
        CV_Assert(inputs.size() == 1 && results.size() == 1);
        CV_Assert(inputs[0].dims == 4 && inputs[0].type() == CV_32F && inputs[0].isContinuous());
        CV_Assert(results[0].dims == 4 && results[0].type() == CV_32F && results[0].isContinuous());
        CV_Assert(inputs[0].size[1] == input_channels() && inputs[0].size[0] == results[0].size[0]);
        run(inputs[0], results[0]);
    }

  protected:
    /// The number of input channels the layer takes.
    virtual int input_channels() const = 0;
    /// The output blob's shape for an input blob of shape `input`.
    virtual MatShape output_shape(const MatShape &input) const = 0;
    /// Computes `result` from `input` (both checked: contiguous 4-D floats).
    virtual void run(const cv::Mat &input, cv::Mat &result) const = 0;

    /// The weights and bias as read from the model, with nothing fused.
    void unfuse() {
        const float *w = blobs[0].ptr<float>();
        weights.assign(w, w + static_cast<size_t>(outputs) * row);
        bias.assign(static_cast<size_t>(outputs), 0.f);
        if (blobs.size() > 1) {
            const float *b = blobs[1].ptr<float>();
            bias.assign(b, b + outputs);
        }
        activation.release();
    }

    /// Applies the fused activation to `count` channel planes from `first`.
    void activate(float *planes, int plane, int first, int count) const {
        if (activation) activation->forwardSlice(planes, planes, plane, static_cast<size_t>(plane), first, first + count);
    }

    int outputs;
    size_t row;
    std::vector<float> weights, bias;
    cv::Ptr<cv::dnn::ActivationLayer> activation;
};

/// Where a depthwise plane's padded rows come from.
struct PlaneGeometry {
    int height, width, pad_top, pad_left, out_height, out_width;
};

/// Row `y` of the zero-padded input plane, `count` values from padded
/// column 0, into `row`.
inline __attribute__((always_inline)) void padded_row(const float *source, const PlaneGeometry &g, int y,
                                                      float *row, int count) {
    const int source_y = y - g.pad_top;
    if (source_y < 0 || source_y >= g.height) {
        std::fill(row, row + count, 0.f);
        return;
    }
    const int begin = std::min(g.pad_left, count), end = std::max(begin, std::min(count, g.pad_left + g.width));
    std::fill(row, row + begin, 0.f);
    std::memcpy(row + begin, source + static_cast<size_t>(source_y) * g.width, sizeof(float) * (end - begin));
    std::fill(row + end, row + count, 0.f);
}

/// Stride 1: the padded plane is laid out row after row, so every output of
/// a padded row is one contiguous sum of nine shifted reads (the two extra
/// columns per row are computed and dropped). `scratch` holds
/// (out_height + 2) * (out_width + 2) * 2 floats.
inline __attribute__((always_inline)) void depthwise_stride1(const float *source, const PlaneGeometry &g,
                                                             const float *k, float bias, float *out,
                                                             float *scratch) {
    const int pw = g.out_width + 2, ph = g.out_height + 2;
    float *padded = scratch, *wide = scratch + static_cast<size_t>(ph) * pw;
    for (int y = 0; y < ph; ++y) padded_row(source, g, y, padded + static_cast<size_t>(y) * pw, pw);
    const int count = g.out_height * pw - 2;
    const float *r0 = padded, *r1 = padded + pw, *r2 = padded + 2 * pw;
    for (int i = 0; i < count; ++i) {
        wide[i] = bias + k[0] * r0[i] + k[1] * r0[i + 1] + k[2] * r0[i + 2] + k[3] * r1[i] + k[4] * r1[i + 1] +
                  k[5] * r1[i + 2] + k[6] * r2[i] + k[7] * r2[i + 1] + k[8] * r2[i + 2];
    }
    for (int y = 0; y < g.out_height; ++y) {
        std::memcpy(out + static_cast<size_t>(y) * g.out_width, wide + static_cast<size_t>(y) * pw,
                    sizeof(float) * g.out_width);
    }
}

/// Stride 2: each padded row is split into its even and odd columns, so the
/// three taps of a row are contiguous reads of even[x], odd[x] and
/// even[x + 1]. `scratch` holds (2 * out_height + 1) * (2 * out_width + 2) floats
/// plus one padded row.
inline __attribute__((always_inline)) void depthwise_stride2(const float *source, const PlaneGeometry &g,
                                                             const float *k, float bias, float *out,
                                                             float *scratch) {
    const int full = 2 * g.out_width + 1, half = g.out_width + 1, ph = 2 * g.out_height + 1;
    float *line = scratch, *split = scratch + full + 1;
    for (int y = 0; y < ph; ++y) {
        padded_row(source, g, y, line, full);
        float *even = split + static_cast<size_t>(y) * 2 * half, *odd = even + half;
        for (int x = 0; x < half; ++x) even[x] = line[2 * x];
        for (int x = 0; x + 1 < half; ++x) odd[x] = line[2 * x + 1];
    }
    for (int y = 0; y < g.out_height; ++y) {
        float *o = out + static_cast<size_t>(y) * g.out_width;
        const float *e0 = split + static_cast<size_t>(2 * y) * 2 * half, *o0 = e0 + half;
        const float *e1 = e0 + 2 * half, *o1 = e1 + half, *e2 = e1 + 2 * half, *o2 = e2 + half;
        for (int x = 0; x < g.out_width; ++x) {
            o[x] = bias + k[0] * e0[x] + k[1] * o0[x] + k[2] * e0[x + 1] + k[3] * e1[x] + k[4] * o1[x] +
                   k[5] * e1[x + 1] + k[6] * e2[x] + k[7] * o2[x] + k[8] * e2[x + 1];
        }
    }
}

using PlaneKernel = void (*)(const float *, const PlaneGeometry &, const float *, float, float *, float *);

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void stride1_avx2(const float *s, const PlaneGeometry &g, const float *k,
                                                      float b, float *o, float *t) {
    depthwise_stride1(s, g, k, b, o, t);
}
__attribute__((target("avx2,fma"))) void stride2_avx2(const float *s, const PlaneGeometry &g, const float *k,
                                                      float b, float *o, float *t) {
    depthwise_stride2(s, g, k, b, o, t);
}
#endif
void stride1_portable(const float *s, const PlaneGeometry &g, const float *k, float b, float *o, float *t) {
    depthwise_stride1(s, g, k, b, o, t);
}
void stride2_portable(const float *s, const PlaneGeometry &g, const float *k, float b, float *o, float *t) {
    depthwise_stride2(s, g, k, b, o, t);
}

/// A 3x3 convolution with one filter per channel, stride 1 or 2, any padding.
class DepthwiseConvolution final : public OwnConvolution {
  public:
    DepthwiseConvolution(const cv::dnn::LayerParams &params, const cv::dnn::BaseConvolutionLayer &layer)
        : OwnConvolution(params, "FacesearchDepthwise3x3", layer.numOutput, 9),
          stride(static_cast<int>(layer.strides[0])), pad_top(static_cast<int>(layer.pads_begin[0])),
          pad_left(static_cast<int>(layer.pads_begin[1])), pad_bottom(static_cast<int>(layer.pads_end[0])),
          pad_right(static_cast<int>(layer.pads_end[1])) {
        kernel = stride == 1 ? stride1_portable : stride2_portable;
#if defined(__x86_64__)
        if (fsd::has_avx2_fma()) kernel = stride == 1 ? stride1_avx2 : stride2_avx2;
#endif
    }

  private:
    int input_channels() const override { return outputs; }

    MatShape output_shape(const MatShape &input) const override {
        const int height = (input[2] + pad_top + pad_bottom - 3) / stride + 1;
        const int width = (input[3] + pad_left + pad_right - 3) / stride + 1;
        CV_Assert(height > 0 && width > 0);
        return MatShape{input[0], outputs, height, width};
    }

    void run(const cv::Mat &input, cv::Mat &result) const override {
        const PlaneGeometry g{input.size[2], input.size[3], pad_top, pad_left, result.size[2], result.size[3]};
        const size_t in_plane = static_cast<size_t>(g.height) * g.width;
        const int out_plane = g.out_height * g.out_width;
        const size_t scratch = stride == 1
                                   ? static_cast<size_t>(g.out_height + 2) * (g.out_width + 2) * 2
                                   : static_cast<size_t>(2 * g.out_height + 1) * (2 * g.out_width + 2) +
                                         (2 * g.out_width + 2);
        const float *source = input.ptr<float>();
        float *target = result.ptr<float>();
        cv::parallel_for_(cv::Range(0, input.size[0] * outputs), [&](const cv::Range &range) {
            std::vector<float> buffer(scratch);
            for (int i = range.start; i < range.end; ++i) {
                const int channel = i % outputs;
                float *out = target + static_cast<size_t>(i) * out_plane;
                kernel(source + i * in_plane, g, &weights[static_cast<size_t>(channel) * 9], bias[channel], out,
                       buffer.data());
                activate(out, out_plane, channel, 1);
            }
        });
    }

    int stride, pad_top, pad_left, pad_bottom, pad_right;
    PlaneKernel kernel;
};

/// A 1x1 convolution, stride 1, no padding: per image, the output planes are
/// weights (outputs x inputs) times the input planes (inputs x pixels).
class PointwiseConvolution final : public OwnConvolution {
  public:
    PointwiseConvolution(const cv::dnn::LayerParams &params, int outputs, int inputs)
        : OwnConvolution(params, "FacesearchPointwise", outputs, static_cast<size_t>(inputs)), inputs(inputs) {}

  private:
    int input_channels() const override { return inputs; }

    MatShape output_shape(const MatShape &input) const override {
        return MatShape{input[0], outputs, input[2], input[3]};
    }

    void run(const cv::Mat &input, cv::Mat &result) const override {
        const int plane = input.size[2] * input.size[3];
        for (int image = 0; image < input.size[0]; ++image) {
            const float *source = input.ptr<float>() + static_cast<size_t>(image) * inputs * plane;
            float *out = result.ptr<float>() + static_cast<size_t>(image) * outputs * plane;
            for (int c = 0; c < outputs; ++c) {
                std::fill(out + static_cast<size_t>(c) * plane, out + static_cast<size_t>(c + 1) * plane, bias[c]);
            }
            cblas_sgemm(cblas_row_major, cblas_no_transpose, cblas_no_transpose, outputs, plane, inputs, 1.f,
                        weights.data(), inputs, source, plane, 1.f, out, plane);
            activate(out, plane, 0, outputs);
        }
    }

    int inputs;
};

bool all_equal(const std::vector<size_t> &values, size_t count, size_t value) {
    return values.size() == count && std::all_of(values.begin(), values.end(), [&](size_t v) { return v == value; });
}

/// The layer factory's "Convolution" while a network is read: facesearch's
/// layer where the shape is one of its two, OpenCV's otherwise.
cv::Ptr<cv::dnn::Layer> create_convolution(cv::dnn::LayerParams &params) {
    cv::Ptr<cv::dnn::BaseConvolutionLayer> layer = cv::dnn::ConvolutionLayer::create(params);
    if (params.blobs.empty() || params.blobs.size() > 2 || !layer->padMode.empty()) return layer;
    const cv::Mat &w = params.blobs[0];
    if (w.dims != 4 || w.type() != CV_32F || !w.isContinuous() || w.size[0] != layer->numOutput) return layer;
    if (params.blobs.size() == 2 && (params.blobs[1].type() != CV_32F || !params.blobs[1].isContinuous() ||
                                     params.blobs[1].total() != static_cast<size_t>(layer->numOutput))) {
        return layer;
    }
    if (layer->kernel_size.size() != 2 || !all_equal(layer->dilations, 2, 1)) return layer;
    const int group = params.get<int>("group", 1);
    const bool three = all_equal(layer->kernel_size, 2, 3), one = all_equal(layer->kernel_size, 2, 1);
    if (three && group == layer->numOutput && w.size[1] == 1 &&
        (all_equal(layer->strides, 2, 1) || all_equal(layer->strides, 2, 2)) && layer->pads_begin.size() == 2 &&
        layer->pads_end.size() == 2) {
        return cv::makePtr<DepthwiseConvolution>(params, *layer);
    }
    if (one && group == 1 && all_equal(layer->strides, 2, 1) && all_equal(layer->pads_begin, 2, 0) &&
        all_equal(layer->pads_end, 2, 0)) {
        return cv::makePtr<PointwiseConvolution>(params, layer->numOutput, w.size[1]);
    }
    return layer;
}

} // namespace

namespace fso {

cv::dnn::Net read_network(const std::string &path, bool own_layers) {
    // The factory is global: the override lives only while this network's
    // layers are made, and one network is read at a time, so that a network
    // read for OpenCV's layers never sees it.
    // OpenCV makes a network's layers when it first runs, unless asked
    // before: every layer is made here, under the lock, either way.
    static std::mutex reading;
    std::lock_guard<std::mutex> held(reading);
    struct Override {
        const bool active;
        explicit Override(bool active) : active(active) {
            if (active) cv::dnn::LayerFactory::registerLayer("Convolution", create_convolution);
        }
        ~Override() {
            if (active) cv::dnn::LayerFactory::unregisterLayer("Convolution");
        }
    } override_factory(own_layers);
    cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
    for (const auto &name : net.getLayerNames()) net.getLayer(name);
    return net;
}

} // namespace fso
