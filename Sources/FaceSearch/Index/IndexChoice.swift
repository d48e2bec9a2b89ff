import FaceStore
import Foundation
import VectorIndex

/// The vector index a collection searches with, chosen when it is created.
///
/// - `exact` scores every face: the true nearest faces, at a cost that grows
///   with the gallery (about 50 ms per search at a million faces on one core).
/// - `hnsw` walks a graph (`HNSWIndex`): one or two milliseconds at a
///   million faces, finding most of the true nearest faces (how many depends
///   on the gallery's size and shape and on `ef`: docs/SCALING.md), and the
///   exact answer when a label or metadata filter is selective.
///
/// In JSON it is `{"kind": "exact"}` or `{"kind": "hnsw", "m": 32,
/// "ef_construction": 200, "ef": 128}`; the store keeps the same text.
public enum IndexChoice: Sendable, Hashable {
    /// Every search scores every face.
    case exact
    /// An HNSW graph with these parameters.
    case hnsw(HNSWParameters)

    /// The kinds, as named in the CLI, the API and the settings.
    public static let kinds = ["exact", "hnsw"]

    /// `exact` or `hnsw`.
    public var kind: String {
        switch self {
        case .exact: "exact"
        case .hnsw: "hnsw"
        }
    }

    /// The choice of `kind` (`exact` or `hnsw`, HNSW with `parameters`), or nil
    /// for another name.
    public static func named(_ kind: String, parameters: HNSWParameters = .default) -> IndexChoice? {
        switch kind {
        case "exact": .exact
        case "hnsw": .hnsw(parameters)
        default: nil
        }
    }

    /// Why the choice cannot be built, or nil.
    public var problem: String? {
        if case .hnsw(let parameters) = self { return parameters.problem }
        return nil
    }

    /// The text the store keeps: nil for exact (as for collections created
    /// before collections chose an index).
    var stored: String? {
        guard case .hnsw(let parameters) = self else { return nil }
        return "{\"ef\":\(parameters.ef),\"ef_construction\":\(parameters.efConstruction),"
            + "\"kind\":\"hnsw\",\"m\":\(parameters.m)}"
    }

    /// The choice the store's text describes.
    init(stored: String?) throws {
        guard let stored else {
            self = .exact
            return
        }
        self = try JSONCoding.decoder.decode(IndexChoice.self, from: Data(stored.utf8))
    }
}

extension IndexChoice: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, m
        case efConstruction = "ef_construction"
        case ef
    }

    /// Decodes `{"kind": ...}` with optional HNSW parameters (the defaults
    /// for those missing; `null` is refused, as for every member).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        func value(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            container.contains(key) ? try container.decode(Int.self, forKey: key) : fallback
        }
        let defaults = HNSWParameters.default
        let parameters = HNSWParameters(
            m: try value(.m, defaults.m), efConstruction: try value(.efConstruction, defaults.efConstruction),
            ef: try value(.ef, defaults.ef))
        guard let choice = Self.named(kind, parameters: parameters) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "the index kind must be exact or hnsw, not \(kind)")
        }
        self = choice
    }

    /// Encodes the kind, and HNSW's parameters.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .hnsw(let parameters) = self {
            try container.encode(parameters.m, forKey: .m)
            try container.encode(parameters.efConstruction, forKey: .efConstruction)
            try container.encode(parameters.ef, forKey: .ef)
        }
    }
}

extension IndexChoice {
    /// `exact`, or `hnsw (m 32, ef_construction 200, ef 128)`: for people.
    public var text: String {
        switch self {
        case .exact: "exact"
        case .hnsw(let p): "hnsw (m \(p.m), ef_construction \(p.efConstruction), ef \(p.ef))"
        }
    }
}
