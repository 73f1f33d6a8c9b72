//! Numbers written as text by integer arithmetic: a fixed number of
//! decimals, or at most that many with the trailing zeros dropped. The
//! page writes many numbers (CSS pixels, SVG attributes, the link, lengths
//! and speeds) and none needs the standard library's shortest-round-trip
//! float formatting, which would add its tables and algorithms to the wasm.

/// `x` with exactly `places` decimals (at most 9), rounded half away from
/// zero; `NaN`, `inf` and `-inf` as Rust writes them. Beyond 10¹⁵ in
/// magnitude, where an `f64` holds no decimals, the whole number it holds
/// (from 10³⁸ on, `1e38 or more`).
///
/// ```
/// use troopmap::number::fixed;
/// assert_eq!(fixed(1e20, 2), "100000000000000000000");
/// assert_eq!(fixed(2.5e10, 9), "25000000000.000000000");
/// assert_eq!(fixed(1_700_000_000_001.0, 9), "1700000000001.000000000");
/// assert_eq!(fixed(9.9999, 2), "10.00");
/// assert_eq!(fixed(-2.5e40, 0), "-1e38 or more");
/// ```
///
/// ```
/// use troopmap::number::fixed;
/// assert_eq!(fixed(5.0, 1), "5.0");
/// assert_eq!(fixed(2.346, 2), "2.35");
/// assert_eq!(fixed(-0.04, 1), "-0.0");
/// assert_eq!(fixed(1234.5, 0), "1235");
/// assert_eq!(fixed(f64::NAN, 2), "NaN");
/// ```
pub fn fixed(x: f64, places: u32) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let places = places.min(9);
    let magnitude = x.abs();
    if magnitude >= 1e38 {
        // No coordinate, time or size comes near: said, not spelled out.
        return format!("{sign}1e38 or more");
    }
    if magnitude >= 1e15 {
        // Whole already: its exact value.
        return format!("{sign}{}", magnitude as u128);
    }
    // The whole part and the decimals apart, each within a u64.
    let scale = 10u64.pow(places);
    let mut whole = magnitude.trunc() as u64;
    let mut part = ((magnitude - magnitude.trunc()) * scale as f64).round() as u64;
    if part >= scale {
        whole += 1;
        part -= scale;
    }
    if places == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}.{part:0width$}", width = places as usize)
}

/// `x` with at most `places` decimals (at most 9): [`fixed`] without its
/// trailing zeros, nor a trailing point, nor the sign of a zero.
///
/// ```
/// use troopmap::number::decimal;
/// assert_eq!(decimal(48.472920000001, 5), "48.47292");
/// assert_eq!(decimal(7.0, 3), "7");
/// assert_eq!(decimal(0.1 + 0.2, 9), "0.3");
/// assert_eq!(decimal(-0.0000001, 3), "0");
/// assert_eq!(decimal(-2.5, 3), "-2.5");
/// ```
pub fn decimal(x: f64, places: u32) -> String {
    let mut text = fixed(x, places);
    if text.contains('.') && !text.contains('e') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    if text == "-0" {
        text.remove(0);
    }
    text
}

/// A count with its thousands set apart: "1,204".
///
/// ```
/// use troopmap::number::thousands;
/// assert_eq!(thousands(999), "999");
/// assert_eq!(thousands(1204), "1,204");
/// assert_eq!(thousands(12_345_678), "12,345,678");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
