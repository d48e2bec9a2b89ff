// dlib's ResNet face descriptor (the network of dlib's
// dnn_face_recognition_ex.cpp), run as dlib's Python binding runs it:
// mini-batches of 16 chips, or the mean over jittered copies.
#include "shim_common.hpp"

#include <dlib/dnn.h>
#include <dlib/image_transforms.h>

#include <cstring>

namespace {
using namespace dlib;
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = add_prev1<block<N, BN, 1, tag1<SUBNET>>>;
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<block<N, BN, 2, tag1<SUBNET>>>>>>;
template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<con<N, 3, 3, 1, 1, relu<BN<con<N, 3, 3, stride, stride, SUBNET>>>>>;
template <int N, typename SUBNET> using ares = relu<residual<block, N, affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = relu<residual_down<block, N, affine, SUBNET>>;
template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;
using resnet = loss_metric<fc_no_bias<
    128, avg_pool_everything<alevel0<alevel1<alevel2<alevel3<alevel4<
             max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>>>>>>>>>;
constexpr size_t chip_bytes = FSD_CHIP_SIZE * FSD_CHIP_SIZE * 3;
} // namespace

struct fsd_face_net {
    resnet net;
};

extern "C" fsd_face_net *fsd_face_net_load(const char *path, fsd_error *error) {
    if (!path) {
        fsd::fail(error, FSD_ERROR_ARGUMENT, "no model path");
        return nullptr;
    }
    fsd_face_net *loaded = nullptr;
    int32_t status = fsd::guarded(error, [&] {
        auto net = new fsd_face_net();
        try {
            dlib::deserialize(path) >> net->net;
        } catch (...) {
            delete net;
            throw;
        }
        loaded = net;
        return 0;
    });
    if (status != 0 && error) error->code = FSD_ERROR_MODEL;
    return loaded;
}

extern "C" void fsd_face_net_destroy(fsd_face_net *net) { delete net; }

extern "C" int32_t fsd_face_net_describe(fsd_face_net *net, const uint8_t *chips, int32_t count,
                                         int32_t jitters, float *out, fsd_error *error) {
    if (!net || !chips || !out || count <= 0 || jitters < 0 || jitters > 1000) {
        return fsd::fail(error, FSD_ERROR_ARGUMENT, "invalid descriptor arguments");
    }
    return fsd::guarded(error, [&] {
        std::vector<dlib::matrix<dlib::rgb_pixel>> faces(count);
        for (int32_t i = 0; i < count; ++i) {
            faces[i].set_size(FSD_CHIP_SIZE, FSD_CHIP_SIZE);
            std::memcpy(&faces[i](0, 0), chips + i * chip_bytes, chip_bytes);
        }
        std::vector<dlib::matrix<float, 0, 1>> descriptors;
        if (jitters <= 1) {
            descriptors = net->net(faces, 16);
        } else {
            dlib::rand generator;
            for (const auto &face : faces) {
                std::vector<dlib::matrix<dlib::rgb_pixel>> copies;
                for (int32_t j = 0; j < jitters; ++j) copies.push_back(dlib::jitter_image(face, generator));
                descriptors.push_back(dlib::mean(dlib::mat(net->net(copies, 16))));
            }
        }
        for (int32_t i = 0; i < count; ++i) {
            std::memcpy(out + i * FSD_DESCRIPTOR_LENGTH, &descriptors[i](0), FSD_DESCRIPTOR_LENGTH * sizeof(float));
        }
        return 0;
    });
}
