import Foundation
import Migrations
import MigrationResults

/// `info --json`: a stable, documented shape for machines (see README, "info --json").
public enum InfoJSON {
    struct Document: Encodable {
        var schemaVersion: String?
        var schema: String
        var table: String
        var dialect: String
        var serverVersion: String
        var migrations: [Entry]

        enum CodingKeys: String, CodingKey {
            case schemaVersion, schema, table, dialect, serverVersion, migrations
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(schema, forKey: .schema)
            try container.encode(table, forKey: .table)
            try container.encode(dialect, forKey: .dialect)
            try container.encode(serverVersion, forKey: .serverVersion)
            try container.encode(migrations, forKey: .migrations)
        }
    }

    struct Entry: Encodable {
        var category: String
        var version: String?
        var description: String
        var type: String
        var script: String
        var checksum: Int32?
        var installedRank: Int?
        var installedOn: String?
        var installedBy: String?
        var executionTime: Int?
        var state: String
        var undoable: Bool

        enum CodingKeys: String, CodingKey {
            case category, version, description, type, script, checksum, installedRank, installedOn, installedBy
            case executionTime, state, undoable
        }

        /// Every key is always present (null when unknown), so consumers need no existence checks.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(category, forKey: .category)
            try container.encode(version, forKey: .version)
            try container.encode(description, forKey: .description)
            try container.encode(type, forKey: .type)
            try container.encode(script, forKey: .script)
            try container.encode(checksum, forKey: .checksum)
            try container.encode(installedRank, forKey: .installedRank)
            try container.encode(installedOn, forKey: .installedOn)
            try container.encode(installedBy, forKey: .installedBy)
            try container.encode(executionTime, forKey: .executionTime)
            try container.encode(state, forKey: .state)
            try container.encode(undoable, forKey: .undoable)
        }
    }

    public static func render(_ info: InfoResult) -> String {
        let document = Document(
            schemaVersion: info.currentVersion, schema: info.schema, table: info.table,
            dialect: info.dialect.kind.rawValue, serverVersion: info.serverVersion,
            migrations: info.entries.map { entry in
                Entry(
                    category: entry.category.rawValue, version: entry.version?.description,
                    description: entry.description, type: entry.type, script: entry.script, checksum: entry.checksum,
                    installedRank: entry.installedRank, installedOn: entry.installedOn, installedBy: entry.installedBy,
                    executionTime: entry.executionTime, state: entry.state.displayName,
                    undoable: entry.undoable == "Yes")
            })
        return JSONText.encode(document)
    }
}
