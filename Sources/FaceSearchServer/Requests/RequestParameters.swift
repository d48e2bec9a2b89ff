import FaceSearch
import FaceVision
import Hummingbird

/// Strict reading of a request's parameters, wherever they came from: the
/// query string, the text fields of a multipart form, or the members of a
/// JSON body (form fields and JSON members win over the query string). A
/// parameter that is present but not a valid value is a 400, never silently
/// replaced by the default.
struct RequestParameters {
    private let request: Request
    private let fields: [String: [String]]

    init(_ request: Request, fields: [String: [String]] = [:]) {
        self.request = request
        self.fields = fields
    }

    /// The parameter's text, or nil when it is absent. A parameter given
    /// twice (two form fields, or twice in the query string) is a 400: which
    /// one was meant cannot be known. Form fields and JSON members win over
    /// the query string.
    func string(_ name: String) throws(APIError) -> String? {
        if let values = fields[name] {
            guard values.count == 1 else { throw .invalidArgument("\(name) is given more than once") }
            return values[0]
        }
        let values = request.uri.queryParameters.getAll(name)
        guard values.count <= 1 else { throw .invalidArgument("\(name) is given more than once") }
        return values.first
    }

    /// Every value of a repeated parameter: the fields' values, then the query's.
    func strings(_ name: String) -> [String] {
        (fields[name] ?? []) + request.uri.queryParameters.getAll(name)
    }

    /// An integer parameter within `range`, or nil when absent.
    /// The models named by `detector` and `embedder`, `defaults` where absent.
    func models(defaults: ModelChoice) throws(APIError) -> ModelChoice {
        try ModelChoice.named(
            detector: try string("detector"), embedder: try string("embedder"), defaults: defaults)
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = try string(name) else { return nil }
        guard let value = Self.canonicalInteger(text).flatMap({ Int(exactly: $0) }), range.contains(value)
        else {
            throw .invalidArgument(
                "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }

    /// A 64-bit id parameter, or nil when absent.
    func id(_ name: String) throws(APIError) -> Int64? {
        guard let text = try string(name) else { return nil }
        guard let value = Self.canonicalInteger(text), value >= 0 else {
            throw .invalidArgument("\(name) must be a face id (a non-negative integer), not \(text)")
        }
        return value
    }

    /// A number parameter within `range`, or nil when absent.
    func double(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let text = try string(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw .invalidArgument(
                "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }

    /// The `faces` parameter: `all` (the default) or `largest`.
    func faceSelection() throws(APIError) -> FaceSelection {
        guard let text = try string("faces") else { return .all }
        guard let selection = FaceSelection(rawValue: text) else {
            throw .invalidArgument("faces must be all or largest, not \(text)")
        }
        return selection
    }
}

extension RequestParameters {
    /// `text` as an integer when it is written the one canonical way: decimal
    /// digits, an optional `-`, no `+`, no leading zeros, no spaces. `+1` and
    /// `00001` are not ids: a cache, log or client comparing ids as text
    /// would take them for other ones.
    static func canonicalInteger(_ text: String) -> Int64? {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard let first = digits.first, digits.allSatisfy({ (48...57).contains($0) }),
            first != UInt8(ascii: "0") || digits.count == 1
        else { return nil }
        return Int64(text)
    }
}

extension Parameters {
    /// A path parameter that must be an integer id (anything else is a 400).
    func requireID(_ name: String) throws(APIError) -> Int64 {
        guard let text = get(name), let id = RequestParameters.canonicalInteger(text), id >= 0 else {
            throw .invalidArgument("\(name) must be an integer id, not \(get(name) ?? "nothing")")
        }
        return id
    }
}
