import Configuration
import Synchronization

/// What each setting's lookup found, by config key: the `ConfigReader`
/// reports every lookup here, which is how the start-up log knows the source
/// of each value and how a value of the wrong type becomes an error instead
/// of a silent default.
final class SettingOutcomes: AccessReporter, Sendable {
    /// One lookup's outcome, naming the provider that decided it.
    enum Outcome: Equatable {
        /// A provider held a value of the right type.
        case found(provider: String)
        /// A provider held a value that is not of the setting's type.
        case failed(provider: String)
    }

    private let outcomes = Mutex<[String: Outcome]>([:])

    func report(_ event: AccessEvent) {
        let key = event.metadata.key.components.joined(separator: ".")
        var outcome: Outcome?
        for result in event.providerResults where outcome == nil {
            switch result.result {
            case .failure: outcome = .failed(provider: result.providerName)
            case .success(let lookup) where lookup.value != nil:
                outcome = .found(provider: result.providerName)
            case .success: continue
            }
        }
        if event.conversionError != nil, case .found(let provider) = outcome {
            outcome = .failed(provider: provider)
        }
        guard let outcome else { return }
        outcomes.withLock { $0[key] = outcome }
    }

    /// The outcome of the lookup of `key`; nil when no source set it.
    func outcome(of key: String) -> Outcome? {
        outcomes.withLock { $0[key] }
    }
}
