// What the processor offers, for the shims that pick a kernel at run time:
// the package is compiled for each architecture's baseline, so AVX2 code
// lives only in functions marked for it and runs only after this check.
#ifndef FS_CPU_HPP
#define FS_CPU_HPP

#include <cstdlib>
#include <cstring>

namespace fsd {

/// Whether FACESEARCH_PORTABLE_KERNELS=1 asks for the portable kernels, so
/// that the tests can run them on a processor that has AVX2.
inline bool portable_kernels_forced() {
    const char *setting = std::getenv("FACESEARCH_PORTABLE_KERNELS");
    return setting && std::strcmp(setting, "1") == 0;
}

/// Whether the processor has AVX2 and FMA (false off x86-64, or when
/// FACESEARCH_PORTABLE_KERNELS=1). Checked once.
inline bool has_avx2_fma() {
#if defined(__x86_64__)
    static const bool available =
        !portable_kernels_forced() && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return available;
#else
    return false;
#endif
}

} // namespace fsd

#endif
