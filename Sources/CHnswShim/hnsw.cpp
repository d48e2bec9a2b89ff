// The HNSW graph behind fs_hnsw.h. hnswlib's headers define non-inline
// functions, so they are included in this translation unit only.
#include "fs_hnsw.h"
#include "fs_shim_guard.hpp"
#include "codes.hpp"
#include "pages.hpp"
#include "reach.hpp"
#include "space.hpp"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using fsd::fail;
using fsd::guarded;
using Graph = hnswlib::HierarchicalNSW<float>;
using fsh::Space;

/// Whether graphs made from now on navigate on codes (fsh_use_codes).
std::atomic<bool> codes_wanted{true};

/// Whether the saved graph `input` (opened, at its start) holds codes for
/// rows of `dimension` floats, read from its header (hnswlib writes six sizes
/// first: the bottom layer's offset, capacity, count, element size, label
/// offset and data offset). Neither shape, or no header, is refused by the
/// loader itself.
bool saved_with_codes(std::ifstream &input, size_t dimension) {
    size_t header[6] = {};
    if (!input.read(reinterpret_cast<char *>(header), sizeof header)) return false;
    return header[4] - header[5] == fsh::code_bytes(dimension) + dimension * sizeof(float);
}

/// Backs the graph's bottom layer with huge pages where the kernel allows
/// (pages.hpp); `touched` when the layer already holds data.
bool advise_bottom_layer(Graph &graph, bool touched) {
    return fsh::prefer_huge_pages(graph.data_level0_memory_, graph.max_elements_ * graph.size_data_per_element_,
                                  touched);
}

bool valid_shape(int32_t dimension, int32_t space) {
    return dimension > 0 && dimension % 16 == 0 &&
           (space == FSH_SPACE_L2 || space == FSH_SPACE_INNER_PRODUCT);
}

/// The internal id of a present label, or false.
bool present(const Graph &graph, int64_t label, hnswlib::tableint &id) {
    auto found = graph.label_lookup_.find(static_cast<hnswlib::labeltype>(label));
    if (found == graph.label_lookup_.end() || graph.isMarkedDeleted(found->second)) return false;
    id = found->second;
    return true;
}

/// Greedy descent through the upper layers to the bottom layer's entry point.
hnswlib::tableint descend(const Graph &graph, const void *query) {
    hnswlib::tableint current = graph.enterpoint_node_;
    float best = graph.fstdistfunc_(query, graph.getDataByInternalId(current), graph.dist_func_param_);
    for (int level = graph.maxlevel_; level > 0; level--) {
        for (bool moved = true; moved;) {
            moved = false;
            hnswlib::linklistsizeint *list = graph.get_linklist(current, level);
            const int count = graph.getListCount(list);
            const hnswlib::tableint *links = reinterpret_cast<const hnswlib::tableint *>(list + 1);
            for (int i = 0; i < count; i++) {
                float distance = graph.fstdistfunc_(query, graph.getDataByInternalId(links[i]),
                                                    graph.dist_func_param_);
                if (distance < best) {
                    best = distance;
                    current = links[i];
                    moved = true;
                }
            }
        }
    }
    return current;
}

/// Whether a loaded graph can be searched without reading out of bounds:
/// its shape matches its M, every link names an element, every node's levels
/// are within the top level, and labels are unique. O(elements × M).
bool well_formed(const Graph &graph) {
    const size_t count = graph.cur_element_count;
    if (count > graph.max_elements_ || graph.label_lookup_.size() != count) return false;
    if (graph.M_ < 2 || graph.maxM_ != graph.M_ || graph.maxM0_ != 2 * graph.M_) return false;
    if (count == 0) return true;
    if (graph.enterpoint_node_ >= count || graph.maxlevel_ < 0 ||
        graph.element_levels_[graph.enterpoint_node_] != graph.maxlevel_)
        return false;
    for (size_t i = 0; i < count; i++) {
        const int levels = graph.element_levels_[i];
        if (levels < 0 || levels > graph.maxlevel_) return false;
        for (int level = 0; level <= levels; level++) {
            hnswlib::linklistsizeint *list = graph.get_linklist_at_level(static_cast<hnswlib::tableint>(i), level);
            const size_t size = graph.getListCount(list);
            if (size > (level == 0 ? graph.maxM0_ : graph.maxM_)) return false;
            const hnswlib::tableint *links = reinterpret_cast<const hnswlib::tableint *>(list + 1);
            for (size_t j = 0; j < size; j++)
                if (links[j] >= count) return false;
        }
    }
    return true;
}

} // namespace

struct fsh_index {
    Space space;
    std::unique_ptr<Graph> graph;
    /// Whether the kernel took the advice to use huge pages for the bottom layer.
    /// Atomic: `fsh_settle_pages` sets it beside searches that read the statistics.
    std::atomic<bool> huge_pages{false};
};

extern "C" {

fsh_index *fsh_create(int32_t dimension, int32_t space, int64_t capacity, int32_t m,
                      int32_t ef_construction, uint64_t seed, fsd_error *error) {
    if (!valid_shape(dimension, space) || capacity < 0 || m < 2 || m > 512 || ef_construction < 1) {
        fail(error, FSD_ERROR_ARGUMENT, "invalid HNSW parameters");
        return nullptr;
    }
    fsh_index *made = nullptr;
    guarded(error, [&] {
        const bool codes = codes_wanted.load(std::memory_order_relaxed);
        auto index = std::unique_ptr<fsh_index>(new fsh_index{Space(dimension, space, codes), nullptr});
        index->graph = std::make_unique<Graph>(&index->space, static_cast<size_t>(std::max<int64_t>(capacity, 1)),
                                               m, ef_construction, seed);
        index->huge_pages = advise_bottom_layer(*index->graph, false);
        made = index.release();
        return 0;
    });
    return made;
}

fsh_index *fsh_load(const char *path, int32_t dimension, int32_t space, fsd_error *error) {
    if (!path || !valid_shape(dimension, space)) {
        fail(error, FSD_ERROR_ARGUMENT, "invalid HNSW file parameters");
        return nullptr;
    }
    fsh_index *made = nullptr;
    int32_t status = guarded(error, [&] {
        bool codes = false;
        {
            std::ifstream probe(path, std::ios::binary);
            if (!probe.is_open()) return fail(error, FSD_ERROR_MODEL, "the index file cannot be opened");
            codes = saved_with_codes(probe, static_cast<size_t>(dimension));
        }
        auto index = std::unique_ptr<fsh_index>(new fsh_index{Space(dimension, space, codes), nullptr});
        index->graph = std::make_unique<Graph>(&index->space);
        Graph &loading = *index->graph;
        // 0.6.2's loading constructor leaves these unset, and its loader adds
        // to the deleted count without resetting it first.
        loading.num_deleted_ = 0;
        loading.cur_element_count = 0;
        loading.data_level0_memory_ = nullptr;
        loading.linkLists_ = nullptr;
        loading.visited_list_pool_ = nullptr;
        try {
            loading.loadIndex(path, &index->space);
        } catch (...) {
            // The loader checks the file's size before it allocates anything,
            // so a refused file leaves nothing allocated but the bottom layer
            // (which the destructor frees); the element count it read must
            // not make the destructor walk link lists that were never made.
            if (!loading.linkLists_) loading.cur_element_count = 0;
            throw;
        }
        const Graph &graph = *index->graph;
        const size_t expected = graph.size_links_level0_ + index->space.get_data_size() + sizeof(hnswlib::labeltype);
        if (graph.size_data_per_element_ != expected || graph.offsetData_ != graph.size_links_level0_)
            return fail(error, FSD_ERROR_MODEL, "the index file holds vectors of another dimension");
        if (!well_formed(graph)) return fail(error, FSD_ERROR_MODEL, "the index file is inconsistent");
        index->huge_pages = advise_bottom_layer(*index->graph, true);
        made = index.release();
        return 0;
    });
    if (status != 0 && error && error->code == FSD_ERROR_NATIVE) error->code = FSD_ERROR_MODEL;
    return made;
}

void fsh_destroy(fsh_index *index) { delete index; }

int32_t fsh_save(fsh_index *index, const char *path, fsd_error *error) {
    if (!index || !path) return fail(error, FSD_ERROR_ARGUMENT, "no index or path");
    return guarded(error, [&] {
        index->graph->saveIndex(path);
        std::ifstream written(path, std::ios::binary | std::ios::ate);
        const Graph &graph = *index->graph;
        // Header, bottom layer, then each element's upper-layer size and links.
        std::streamoff expected = 0;
        for (size_t i = 0; i < graph.cur_element_count; i++) {
            expected += sizeof(unsigned int);
            if (graph.element_levels_[i] > 0)
                expected += graph.size_links_per_element_ * graph.element_levels_[i];
        }
        expected += graph.cur_element_count * graph.size_data_per_element_;
        if (!written.is_open() || written.tellg() < expected)
            return fail(error, FSD_ERROR_NATIVE, "the index file was not written whole");
        return 0;
    });
}

int32_t fsh_reserve(fsh_index *index, int64_t capacity, fsd_error *error) {
    if (!index || capacity < 0) return fail(error, FSD_ERROR_ARGUMENT, "invalid capacity");
    return guarded(error, [&] {
        if (static_cast<size_t>(capacity) > index->graph->max_elements_) {
            index->graph->resizeIndex(static_cast<size_t>(capacity));
            // The copied pages are merged by fsh_settle_pages, outside the caller's write lock.
            index->huge_pages = advise_bottom_layer(*index->graph, false);
        }
        return 0;
    });
}

int32_t fsh_settle_pages(fsh_index *index) {
    if (!index) return 0;
    index->huge_pages = advise_bottom_layer(*index->graph, true);
    return index->huge_pages ? 1 : 0;
}

int32_t fsh_add(fsh_index *index, const float *vector, int64_t label, fsd_error *error) {
    if (!index || !vector || label < 0) return fail(error, FSD_ERROR_ARGUMENT, "invalid vector or label");
    return guarded(error, [&] {
        thread_local std::vector<char> element;
        index->graph->addPoint(index->space.element_form(vector, element), static_cast<hnswlib::labeltype>(label));
        return 0;
    });
}

int32_t fsh_mark_deleted(fsh_index *index, int64_t label, fsd_error *error) {
    if (!index) return fail(error, FSD_ERROR_ARGUMENT, "no index");
    return guarded(error, [&] {
        hnswlib::tableint id;
        if (!present(*index->graph, label, id)) return 0;
        index->graph->markDeletedInternal(id);
        return 1;
    });
}

const float *fsh_vector(const fsh_index *index, int64_t label) {
    hnswlib::tableint id;
    if (!index || !present(*index->graph, label, id)) return nullptr;
    return index->space.floats_of(index->graph->getDataByInternalId(id));
}

int64_t fsh_labels(const fsh_index *index, int64_t *out, int64_t capacity) {
    if (!index) return 0;
    int64_t count = 0;
    for (const auto &entry : index->graph->label_lookup_) {
        if (index->graph->isMarkedDeleted(entry.second)) continue;
        if (out && count < capacity) out[count] = static_cast<int64_t>(entry.first);
        count++;
    }
    return count;
}

int32_t fsh_search(const fsh_index *index, const float *query, int32_t k, int32_t ef, int64_t *labels,
                   float *distances, fsd_error *error) {
    if (!index || !query || k < 1 || !labels || !distances)
        return fail(error, FSD_ERROR_ARGUMENT, "invalid search arguments");
    int32_t found = 0;
    int32_t status = guarded(error, [&] {
        const Graph &graph = *index->graph;
        if (graph.cur_element_count == 0) return 0;
        const size_t width = static_cast<size_t>(std::max(ef, k));
        thread_local std::vector<char> code;
        const void *navigation = index->space.navigation_form(query, code);
        const hnswlib::tableint entry = descend(graph, navigation);
        auto best = graph.num_deleted_ ? graph.searchBaseLayerST<true>(entry, navigation, width)
                                       : graph.searchBaseLayerST<false>(entry, navigation, width);
        // On codes, every candidate kept is scored again on its floats.
        std::vector<std::pair<float, hnswlib::tableint>> scored;
        scored.reserve(best.size());
        for (; !best.empty(); best.pop()) {
            const hnswlib::tableint id = best.top().second;
            const float distance = index->space.codes()
                                       ? index->space.float_distance(query, index->space.floats_of(graph.getDataByInternalId(id)))
                                       : best.top().first;
            scored.emplace_back(distance, id);
        }
        found = static_cast<int32_t>(std::min<size_t>(scored.size(), static_cast<size_t>(k)));
        std::partial_sort(scored.begin(), scored.begin() + found, scored.end());
        for (int32_t i = 0; i < found; i++) {
            labels[i] = static_cast<int64_t>(graph.getExternalLabel(scored[i].second));
            distances[i] = scored[i].first;
        }
        return 0;
    });
    return status == 0 ? found : -1;
}

fsh_statistics fsh_statistics_of(const fsh_index *index) {
    fsh_statistics statistics{};
    if (!index) return statistics;
    const Graph &graph = *index->graph;
    statistics.slots = static_cast<int64_t>(graph.cur_element_count);
    statistics.deleted = static_cast<int64_t>(graph.num_deleted_);
    statistics.capacity = static_cast<int64_t>(graph.max_elements_);
    statistics.m = static_cast<int32_t>(graph.M_);
    statistics.ef_construction = static_cast<int32_t>(graph.ef_construction_);
    statistics.huge_pages = index->huge_pages ? 1 : 0;
    statistics.codes = index->space.codes() ? 1 : 0;
    return statistics;
}

int64_t fsh_memory_bytes(const fsh_index *index) {
    if (!index) return 0;
    const Graph &graph = *index->graph;
    size_t upper = 0;
    for (size_t i = 0; i < graph.cur_element_count; i++)
        if (graph.element_levels_[i] > 0) upper += graph.size_links_per_element_ * graph.element_levels_[i];
    const size_t perSlot = graph.size_data_per_element_ + sizeof(char *) + sizeof(int) + sizeof(std::mutex);
    // An unordered_map node holds the pair and a next pointer, rounded up by malloc.
    const size_t labels = graph.label_lookup_.bucket_count() * sizeof(void *) + graph.label_lookup_.size() * 32;
    const size_t visited = graph.max_elements_ * sizeof(hnswlib::vl_type);
    return static_cast<int64_t>(graph.max_elements_ * perSlot + upper + labels + visited +
                                Graph::max_update_element_locks * sizeof(std::mutex));
}

int64_t fsh_unreachable_nodes(const fsh_index *index, uint32_t *out, int64_t capacity) {
    if (!index) return 0;
    const std::vector<fsh::Node> nodes = fsh::unreachable_nodes(*index->graph);
    for (size_t i = 0; out && i < nodes.size() && static_cast<int64_t>(i) < capacity; i++) out[i] = nodes[i];
    return static_cast<int64_t>(nodes.size());
}

int32_t fsh_link_candidates(const fsh_index *index, uint32_t node, uint32_t *out, int32_t capacity,
                            fsd_error *error) {
    if (!index || !out || capacity < 1 || node >= index->graph->cur_element_count)
        return fail(error, FSD_ERROR_ARGUMENT, "invalid node or output");
    int32_t found = 0;
    const int32_t status = guarded(error, [&] {
        const Graph &graph = *index->graph;
        const size_t width = std::max(graph.ef_construction_, graph.maxM0_);
        found = static_cast<int32_t>(
            fsh::link_candidates(graph, node, width, descend, out, static_cast<size_t>(capacity)));
        for (int32_t i = found; i < capacity; i++) out[i] = UINT32_MAX;
        return 0;
    });
    return status == 0 ? found : -1;
}

int64_t fsh_link_in(fsh_index *index, const uint32_t *nodes, const uint32_t *candidates, int32_t per_node,
                    int64_t count, fsd_error *error) {
    if (!index || count < 0 || per_node < 1 || (count > 0 && (!nodes || !candidates)))
        return fail(error, FSD_ERROR_ARGUMENT, "invalid nodes or candidates");
    int64_t linked = 0;
    const int32_t status = guarded(error, [&] {
        linked = fsh::link_in(*index->graph, nodes, candidates, static_cast<size_t>(per_node),
                              static_cast<size_t>(count));
        return 0;
    });
    return status == 0 ? linked : -1;
}

const char *fsh_kernel_name(void) { return fsh::kernel_name(); }

void fsh_use_codes(int32_t wanted) { codes_wanted.store(wanted != 0, std::memory_order_relaxed); }

void fsh_use_huge_pages(int32_t wanted) { fsh::huge_pages_wanted.store(wanted != 0, std::memory_order_relaxed); }

} // extern "C"
