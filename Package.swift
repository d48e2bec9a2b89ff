// swift-tools-version: 6.2
import PackageDescription

/// The dlib shim is compiled at -O3 in every configuration: at -O0 the HOG
/// detector is about 50 times slower, which makes debug builds and tests useless.
let nativeOptimization: [CXXSetting] = [.unsafeFlags(["-O3", "-fno-math-errno"])]

let package = Package(
    name: "facesearch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "facesearch", targets: ["facesearch"]),
        .library(name: "FaceVision", targets: ["FaceVision"]),
        .library(name: "VectorIndex", targets: ["VectorIndex"]),
        .library(name: "FaceStore", targets: ["FaceStore"]),
        .library(name: "FaceSearch", targets: ["FaceSearch"]),
        .library(name: "FaceSearchServer", targets: ["FaceSearchServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already built into Hummingbird; serve's settings also read flags through it.
        .package(
            url: "https://github.com/apple/swift-configuration", from: "1.4.0",
            traits: [.defaults, "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
    ],
    targets: [
        // The error type and exception guard of every native shim.
        .target(name: "CShimSupport"),
        .target(
            name: "CDlibShim",
            dependencies: ["CShimSupport"],
            cxxSettings: nativeOptimization,
            linkerSettings: [
                .linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"),
            ]
        ),
        // YuNet and SFace on Debian's OpenCV 4.6 (dnn and imgproc only).
        .target(
            name: "COpenCVShim",
            dependencies: ["CDlibShim"],
            cxxSettings: nativeOptimization + [.unsafeFlags(["-I/usr/include/opencv4"])],
            linkerSettings: [
                .linkedLibrary("opencv_dnn"), .linkedLibrary("opencv_imgproc"), .linkedLibrary("opencv_core"),
                .linkedLibrary("blas"),
            ]
        ),
        // HNSW graphs on Debian's hnswlib 0.6.2 (header only).
        .target(name: "CHnswShim", dependencies: ["CShimSupport"], cxxSettings: nativeOptimization),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg"),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng"),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp"),
        .target(
            name: "FaceVision",
            dependencies: [
                "CDlibShim", "COpenCVShim", "CTurboJPEG", "CPNG", "CWebP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "VectorIndex", dependencies: ["CHnswShim", "CShimSupport"]),
        .target(
            name: "FaceStore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FaceSearch",
            dependencies: [
                "FaceVision", "VectorIndex", "FaceStore", "MilvusClient",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FaceSearchServer",
            dependencies: [
                "FaceSearch", "FaceVision", "FaceStore", "VectorIndex", "MilvusClient",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The web page's files, compiled into the binary as byte arrays (PackageResources).
            resources: [.embedInCode("Web/Assets")]
        ),
        // What only the CLI's bench and eval commands and the tests use: benchmark
        // data and runs of the index and the pipeline, and quality evaluation.
        .target(
            name: "FaceSearchBench",
            dependencies: ["FaceVision", "VectorIndex", "FaceStore", "FaceSearch"]
        ),
        // Milvus 2.3.5 over gRPC: Generated/ is protoc's output for proto/milvus (regenerate
        // with scripts/generate-milvus-grpc.sh, never by hand).
        .target(
            name: "MilvusClient",
            dependencies: [
                "VectorIndex",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "facesearch",
            dependencies: [
                "FaceVision", "VectorIndex", "FaceStore", "FaceSearch", "FaceSearchServer", "MilvusClient",
                "FaceSearchBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Test photos, datasets and shared pipelines for the test targets.
        .target(name: "TestSupport", dependencies: ["FaceVision"], path: "Tests/TestSupport"),
        .testTarget(
            name: "FaceVisionTests",
            dependencies: ["FaceVision", "FaceSearchBench", "TestSupport", "CTurboJPEG", "CPNG", "CWebP"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "FaceVision", "FaceSearch", "FaceStore", "MilvusClient", "VectorIndex", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "VectorIndexTests",
            dependencies: [
                "VectorIndex", "FaceSearchBench", "MilvusClient", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "FaceStoreTests", dependencies: ["FaceStore"]),
        .testTarget(
            name: "FaceSearchTests",
            dependencies: [
                "FaceSearch", "FaceSearchBench", "FaceVision", "FaceStore", "MilvusClient", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "FaceSearchServerTests",
            dependencies: [
                "FaceSearchServer", "FaceSearch", "FaceVision", "FaceStore", "VectorIndex", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
