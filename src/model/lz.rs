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

pub(super) fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(super) fn varint(bytes: &[u8], at: &mut usize) -> Option<usize> {
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
/// without copies past that reach) with a table of its own.
#[cfg(test)]
fn pack(block: &[u8]) -> Vec<u8> {
    Table::default().pack(block)
}

/// Where each 4-byte word hashed was last seen, kept from block to block
/// so that packing a block does not first clear a table of its own: an
/// entry from an earlier block lies below the block's `base` and counts
/// as never seen.
#[derive(Debug)]
pub struct Table {
    seen: Vec<u32>,
    /// Added to every position of the block being packed (plus one, so
    /// that 0 is never a position).
    base: u32,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            seen: vec![0; 1 << HASH_BITS],
            base: 1,
        }
    }
}

impl Table {
    /// Packs `block` (at most [`MAX_BLOCK`] bytes; longer blocks are
    /// packed without copies past that reach).
    pub fn pack(&mut self, block: &[u8]) -> Vec<u8> {
        // Positions are u32: start again from an empty table before they
        // (or the next block's base) would overflow.
        if u32::try_from(block.len())
            .ok()
            .and_then(|len| self.base.checked_add(len)?.checked_add(1))
            .is_none()
        {
            *self = Table::default();
        }
        let base = self.base as usize;
        let mut out = Vec::with_capacity(block.len() / 4 + 16);
        let (mut anchor, mut at, mut misses) = (0, 0, 0usize);
        while at + MIN <= block.len() {
            let here = word(block, at);
            let slot = &mut self.seen[hash(here)];
            let before = (*slot as usize).wrapping_sub(base);
            *slot = (at + base) as u32;
            let back = at.wrapping_sub(before);
            if before >= at || back >= MAX_BLOCK || word(block, before) != here {
                // Long runs without a copy are crossed faster.
                misses += 1;
                at += 1 + (misses >> 5);
                continue;
            }
            misses = 0;
            let length = MIN + same(&block[before + MIN..], &block[at + MIN..]);
            put_varint(&mut out, at - anchor);
            out.extend_from_slice(&block[anchor..at]);
            put_varint(&mut out, length - MIN);
            out.extend_from_slice(&(back as u16).to_le_bytes());
            at += length;
            anchor = at;
        }
        put_varint(&mut out, block.len() - anchor);
        out.extend_from_slice(&block[anchor..]);
        // The next block's positions lie past every one of this block's.
        self.base += block.len() as u32 + 1;
        out
    }
}

/// How many bytes `a` and `b` have the same from their starts, eight at a
/// time while both have eight.
fn same(a: &[u8], b: &[u8]) -> usize {
    let mut n = 0;
    while let (Some(&x), Some(&y)) = (a[n..].first_chunk::<8>(), b[n..].first_chunk::<8>()) {
        let differ = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if differ != 0 {
            return n + (differ.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + a[n..]
        .iter()
        .zip(&b[n..])
        .take_while(|(x, y)| x == y)
        .count()
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
    fn a_table_kept_from_block_to_block_copies_only_within_each() {
        // The same block again: every word of it was seen in the block
        // before, which the second must not reach back into.
        let feature = r#"{"type":"Feature","properties":{"name":"Sergeevka"}},"#;
        let block = feature.repeat(40);
        let mut table = Table::default();
        for round in 0..3 {
            let packed = table.pack(block.as_bytes());
            assert_eq!(packed, pack(block.as_bytes()), "round {round}");
            let mut out = Vec::new();
            assert_eq!(unpack(&packed, &mut out), Some(()));
            assert_eq!(out, block.as_bytes());
        }
        // Positions near the end of the u32 range start a new table, the
        // next block's base too (a block ending at u32::MAX exactly).
        for last in [10, block.len() as u32] {
            table.base = u32::MAX - last;
            let packed = table.pack(block.as_bytes());
            assert_eq!(packed, pack(block.as_bytes()));
            assert_eq!(table.base, 1 + block.len() as u32 + 1);
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
