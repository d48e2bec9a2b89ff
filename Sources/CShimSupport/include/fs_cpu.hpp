// What the processor offers, for the shims that pick a kernel at run time:
// the package is compiled for each architecture's baseline, so AVX2 code
// lives only in functions marked for it and runs only after this check.
#ifndef FS_CPU_HPP
#define FS_CPU_HPP

namespace fsd {

/// Whether the processor has AVX2 and FMA (false off x86-64). Checked once.
inline bool has_avx2_fma() {
#if defined(__x86_64__)
    static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return available;
#else
    return false;
#endif
}

} // namespace fsd

#endif
