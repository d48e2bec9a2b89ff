// Which elements of an hnswlib graph a search can reach, and the repair that
// links the others in. hnswlib's insertion prunes the link lists of the
// neighbours it joins; a pruned list may drop the only link into an older
// element, which no walk from the entry point reaches again: no search can
// return it. Included by hnsw.cpp only (hnswlib's headers define non-inline
// functions).
#ifndef FS_HNSW_REACH_HPP
#define FS_HNSW_REACH_HPP

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace fsh {

using Graph = hnswlib::HierarchicalNSW<float>;
using Node = hnswlib::tableint;

/// The links of `node` at `level`.
inline std::pair<const Node *, size_t> links_of(const Graph &graph, Node node, int level) {
    hnswlib::linklistsizeint *list = graph.get_linklist_at_level(node, level);
    return {reinterpret_cast<const Node *>(list + 1), graph.getListCount(list)};
}

/// Marks in `seen` every element a walk reaches from `start`, following the
/// links of every layer (a search descends through the upper layers, then
/// walks the bottom one; deleted elements are walked through, as searches do).
inline void walk(const Graph &graph, Node start, std::vector<char> &seen) {
    if (seen[start]) return;
    seen[start] = 1;
    std::vector<Node> pending{start};
    while (!pending.empty()) {
        const Node node = pending.back();
        pending.pop_back();
        for (int level = 0; level <= graph.element_levels_[node]; level++) {
            const auto [links, count] = links_of(graph, node, level);
            for (size_t i = 0; i < count; i++) {
                if (!seen[links[i]]) {
                    seen[links[i]] = 1;
                    pending.push_back(links[i]);
                }
            }
        }
    }
}

/// Which elements a walk from the entry point reaches (1) or not (0).
inline std::vector<char> reached(const Graph &graph) {
    std::vector<char> seen(graph.cur_element_count, 0);
    if (graph.cur_element_count > 0) walk(graph, graph.enterpoint_node_, seen);
    return seen;
}

/// How many bottom-layer links point at each element.
inline std::vector<uint32_t> bottom_in_degrees(const Graph &graph) {
    std::vector<uint32_t> degrees(graph.cur_element_count, 0);
    for (size_t node = 0; node < degrees.size(); node++) {
        const auto [links, count] = links_of(graph, static_cast<Node>(node), 0);
        for (size_t i = 0; i < count; i++) degrees[links[i]]++;
    }
    return degrees;
}

/// Adds a bottom-layer link from `from` to `to`. A full list gives up its
/// link to the farthest element that has another way in (an in-degree above
/// one); returns false when every linked element depends on `from`.
inline bool link(Graph &graph, Node from, Node to, std::vector<uint32_t> &degrees) {
    hnswlib::linklistsizeint *list = graph.get_linklist0(from);
    Node *links = reinterpret_cast<Node *>(list + 1);
    const size_t count = graph.getListCount(list);
    for (size_t i = 0; i < count; i++)
        if (links[i] == to) return true;
    if (count < graph.maxM0_) {
        links[count] = to;
        graph.setListCount(list, static_cast<unsigned short>(count + 1));
        degrees[to]++;
        return true;
    }
    const void *origin = graph.getDataByInternalId(from);
    size_t victim = count;
    float farthest = -1;
    for (size_t i = 0; i < count; i++) {
        if (degrees[links[i]] < 2) continue;
        const float distance =
            graph.fstdistfunc_(origin, graph.getDataByInternalId(links[i]), graph.dist_func_param_);
        if (distance > farthest) {
            farthest = distance;
            victim = i;
        }
    }
    if (victim == count) return false;
    degrees[links[victim]]--;
    links[victim] = to;
    degrees[to]++;
    return true;
}

/// Present elements (not deleted) that no walk from the entry point reaches.
inline std::vector<Node> unreachable_nodes(const Graph &graph) {
    const std::vector<char> seen = reached(graph);
    std::vector<Node> nodes;
    for (size_t node = 0; node < seen.size(); node++)
        if (!seen[node] && !graph.isMarkedDeleted(static_cast<Node>(node))) nodes.push_back(static_cast<Node>(node));
    return nodes;
}

/// Up to `capacity` elements near `node`, nearest first, found by a search
/// for its own vector (`width` candidates): a search only walks reachable
/// elements, so each can link to `node`. Reads the graph only.
template <typename Descend>
size_t link_candidates(const Graph &graph, Node node, size_t width, Descend descend, Node *out, size_t capacity) {
    const void *vector = graph.getDataByInternalId(node);
    auto found = graph.searchBaseLayerST<false>(descend(graph, vector), vector, width);
    std::vector<std::pair<float, Node>> nearest;
    while (!found.empty()) {
        if (found.top().second != node) nearest.push_back(found.top());
        found.pop();
    }
    std::sort(nearest.begin(), nearest.end());
    const size_t count = std::min(capacity, nearest.size());
    for (size_t i = 0; i < count; i++) out[i] = nearest[i].second;
    return count;
}

/// Links each of `nodes` in from the first of its `per_node` candidates (a
/// row of `candidates`; `UINT32_MAX` ends a short row) that is reachable and
/// can take a link; a node something else linked in first is skipped, and
/// whatever a linked node reaches becomes reachable with it. Returns the
/// nodes linked. The caller holds the graph alone.
inline int64_t link_in(Graph &graph, const Node *nodes, const Node *candidates, size_t per_node, size_t count) {
    std::vector<char> seen = reached(graph);
    std::vector<uint32_t> degrees = bottom_in_degrees(graph);
    int64_t linked = 0;
    for (size_t i = 0; i < count; i++) {
        const Node node = nodes[i];
        if (node >= seen.size() || seen[node] || graph.isMarkedDeleted(node)) continue;
        for (size_t j = 0; j < per_node; j++) {
            const Node candidate = candidates[i * per_node + j];
            if (candidate == UINT32_MAX) break;
            if (candidate >= seen.size() || !seen[candidate] || !link(graph, candidate, node, degrees)) continue;
            walk(graph, node, seen);
            linked++;
            break;
        }
    }
    return linked;
}

} // namespace fsh

#endif
