/// `/v1/collections` and the faces inside a collection.
extension APIOperation {
    static let collections: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/v1/collections", tag: "Collections", summary: "Create a collection",
            description:
                "Creates an empty collection whose photos are analysed with `detector` and `embedder` (the "
                + "server's by default) for as long as it lives. `metric` follows the embedder: `euclidean` for "
                + "dlib (or `cosine`), `cosine` for sface. The sface embedder needs the yunet detector.",
            body: Body(
                description: "The new collection.", content: [("application/json", .ref("CreateCollection"))]),
            replies: [
                .json("201", "The collection was created.", "CollectionSummary"),
                .error(
                    "400",
                    "invalid_json, invalid_argument (metric, detector, embedder, or a pair that cannot work "
                        + "together), invalid_collection_name, bad_request"),
                .error("409", "collection_exists"), .error("413", "payload_too_large"),
                .error("415", "unsupported_media_type: the body is not JSON"),
                .error("503", "model_missing, model_invalid: the server lacks a model file the choice needs"),
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
            method: "PATCH", path: "/v1/collections/{name}", tag: "Collections",
            summary: "Change an hnsw collection's ef",
            description:
                "Sets how many candidates the collection's searches explore (`index.ef`, 1 to 4096): more finds "
                + "more of the true nearest faces and costs time (docs/SCALING.md, \"What ef buys\"). Nothing is "
                + "rebuilt; the value is kept across restarts and used from the next search on, in process or in "
                + "Milvus. Only `ef` can change: the graph's `m` and `ef_construction`, the metric and the models "
                + "shape what is stored.",
            parameters: [.name],
            body: Body(
                description: "The change.", content: [("application/json", .ref("CollectionChange"))]),
            replies: [
                .json("200", "The collection as changed.", "CollectionSummary"),
                .error(
                    "400",
                    "invalid_json, invalid_argument (another member than index.ef, ef out of range, an exact "
                        + "collection), invalid_collection_name"),
                .collectionMissing, .error("409", "reembed_in_progress"), .error("413", "payload_too_large"),
                .error("415", "unsupported_media_type: the body is not JSON"),
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
        APIOperation(
            method: "POST", path: "/v1/collections/{name}/reembed", tag: "Collections",
            summary: "Re-embed a collection with other models",
            description:
                "Starts recomputing every face of the collection from its stored photos with `detector` and "
                + "`embedder` (at least one; a name alone brings a partner that works with it), in the background. "
                + "The collection answers searches with its old descriptors until every photo is done, then the "
                + "new ones take its place; writes get 409 `reembed_in_progress` meanwhile. Started again after "
                + "an interruption, it resumes. Follow it with GET.",
            parameters: [.name],
            body: Body(
                description: "The new models.", content: [("application/json", .ref("ReembedRequest"))]),
            replies: [
                .json("202", "Started.", "ReembedStatus"),
                .error(
                    "400",
                    "invalid_json, invalid_argument (no model named, an unknown one, a pair that cannot work together), invalid_collection_name"
                ),
                .collectionMissing, .error("409", "reembed_in_progress: one is running"),
                .error("413", "payload_too_large"),
                .error("415", "unsupported_media_type: the body is not JSON"),
                .error("503", "model_missing, model_invalid"),
            ]),
        APIOperation(
            method: "GET", path: "/v1/collections/{name}/reembed", tag: "Collections",
            summary: "Follow a re-embed",
            description:
                "Where the collection's re-embed stands: `none`, `running` (with `done` of `total` photos), "
                + "`finished` (with its report), `failed` (with the error) or `interrupted` (left by a run that "
                + "did not finish: start it again to resume, or DELETE it).",
            parameters: [.name],
            replies: [
                .json("200", "The status.", "ReembedStatus"), .error("400", "invalid_collection_name"),
                .collectionMissing,
            ]),
        APIOperation(
            method: "DELETE", path: "/v1/collections/{name}/reembed", tag: "Collections",
            summary: "Stop a re-embed",
            description:
                "Stops a running re-embed (after the photos in flight) or drops an interrupted one, with what "
                + "it made; the collection keeps its models and takes writes again.",
            parameters: [.name],
            replies: [
                .json("200", "Whether there was one to stop.", "ReembedStopped"),
                .error("400", "invalid_collection_name"), .collectionMissing,
            ]),
    ]
}
