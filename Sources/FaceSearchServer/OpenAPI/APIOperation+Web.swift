/// The web page and its files (public: the page asks for the API key itself).
extension APIOperation {
    static let web: [APIOperation] = [
        APIOperation(
            method: "GET", path: "/", tag: "Service", summary: "The web page",
            description: "Search, live camera search, gallery and embedding map in the browser "
                + "(docs/WEB.md). Needs no key: the page asks for one and sends it in headers only.",
            replies: [
                Reply(
                    status: "200", description: "The page.", contentType: "text/html",
                    schema: ["type": "string"],
                    headers: [
                        "Content-Security-Policy": "Only this origin's scripts, styles and connections."
                    ])
            ]),
        APIOperation(
            method: "GET", path: "/web/{file}", tag: "Service", summary: "A file of the web page",
            description: "The page's style sheet and scripts (`app.css`, `app.js`, `api.js`, ...), "
                + "compiled into the binary; `Cache-Control: no-cache` with an ETag.",
            parameters: [
                Parameter(
                    name: "file", location: .path, description: "The file name.",
                    schema: OpenAPISchemas.string, required: true)
            ],
            replies: [
                Reply(
                    status: "200", description: "The file.", contentType: "text/javascript",
                    schema: ["type": "string"], headers: ["ETag": "A hash of the file."]),
                Reply(status: "304", description: "The browser's copy is current.", contentType: nil),
                .error("400", "invalid_argument: a name with other characters than letters, digits, - _ ."),
                .error("404", "not_found: no such file"),
            ]),
    ]
}
