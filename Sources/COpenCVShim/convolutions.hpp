// facesearch's own CPU layers for the two convolution shapes that take most of
// YuNet's and SFace's time: 3x3 depthwise convolutions (one filter per
// channel, stride 1 or 2) and 1x1 convolutions. OpenCV 4.6 runs the first
// through its general grouped-convolution path, one tiny product per channel,
// and the second through its own matrix kernel; here the first is a direct
// nine-tap loop compiled for AVX2 where the processor has it and the second is
// one BLAS sgemm per image. Every other layer stays OpenCV's.
//
// Both layers take OpenCV's fusions as its own convolution does: a following
// batch norm or scale is folded into the weights and bias, and one following
// activation (ReLU, PReLU, ...) is applied to each output channel in place.
#ifndef FS_OPENCV_CONVOLUTIONS_HPP
#define FS_OPENCV_CONVOLUTIONS_HPP

#include <opencv2/dnn.hpp>

#include <string>

namespace fso {

/// Reads the ONNX network at `path`. With `own_layers`, its 3x3 depthwise and
/// 1x1 convolutions are facesearch's layers (see above); without, every
/// layer is OpenCV's. Throws what OpenCV throws for an unreadable file.
cv::dnn::Net read_network(const std::string &path, bool own_layers);

} // namespace fso

#endif
