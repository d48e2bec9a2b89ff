// A plain C interface over hnswlib 0.6.2 (Debian's libhnswlib-dev, header
// only): one HNSW graph of float vectors keyed by 64-bit labels.
//
// Every symbol is prefixed `fsh_`. Calls that can fail take an `fsd_error *`
// and return 0 (or a count) on success, -1 on failure; no C++ exception
// crosses this boundary.
//
// Thread safety (measured on 0.6.2): searches may run together, and adds may
// run together, but a search must not run beside an add, a deletion, a resize
// or a save. The caller holds a read-write lock: searches, `fsh_vector`,
// `fsh_labels`, `fsh_unreachable_nodes`, `fsh_link_candidates` and
// `fsh_settle_pages` shared;
// `fsh_add` shared among adds only; everything else alone.
#ifndef FS_HNSW_H
#define FS_HNSW_H

#include <stddef.h>
#include <stdint.h>

#include "fs_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/// How distances are measured inside the graph.
enum {
    FSH_SPACE_L2 = 0,            ///< squared Euclidean distance
    FSH_SPACE_INNER_PRODUCT = 1  ///< 1 - dot product (cosine on unit vectors)
};

/// An HNSW graph with its vectors.
typedef struct fsh_index fsh_index;

/// An empty graph for vectors of `dimension` floats (a positive multiple of
/// 16: callers pad with zeros), room for `capacity` of them, `m` links per
/// node (twice that on the bottom layer) and `ef_construction` candidates per
/// insertion. `seed` fixes the level draw, so a build from one order of adds
/// is repeatable. The graph is walked on one-byte codes of its vectors (the
/// default; see `fsh_use_codes`), and what it returns is scored on the floats.
fsh_index *fsh_create(int32_t dimension, int32_t space, int64_t capacity, int32_t m,
                      int32_t ef_construction, uint64_t seed, fsd_error *error);

/// The graph saved at `path` by `fsh_save`, for vectors of `dimension` floats
/// in `space`. A file of another dimension, a truncated or a corrupt one is
/// an FSD_ERROR_MODEL. The deleted count is recounted from the file. A graph
/// saved with codes is walked on them, one saved before codes on its floats.
fsh_index *fsh_load(const char *path, int32_t dimension, int32_t space, fsd_error *error);

/// Frees a graph (null is allowed).
void fsh_destroy(fsh_index *index);

/// Writes the graph to `path` and checks the file's size. The caller makes
/// it durable (fsync, rename).
int32_t fsh_save(fsh_index *index, const char *path, fsd_error *error);

/// Grows the room to at least `capacity` vectors (never shrinks). The rows
/// already written stay on small pages until `fsh_settle_pages`.
int32_t fsh_reserve(fsh_index *index, int64_t capacity, fsd_error *error);

/// Merges the bottom layer's written pages into huge ones where the kernel
/// allows (after `fsh_reserve`, which copies them): about a second per 700 MiB,
/// so it runs beside searches, not under the lock a resize needs. Returns 1
/// when the layer is on huge pages, else 0.
int32_t fsh_settle_pages(fsh_index *index);

/// Inserts one vector under `label`. A deleted label comes back with the new
/// vector; a present one is updated.
int32_t fsh_add(fsh_index *index, const float *vector, int64_t label, fsd_error *error);

/// Marks `label` deleted: searches skip it, its slot stays used. Returns 1
/// when it was present, 0 when absent or already deleted.
int32_t fsh_mark_deleted(fsh_index *index, int64_t label, fsd_error *error);

/// The stored vector of a present label, or null. Valid until the next add,
/// resize or destroy.
const float *fsh_vector(const fsh_index *index, int64_t label);

/// Writes up to `capacity` present labels to `out`; returns how many are present.
int64_t fsh_labels(const fsh_index *index, int64_t *out, int64_t capacity);

/// The `k` (or fewer) nearest present labels to `query`, nearest first,
/// exploring `ef` candidates on the bottom layer (at least `k`). On codes,
/// the candidates explored are all scored on their floats and the best `k`
/// kept. Writes the labels and float distances (squared for L2, `1 - dot`
/// for inner product) and returns how many.
int32_t fsh_search(const fsh_index *index, const float *query, int32_t k, int32_t ef, int64_t *labels,
                   float *distances, fsd_error *error);

/// What a graph holds.
typedef struct fsh_statistics {
    int64_t slots;       ///< vectors ever inserted (present and deleted)
    int64_t deleted;     ///< slots marked deleted
    int64_t capacity;    ///< room before the next resize
    int32_t m;           ///< links per node above the bottom layer
    int32_t ef_construction;
    int32_t huge_pages;  ///< 1 when the kernel backs the bottom layer with huge pages (Linux), else 0
    int32_t codes;       ///< 1 when the graph is walked on one-byte codes of its rows, else 0 (floats)
} fsh_statistics;

/// Counts and shape of a graph, in constant time.
fsh_statistics fsh_statistics_of(const fsh_index *index);

/// Memory the graph holds (vectors, links, locks, the label map), estimated
/// from its sizes; walks every node, so O(vectors).
int64_t fsh_memory_bytes(const fsh_index *index);

/// Present elements that no search can return: no walk from the entry point
/// through the links of every layer leads to them (hnswlib's insertions prune
/// their neighbours' links and may drop the only one into an element). Each
/// step below walks every link, O(vectors × M).
///
/// Repairing what no walk reaches, in three steps so that the searches of
/// step 2 may run beside other searches: (1) `fsh_unreachable_nodes` lists the
/// stranded elements by internal number; (2) `fsh_link_candidates` finds, for
/// one of them, reachable elements near it (a search for its own vector;
/// safe beside searches); (3) `fsh_link_in`, with the graph alone, gives each
/// a bottom-layer link from its first candidate that can take one (a full
/// list gives up its link to the farthest element that has another way in).
/// A link given up can strand what only it led to: repeat until step 1 finds
/// nothing or step 3 links nothing.

/// Writes up to `capacity` stranded elements' internal numbers to `out` and
/// returns how many there are.
int64_t fsh_unreachable_nodes(const fsh_index *index, uint32_t *out, int64_t capacity);

/// Writes up to `capacity` reachable elements nearest to element `node`,
/// nearest first, padding the rest of `out` with UINT32_MAX; returns how many
/// were found, or -1.
int32_t fsh_link_candidates(const fsh_index *index, uint32_t node, uint32_t *out, int32_t capacity,
                            fsd_error *error);

/// Links each of `count` `nodes` in from the first usable element of its row
/// of `per_node` `candidates` (as `fsh_link_candidates` wrote them); a node
/// already reachable is skipped. Returns the nodes linked, or -1.
int64_t fsh_link_in(fsh_index *index, const uint32_t *nodes, const uint32_t *candidates, int32_t per_node,
                    int64_t count, fsd_error *error);

/// The distance kernels this processor runs: "avx2+fma" or "portable".
const char *fsh_kernel_name(void);

/// Whether graphs made, loaded or grown from now on ask the kernel for huge
/// pages for their bottom layer (the default, 1); 0 keeps them on small
/// pages, to measure what huge pages buy. Graphs already made keep theirs.
void fsh_use_huge_pages(int32_t wanted);

/// Whether graphs made from now on are walked on one-byte codes of their
/// vectors (the default, 1) or on the floats (0), to measure what codes buy.
/// Graphs already made, and graphs loaded, keep theirs.
void fsh_use_codes(int32_t wanted);

#ifdef __cplusplus
}
#endif

#endif
