/// One operation of the HTTP API as the OpenAPI document and the `/docs` page
/// describe it. Both are rendered from the same list of these.
struct APIOperation: Sendable {
    /// A path or query parameter.
    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query }
        var name: String
        var location: Location
        var description: String
        var schema: OpenAPIValue
        var required: Bool = false
        /// Repeated parameters (`filter=a:1&filter=b:2`) are arrays in OpenAPI.
        var repeated: Bool = false
    }

    /// A response: its status, what it means and its body, if any.
    struct Reply: Sendable {
        var status: String
        var description: String
        var contentType: String? = "application/json"
        var schema: OpenAPIValue? = nil
        var headers: [String: String] = [:]
    }

    /// A request body in one or more media types.
    struct Body: Sendable {
        var description: String
        var content: [(type: String, schema: OpenAPIValue)]
        var required: Bool = true
    }

    var method: String
    var path: String
    var tag: String
    var summary: String
    var description: String
    var parameters: [Parameter] = []
    var body: Body? = nil
    var replies: [Reply]

    /// A stable id for code generators: `get_v1_collections_name`.
    var operationID: String {
        let words = path.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return ([method.lowercased()] + words.map(String.init)).joined(separator: "_")
    }
}

extension APIOperation.Reply {
    /// A JSON answer with a schema from `components/schemas`.
    static func json(_ status: String, _ description: String, _ schema: String) -> Self {
        Self(status: status, description: description, schema: .ref(schema))
    }

    /// An error answer in the shared `{"error": {"code", "message"}}` shape.
    static func error(_ status: String, _ codes: String) -> Self {
        var reply = Self(status: status, description: codes, schema: .ref("Error"))
        if status == "429" {
            reply.headers["Retry-After"] = "Seconds to wait before retrying (always 1)."
        }
        return reply
    }
}
