import FaceSearchServer
import FaceVision
import Foundation
import Testing

@Suite("Service settings: flags, environment, config file")
struct ServiceSettingsTests {
    @Test func flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsDefaults() async throws {
        let settings = try await Self.load(
            ["--port", "9001"],
            environment: [
                "FACESEARCH_PORT": "9002", "FACESEARCH_WORKERS": "3",
                "FACESEARCH_CORS_ORIGINS": "https://a.example, *",
            ],
            file: #"{"port": 9003, "workers": 4, "queue_capacity": 7, "data": "/srv/faces"}"#)
        #expect(settings.port == 9001 && settings.workers == 3 && settings.queueCapacity == 7)
        #expect(settings.data == "/srv/faces" && settings.host == "127.0.0.1")
        #expect(settings.corsOrigins == ["https://a.example", "*"])
        #expect(settings.logMetadata["port"] == "9001 (flag)")
        #expect(settings.logMetadata["workers"] == "3 (environment)")
        #expect(settings.logMetadata["data"] == "/srv/faces (file)")
        #expect(settings.logMetadata["host"] == "127.0.0.1 (default)")
        #expect(settings.logMetadata["cors_origins"] == "https://a.example,* (environment)")
        #expect(settings.logMetadata.count == ServiceSettings.declarations.count)
    }

    @Test func malformedValuesAreRefusedWhereverTheyAreSet() async throws {
        let refused: [(arguments: [String], environment: [String: String], file: String?)] = [
            ([], ["FACESEARCH_PORT": "eighty"], nil),
            ([], [:], #"{"prot": 80}"#),
            ([], [:], #"{"port": "80"}"#),
            ([], [:], "[1, 2]"),
            ([], [:], "{"),
            (["--port", "70000"], [:], nil),
            (["--port", "eighty"], [:], nil),
            (["--cors-origin", "a.example"], [:], nil),
            (["--prot", "80"], [:], nil),
            (["-p", "80"], [:], nil),
            (["8080"], [:], nil),
            (["--port"], [:], nil),
            (["--data", "/srv/a,b"], [:], nil),
            (["--host", ""], [:], nil),
            (["--max-body-bytes", "12"], [:], nil),
            (["--milvus", "not an address"], [:], nil),
        ]
        for (arguments, environment, file) in refused {
            await #expect(throws: SettingsError.self, "\(arguments) \(environment) \(file ?? "")") {
                _ = try await Self.load(arguments, environment: environment, file: file)
            }
        }
        await #expect(throws: SettingsError.self) {
            _ = try await ServiceSettings.load(
                arguments: [], environment: [:], configFile: "/nonexistent.json")
        }
    }

    @Test func theErrorNamesTheFlagVariableOrKeyThatSetTheValue() async throws {
        let cases: [([String], [String: String], String?, String)] = [
            ([], ["FACESEARCH_QUEUE_CAPACITY": "many"], nil, "FACESEARCH_QUEUE_CAPACITY"),
            ([], [:], #"{"max_top_k": "many"}"#, "max_top_k in the config file"),
            (["--prot", "1"], [:], nil, "--prot"),
            (["--data", "a,b"], [:], nil, "FACESEARCH_DATA"),
        ]
        for (arguments, environment, file, named) in cases {
            do {
                _ = try await Self.load(arguments, environment: environment, file: file)
                Issue.record("\(arguments) \(environment) was accepted")
            } catch let error as SettingsError {
                #expect(error.description.contains(named), "\(error.description)")
            }
        }
    }

    @Test func flagsTakeEveryFormAndTheLastValueWins() async throws {
        let settings = try await Self.load(
            [
                "--port=1", "--port", "2", "--metrics-require-key", "--cors-origin", "https://a.example",
                "--cors-origin=https://b.example", "--workers", "2",
            ], environment: ["FACESEARCH_METRICS_REQUIRE_KEY": "false"], file: nil)
        #expect(settings.port == 2 && settings.workers == 2)
        #expect(settings.metricsRequireKey)
        #expect(settings.logMetadata["metrics_require_key"] == "true (flag)")
        #expect(settings.corsOrigins == ["https://a.example", "https://b.example"])
    }

    @Test func authCanBeOffRemotelyOnlyWhenSaidTwice() async throws {
        let remote = #"{"host": "0.0.0.0", "auth": "disabled"}"#
        await #expect(throws: SettingsError.self) { _ = try await Self.load([], file: remote) }
        let allowed = try await Self.load(["--allow-unauthenticated-remote"], file: remote)
        #expect(allowed.authentication == .disabled)
        #expect(try await Self.load([], file: #"{"auth": "disabled"}"#).authentication == .disabled)
        await #expect(throws: SettingsError.self) {
            _ = try await Self.load(["--no-auth", "--host", "0.0.0.0"])
        }
        let shorthand = try await Self.load([
            "--no-auth", "--host", "0.0.0.0", "--allow-unauthenticated-remote",
        ])
        #expect(shorthand.authentication == .disabled)
        #expect(shorthand.logMetadata["auth"] == "disabled (flag)")
        await #expect(throws: SettingsError.self) { _ = try await Self.load([], file: #"{"auth": "maybe"}"#) }
    }

    @Test func metricsCanRequireAKeyOnlyWhereThereAreKeys() async throws {
        let environment = ["FACESEARCH_METRICS_REQUIRE_KEY": "yes"]
        let file = #"{"metrics_require_key": false}"#
        let settings = try await Self.load([], environment: environment, file: file)
        #expect(settings.metricsRequireKey)
        #expect(settings.logMetadata["metrics_require_key"] == "true (environment)")
        #expect(try await Self.load([], file: file).metricsRequireKey == false)
        #expect(ServiceSettings().metricsRequireKey == false)
        await #expect(throws: SettingsError.self) {
            _ = try await Self.load([], environment: ["FACESEARCH_METRICS_REQUIRE_KEY": "sometimes"])
        }
        await #expect(throws: SettingsError.self) {
            _ = try await Self.load(["--no-auth", "--metrics-require-key"])
        }
    }

    @Test func connectionTimeoutsAndTheThumbnailCacheComeFromEverySource() async throws {
        let settings = try await Self.load(
            [], environment: ["FACESEARCH_SHUTDOWN_GRACE_SECONDS": "5"],
            file: #"{"idle_timeout_seconds": 120, "shutdown_grace_seconds": 9}"#)
        #expect(settings.idleTimeoutSeconds == 120 && settings.shutdownGraceSeconds == 5)
        #expect(settings.logMetadata["shutdown_grace_seconds"] == "5 (environment)")
        #expect(settings.logMetadata["idle_timeout_seconds"] == "120 (file)")
        #expect(ServiceSettings().idleTimeoutSeconds == 60 && ServiceSettings().shutdownGraceSeconds == 30)
        let thumbnails = try await Self.load([], environment: ["FACESEARCH_THUMBNAIL_CACHE_MIB": "0"])
        #expect(thumbnails.thumbnailCacheMiB == 0)
        #expect(ServiceSettings().thumbnailCacheMiB == 16)
        #expect(try await Self.load(["--shutdown-grace-seconds", "0"]).shutdownGraceSeconds == 0)
        for arguments in [["--shutdown-grace-seconds", "-1"], ["--idle-timeout-seconds", "0"]] {
            await #expect(throws: SettingsError.self) { _ = try await Self.load(arguments) }
        }
        await #expect(throws: SettingsError.self) {
            _ = try await Self.load([], environment: ["FACESEARCH_IDLE_TIMEOUT_SECONDS": "a minute"])
        }
    }

    @Test func theModelsComeFromEverySourceAndANameBringsItsPartner() async throws {
        let defaults = try await Self.load([])
        #expect(defaults.pipelineModels == ModelChoice(detector: .yunet, embedder: .sface))
        #expect(defaults.sources["detector"] == .default)

        let dlib = try await Self.load([], environment: ["FACESEARCH_DETECTOR": "hog"])
        #expect(
            dlib.pipelineModels == ModelChoice(detector: .hog, embedder: .dlib), "a dlib detector brings dlib"
        )
        #expect(dlib.logMetadata["detector"] == "hog (environment)")

        let file = #"{"detector": "hog+cnn", "embedder": "dlib"}"#
        // SFace from a flag with HOG from the file cannot work: refused, naming the pair.
        await #expect(throws: SettingsError.self) {
            _ = try await Self.load(["--embedder", "sface"], file: file)
        }
        let named = try await Self.load(["--embedder", "sface", "--detector", "yunet"], file: file)
        #expect(named.pipelineModels == ModelChoice(detector: .yunet, embedder: .sface))

        await #expect(throws: SettingsError.self) { _ = try await Self.load([], file: #"{"embedder": 3}"#) }
        for (key, value) in [("FACESEARCH_EMBEDDER", "arcface"), ("FACESEARCH_DETECTOR", "mtcnn")] {
            await #expect(throws: SettingsError.self) {
                _ = try await Self.load([], environment: [key: value])
            }
        }
    }

    @Test func anEmptyVariableIsUnsetAndOtherVariablesAreNotSettings() async throws {
        let settings = try await Self.load(
            [], environment: ["FACESEARCH_PORT": "", "PORT": "1", "HOST": "0.0.0.0", "FACESEARCH_DATA": "/d"])
        #expect(settings.port == 8080 && settings.host == "127.0.0.1" && settings.data == "/d")
    }

    /// Every declared setting is in docs/OPERATIONS.md's table with its key, flag and variable.
    @Test func everySettingIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let operations = try String(
            contentsOf: root.appendingPathComponent("docs/OPERATIONS.md"), encoding: .utf8)
        let rows = operations.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for setting in ServiceSettings.declarations {
            let row = rows.first { $0.hasPrefix("| `\(setting.key)` |") }
            #expect(row?.contains("`\(setting.flag)") == true, "\(setting.key): flag")
            #expect(row?.contains("`\(setting.environmentVariable)`") == true, "\(setting.key): variable")
        }
    }

    /// The settings of `arguments`, `environment` and a config file holding `file`.
    private static func load(
        _ arguments: [String], environment: [String: String] = [:], file: String? = nil
    ) async throws -> ServiceSettings {
        guard let file else {
            return try await ServiceSettings.load(
                arguments: arguments, environment: environment, configFile: nil)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-\(UUID()).json")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(file.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await ServiceSettings.load(
            arguments: arguments, environment: environment, configFile: path)
    }
}
