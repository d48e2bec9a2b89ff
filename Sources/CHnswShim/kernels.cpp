#include "kernels.hpp"
#include "fs_cpu.hpp"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fsh {
namespace {

typedef float f4 __attribute__((vector_size(16)));

inline f4 load4(const float *p) {
    f4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline float sum4(f4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

float portable_l2(const void *a, const void *b, const void *param) {
    const float *x = static_cast<const float *>(a);
    const float *y = static_cast<const float *>(b);
    const size_t n = *static_cast<const size_t *>(param);
    f4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
    for (size_t i = 0; i < n; i += 16) {
        f4 d0 = load4(x + i) - load4(y + i);
        f4 d1 = load4(x + i + 4) - load4(y + i + 4);
        f4 d2 = load4(x + i + 8) - load4(y + i + 8);
        f4 d3 = load4(x + i + 12) - load4(y + i + 12);
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
    }
    return sum4((s0 + s1) + (s2 + s3));
}

float portable_ip(const void *a, const void *b, const void *param) {
    const float *x = static_cast<const float *>(a);
    const float *y = static_cast<const float *>(b);
    const size_t n = *static_cast<const size_t *>(param);
    f4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
    for (size_t i = 0; i < n; i += 16) {
        s0 += load4(x + i) * load4(y + i);
        s1 += load4(x + i + 4) * load4(y + i + 4);
        s2 += load4(x + i + 8) * load4(y + i + 8);
        s3 += load4(x + i + 12) * load4(y + i + 12);
    }
    return 1.0f - sum4((s0 + s1) + (s2 + s3));
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) inline float sum8(__m256 v) {
    __m128 low = _mm256_castps256_ps128(v);
    __m128 high = _mm256_extractf128_ps(v, 1);
    __m128 s = _mm_add_ps(low, high);
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) float avx2_l2(const void *a, const void *b, const void *param) {
    const float *x = static_cast<const float *>(a);
    const float *y = static_cast<const float *>(b);
    const size_t n = *static_cast<const size_t *>(param);
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    for (size_t i = 0; i < n; i += 16) {
        __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
        __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        s1 = _mm256_fmadd_ps(d1, d1, s1);
    }
    return sum8(_mm256_add_ps(s0, s1));
}

__attribute__((target("avx2,fma"))) float avx2_ip(const void *a, const void *b, const void *param) {
    const float *x = static_cast<const float *>(a);
    const float *y = static_cast<const float *>(b);
    const size_t n = *static_cast<const size_t *>(param);
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    for (size_t i = 0; i < n; i += 16) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), s1);
    }
    return 1.0f - sum8(_mm256_add_ps(s0, s1));
}

bool has_avx2() { return fsd::has_avx2_fma(); }
#else
bool has_avx2() { return false; }
#endif

} // namespace

DistanceFunction squared_l2_kernel() {
#if defined(__x86_64__)
    if (has_avx2()) return avx2_l2;
#endif
    return portable_l2;
}

DistanceFunction inner_product_kernel() {
#if defined(__x86_64__)
    if (has_avx2()) return avx2_ip;
#endif
    return portable_ip;
}

const char *kernel_name() { return has_avx2() ? "avx2+fma" : "portable"; }

} // namespace fsh
