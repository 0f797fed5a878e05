extension Duration {
    /// The duration in seconds, as test results and JUnit reports count time.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
