//! Numbers written as text by integer arithmetic: a fixed number of
//! decimals, or at most that many with the trailing zeros dropped. The
//! page writes many numbers (CSS pixels, SVG attributes, the link, lengths
//! and speeds) and none needs the standard library's shortest-round-trip
//! float formatting, which would add its tables and algorithms to the wasm.

/// `x` with exactly `places` decimals (at most 9), rounded half away from
/// zero; `NaN`, `inf` and `-inf` as Rust writes them. Beyond 10¹⁵ in
/// magnitude, where an `f64` holds no decimals, the whole number it holds
/// (from 10³⁸ on, 16 significant digits, then `e` and the power of ten).
///
/// ```
/// use troopmap::number::fixed;
/// assert_eq!(fixed(1e20, 2), "100000000000000000000");
/// assert_eq!(fixed(-2.5e40, 0), "-2.5e40");
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
        // d.ddde38 and up: sixteen significant digits.
        let power = magnitude.log10().floor() as i32;
        let digits = (magnitude / 10f64.powi(power - 15)).round() as u64;
        let text = digits.to_string();
        let (first, rest) = text.split_at(1);
        let rest = rest.trim_end_matches('0');
        let point = if rest.is_empty() { "" } else { "." };
        return format!("{sign}{first}{point}{rest}e{power}");
    }
    if magnitude >= 1e15 {
        // Whole already: its exact value.
        return format!("{sign}{}", magnitude as u128);
    }
    let scale = 10u64.pow(places);
    let scaled = (magnitude * scale as f64).round() as u64;
    let (whole, part) = (scaled / scale, scaled % scale);
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
