/// The functions emulated Redshift calls that PostgreSQL lacks or defines differently, as one SQL script.
enum RedshiftFunctions {
    static let schema = "slipway_redshift"
}
