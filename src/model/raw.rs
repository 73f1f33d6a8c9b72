//! A feature's JSON text as loaded, kept for the lossless export and read
//! again for popups, captions and units: its own copy, a part of the
//! file's text that every feature of the file shares, or a part of the
//! file packed in blocks (see [`Packer`]), which a file read as it
//! arrives keeps instead of its text.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use super::lz;

/// A feature's JSON text.
#[derive(Debug, Clone)]
pub struct RawText(Repr);

#[derive(Debug, Clone)]
enum Repr {
    Owned(Box<str>),
    Shared(Arc<String>, Range<usize>),
    Packed(Rc<Packed>, Range<usize>),
}

impl RawText {
    /// The part `range` of `whole`; `None` when `range` is not a part of it.
    pub fn shared(whole: &Arc<String>, range: Range<usize>) -> Option<RawText> {
        whole.get(range.clone())?;
        Some(RawText(Repr::Shared(Arc::clone(whole), range)))
    }

    /// The part `range` of the packed text `whole`; `None` when it is not
    /// all there.
    pub fn packed(whole: &Rc<Packed>, range: Range<usize>) -> Option<RawText> {
        (range.start <= range.end && range.end <= whole.len).then_some(())?;
        Some(RawText(Repr::Packed(Rc::clone(whole), range)))
    }

    /// The text (unpacked when it is packed; empty if that fails, which a
    /// [`Packer`]'s own blocks never do).
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Owned(text) => Cow::Borrowed(text),
            Repr::Shared(whole, range) => {
                Cow::Borrowed(whole.get(range.clone()).unwrap_or_default())
            }
            Repr::Packed(whole, range) => Cow::Owned(whole.get(range.clone()).unwrap_or_default()),
        }
    }
}

impl From<String> for RawText {
    fn from(text: String) -> RawText {
        RawText(Repr::Owned(text.into()))
    }
}

impl From<&str> for RawText {
    fn from(text: &str) -> RawText {
        RawText(Repr::Owned(text.into()))
    }
}

/// A text packed in blocks of at most [`lz::MAX_BLOCK`] bytes, each
/// unpacked on its own when a part of it is read. The block read last is
/// kept unpacked, since features are mostly read in the file's order.
#[derive(Debug, Default)]
pub struct Packed {
    /// Each block: where it starts in the text, and its packed bytes.
    blocks: Vec<(usize, Box<[u8]>)>,
    len: usize,
    /// The block read last: its index, where its unpacking stopped, and
    /// what it unpacked so far (as far as was read in it).
    last: RefCell<Option<(usize, usize, Vec<u8>)>>,
}

impl Packed {
    /// Bytes packed (the blocks only).
    pub fn packed_bytes(&self) -> usize {
        self.blocks.iter().map(|(_, block)| block.len()).sum()
    }

    /// The bytes of `range`; `None` when it is not all there.
    pub fn bytes(&self, range: Range<usize>) -> Option<Vec<u8>> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        if range.is_empty() {
            return Some(Vec::new());
        }
        let mut out = Vec::with_capacity(range.len());
        let first = self
            .blocks
            .partition_point(|(start, _)| *start <= range.start);
        let mut index = first.checked_sub(1)?;
        let mut last = self.last.borrow_mut();
        while out.len() < range.len() {
            let (start, block) = self.blocks.get(index)?;
            if last.as_ref().map(|(at, ..)| *at) != Some(index) {
                let mut unpacked = last.take().map(|(.., bytes)| bytes).unwrap_or_default();
                unpacked.clear();
                *last = Some((index, 0, unpacked));
            }
            let (_, at, unpacked) = last.as_mut()?;
            // Only as far as the range reaches into the block; a block
            // that fails is not kept half read.
            if lz::unpack_until(block, at, unpacked, 0, range.end - start).is_none() {
                *last = None;
                return None;
            }
            let from = (range.start + out.len()).checked_sub(*start)?;
            let to = (range.end - start).min(unpacked.len());
            out.extend_from_slice(unpacked.get(from..to)?);
            index += 1;
        }
        Some(out)
    }

    /// The text of `range`; `None` when it is not all there, or is cut
    /// inside a character.
    pub fn get(&self, range: Range<usize>) -> Option<String> {
        String::from_utf8(self.bytes(range)?).ok()
    }
}

/// Packs a text as it arrives, a block at a time.
#[derive(Debug, Default)]
pub struct Packer {
    packed: Packed,
    table: lz::Table,
}

impl Packer {
    /// Whether nothing is packed yet.
    pub fn is_empty(&self) -> bool {
        self.packed.len == 0
    }

    /// Packs `bytes`, the text that follows what is packed, in blocks of
    /// `block` bytes (at most [`lz::MAX_BLOCK`]) but for the last
    /// `bytes.len() % block` unless `all`; gives how many were packed.
    pub fn pack(&mut self, bytes: &[u8], block: usize, all: bool) -> usize {
        let packed = &mut self.packed;
        pack_blocks(&mut self.table, bytes, block, all, |len, block| {
            packed.blocks.push((packed.len, block.into()));
            packed.len += len;
        })
    }

    /// How many bytes of the text are packed.
    pub fn len(&self) -> usize {
        self.packed.len
    }

    /// Takes the blocks another packer packed, as a [`Framer`] writes
    /// them, of the text that follows what is packed here; `None`, with
    /// nothing taken, when `frames` are not such blocks.
    pub fn adopt(&mut self, frames: &[u8]) -> Option<()> {
        let (mut blocks, mut len, mut at) = (Vec::new(), self.packed.len, 0);
        while at < frames.len() {
            let text = lz::varint(frames, &mut at).filter(|&n| n > 0 && n <= lz::MAX_BLOCK)?;
            let size = lz::varint(frames, &mut at)?;
            let end = at.checked_add(size)?;
            blocks.push((len, frames.get(at..end)?.into()));
            (len, at) = (len + text, end);
        }
        self.packed.blocks.append(&mut blocks);
        self.packed.len = len;
        Some(())
    }

    /// The text of `range` packed so far (see [`Packed::get`]).
    pub fn get(&self, range: Range<usize>) -> Option<String> {
        self.packed.get(range)
    }

    /// The text packed, for reading.
    pub fn into_packed(self) -> Rc<Packed> {
        Rc::new(self.packed)
    }

    /// The text packed so far, unpacked onto the end of `out` (room for
    /// `more` bytes after it made at once); `None` if a block fails.
    pub fn unpack_into(&self, out: &mut Vec<u8>, more: usize) -> Option<()> {
        out.reserve_exact(self.packed.len + more);
        for (_, block) in &self.packed.blocks {
            let start = out.len();
            lz::unpack_until(block, &mut 0, out, start, usize::MAX)?;
        }
        Some(())
    }
}

/// Packs `bytes` in blocks of `block` bytes (at most [`lz::MAX_BLOCK`])
/// but for the last `bytes.len() % block` unless `all`, giving `each`
/// block's length and packed bytes; gives how many were packed.
#[inline(never)]
fn pack_blocks(
    table: &mut lz::Table,
    bytes: &[u8],
    block: usize,
    all: bool,
    mut each: impl FnMut(usize, Vec<u8>),
) -> usize {
    let block = block.clamp(1, lz::MAX_BLOCK);
    let mut done = 0;
    while bytes.len() - done >= block || (all && done < bytes.len()) {
        let end = (done + block).min(bytes.len());
        each(end - done, table.pack(&bytes[done..end]));
        done = end;
    }
    done
}

/// Packs a text as it arrives, in the blocks a [`Packer`] makes, and
/// writes each block packed as a frame for [`Packer::adopt`]: what the
/// page's packer worker runs (`src/web/page/packer.rs`), so that the
/// page's own thread does not pack the file it reads.
#[derive(Debug, Default)]
pub struct Framer {
    table: lz::Table,
    text: Vec<u8>,
    frames: Vec<u8>,
}

impl Framer {
    /// Room for the next `len` bytes of the text, to be written there.
    pub fn room(&mut self, len: usize) -> &mut [u8] {
        let from = self.text.len();
        self.text.resize(from + len, 0);
        &mut self.text[from..]
    }

    /// Packs the text taken as [`Packer::pack`] would, and gives the
    /// frames of the blocks packed (each: the block's length and its
    /// packed length as varints, then its packed bytes), which stay in
    /// [`Framer::frames`] until the next packing.
    pub fn pack(&mut self, block: usize, all: bool) -> &[u8] {
        let frames = &mut self.frames;
        frames.clear();
        let done = pack_blocks(&mut self.table, &self.text, block, all, |len, packed| {
            lz::put_varint(frames, len);
            lz::put_varint(frames, packed.len());
            frames.extend_from_slice(&packed);
        });
        self.text.drain(..done);
        &self.frames
    }

    /// The frames the last packing wrote.
    pub fn frames(&self) -> &[u8] {
        &self.frames
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_adopted_are_the_blocks_a_packer_makes() {
        let text: Vec<u8> = (0..400)
            .flat_map(|i| format!("{{\"name\":\"Сергеевка {i}\"}},").into_bytes())
            .collect();
        let mut packer = Packer::default();
        packer.pack(&text, 97, true);
        let (mut framer, mut adopted) = (Framer::default(), Packer::default());
        for part in text.chunks(50) {
            framer.room(part.len()).copy_from_slice(part);
            assert_eq!(adopted.adopt(framer.pack(97, false)), Some(()));
        }
        assert_eq!(adopted.adopt(framer.pack(97, true)), Some(()));
        assert_eq!(adopted.len(), text.len());
        let (made, taken) = (packer.into_packed(), adopted.into_packed());
        assert_eq!(made.blocks, taken.blocks);
        assert_eq!(taken.bytes(0..text.len()).as_deref(), Some(&text[..]));
        // Frames cut short, or claiming a block longer than a block can
        // be, are refused whole.
        let mut refused = Packer::default();
        let frames = framer.pack(97, true).to_vec();
        assert!(frames.is_empty());
        let mut cut = Framer::default();
        cut.room(300).copy_from_slice(&text[..300]);
        let cut = cut.pack(97, true).to_vec();
        assert_eq!(refused.adopt(&cut[..cut.len() - 1]), None);
        assert_eq!(refused.adopt(&[0x80, 0x80, 0x08, 1, 0]), None);
        assert!(refused.is_empty() && refused.packed.blocks.is_empty());
    }

    #[test]
    fn any_part_reads_back_across_blocks() {
        let text: String = (0..300)
            .map(|i| format!("{{\"name\":\"Сергеевка {i}\"}},"))
            .collect();
        let mut packer = Packer::default();
        let packed_count = packer.pack(text.as_bytes(), 97, false);
        assert_eq!(packed_count, text.len() - text.len() % 97);
        assert_eq!(
            packer.pack(&text.as_bytes()[packed_count..], 97, true),
            text.len() - packed_count
        );
        let mut all = b"{".to_vec();
        assert_eq!(packer.unpack_into(&mut all, 0), Some(()));
        assert_eq!(&all[1..], text.as_bytes());
        let packed = packer.into_packed();
        assert!(packed.packed_bytes() < text.len());
        for (start, end) in [
            (0, 0),
            (0, 5),
            (90, 200),
            (500, 1500),
            (text.len() - 3, text.len()),
        ] {
            assert_eq!(
                packed.bytes(start..end).as_deref(),
                Some(&text.as_bytes()[start..end])
            );
        }
        assert_eq!(packed.bytes(0..text.len() + 1), None);
        let at = text.find('С').unwrap_or_default();
        assert_eq!(packed.get(at..at + 1), None, "cut inside a character");
        let raw = RawText::packed(&packed, 2..text.find(',').unwrap_or_default());
        assert_eq!(
            raw.map(|r| r.text().into_owned()),
            Some("name\":\"Сергеевка 0\"}".to_owned())
        );
        assert!(RawText::packed(&packed, 0..text.len() + 1).is_none());
    }
}
