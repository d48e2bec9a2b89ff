// Huge pages for the graph's bottom layer. A search reads a few thousand
// nodes scattered over the whole layer (650 bytes each at m 16), so on 4 KiB
// pages nearly every read misses the TLB; on 2 MiB pages the layer of a
// million faces needs a few hundred entries. Linux only: elsewhere, and where
// the kernel refuses (transparent huge pages off, or too old for
// MADV_COLLAPSE), the memory stays as it was and nothing else changes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
// glibc 2.36 (Debian 12) does not name it yet; 25 is its number in Linux's
// own headers on every architecture. A kernel older than 6.1 refuses it.
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#endif

namespace fsh {

/// Whether graphs made or loaded from now on ask for huge pages (fsh_use_huge_pages).
inline std::atomic<bool> huge_pages_wanted{true};

/// Asks the kernel to back the whole 2 MiB pages inside [start, start +
/// length) with huge pages: pages touched later come huge, and with
/// `collapse` the ones already touched are merged now (synchronously, in time
/// that grows with the length). Returns whether the kernel took the advice.
inline bool prefer_huge_pages(void *start, size_t length, bool collapse) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr uintptr_t huge = uintptr_t(1) << 21;
    const uintptr_t first = (reinterpret_cast<uintptr_t>(start) + huge - 1) & ~(huge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(start) + length) & ~(huge - 1);
    if (!huge_pages_wanted.load(std::memory_order_relaxed) || !start || end <= first) return false;
    void *aligned = reinterpret_cast<void *>(first);
    if (madvise(aligned, end - first, MADV_HUGEPAGE) != 0) return false;
    // A refusal (no free huge pages, an older kernel) leaves the small pages.
    if (collapse) return madvise(aligned, end - first, MADV_COLLAPSE) == 0;
    return true;
#else
    (void)start;
    (void)length;
    (void)collapse;
    return false;
#endif
}

} // namespace fsh
