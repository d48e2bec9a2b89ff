import FaceVision
import Foundation
import TestSupport
import Testing

/// A model file that is missing, truncated or altered stops the pipeline at
/// start with an error naming the file.
struct ModelFileTests {
    /// A folder holding copies of the real models, with `damage` applied to one file.
    static func folder(damaging file: String, _ damage: (String) throws -> Void) throws -> ModelFolder {
        let source = ModelFolder.resolve()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-models-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in [
            "shape_predictor_5_face_landmarks.dat", "dlib_face_recognition_resnet_model_v1.dat",
            "face_detection_yunet_2023mar.onnx", "face_recognition_sface_2021dec.onnx",
        ] {
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/" + name, withDestinationPath: source.path + "/" + name)
        }
        try FileManager.default.removeItem(atPath: folder + "/" + file)
        try damage(folder + "/" + file)
        return ModelFolder(path: folder)
    }

    static var sface: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .yunet, embedder: .sface)
        return configuration
    }

    @Test func aMissingModelIsNamed() throws {
        let models = try Self.folder(damaging: "face_recognition_sface_2021dec.onnx") { _ in }
        defer { try? FileManager.default.removeItem(atPath: models.path) }
        #expect(throws: FaceVisionError.modelMissing(path: models.sface)) {
            _ = try FacePipeline(models: models, configuration: Self.sface, workers: 1)
        }
    }

    @Test func aTruncatedModelIsNamed() throws {
        let original = ModelFolder.resolve().sface
        let models = try Self.folder(damaging: "face_recognition_sface_2021dec.onnx") { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: original))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        }
        defer { try? FileManager.default.removeItem(atPath: models.path) }
        do {
            _ = try FacePipeline(models: models, configuration: Self.sface, workers: 1)
            Issue.record("a truncated model was accepted")
        } catch let FaceVisionError.modelInvalid(path, reason) {
            #expect(path == models.sface)
            #expect(reason.contains("sha256"))
        }
    }

    @Test func anAlteredYuNetIsNamed() throws {
        let original = ModelFolder.resolve().yunet
        let models = try Self.folder(damaging: "face_detection_yunet_2023mar.onnx") { path in
            var data = try Data(contentsOf: URL(fileURLWithPath: original))
            data[data.count / 2] ^= 0xFF
            try data.write(to: URL(fileURLWithPath: path))
        }
        defer { try? FileManager.default.removeItem(atPath: models.path) }
        #expect(throws: FaceVisionError.self) {
            _ = try FacePipeline(models: models, configuration: Self.sface, workers: 1)
        }
    }

    @Test func dlibOnlyPipelinesDoNotNeedTheONNXFiles() throws {
        let models = try Self.folder(damaging: "face_recognition_sface_2021dec.onnx") { _ in }
        defer { try? FileManager.default.removeItem(atPath: models.path) }
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .hog, embedder: .dlib)
        let pipeline = try FacePipeline(models: models, configuration: configuration, workers: 1)
        #expect(throws: FaceVisionError.modelMissing(path: models.sface)) {
            try pipeline.verifyModels(for: ModelChoice(detector: .yunet, embedder: .sface))
        }
    }
}
