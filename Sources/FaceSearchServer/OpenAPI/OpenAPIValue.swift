/// A JSON value for the OpenAPI document: the document is data, built once
/// in Swift and encoded with `JSONEncoder`, so it needs no extra dependency.
indirect enum OpenAPIValue: Encodable, Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case array([OpenAPIValue])
    case object([String: OpenAPIValue])

    /// Encodes the value as the JSON it names.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension OpenAPIValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string.
    init(stringLiteral value: String) { self = .string(value) }
    /// An integer.
    init(integerLiteral value: Int) { self = .integer(value) }
    /// A number.
    init(floatLiteral value: Double) { self = .number(value) }
    /// A bool.
    init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    init(arrayLiteral elements: OpenAPIValue...) { self = .array(elements) }
    /// An object; a repeated key keeps its last value.
    init(dictionaryLiteral elements: (String, OpenAPIValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}

extension OpenAPIValue {
    /// A `$ref` to a schema under `components/schemas`.
    static func ref(_ name: String) -> OpenAPIValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// An array schema of `items`.
    static func array(of items: OpenAPIValue) -> OpenAPIValue { ["type": "array", "items": items] }

    /// A schema that also allows `null` (OpenAPI 3.1 spells it as a type list).
    static func nullable(_ type: String) -> OpenAPIValue { ["type": [.string(type), "null"]] }

    /// An object schema whose listed properties are all required.
    static func schema(_ properties: [String: OpenAPIValue], optional: Set<String> = []) -> OpenAPIValue {
        let required = properties.keys.filter { !optional.contains($0) }.sorted().map(OpenAPIValue.string)
        return ["type": "object", "properties": .object(properties), "required": .array(required)]
    }

    /// The string, when the value is one.
    var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}
