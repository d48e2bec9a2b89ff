import FaceStore

/// Who sent a request, as ``KeyIdentificationMiddleware`` found it. Only
/// the routes decide what that allows (``ScopeMiddleware``).
public enum Caller: Sendable, Equatable {
    /// Keys are not required (`serve --no-auth`): every route is open.
    case unchecked
    /// The request carried no key.
    case anonymous
    /// The request carried a key the store does not know, or a revoked one.
    case unknownKey
    /// The request carried this active key.
    case key(APIKeyRecord)
}
