import Diagnostics
import TOMLKit

/// A value read from a TOML config file, copied out of TOMLKit's reference types so it can be shared.
indirect enum ConfigNode: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case float(Double)
    case array([ConfigNode])
    /// Entries by key; iterate ``sortedEntries`` for a stable order.
    case table([String: ConfigNode])
    /// Dates and times, which no setting takes; the associated value names the TOML type.
    case other(String)

    /// The TOML type's name, for "wrong type" messages.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .float: "a float"
        case .array: "an array"
        case .table: "a table"
        case .other(let name): "a \(name)"
        }
    }

    /// The table's entries sorted by key, or nil when this is no table.
    var sortedEntries: [(key: String, value: ConfigNode)]? {
        guard case .table(let entries) = self else { return nil }
        return entries.sorted { $0.key < $1.key }
    }

    subscript(key: String) -> ConfigNode? {
        guard case .table(let entries) = self else { return nil }
        return entries[key]
    }

    /// Parses a TOML document into a table node; syntax errors point at their line and column in `file`.
    static func parse(toml text: String, file: String) throws(Diagnostic) -> ConfigNode {
        do {
            return ConfigNode(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw Diagnostic(
                category: .input,
                location: SourceLocation(file: file, line: error.source.begin.line, column: error.source.begin.column),
                code: "toml-syntax", message: "\(file) is not valid TOML: \(error.description)",
                hint: "fix the TOML syntax (see https://toml.io)")
        } catch {
            throw Diagnostic(category: .input, code: "toml-syntax", message: "\(file) could not be read as TOML: \(error)")
        }
    }

    init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .bool: self = .bool(value.bool ?? false)
        case .int: self = .integer(value.int ?? 0)
        case .double: self = .float(value.double ?? 0)
        case .array: self = .array(value.array.map { $0.map(ConfigNode.init) } ?? [])
        case .table:
            var entries: [String: ConfigNode] = [:]
            if let table = value.table {
                for key in table.keys {
                    if let child = table[key] { entries[key] = ConfigNode(child) }
                }
            }
            self = .table(entries)
        case .date, .time, .dateTime: self = .other(value.type.rawValue)
        }
    }
}
