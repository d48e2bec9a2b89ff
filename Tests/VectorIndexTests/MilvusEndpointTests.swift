import MilvusClient
import Testing

/// How `--milvus` and `FACESEARCH_MILVUS` values are read.
@Suite struct MilvusEndpointTests {
    @Test(arguments: [
        ("127.0.0.1:19530", "127.0.0.1", 19530), ("milvus.internal", "milvus.internal", 19530),
        ("grpc://db:1234", "db", 1234), ("http://db:1234/", "db", 1234), (" [::1]:19531 ", "::1", 19531),
        ("[fd00::5]", "fd00::5", 19530),
    ])
    func readsAddresses(text: String, host: String, port: Int) throws {
        let endpoint = try #require(MilvusEndpoint(text))
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(MilvusEndpoint(endpoint.description) == endpoint)
    }

    @Test(arguments: [
        "", ":19530", "db:0", "db:65536", "db:port", "https://db:19530", "db:1:2", "db/path", "user@db",
        "[::1", "[::1]x", "two words",
    ])
    func refusesWhatIsNotAnAddress(text: String) {
        #expect(MilvusEndpoint(text) == nil)
    }
}
