/// A Milvus reply that carries a status.
protocol MilvusStatusReporting: Sendable {
    /// The reply's status.
    var milvusStatus: MilvusStatus { get }
}

extension MilvusStatus: MilvusStatusReporting {
    var milvusStatus: MilvusStatus { self }

    /// What went wrong, or nil for success. Milvus 2.3 sets `code` (0 for
    /// success) and still fills in the older `error_code` for older clients:
    /// either one reporting a failure is a failure.
    var problem: String? {
        guard code != 0 || errorCode != .success else { return nil }
        let reason = reason.isEmpty ? "no reason given" : reason
        return "\(reason) (code \(code == 0 ? Int32(errorCode.rawValue) : code))"
    }
}

extension MilvusBoolResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusDescribeCollectionResponse: MilvusStatusReporting {
    var milvusStatus: MilvusStatus { status }
}
extension MilvusShowCollectionsResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusGetLoadStateResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusDescribeIndexResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusMutationResult: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusSearchResults: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusQueryResults: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusCheckHealthResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusFlushResponse: MilvusStatusReporting { var milvusStatus: MilvusStatus { status } }
extension MilvusGetQuerySegmentInfoResponse: MilvusStatusReporting {
    var milvusStatus: MilvusStatus { status }
}
