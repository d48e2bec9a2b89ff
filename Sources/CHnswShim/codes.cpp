#include "codes.hpp"
#include "fs_cpu.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fsh {
namespace {

/// The scale and squared length stored after a code's bytes.
struct Tail {
    float scale;
    float squared_length;
};

inline Tail tail_of(const void *code, size_t dimension) {
    Tail tail;
    std::memcpy(&tail, static_cast<const char *>(code) + dimension, sizeof tail);
    return tail;
}

int32_t portable_dot(const int8_t *x, const int8_t *y, size_t n) {
    int32_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += int32_t(x[i]) * int32_t(y[i]);
    return sum;
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) int32_t avx2_dot(const int8_t *x, const int8_t *y, size_t n) {
    __m256i sum = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(x + i));
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(y + i));
        const __m256i a_low = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(a));
        const __m256i b_low = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(b));
        const __m256i a_high = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(a, 1));
        const __m256i b_high = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(b, 1));
        sum = _mm256_add_epi32(sum, _mm256_madd_epi16(a_low, b_low));
        sum = _mm256_add_epi32(sum, _mm256_madd_epi16(a_high, b_high));
    }
    if (i < n) { // the last 16 of a dimension that is an odd multiple of 16
        const __m256i a = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(x + i)));
        const __m256i b = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(y + i)));
        sum = _mm256_add_epi32(sum, _mm256_madd_epi16(a, b));
    }
    __m128i folded = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
    folded = _mm_add_epi32(folded, _mm_shuffle_epi32(folded, 0x4e));
    folded = _mm_add_epi32(folded, _mm_shuffle_epi32(folded, 0xb1));
    return _mm_cvtsi128_si32(folded);
}
#endif

/// The byte dot product of two codes times their scales, with their tails.
template <int32_t (*Dot)(const int8_t *, const int8_t *, size_t)>
inline float scaled_dot(const void *a, const void *b, size_t n, Tail &ta, Tail &tb) {
    ta = tail_of(a, n);
    tb = tail_of(b, n);
    const int32_t dot = Dot(static_cast<const int8_t *>(a), static_cast<const int8_t *>(b), n);
    return ta.scale * tb.scale * static_cast<float>(dot);
}

template <int32_t (*Dot)(const int8_t *, const int8_t *, size_t)>
float code_l2(const void *a, const void *b, const void *param) {
    Tail ta, tb;
    const float dot = scaled_dot<Dot>(a, b, *static_cast<const size_t *>(param), ta, tb);
    return ta.squared_length + tb.squared_length - 2 * dot;
}

template <int32_t (*Dot)(const int8_t *, const int8_t *, size_t)>
float code_ip(const void *a, const void *b, const void *param) {
    Tail ta, tb;
    return 1.0f - scaled_dot<Dot>(a, b, *static_cast<const size_t *>(param), ta, tb);
}

} // namespace

void encode(const float *row, size_t dimension, void *code) {
    float largest = 0, squared_length = 0;
    for (size_t i = 0; i < dimension; i++) {
        largest = std::max(largest, std::fabs(row[i]));
        squared_length += row[i] * row[i];
    }
    const Tail tail{largest / 127, squared_length};
    int8_t *bytes = static_cast<int8_t *>(code);
    for (size_t i = 0; i < dimension; i++) {
        const float scaled = largest > 0 ? row[i] / tail.scale : 0;
        bytes[i] = static_cast<int8_t>(std::clamp(std::lround(scaled), -127L, 127L));
    }
    std::memcpy(bytes + dimension, &tail, sizeof tail);
}

DistanceFunction code_l2_kernel() {
#if defined(__x86_64__)
    if (fsd::has_avx2_fma()) return code_l2<avx2_dot>;
#endif
    return code_l2<portable_dot>;
}

DistanceFunction code_inner_product_kernel() {
#if defined(__x86_64__)
    if (fsd::has_avx2_fma()) return code_ip<avx2_dot>;
#endif
    return code_ip<portable_dot>;
}

} // namespace fsh
