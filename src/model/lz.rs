//! A small LZ77 codec for the text the map keeps of each feature: a
//! GeoJSON file repeats its keys and much of its values from feature to
//! feature, so a block of it packs to a fifth of its size or less, and
//! unpacks at memory speed.
//!
//! A packed block is a run of sequences, each: the count of bytes taken
//! as they are (a varint), those bytes, then (unless the block ends
//! there) the length of a copy less [`MIN`] (a varint) and how far back
//! it starts (two bytes, little-endian). A block is at most
//! [`MAX_BLOCK`] bytes, so every copy starts within reach.

/// The longest block: copies reach back at most this far.
pub const MAX_BLOCK: usize = 1 << 16;

/// The shortest copy.
const MIN: usize = 4;

const HASH_BITS: u32 = 13;

fn word(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

fn hash(word: u32) -> usize {
    (word.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Packs `block` (at most [`MAX_BLOCK`] bytes; longer blocks are packed
/// without copies past that reach).
pub fn pack(block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() / 4 + 16);
    let mut seen = vec![0u32; 1 << HASH_BITS];
    let (mut anchor, mut at, mut misses) = (0, 0, 0usize);
    while at + MIN <= block.len() {
        let here = word(block, at);
        let slot = &mut seen[hash(here)];
        let before = *slot as usize;
        *slot = (at + 1) as u32;
        let back = at.wrapping_sub(before.wrapping_sub(1));
        if before == 0 || back >= MAX_BLOCK || word(block, before - 1) != here {
            // Long runs without a copy are crossed faster.
            misses += 1;
            at += 1 + (misses >> 5);
            continue;
        }
        misses = 0;
        let from = before - 1;
        let mut length = MIN;
        while block
            .get(at + length)
            .is_some_and(|b| block.get(from + length) == Some(b))
        {
            length += 1;
        }
        put_varint(&mut out, at - anchor);
        out.extend_from_slice(&block[anchor..at]);
        put_varint(&mut out, length - MIN);
        out.extend_from_slice(&(back as u16).to_le_bytes());
        at += length;
        anchor = at;
    }
    put_varint(&mut out, block.len() - anchor);
    out.extend_from_slice(&block[anchor..]);
    out
}

#[cfg(test)]
/// Unpacks a block packed by [`pack`] onto the end of `out`; `None` when
/// `packed` is not such a block.
fn unpack(packed: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let start = out.len();
    unpack_until(packed, &mut 0, out, start, usize::MAX)
}

/// Goes on unpacking `packed` from `at` (where it stopped before) onto
/// `out`, whose bytes from `start` on are the block's so far, until `upto`
/// of them are out (or a little more) or the block ends; `at` is left
/// where it stopped.
pub fn unpack_until(
    packed: &[u8],
    at: &mut usize,
    out: &mut Vec<u8>,
    start: usize,
    upto: usize,
) -> Option<()> {
    loop {
        if *at == packed.len() || out.len() - start >= upto {
            return Some(());
        }
        let literal = varint(packed, at)?;
        out.extend_from_slice(packed.get(*at..at.checked_add(literal)?)?);
        *at += literal;
        if *at == packed.len() {
            return Some(());
        }
        // A copy is never longer than a block.
        let length = varint(packed, at)?
            .checked_add(MIN)
            .filter(|&n| n <= MAX_BLOCK)?;
        let back = match packed.get(*at..*at + 2)? {
            &[a, b] => usize::from(u16::from_le_bytes([a, b])),
            _ => return None,
        };
        *at += 2;
        let from = out
            .len()
            .checked_sub(back)
            .filter(|&from| back > 0 && from >= start)?;
        if back >= length {
            out.extend_from_within(from..from + length);
        } else {
            // The copy overlaps what it writes: a repeated run.
            for i in from..from + length {
                out.push(out[i]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(block: &[u8]) -> Vec<u8> {
        let packed = pack(block);
        let mut out = b"before".to_vec();
        assert_eq!(unpack(&packed, &mut out), Some(()));
        assert_eq!(&out[..6], b"before");
        assert_eq!(&out[6..], block, "{:?}", String::from_utf8_lossy(block));
        packed
    }

    #[test]
    fn blocks_come_back_as_they_were() {
        for block in [
            &b""[..],
            b"a",
            b"abc",
            b"abcd",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabcabcabcabcabcabcx",
            "{\"name\":\"Vladivostok\",\"kind\":\"place\"},{\"name\":\"Sergeevka\",\"kind\":\"place\"}"
                .as_bytes(),
            "Сергеевка, Сергеевка — Владивосток".as_bytes(),
        ] {
            round_trip(block);
        }
    }

    #[test]
    fn a_repeated_feature_packs_small() {
        let feature = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[131.9,43.1]},"properties":{"name":"Vladivostok","kind":"place"}},"#;
        let block = feature.repeat(200);
        let packed = round_trip(block.as_bytes());
        assert!(
            packed.len() * 20 < block.len(),
            "{} of {}",
            packed.len(),
            block.len()
        );
    }

    #[test]
    fn every_kind_of_byte_and_the_longest_block() {
        // Bytes that repeat now and then, over the whole reach.
        let mut state = 7u32;
        let block: Vec<u8> = (0..MAX_BLOCK)
            .map(|i| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                if i % 1000 < 300 {
                    (i % 7) as u8
                } else {
                    (state >> 24) as u8
                }
            })
            .collect();
        round_trip(&block);
    }

    #[test]
    fn a_block_unpacked_in_steps_is_the_block() {
        let block = r#"{"type":"Feature","properties":{"name":"Vladivostok"}},"#.repeat(40);
        let packed = pack(block.as_bytes());
        let (mut at, mut out) = (0, Vec::new());
        for upto in [0, 1, 7, 100, 101, 900, block.len(), usize::MAX] {
            assert_eq!(unpack_until(&packed, &mut at, &mut out, 0, upto), Some(()));
            assert!(out.len() >= upto.min(block.len()), "{upto}: {}", out.len());
            assert_eq!(&out[..], &block.as_bytes()[..out.len()]);
        }
        assert_eq!(out, block.as_bytes());
    }

    #[test]
    fn broken_blocks_are_told_not_unpacked() {
        let packed = pack(b"abcabcabcabcabcabc");
        for cut in 0..packed.len() {
            let mut out = Vec::new();
            // Cut short: refused or read as far as it goes, never a panic.
            let _ = unpack(&packed[..cut], &mut out);
        }
        let mut out = Vec::new();
        assert_eq!(
            unpack(&[0, 0, 9, 0], &mut out),
            None,
            "a copy from before the block"
        );
        assert_eq!(unpack(&[5, b'a'], &mut out), None, "fewer bytes than told");
        assert_eq!(
            unpack(&[1, b'a', 0, 0, 0], &mut out),
            None,
            "a copy from no distance"
        );
        let endless = [1, b'a', 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 0];
        assert_eq!(
            unpack(&endless, &mut out),
            None,
            "a copy longer than a block"
        );
    }
}
