/// The `/docs` page: the API reference as plain HTML, rendered from the same
/// operations as `/openapi.json`, with no script and no external resource.
enum DocsPage {
    /// The page, rendered once.
    static let html: String = render(APIOperation.all)

    static func render(_ operations: [APIOperation]) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>facesearch API</title>
            <style>\(style)</style></head>
            <body><main>
            <h1>facesearch API</h1>
            <p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
            Every error is <code>{"error": {"code", "message"}}</code>.</p>
            <nav aria-label="Endpoints"><ul>
            """
        for operation in operations {
            html += "<li><a href=\"#\(escape(operation.operationID))\"><code>\(escape(operation.method)) "
            html += "\(escape(operation.path))</code></a> \(escape(operation.summary))</li>\n"
        }
        html += "</ul></nav>\n"
        for tag in OpenAPIDocument.tags {
            let tagged = operations.filter { $0.tag == tag.name }
            guard !tagged.isEmpty else { continue }
            html += "<section><h2>\(escape(tag.name))</h2>\n<p>\(escape(tag.description))</p>\n"
            for operation in tagged { html += section(operation) }
            html += "</section>\n"
        }
        return html + "</main></body></html>\n"
    }

    private static func section(_ operation: APIOperation) -> String {
        var html = "<article id=\"\(escape(operation.operationID))\">"
        html += "<h3><code>\(escape(operation.method)) \(escape(operation.path))</code></h3>\n"
        html += "<p><strong>\(escape(operation.summary)).</strong> \(escape(operation.description))</p>\n"
        if !operation.parameters.isEmpty {
            html += "<table><caption>Parameters</caption><thead><tr><th scope=\"col\">name</th>"
            html +=
                "<th scope=\"col\">in</th><th scope=\"col\">type</th><th scope=\"col\">meaning</th></tr></thead><tbody>\n"
            for parameter in operation.parameters {
                let required = parameter.required ? " (required)" : parameter.repeated ? " (repeatable)" : ""
                html += "<tr><td><code>\(escape(parameter.name))</code>\(required)</td>"
                html +=
                    "<td>\(parameter.location.rawValue)</td><td>\(escape(summary(of: parameter.schema)))</td>"
                html += "<td>\(escape(parameter.description))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if let body = operation.body {
            html += "<h4>Request body</h4>\n<p>\(escape(body.description))</p>\n<ul>"
            for content in body.content {
                html += "<li><code>\(escape(content.type))</code> \(escape(summary(of: content.schema)))</li>"
            }
            html += "</ul>\n"
        }
        html += "<table><caption>Responses</caption><thead><tr><th scope=\"col\">status</th>"
        html += "<th scope=\"col\">content</th><th scope=\"col\">meaning</th></tr></thead><tbody>\n"
        for reply in operation.replies {
            let content = [reply.contentType, reply.schema.map(summary(of:))].compactMap { $0 }
            html += "<tr><td>\(escape(reply.status))</td><td>\(escape(content.joined(separator: " ")))</td>"
            html += "<td>\(escape(reply.description))</td></tr>\n"
        }
        return html + "</tbody></table></article>\n"
    }

    /// A schema in a few words: `integer 1...1000 (default 5)`, `Error`.
    static func summary(of schema: OpenAPIValue) -> String {
        guard case .object(let members) = schema else { return "" }
        if let ref = members["$ref"]?.stringValue { return String(ref.split(separator: "/").last ?? "") }
        var words: [String] = []
        switch members["type"] {
        case .string(let type): words.append(type)
        case .array(let types): words.append(types.compactMap(\.stringValue).joined(separator: " or "))
        default: break
        }
        if case .array(let values) = members["enum"] {
            words.append(values.compactMap(\.stringValue).joined(separator: "|"))
        }
        if let minimum = members["minimum"], let maximum = members["maximum"] {
            words.append("\(text(minimum))...\(text(maximum))")
        } else if let minimum = members["minimum"] {
            words.append("≥ \(text(minimum))")
        }
        if let items = members["items"] { words.append("of " + summary(of: items)) }
        if case .object(let properties) = members["properties"] {
            words.append("with " + properties.keys.sorted().joined(separator: ", "))
        }
        if let value = members["default"] { words.append("(default \(text(value)))") }
        return words.joined(separator: " ")
    }

    private static func text(_ value: OpenAPIValue) -> String {
        switch value {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        default: ""
        }
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static let style = """
        body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:60rem;margin:0 auto;padding:1rem}a{color:#0645ad}
        code{font-family:ui-monospace,monospace;background:#f0f0f0;padding:0 .2em}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:bold}
        th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#e8e8e8}article{border-top:1px solid #767676;margin-top:1.5rem}
        """
}
