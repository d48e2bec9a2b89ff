// The exception guard every native shim wraps its entry points in: any C++
// exception becomes an fsd_error and a -1 return.
#ifndef FS_SHIM_GUARD_HPP
#define FS_SHIM_GUARD_HPP

#include "fs_shim.h"

#include <exception>
#include <new>

namespace fsd {

/// Fills `error` (if given) and returns -1, the failure value of the C API.
inline int32_t fail(fsd_error *error, int32_t code, const char *message) {
    return fsd_fail(error, code, message);
}

/// Runs `body`, converting any exception into an fsd_error; returns 0 or -1.
template <typename Body> int32_t guarded(fsd_error *error, Body &&body) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(error, FSD_ERROR_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, FSD_ERROR_NATIVE, e.what());
    } catch (...) {
        return fail(error, FSD_ERROR_NATIVE, "unknown native error");
    }
}

} // namespace fsd

#endif
