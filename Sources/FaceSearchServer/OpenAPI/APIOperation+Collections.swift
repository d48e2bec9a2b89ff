/// `/v1/collections` and the faces inside a collection.
extension APIOperation {
    static let collections: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/v1/collections", tag: "Collections", summary: "Create a collection",
            description: "Creates an empty collection; `metric` is `euclidean` (the default) or `cosine`.",
            body: Body(
                description: "The new collection.", content: [("application/json", .ref("CreateCollection"))]),
            replies: [
                .json("201", "The collection was created.", "CollectionSummary"),
                .error(
                    "400", "invalid_json, invalid_argument (metric), invalid_collection_name, bad_request"),
                .error("409", "collection_exists"), .error("413", "payload_too_large"),
                .error("415", "unsupported_media_type: the body is not JSON"),
            ]),
        APIOperation(
            method: "GET", path: "/v1/collections", tag: "Collections", summary: "List collections",
            description: "Every collection, by name.",
            replies: [.json("200", "The collections.", "CollectionList"), .unavailable]),
        APIOperation(
            method: "GET", path: "/v1/collections/{name}", tag: "Collections", summary: "Read a collection",
            description: "The collection's summary.", parameters: [.name],
            replies: [
                .json("200", "The summary.", "CollectionSummary"), .error("400", "invalid_collection_name"),
                .collectionMissing,
            ]),
        APIOperation(
            method: "DELETE", path: "/v1/collections/{name}", tag: "Collections",
            summary: "Delete a collection",
            description: "Deletes the collection, its faces and the photos no other collection keeps.",
            parameters: [.name],
            replies: [
                .json("200", "What was deleted.", "CollectionDeleted"),
                .error("400", "invalid_collection_name"),
                .collectionMissing,
            ]),
    ]
}
