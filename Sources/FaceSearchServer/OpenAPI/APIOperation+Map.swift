/// `/v1/collections/{name}/map`: the embedding map, and the web page's routes.
extension APIOperation {
    private static let mapPoint: OpenAPIValue = .schema(
        [
            "face_id": OpenAPISchemas.id, "x": OpenAPISchemas.number, "y": OpenAPISchemas.number,
            "label": .nullable("string"), "cluster": OpenAPISchemas.int,
        ])

    static let map: [APIOperation] = [
        APIOperation(
            method: "GET", path: "/v1/collections/{name}/map", tag: "Collections",
            summary: "Embedding map of a collection",
            description: "The collection's descriptors projected to 2-D on their first two principal "
                + "components, with each face's label and k-means cluster (k-means++ seeding with a fixed "
                + "seed: the same faces give the same map). At most 20000 faces, the first by id; "
                + "`truncated` says whether there were more. Label and cluster are always both returned; "
                + "`color` only says which one the caller wants to color by.",
            parameters: [
                .name,
                Parameter(
                    name: "color", location: .query, description: "Color the points by label or cluster.",
                    schema: ["type": "string", "enum": ["label", "cluster"], "default": "label"]),
                Parameter(
                    name: "k", location: .query,
                    description: "Clusters for k-means; default: the number of distinct labels (at least 2), "
                        + "8 without labels; lowered to the number of faces.",
                    schema: ["type": "integer", "minimum": 1, "maximum": 100]),
            ],
            replies: [
                Reply(
                    status: "200", description: "The map.",
                    schema: .schema([
                        "collection": OpenAPISchemas.string, "color": OpenAPISchemas.string,
                        "points": .array(of: mapPoint),
                        "explained_variance": .array(of: OpenAPISchemas.number),
                        "k": OpenAPISchemas.int, "total_faces": OpenAPISchemas.int,
                        "truncated": ["type": "boolean"],
                    ])),
                .error("400", "invalid_argument (color, k), invalid_collection_name"), .collectionMissing,
            ])
    ]
}
