/// `/v1/collections/{name}/faces`: index, page, read, delete, find similar.
extension APIOperation {
    private static let notFound = Reply.error("404", "collection_not_found, face_not_found")
    private static let badID = Reply.error("400", "invalid_argument (id), invalid_collection_name")

    static let faces: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/v1/collections/{name}/faces", tag: "Faces", summary: "Index a photo",
            description: "Detects the faces of a photo and stores them. The same bytes sent again to the "
                + "same collection change nothing: 200 with `already_stored: true`.",
            parameters: [.name, .label, .externalID, .faces, .maxFaces, .metadata],
            body: .photo(fields: [
                "label": OpenAPISchemas.labelText, "external_id": OpenAPISchemas.labelText,
                "faces": ["type": "string", "enum": ["all", "largest"]],
                "max_faces": ["type": "integer", "minimum": 1, "maximum": 10000],
                "metadata": ["type": "object"],
            ]),
            replies: [
                .json("201", "The photo and its faces were stored.", "IndexedPhoto"),
                .json("200", "The photo was already stored.", "IndexedPhoto"),
                .error(
                    "400",
                    "invalid_argument, invalid_metadata, metadata_too_large, invalid_multipart, missing_image, "
                        + "invalid_base64, invalid_collection_name, invalid_label, invalid_external_id, bad_request"
                ),
                .collectionMissing,
            ] + Reply.photoErrors),
        APIOperation(
            method: "GET", path: "/v1/collections/{name}/faces", tag: "Faces", summary: "List faces",
            description: "A page of faces by id; `next_after` is set when the page is full.",
            parameters: [
                .name,
                Parameter(
                    name: "limit", location: .query, description: "Page size.",
                    schema: ["type": "integer", "minimum": 1, "maximum": 1000, "default": 50]),
                Parameter(
                    name: "after", location: .query, description: "Only faces with a larger id.",
                    schema: OpenAPISchemas.id),
                .label, .externalID,
            ],
            replies: [
                .json("200", "A page of faces.", "FacePage"),
                .error(
                    "400", "invalid_argument, invalid_collection_name, invalid_label, invalid_external_id"),
                .collectionMissing,
            ]),
        APIOperation(
            method: "DELETE", path: "/v1/collections/{name}/faces", tag: "Faces",
            summary: "Delete the faces of a person",
            description: "Deletes every face with the label and/or external id; one of them is required.",
            parameters: [.name, .label, .externalID],
            replies: [
                .json("200", "What was deleted.", "FaceDeletion"),
                .error(
                    "400", "invalid_argument: no label or external_id; invalid_label, invalid_external_id"),
                .collectionMissing,
            ]),
        APIOperation(
            method: "GET", path: "/v1/collections/{name}/faces/{id}", tag: "Faces", summary: "Read a face",
            description: "One stored face.", parameters: [.name, .faceID],
            replies: [.json("200", "The face.", "StoredFace"), badID, notFound]),
        APIOperation(
            method: "DELETE", path: "/v1/collections/{name}/faces/{id}", tag: "Faces",
            summary: "Delete a face",
            description: "Deletes the face, and its photo when no other face uses it.",
            parameters: [.name, .faceID],
            replies: [.json("200", "What was deleted.", "FaceDeletion"), badID, notFound]),
        APIOperation(
            method: "GET", path: "/v1/collections/{name}/faces/{id}/similar", tag: "Faces",
            summary: "Find faces similar to a stored face",
            description: "The search answer for a stored face, the face itself excluded.",
            parameters: [.name, .faceID, .topK, .threshold, .label, .filter],
            replies: [
                .json("200", "The matches.", "SearchAnswer"),
                .error("400", "invalid_argument, invalid_collection_name, invalid_label"), notFound,
            ]),
    ]
}
