/// Parameters, bodies and error replies shared by several operations.
extension APIOperation.Parameter {
    static let name = Self(
        name: "name", location: .path, description: "The collection: 1 to 64 of A-Z a-z 0-9 _ -.",
        schema: ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"], required: true)
    static let faceID = Self(
        name: "id", location: .path, description: "The face id.", schema: OpenAPISchemas.id, required: true)
    static let label = Self(
        name: "label", location: .query,
        description: "The person: 1 to 256 characters, not only whitespace, no control characters; NFC.",
        schema: OpenAPISchemas.labelText)
    static let externalID = Self(
        name: "external_id", location: .query,
        description: "The caller's id: the same rule as `label`.", schema: OpenAPISchemas.labelText)
    static let faces = Self(
        name: "faces", location: .query, description: "Which faces of the photo to use.",
        schema: ["type": "string", "enum": ["all", "largest"], "default": "all"])
    static let topK = Self(
        name: "top_k", location: .query, description: "Matches per query face.",
        schema: ["type": "integer", "minimum": 1, "maximum": 1000, "default": 5])
    static let threshold = Self(
        name: "threshold", location: .query, description: "Least score a match needs.",
        schema: ["type": "number", "minimum": 0, "maximum": 1, "default": 0.5])
    static let detector = Self(
        name: "detector", location: .query,
        description: "The face detector (default: the server's; yunet when `embedder` is sface).",
        schema: OpenAPISchemas.detector())
    static let embedder = Self(
        name: "embedder", location: .query,
        description: "The descriptor model (default: the server's); sface needs the yunet detector.",
        schema: OpenAPISchemas.embedder())
    static let filter = Self(
        name: "filter", location: .query,
        description: "`key:value`, repeatable: only faces whose metadata has `key` equal to `value`.",
        schema: ["type": "string", "pattern": "^[^:]+:"], repeated: true)
    static let metadata = Self(
        name: "metadata", location: .query,
        description: "A JSON object (as text) kept with the photo: at most 16 KiB and 64 keys.",
        schema: ["type": "string"])
    static let maxFaces = Self(
        name: "max_faces", location: .query, description: "Store at most this many faces, largest first.",
        schema: ["type": "integer", "minimum": 1, "maximum": 10000])
}

extension APIOperation.Body {
    /// A photo as raw bytes, a multipart form or a JSON object with base64.
    /// `fields` are the text parameters a form or JSON body may carry.
    static func photo(
        names: [String] = ["image"], fields: [String: OpenAPIValue], required: [String] = ["image"]
    ) -> Self {
        let raw: OpenAPIValue = ["type": "string", "contentMediaType": "application/octet-stream"]
        let binary: OpenAPIValue = ["type": "string", "format": "binary"]
        let base64: OpenAPIValue = ["type": "string", "contentEncoding": "base64", "minLength": 1]
        var form = fields.mapValues { _ -> OpenAPIValue in ["type": "string"] }
        var json = fields
        for name in names {
            form[name] = binary
            json[name] = base64
        }
        if names == ["image"] { form["file"] = binary }
        let requiredList = OpenAPIValue.array(required.map(OpenAPIValue.string))
        let content: [(type: String, schema: OpenAPIValue)] =
            (names == ["image"] ? ["image/jpeg", "image/png", "image/webp"].map { ($0, raw) } : []) + [
                ("multipart/form-data", ["type": "object", "properties": .object(form)]),
                (
                    "application/json",
                    ["type": "object", "properties": .object(json), "required": requiredList]
                ),
            ]
        return Self(
            description: "The photo (JPEG, PNG or WebP): the raw body, a form part named "
                + names.joined(separator: "/") + (names == ["image"] ? " (or file)" : "")
                + ", or base64 in a JSON member; other fields act as query parameters.",
            content: content)
    }
}

extension APIOperation.Reply {
    static let badPhoto = error(
        "400", "invalid_argument, invalid_multipart, missing_image, invalid_base64, bad_request")
    static let tooLarge = error("413", "payload_too_large, image_too_large")
    static let unsupported = error("415", "unsupported_media_type")
    static let unusable = error(
        "422", "no_face, image_empty, image_truncated, image_corrupt, image_too_many_pixels")
    static let overloaded = error("429", "overloaded: the inference queue is full")
    static let unavailable = error(
        "503",
        "shut_down, store_in_use, index_backend_failure (Milvus unreachable), vector_store_unavailable (/ready)"
    )
    static let collectionMissing = error("404", "collection_not_found")

    /// The errors any endpoint that analyses a photo can answer.
    static let photoErrors = [tooLarge, unsupported, unusable, overloaded, unavailable]
}
