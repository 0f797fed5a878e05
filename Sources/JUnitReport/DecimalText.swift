/// Plain decimal numbers (`0.012`): `.` separator, no exponent, no grouping, whatever the locale.
enum DecimalText {
    /// The value rounded to `fractionDigits` decimals; negative, NaN and infinite values read as 0 and
    /// absurdly large ones are capped, since they can only come from a broken clock.
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = value.isFinite ? (value * Double(scale)).rounded() : 0
        let units = Int64(min(max(scaled, 0), 1e15))
        let whole = String(units / scale)
        guard fractionDigits > 0 else { return whole }
        let fraction = String(units % scale)
        return whole + "." + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
    }
}
