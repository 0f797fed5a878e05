import Dialect
import RedshiftEmulation

extension Dialect {
    /// A spec's SQL as it goes to the server: rewritten for emulated Redshift, else as written.
    func sent(_ sql: String) -> String {
        emulatesRedshift ? RedshiftEmulation.rewrite(sql).text : sql
    }
}
