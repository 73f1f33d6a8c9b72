//! Finding the parts of a GeoJSON FeatureCollection in its text without
//! parsing it all at once: where each top-level member is, and where each
//! element of `features` is. This lets a large file be read a few features
//! at a time. The scanner checks structure only; each part is then parsed
//! for real, and anything unusual sends the caller back to a whole parse.

use std::ops::Range;

/// Values nested deeper than this are not split out.
const MAX_DEPTH: usize = 100;

/// Where the parts of a top-level JSON object are, as byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Each member: its key (with the quotes) and its value.
    pub members: Vec<(Range<usize>, Range<usize>)>,
    /// The elements of the `features` array, when there is one.
    pub features: Vec<Range<usize>>,
}

/// Scans `text` as one JSON object; `None` when it is not plainly one (or
/// has several `features` members), which callers treat as "parse it all".
///
/// ```
/// use troopmap::geojson::scan::scan;
/// let text = r#"{"type": "FeatureCollection", "features": [{"a": 1}, {"b": [2, "]"]}]}"#;
/// let parts = scan(text).unwrap();
/// assert_eq!(parts.members.len(), 2);
/// let features: Vec<&str> = parts.features.iter().map(|r| &text[r.clone()]).collect();
/// assert_eq!(features, [r#"{"a": 1}"#, r#"{"b": [2, "]"]}"#]);
/// assert!(scan("[1, 2]").is_none());
/// assert!(scan(r#"{"features": [1,]}"#).is_none());
/// ```
pub fn scan(text: &str) -> Option<Parts> {
    let bytes = text.as_bytes();
    let mut parts = Parts::default();
    let mut seen_features = false;
    let mut i = skip_ws(bytes, 0);
    expect(bytes, i, b'{')?;
    i = skip_ws(bytes, i + 1);
    if bytes.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            expect(bytes, i, b'"')?;
            let key = i..skip_string(bytes, i)?;
            i = skip_ws(bytes, key.end);
            expect(bytes, i, b':')?;
            let start = skip_ws(bytes, i + 1);
            let end = if &bytes[key.clone()] == b"\"features\"" && bytes.get(start) == Some(&b'[') {
                if seen_features {
                    return None;
                }
                seen_features = true;
                elements(bytes, start, &mut parts.features)?
            } else {
                skip_value(bytes, start)?
            };
            parts.members.push((key, start..end));
            i = skip_ws(bytes, end);
            match bytes.get(i) {
                Some(b',') => i = skip_ws(bytes, i + 1),
                Some(b'}') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_ws(bytes, i) == bytes.len()).then_some(parts)
}

/// The elements of the array starting at `start`; returns the array's end.
fn elements(bytes: &[u8], start: usize, out: &mut Vec<Range<usize>>) -> Option<usize> {
    let mut i = skip_ws(bytes, start + 1);
    if bytes.get(i) == Some(&b']') {
        return Some(i + 1);
    }
    loop {
        let end = skip_value(bytes, i)?;
        out.push(i..end);
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b']') => return Some(i + 1),
            _ => return None,
        }
    }
}

fn expect(bytes: &[u8], i: usize, byte: u8) -> Option<()> {
    (bytes.get(i) == Some(&byte)).then_some(())
}

pub(crate) fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// A scan inside a string stops at a quote or a backslash.
fn in_string(word: u64) -> u64 {
    equal(word, b'"') | equal(word, b'\\')
}

/// A scan of an object or array stops at a quote or a bracket: `[` and
/// `]` with the bit `0x20` set are `{` and `}`.
fn in_value(word: u64) -> u64 {
    let folded = word | (ONES * 0x20);
    equal(word, b'"') | equal(folded, b'{') | equal(folded, b'}')
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit set in each byte of `word` (eight bytes, the first
/// lowest) equal to `byte`: the lowest set is right, any above it may not
/// be (a borrow runs on from it), so only the lowest is used.
#[inline(always)]
fn equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & (ONES * 0x80)
}

/// The first byte from `from` that `stops` (`in_string` or `in_value`)
/// stops at, eight bytes at a time; the last few padded with zeros, at
/// which neither stops.
#[inline(always)]
fn next_stop(bytes: &[u8], from: usize, stops: fn(u64) -> u64) -> Option<usize> {
    let mut i = from;
    loop {
        let rest = bytes.get(i..).filter(|rest| !rest.is_empty())?;
        let eight = match rest.first_chunk::<8>() {
            Some(&eight) => eight,
            None => {
                let mut padded = [0; 8];
                padded[..rest.len()].copy_from_slice(rest);
                padded
            }
        };
        let hits = stops(u64::from_le_bytes(eight));
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
}

/// The end of the string starting at `start` (its opening quote).
pub(crate) fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i = next_stop(bytes, i, in_string)?;
        match bytes[i] {
            b'"' => return Some(i + 1),
            _ => i += 2,
        }
    }
}

/// The end of the value starting at `start`.
pub(crate) fn skip_value(bytes: &[u8], start: usize) -> Option<usize> {
    match bytes.get(start)? {
        b'"' => skip_string(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            loop {
                i = next_stop(bytes, i, in_value)?;
                match bytes[i] {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        depth += 1;
                        // Deep nesting is left to the whole parse, whose
                        // limit (128) counts the levels above this value.
                        if depth > MAX_DEPTH {
                            return None;
                        }
                    }
                    _ => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                }
                i += 1;
            }
        }
        _ => {
            let end = (start..bytes.len())
                .find(|&i| matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(bytes.len());
            (end > start).then_some(end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_stop_where_one_at_a_time_does() {
        // Every byte value, often the ones that stop, from every start.
        let mut state = 12_345u32;
        let bytes: Vec<u8> = (0..600)
            .map(|i| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let any = (state >> 16) as u8;
                match i % 5 {
                    0 => b"\"\\{}[]"[usize::from(any) % 6],
                    1 => any | 0x80,
                    _ => any,
                }
            })
            .chain(0..=255)
            .collect();
        let by_byte: [fn(u8) -> bool; 2] = [
            |b| matches!(b, b'"' | b'\\'),
            |b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']'),
        ];
        for (stops, byte) in [in_string, in_value].into_iter().zip(by_byte) {
            for from in 0..=bytes.len() + 1 {
                let one_at_a_time = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| byte(b)))
                    .map(|at| from + at);
                assert_eq!(next_stop(&bytes, from, stops), one_at_a_time, "from {from}");
            }
        }
    }

    #[test]
    fn strings_with_brackets_quotes_and_escapes_do_not_confuse_it() {
        let text =
            r#" { "a\"}" : "x\\" , "features" : [ {"s": "[{\"]"} , 12 , "t" ] , "z": null } "#;
        let parts = scan(text).unwrap();
        let members: Vec<(&str, &str)> = parts
            .members
            .iter()
            .map(|(k, v)| (&text[k.clone()], &text[v.clone()]))
            .collect();
        assert_eq!(members[0], (r#""a\"}""#, r#""x\\""#));
        assert_eq!(members[2], (r#""z""#, "null"));
        let features: Vec<&str> = parts.features.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(features, [r#"{"s": "[{\"]"}"#, "12", r#""t""#]);
    }

    #[test]
    fn anything_unusual_gives_up() {
        for text in [
            "",
            "{",
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            r#"{"features": [1 2]}"#,
            r#"{"features": [], "features": []}"#,
            r#"{"a": "open"#,
            r#"{"a": [1, {"b": 2]]}"#,
        ] {
            // Unbalanced or odd text may scan, but never panics; plainly
            // broken structure does not scan.
            let _ = scan(text);
        }
        assert!(scan(r#"{"a": 1,}"#).is_none());
        assert!(scan(r#"{"features": [1 2]}"#).is_none());
        assert!(scan(r#"{"features": [], "features": []}"#).is_none());
        assert!(scan("{").is_none());
    }
}
