/// The endpoints that analyse photos without browsing: search, detect, compare.
extension APIOperation {
    static let search: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/v1/collections/{name}/search", tag: "Search",
            summary: "Search a collection with a photo",
            description: "Query faces largest first, matches best first; `matches: []` when no stored face "
                + "reached the threshold. In a JSON body, `filter` is an object of metadata values.",
            parameters: [.name, .topK, .threshold, .faces, .label, .filter],
            body: .photo(fields: [
                "top_k": ["type": "integer", "minimum": 1, "maximum": 1000],
                "threshold": OpenAPISchemas.unit, "faces": ["type": "string", "enum": ["all", "largest"]],
                "label": OpenAPISchemas.labelText, "filter": ["type": "object"],
            ]),
            replies: [
                .json("200", "The matches of each face of the photo.", "SearchAnswer"),
                .error(
                    "400",
                    "invalid_argument, invalid_multipart, missing_image, invalid_base64, invalid_collection_name, "
                        + "invalid_filter_key, invalid_label, bad_request"),
                .collectionMissing,
            ] + Reply.photoErrors),
        APIOperation(
            method: "POST", path: "/v1/detect", tag: "Search", summary: "Detect faces",
            description:
                "The faces of a photo, largest first; nothing is stored. `detector` and `embedder` choose the "
                + "models (the embedder decides the landmarks: dlib's 5-point predictor or YuNet's own).",
            parameters: [.detector, .embedder],
            body: .photo(fields: [
                "detector": OpenAPISchemas.detector(), "embedder": OpenAPISchemas.embedder(),
            ]),
            replies: [.json("200", "The faces found (maybe none).", "DetectAnswer"), .badPhoto]
                + Reply.photoErrors),
        APIOperation(
            method: "POST", path: "/v1/compare", tag: "Search", summary: "Compare two photos",
            description:
                "Whether the largest faces of two photos show the same person; nothing is stored. `detector` and "
                + "`embedder` choose the models; the score follows the embedder (0.5 is its same-person line).",
            parameters: [.threshold, .detector, .embedder],
            body: .photo(
                names: ["first", "second"],
                fields: [
                    "threshold": OpenAPISchemas.unit, "detector": OpenAPISchemas.detector(),
                    "embedder": OpenAPISchemas.embedder(),
                ],
                required: ["first", "second"]),
            replies: [.json("200", "The comparison.", "CompareAnswer"), .badPhoto] + Reply.photoErrors),
    ]
}
