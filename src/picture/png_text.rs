//! Words kept in a PNG beside its pixels: the picture's title, date,
//! sources and link as international text chunks (`iTXt`, UTF-8), which
//! image viewers, `exiftool` and search tools read.

/// `png` with an `iTXt` chunk for each keyword–text pair, after its
/// header; `None` when `png` is not a PNG. Keywords are cut to the 79
/// bytes the format allows.
///
/// ```
/// use troopmap::picture::png_text::{with_text, read_text};
/// // The smallest PNG's signature and header (a 1 × 1 image).
/// let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
/// png.extend([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
/// let written = with_text(&png, &[("Date".into(), "2024-10-10".into())]).unwrap();
/// assert_eq!(read_text(&written), [("Date".to_owned(), "2024-10-10".to_owned())]);
/// assert!(with_text(b"GIF89a", &[]).is_none());
/// ```
pub fn with_text(png: &[u8], text: &[(String, String)]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    if !png.starts_with(SIGNATURE) || png.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let header_length = u32::from_be_bytes(png.get(8..12)?.try_into().ok()?) as usize;
    let after_header = 8 + 12 + header_length;
    if png.len() < after_header {
        return None;
    }
    let mut out = Vec::with_capacity(png.len() + 256);
    out.extend_from_slice(&png[..after_header]);
    for (keyword, words) in text {
        let keyword: String = keyword
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .take(79)
            .collect();
        let mut data = keyword.into_bytes();
        // Keyword's end, not compressed, method, no language, no
        // translated keyword.
        data.extend_from_slice(&[0, 0, 0, 0, 0]);
        data.extend_from_slice(words.as_bytes());
        chunk(&mut out, b"iTXt", &data);
    }
    out.extend_from_slice(&png[after_header..]);
    Some(out)
}

/// The `iTXt` and `tEXt` chunks of `png`, as keyword–text pairs.
pub fn read_text(png: &[u8]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut at = 8;
    while let Some(length) = png
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_be_bytes)
    {
        let (kind, start) = (png.get(at + 4..at + 8), at + 8);
        let Some(data) = png.get(start..start + length as usize) else {
            break;
        };
        let mut parts = data.splitn(2, |&b| b == 0);
        let keyword = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
        let rest = parts.next().unwrap_or_default();
        match kind {
            Some(b"tEXt") => found.push((keyword, rest.iter().map(|&b| char::from(b)).collect())),
            // Compression flag and method, then language and translated
            // keyword, each ended by a zero.
            Some(b"iTXt") if rest.first() == Some(&0) => {
                let words = rest
                    .get(2..)
                    .unwrap_or_default()
                    .splitn(3, |&b| b == 0)
                    .nth(2)
                    .unwrap_or_default();
                found.push((keyword, String::from_utf8_lossy(words).into_owned()));
            }
            _ => {}
        }
        at = start + length as usize + 4;
    }
    found
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// The CRC-32 PNG chunks end with (ISO 3309, as zlib computes it).
///
/// ```
/// assert_eq!(troopmap::picture::png_text::crc32(b"IEND"), 0xae42_6082);
/// ```
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
