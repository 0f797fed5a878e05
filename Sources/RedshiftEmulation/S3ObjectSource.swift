import Foundation

/// Where emulated Redshift's COPY finds the objects of `s3://bucket/key`: a local folder that stands for the
/// buckets, or an S3 endpoint (moto, MinIO, a bucket of the account).
public protocol S3ObjectSource: Sendable {
    /// The keys in `bucket` that start with `prefix`, in key order (S3 lists keys in UTF-8 byte order).
    func keys(bucket: String, prefix: String) throws(S3Copy.Unsupported) -> [String]
    /// The object's bytes; nil when `bucket` has no object `key`.
    func object(bucket: String, key: String) throws(S3Copy.Unsupported) -> Data?
    /// Stores `data` as object `key` of `bucket` (UNLOAD), replacing one that is there.
    func put(bucket: String, key: String, data: Data) throws(S3Copy.Unsupported)
    /// Where the objects are, for messages: `the folder /x/sampledata`, `the S3 endpoint http://127.0.0.1:5000`.
    var place: String { get }
    /// What to do when no object has the key a COPY names.
    func missingHint(bucket: String, key: String) -> String
}

/// Buckets as folders: object `key` of `bucket` is the file `root/bucket/key`.
public struct S3Folder: S3ObjectSource {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var place: String { "the folder \(root)" }

    public func keys(bucket: String, prefix: String) throws(S3Copy.Unsupported) -> [String] {
        let directory = "\(root)/\(bucket)"
        return (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasPrefix(prefix) }
            .filter { key in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: "\(directory)/\(key)", isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func object(bucket: String, key: String) throws(S3Copy.Unsupported) -> Data? {
        let path = "\(root)/\(bucket)/\(key)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw S3Copy.Unsupported(message: "could not read \(path)", hint: "check the file's permissions")
        }
        return data
    }

    public func put(bucket: String, key: String, data: Data) throws(S3Copy.Unsupported) {
        let url = URL(fileURLWithPath: "\(root)/\(bucket)/\(key)")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw S3Copy.Unsupported(message: "could not write \(url.path): \(error.localizedDescription)",
                                     hint: "check the folder's permissions")
        }
    }

    public func missingHint(bucket: String, key: String) -> String {
        "put the file at \(root)/\(bucket)/\(key), or point --s3-root (s3Root, SLIPWAY_S3_ROOT) at the folder that "
            + "holds the bucket folders"
    }
}

/// An ``S3ObjectSource`` in settings that compare as values: equal when they read the same place.
public struct S3Objects: Sendable, Equatable {
    public let source: any S3ObjectSource

    public init(_ source: any S3ObjectSource) {
        self.source = source
    }

    public static func == (left: S3Objects, right: S3Objects) -> Bool {
        left.source.place == right.source.place
    }
}
