#include "fs_shim.h"

#include <cstdio>

extern "C" int32_t fsd_fail(fsd_error *error, int32_t code, const char *message) {
    if (error) {
        error->code = code;
        std::snprintf(error->message, sizeof(error->message), "%s", message ? message : "");
    }
    return -1;
}
