import ArgumentParser
import Configuration
import SpecRunner

// Typed options: a bad value is a usage error (exit 64) with the accepted values, found before anything runs.

extension DatabaseDialect: ExpressibleByArgument {}

extension SuiteShard: ExpressibleByArgument {
    public init?(argument: String) {
        guard let shard = try? SuiteShard(parsing: argument) else { return nil }
        self = shard
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}
