import Foundation

/// Percent-encoding as URIs use it, for building display URLs and for finding encoded secrets.
enum PercentEncoding {
    /// RFC 3986 unreserved characters: the only ones never encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` with every character but the unreserved ones percent-encoded (UTF-8).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `text` with `%XX` sequences decoded, or nil when they are malformed or not UTF-8.
    static func decode(_ text: some StringProtocol) -> String? {
        String(text).removingPercentEncoding
    }
}
