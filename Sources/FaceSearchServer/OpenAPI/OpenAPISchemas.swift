import FaceVision

/// The response and request body schemas, written from the `Encodable` types
/// the controllers return (their snake_case `CodingKeys`).
enum OpenAPISchemas {
    static let int: OpenAPIValue = ["type": "integer"]
    static let id: OpenAPIValue = ["type": "integer", "format": "int64", "minimum": 0]
    static let number: OpenAPIValue = ["type": "number"]
    static let string: OpenAPIValue = ["type": "string"]
    /// A label or external id (`FaceText`'s rule): 1 to 256 characters, at
    /// least one not whitespace, no control characters, line or paragraph
    /// separators or U+FFFD. The server also normalises it to NFC.
    static let labelText: OpenAPIValue = [
        "type": "string", "minLength": 1, "maxLength": 256,
        "pattern": .string("^\(allowed)*\(visible)\(allowed)*$"),
    ]
    private static let allowed = "[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufffd]"
    private static let visible =
        "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufffd]"
    static let unit: OpenAPIValue = ["type": "number", "minimum": 0, "maximum": 1]
    static let metadata: OpenAPIValue = [
        "type": ["object", "null"], "description": "The JSON object stored with the photo, as stored.",
    ]

    /// The embedders a collection may use (`EmbedderChoice`).
    static func embedder(described description: String? = nil) -> OpenAPIValue {
        choice(EmbedderChoice.allCases.map(\.rawValue), description)
    }
    /// The detectors a collection may use (`PipelineConfiguration.DetectorChoice`).
    static func detector(described description: String? = nil) -> OpenAPIValue {
        choice(PipelineConfiguration.DetectorChoice.allCases.map(\.rawValue), description)
    }
    private static func choice(_ names: [String], _ description: String?) -> OpenAPIValue {
        var schema: [String: OpenAPIValue] = [
            "type": "string", "enum": .array(names.map(OpenAPIValue.string)),
        ]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static let all: [String: OpenAPIValue] = [
        "Error": .schema([
            "error": .schema([
                "code": ["type": "string", "description": "Stable machine-readable code."],
                "message": ["type": "string", "description": "An explanation for people."],
            ])
        ]),
        "Box": .schema(["left": int, "top": int, "right": int, "bottom": int]),
        "Landmarks": [
            "type": "array", "description": "Five [x, y] points: eyes, nose, mouth corners.",
            "items": ["type": "array", "items": int, "minItems": 2, "maxItems": 2],
        ],
        "StoredFace": .schema(
            [
                "id": id, "image_id": id, "image_url": string, "thumbnail_url": string, "box": .ref("Box"),
                "landmarks": .ref("Landmarks"),
                "confidence": number, "quality": number, "label": .nullable("string"),
                "external_id": .nullable("string"), "metadata": metadata,
            ], optional: ["label", "external_id", "metadata"]),
        "DetectedFace": .schema(["box": .ref("Box"), "confidence": number, "landmarks": .ref("Landmarks")]),
        "CollectionSummary": .schema([
            "name": string, "metric": ["type": "string", "enum": ["euclidean", "cosine"]], "model_id": string,
            "embedder": embedder(), "detector": detector(), "index": .ref("VectorIndex"), "dimension": int,
            "images": int, "faces": int, "labels": int,
        ]),
        "ReembedRequest": [
            "type": "object",
            "properties": ["detector": detector(), "embedder": embedder()],
        ],
        "ReembedStatus": .schema(
            [
                "collection": string,
                "state": [
                    "type": "string", "enum": ["none", "running", "finished", "failed", "interrupted"],
                ],
                "to": .nullable("string"), "done": int, "total": int,
                "report": [
                    "type": ["object", "null"],
                    "properties": [
                        "collection": string, "from": string, "to": string, "photos": int,
                        "analysed_now": int, "faces": int,
                        "faces_not_found_again": int,
                    ],
                ],
                "error": .nullable("string"),
            ], optional: ["to", "report", "error"]),
        "ReembedStopped": .schema(["collection": string, "stopped": ["type": "boolean"]]),
        "CollectionList": .schema(["collections": .array(of: .ref("CollectionSummary"))]),
        "CollectionDeleted": .schema(["name": string, "deleted_faces": int, "deleted_images": int]),
        "CreateCollection": [
            "type": "object", "required": ["name"],
            "properties": [
                "name": ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"],
                "metric": [
                    "type": "string", "enum": ["euclidean", "cosine"],
                    "description":
                        "Default: euclidean for the dlib embedder, cosine for sface (which needs cosine).",
                ],
                "embedder": embedder(described: "Default: the server's `embedder` setting."),
                "detector": detector(
                    described: "Default: the server's `detector` setting, or yunet for the sface embedder."),
                "index": .ref("VectorIndex"),
            ],
        ],
        "CollectionChange": [
            "type": "object", "required": ["index"], "additionalProperties": false,
            "properties": [
                "index": [
                    "type": "object", "required": ["ef"], "additionalProperties": false,
                    "properties": [
                        "ef": [
                            "type": "integer", "minimum": 1, "maximum": 4096,
                            "description":
                                "HNSW: candidates explored per search (more: higher recall, slower).",
                        ]
                    ],
                ]
            ],
        ],
        "VectorIndex": [
            "type": "object", "required": ["kind"],
            "description": .string(
                "How the collection's faces are searched: `exact` scores every face; `hnsw` walks a graph, "
                    + "approximate and far faster on large galleries (docs/SCALING.md). Default: exact. HNSW's "
                    + "parameters default to m 32, ef_construction 200, ef 128."),
            "properties": [
                "kind": ["type": "string", "enum": ["exact", "hnsw"]],
                "m": [
                    "type": "integer", "minimum": 2, "maximum": 128, "description": "HNSW: links per node.",
                ],
                "ef_construction": [
                    "type": "integer", "minimum": 8, "maximum": 2048,
                    "description": "HNSW: candidates considered per insertion.",
                ],
                "ef": [
                    "type": "integer", "minimum": 1, "maximum": 4096,
                    "description": "HNSW: candidates explored per search (more: higher recall, slower).",
                ],
            ],
        ],
        "FacePage": .schema(
            [
                "faces": .array(of: .ref("StoredFace")),
                "next_after": [
                    "type": ["integer", "null"], "description": "Pass as `after` for the next page.",
                ],
            ], optional: ["next_after"]),
        "FaceDeletion": .schema(["deleted_faces": .array(of: id), "deleted_images": .array(of: id)]),
        "IndexedPhoto": .schema([
            "image": .schema(
                [
                    "id": id, "url": string, "width": int, "height": int, "format": string, "sha256": string,
                    "external_id": .nullable("string"),
                ], optional: ["external_id"]),
            "faces": .array(of: .ref("StoredFace")),
            "skipped": .array(
                of: .schema([
                    "box": .ref("Box"), "confidence": number,
                    "reason": ["type": "string", "enum": ["not_largest", "over_max_faces"]],
                ])),
            "already_stored": ["type": "boolean"],
        ]),
        "SearchAnswer": .schema([
            "collection": string, "threshold": number,
            "faces": .array(
                of: .schema([
                    "box": .ref("Box"), "confidence": number, "landmarks": .ref("Landmarks"),
                    "matches": .array(of: .ref("Match")),
                ])),
        ]),
        "Match": .schema(
            [
                "face_id": id, "score": number, "distance": number, "label": .nullable("string"),
                "external_id": .nullable("string"), "metadata": metadata, "image_id": id, "image_url": string,
                "thumbnail_url": string, "box": .ref("Box"),
            ], optional: ["label", "external_id", "metadata"]),
        "DetectAnswer": .schema(["width": int, "height": int, "faces": .array(of: .ref("DetectedFace"))]),
        "CompareAnswer": .schema([
            "distance": number, "metric": ["type": "string", "enum": ["euclidean", "cosine"]],
            "embedder": embedder(), "score": number, "same_person": ["type": "boolean"], "threshold": number,
            "first": .ref("Box"), "second": .ref("Box"),
        ]),
        "Health": .schema(["status": ["type": "string", "const": "ok"]]),
        "Readiness": .schema([
            "status": ["type": "string", "const": "ready"], "collections": int, "faces": int, "workers": int,
            "queue_depth": int,
        ]),
        "Stats": .schema([
            "uptime_seconds": number, "collections": .array(of: .ref("CollectionSummary")), "faces": int,
            "workers": int, "queue_depth": int, "queue_capacity": int, "busy_workers": int,
        ]),
    ]
}
