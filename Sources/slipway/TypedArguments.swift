import ArgumentParser
import Configuration

// Typed options: a bad value is a usage error (exit 64) with the accepted values, found before anything runs.

extension DatabaseDialect: ExpressibleByArgument {}
