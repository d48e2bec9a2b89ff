// What every native shim (dlib's, OpenCV's, hnswlib's) shares at its C
// boundary: the error a failed call fills in. Calls that can fail take an
// `fsd_error *` and return 0 on success, -1 on failure; no C++ exception ever
// crosses the boundary (see fs_shim_guard.hpp).
#ifndef FS_SHIM_H
#define FS_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Error codes of `fsd_error.code`.
enum {
    FSD_OK = 0,
    FSD_ERROR_MODEL = 1,       ///< a model or index file is missing, unreadable or of the wrong kind
    FSD_ERROR_ARGUMENT = 2,    ///< a caller error: bad size, null pointer, too small a buffer
    FSD_ERROR_NATIVE = 3,      ///< the native library threw while computing
    FSD_ERROR_MEMORY = 4       ///< an allocation failed
};

/// What went wrong in a failed call.
typedef struct fsd_error {
    int32_t code;
    char message[256];
} fsd_error;

/// Fills `error` (when not null) with `code` and `message`, truncated to fit,
/// and returns -1, the failure value of every shim call.
int32_t fsd_fail(fsd_error *error, int32_t code, const char *message);

#ifdef __cplusplus
}
#endif

#endif
