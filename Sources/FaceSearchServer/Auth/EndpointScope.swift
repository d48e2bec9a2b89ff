import FaceStore
import Foundation
import Hummingbird

/// The one table of which scope each endpoint needs (documented in
/// docs/API.md, "Authentication"). It is consulted before routing, so it
/// matches paths itself; paths it does not know need `search`, so probing
/// for routes without a key gets 401, not 404.
enum EndpointScope {
    /// The scope `method` on `path` needs, or nil for the probes and the API
    /// description; `/metrics` needs any key when `metricsRequireKey` is set.
    static func required(method: HTTPRequest.Method, path: String, metricsRequireKey: Bool = false)
        -> APIKeyScope?
    {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let changes = method == .post || method == .delete
        switch parts.count {
        case 1 where parts[0] == "metrics":
            return metricsRequireKey ? .search : nil
        case 1 where ["health", "ready", "openapi.json", "docs"].contains(parts[0]):
            return nil
        case 0 where method == .get, 2 where method == .get && parts[0] == "web":
            // The web page and its files; the page asks for the key itself.
            return nil
        case 2 where parts[0] == "v1" && parts[1] == "collections":
            // POST /v1/collections creates one.
            return method == .post ? .admin : .search
        case 3 where parts[0] == "v1" && parts[1] == "collections":
            // DELETE /v1/collections/:name drops one.
            return method == .delete ? .admin : .search
        case 4 where parts[0] == "v1" && parts[1] == "collections" && parts[3] == "reembed":
            // POST starts re-embedding a collection with other models, DELETE stops it.
            return changes ? .admin : .search
        case 4 where parts[0] == "v1" && parts[1] == "collections" && parts[3] == "faces":
            // POST indexes a photo, DELETE removes the faces matching a filter.
            return changes ? .write : .search
        case 5 where parts[0] == "v1" && parts[1] == "collections" && parts[3] == "faces":
            // DELETE /v1/collections/:name/faces/:id removes one face.
            return method == .delete ? .write : .search
        default:
            // Search, similar, detect, compare, images, the stream and unknown paths.
            return .search
        }
    }

    /// The collection a path names (`/v1/collections/{name}/...`), if any.
    static func collection(in path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "v1", parts[1] == "collections" else { return nil }
        return String(parts[2]).removingPercentEncoding ?? String(parts[2])
    }
}
