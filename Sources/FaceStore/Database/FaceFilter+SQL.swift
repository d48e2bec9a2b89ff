import GRDB

extension FaceFilter {
    /// The faces of a collection this filter selects, validated and
    /// normalised first (``normalized()``).
    ///
    /// Metadata conditions compare with SQLite's JSON functions: the JSON
    /// type must match (a string never equals a number), numbers compare by
    /// value, arrays and objects by their canonical text (the store writes
    /// metadata with sorted keys). The key is bound as a quoted path
    /// (`$."key"`), so a dot is part of the key and nothing is interpolated
    /// into SQL. These conditions scan the collection's faces: no JSON index.
    func request(collectionID: Int64) throws(FaceStoreError) -> QueryInterfaceRequest<FaceRow> {
        let filter = try normalized()
        var request = FaceRow.filter(FaceRow.Columns.collectionID == collectionID)
        if let label = filter.label { request = request.filter(FaceRow.Columns.label == label) }
        if let externalID = filter.externalID {
            request = request.filter(FaceRow.Columns.externalID == externalID)
        }
        if let imageID { request = request.filter(FaceRow.Columns.imageID == imageID) }
        for (key, value) in filter.metadata.sorted(by: { $0.key < $1.key }) {
            let path = "$.\"\(key)\""
            switch value {
            case .string(let text):
                request = request.filter(
                    sql: "json_type(metadata, ?) = 'text' AND json_extract(metadata, ?) = ?",
                    arguments: [path, path, text])
            case .number(let number):
                request = request.filter(
                    sql: "json_type(metadata, ?) IN ('integer', 'real') AND json_extract(metadata, ?) = ?",
                    arguments: [path, path, number])
            case .bool(let flag):
                request = request.filter(
                    sql: "json_type(metadata, ?) = ?", arguments: [path, flag ? "true" : "false"])
            case .null:
                request = request.filter(sql: "json_type(metadata, ?) = 'null'", arguments: [path])
            case .array, .object:
                let type = if case .array = value { "array" } else { "object" }
                request = request.filter(
                    sql: "json_type(metadata, ?) = ? AND json_extract(metadata, ?) = json(?)",
                    arguments: [path, type, path, try JSONValue.text(of: value)])
            }
        }
        return request
    }
}
