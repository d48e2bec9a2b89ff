import FaceStore
import Testing

/// One rule turns JSON scalars into text, for metadata filters (engine and
/// index) and for JSON members read as parameters (server).
@Suite struct JSONValueTextTests {
    @Test func scalarsHaveOneTextAndTheRestNone() {
        #expect(JSONValue.number(3).scalarText == "3")
        #expect(JSONValue.number(3.0).scalarText == JSONValue.number(3).scalarText)
        #expect(JSONValue.number(-0.0).scalarText == "0")
        #expect(JSONValue.number(2.5).scalarText == "2.5")
        #expect(JSONValue.number(1e20).scalarText == "1e+20")
        #expect(JSONValue.bool(true).scalarText == "true")
        #expect(JSONValue.string("3.0").scalarText == "3.0")
        #expect(JSONValue.null.scalarText == nil)
        #expect(JSONValue.array([.number(1)]).scalarText == nil)
        #expect(JSONValue.object(["a": .bool(false)]).scalarText == nil)
    }
}
