import FaceSearchServer
import FaceVision
import Foundation
import Testing

@Suite("Service settings: flags, environment, config file")
struct ServiceSettingsTests {
    @Test func flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws {
        var flags = ServiceSettings.Layer()
        flags.port = 9001
        let environment = try ServiceSettings.Layer(environment: [
            "FACESEARCH_PORT": "9002", "FACESEARCH_WORKERS": "3",
            "FACESEARCH_CORS_ORIGINS": "https://a.example, *",
        ])
        let file = try Self.file(#"{"port": 9003, "workers": 4, "queue_capacity": 7, "data": "/srv/faces"}"#)
        let settings = try ServiceSettings(layers: [
            (.flag, flags), (.environment, environment), (.file, file),
        ])
        #expect(settings.port == 9001 && settings.workers == 3 && settings.queueCapacity == 7)
        #expect(settings.data == "/srv/faces" && settings.host == "127.0.0.1")
        #expect(settings.corsOrigins == ["https://a.example", "*"])
        #expect(settings.logMetadata["port"] == "9001 (flag)")
        #expect(settings.logMetadata["workers"] == "3 (environment)")
        #expect(settings.logMetadata["data"] == "/srv/faces (file)")
        #expect(settings.logMetadata["host"] == "127.0.0.1 (default)")
    }

    @Test func malformedValuesNameTheirSource() throws {
        #expect(throws: SettingsError.self) {
            _ = try ServiceSettings.Layer(environment: ["FACESEARCH_PORT": "eighty"])
        }
        #expect(throws: SettingsError.self) { _ = try Self.file(#"{"prot": 80}"#) }
        #expect(throws: SettingsError.self) { _ = try Self.file(#"{"port": "80"}"#) }
        #expect(throws: SettingsError.self) { _ = try Self.file("[1, 2]") }
        var layer = ServiceSettings.Layer()
        layer.port = 70_000
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.flag, layer)]) }
        layer = ServiceSettings.Layer()
        layer.corsOrigins = ["a.example"]
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.flag, layer)]) }
    }

    @Test func authCanBeOffRemotelyOnlyWhenSaidTwice() throws {
        var layer = ServiceSettings.Layer()
        layer.host = "0.0.0.0"
        layer.auth = "disabled"
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.file, layer)]) }
        layer.allowUnauthenticatedRemote = true
        #expect(try ServiceSettings(layers: [(.file, layer)]).authentication == .disabled)
        layer.host = "127.0.0.1"
        layer.allowUnauthenticatedRemote = nil
        #expect(try ServiceSettings(layers: [(.file, layer)]).authentication == .disabled)
        layer.auth = "maybe"
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.file, layer)]) }
    }

    @Test func metricsCanRequireAKeyOnlyWhereThereAreKeys() throws {
        let environment = try ServiceSettings.Layer(environment: ["FACESEARCH_METRICS_REQUIRE_KEY": "yes"])
        #expect(environment.metricsRequireKey == true)
        let file = try Self.file(#"{"metrics_require_key": false}"#)
        let settings = try ServiceSettings(layers: [(.environment, environment), (.file, file)])
        #expect(settings.metricsRequireKey)
        #expect(settings.logMetadata["metrics_require_key"] == "true (environment)")
        #expect(try ServiceSettings(layers: [(.file, file)]).metricsRequireKey == false)
        #expect(ServiceSettings().metricsRequireKey == false)
        #expect(throws: SettingsError.self) {
            _ = try ServiceSettings.Layer(environment: ["FACESEARCH_METRICS_REQUIRE_KEY": "sometimes"])
        }
        var disabled = ServiceSettings.Layer()
        disabled.auth = "disabled"
        disabled.metricsRequireKey = true
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.flag, disabled)]) }
    }

    @Test func connectionTimeoutsAndTheThumbnailCacheComeFromEverySource() throws {
        let environment = try ServiceSettings.Layer(environment: ["FACESEARCH_SHUTDOWN_GRACE_SECONDS": "5"])
        let file = try Self.file(#"{"idle_timeout_seconds": 120, "shutdown_grace_seconds": 9}"#)
        let settings = try ServiceSettings(layers: [(.environment, environment), (.file, file)])
        #expect(settings.idleTimeoutSeconds == 120 && settings.shutdownGraceSeconds == 5)
        #expect(settings.logMetadata["shutdown_grace_seconds"] == "5 (environment)")
        #expect(settings.logMetadata["idle_timeout_seconds"] == "120 (file)")
        #expect(ServiceSettings().idleTimeoutSeconds == 60 && ServiceSettings().shutdownGraceSeconds == 30)
        let thumbnails = try ServiceSettings.Layer(environment: ["FACESEARCH_THUMBNAIL_CACHE_MIB": "0"])
        #expect(try ServiceSettings(layers: [(.environment, thumbnails)]).thumbnailCacheMiB == 0)
        #expect(ServiceSettings().thumbnailCacheMiB == 16)
        var layer = ServiceSettings.Layer()
        layer.shutdownGraceSeconds = 0
        #expect(try ServiceSettings(layers: [(.flag, layer)]).shutdownGraceSeconds == 0)
        layer.shutdownGraceSeconds = -1
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.flag, layer)]) }
        layer = ServiceSettings.Layer()
        layer.idleTimeoutSeconds = 0
        #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.flag, layer)]) }
        #expect(throws: SettingsError.self) {
            _ = try ServiceSettings.Layer(environment: ["FACESEARCH_IDLE_TIMEOUT_SECONDS": "a minute"])
        }
    }

    /// A config-file layer from `json`, through a real file.
    @Test func theModelsComeFromEverySourceAndANameBringsItsPartner() throws {
        let defaults = try ServiceSettings(layers: [])
        #expect(defaults.pipelineModels == ModelChoice(detector: .yunet, embedder: .sface))
        #expect(defaults.sources["detector"] == .default)

        let environment = try ServiceSettings.Layer(environment: ["FACESEARCH_DETECTOR": "hog"])
        let dlib = try ServiceSettings(layers: [(.environment, environment)])
        #expect(
            dlib.pipelineModels == ModelChoice(detector: .hog, embedder: .dlib), "a dlib detector brings dlib"
        )
        #expect(dlib.logMetadata["detector"] == "hog (environment)")

        var flags = ServiceSettings.Layer()
        flags.embedder = "sface"
        let file = try Self.file(#"{"detector": "hog+cnn", "embedder": "dlib"}"#)
        // SFace from a flag with HOG from the file cannot work: refused, naming the pair.
        #expect(throws: SettingsError.self) {
            _ = try ServiceSettings(layers: [(.flag, flags), (.file, file)])
        }
        flags.detector = "yunet"
        let named = try ServiceSettings(layers: [(.flag, flags), (.file, file)])
        #expect(named.pipelineModels == ModelChoice(detector: .yunet, embedder: .sface))

        #expect(throws: SettingsError.self) { _ = try Self.file(#"{"embedder": 3}"#) }
        for (key, value) in [("FACESEARCH_EMBEDDER", "arcface"), ("FACESEARCH_DETECTOR", "mtcnn")] {
            let layer = try ServiceSettings.Layer(environment: [key: value])
            #expect(throws: SettingsError.self) { _ = try ServiceSettings(layers: [(.environment, layer)]) }
        }
    }

    private static func file(_ json: String) throws -> ServiceSettings.Layer {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-\(UUID()).json")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ServiceSettings.Layer(configFile: path)
    }
}
