import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /v1/collections/{name}/map` over real photos.
@Suite struct MapRoutesTests {
    @Test func theMapHasOnePointPerFaceWithLabelsAndClusters() async throws {
        let photos = try ["obama.jpg", "obama2.jpg", "biden.jpg"].map(ServerFixtures.photo)
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            for (photo, label) in zip(photos, ["obama", "obama", "biden"]) {
                let indexed = try await client.send(
                    .post, "/v1/collections/people/faces?label=\(label)", photo: photo)
                #expect(indexed.status == .created)
            }
            let response = try await client.execute(uri: "/v1/collections/people/map", method: .get)
            #expect(response.status == .ok)
            let map = response.json
            let points = try #require(map["points"] as? [[String: Any]])
            #expect(points.count == 3)
            #expect(Set(points.compactMap { $0["label"] as? String }) == ["obama", "biden"])
            #expect(points.allSatisfy { $0["face_id"] is Int && $0["x"] is Double && $0["y"] is Double })
            #expect(map["k"] as? Int == 2, "k defaults to the number of labels")
            #expect((map["explained_variance"] as? [Double])?.count == 2)
            #expect(map["truncated"] as? Bool == false && map["total_faces"] as? Int == 3)
            let clusters = points.map { $0["cluster"] as? Int ?? -1 }
            let byLabel = Dictionary(grouping: zip(points, clusters)) { $0.0["label"] as? String ?? "" }
            #expect(Set(byLabel["obama"]?.map(\.1) ?? []).count == 1, "the two obamas share a cluster")

            let three = try await client.execute(
                uri: "/v1/collections/people/map?color=cluster&k=3", method: .get)
            #expect(three.json["k"] as? Int == 3 && three.json["color"] as? String == "cluster")
        }
    }

    @Test func badParametersAndUnknownCollectionsAreErrors() async throws {
        try await ServerFixtures.withApp { client in
            try await client.createCollection("empty")
            let empty = try await client.execute(uri: "/v1/collections/empty/map", method: .get)
            #expect(empty.status == .ok && (empty.json["points"] as? [Any])?.isEmpty == true)
            for query in ["color=size", "k=0", "k=101", "k=abc"] {
                let response = try await client.execute(
                    uri: "/v1/collections/empty/map?\(query)", method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.errorCode == "invalid_argument")
            }
            let missing = try await client.execute(uri: "/v1/collections/nobody/map", method: .get)
            #expect(missing.status == .notFound && missing.errorCode == "collection_not_found")
        }
    }
}
