//! Reading a FeatureCollection as its bytes arrive: each feature is read
//! as soon as the whole of it is in, so that reading keeps pace with the
//! download instead of waiting for its end.
//!
//! Only a plain collection is read so: its parts are found as
//! [`super::Reader`]'s scan finds them in a whole text (the tests hold
//! both to the same parts), and each feature's text is gone over once, by
//! the reader that says where it ends. Unless the collection ends plainly,
//! or if anything else is unusual (a byte-order mark, a feature that is
//! not an object or nests deeper than the scan splits out, broken JSON,
//! bytes that are not UTF-8), the text is read again by
//! [`super::Reader`], so that every message and warning is the one a file
//! read whole gets.

use std::sync::Arc;

use super::collect::Collector;
use super::finder::{skip, Element, Finder, Phase};
use super::typed::{read_typed_from, Unread};
use super::{completed, head, parse_feature, Reader};
use crate::geojson::convention::ReadOptions;
use crate::geojson::scan::skip_ws;
use crate::model::problem::LoadError;
use crate::model::raw::Packer;
use crate::model::{Dataset, RawText};

/// The whole file was not UTF-8: the bytes before `valid_up_to` are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub valid_up_to: usize,
}

/// Reads a collection from its bytes as they arrive; gives exactly what
/// [`super::read_collection_shared`] gives for the whole text.
///
/// ```
/// use troopmap::geojson::read::stream::Streaming;
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {"name": "a"}},
///   {"type": "Feature", "geometry": null, "properties": {"name": "b"}}]}"#;
/// let mut reading = Streaming::new("two.geojson", Default::default(), text.len());
/// for piece in text.as_bytes().chunks(20) {
///     reading.push(piece);
///     while !reading.step(10) {}
/// }
/// let data = reading.finish().unwrap().unwrap();
/// assert_eq!(data.features[1].label(), "b");
/// ```
pub struct Streaming {
    file: String,
    options: ReadOptions,
    /// The file's bytes from `base` on: those before are packed.
    bytes: Vec<u8>,
    base: usize,
    /// How many of `bytes` are packed too (let go of a while later, so
    /// that the rest is not moved for every block).
    packed: usize,
    packer: Packer,
    /// Whether another packer packs the bytes (see [`Streaming::adopt`]).
    elsewhere: bool,
    finder: Finder,
    /// `None` once reading as the bytes arrive gave up: the whole text is
    /// then read at the end.
    collector: Option<Collector>,
    /// Features read so far (the first ones the finder found).
    read: usize,
    /// Whether room was made for all the features.
    roomy: bool,
    /// About how many bytes the file has (0: unknown).
    size: usize,
}

/// The bytes packed in a block: small in tests, so that texts cross blocks.
pub const BLOCK: usize = if cfg!(test) { 61 } else { 1 << 14 };

impl Streaming {
    /// Ready for the bytes of `file`, about `size` of them (0: unknown).
    pub fn new(file: &str, options: ReadOptions, size: usize) -> Streaming {
        Streaming {
            file: file.to_owned(),
            options,
            bytes: Vec::with_capacity(size.min(1 << 20)),
            base: 0,
            packed: 0,
            packer: Packer::default(),
            elsewhere: false,
            finder: Finder::default(),
            collector: Some(Collector::new(options, Vec::new())),
            read: 0,
            roomy: false,
            size,
        }
    }

    /// Ready to read the whole `text` of `file`, a step at a time.
    pub fn whole(file: &str, options: ReadOptions, text: String) -> Streaming {
        let mut reading = Streaming::new(file, options, text.len());
        reading.bytes = text.into_bytes();
        reading.push(&[]);
        reading
    }

    /// Takes the next bytes of the file.
    pub fn push(&mut self, piece: &[u8]) {
        self.bytes.extend_from_slice(piece);
    }

    /// From now on the bytes are packed by another packer, which is
    /// given each piece [`Streaming::push`] is given and packs them in
    /// blocks of [`BLOCK`] (a [`crate::model::raw::Framer`]): its blocks are
    /// taken with [`Streaming::adopt`]. Until they come, the bytes are
    /// kept as they are.
    pub fn pack_elsewhere(&mut self) {
        self.elsewhere = self.collector.is_some();
    }

    /// Takes blocks the other packer packed, as its frames; `false` when
    /// they are not wanted (reading gave up, or packs here again) or are
    /// not blocks, and then the bytes are packed here from where its
    /// blocks ended.
    pub fn adopt(&mut self, frames: &[u8]) -> bool {
        self.elsewhere = self.elsewhere && self.packer.adopt(frames).is_some();
        self.elsewhere
    }

    /// Whether the other packer packs the bytes (it was asked to, and
    /// neither failed nor was given up on).
    pub fn packs_elsewhere(&self) -> bool {
        self.elsewhere
    }

    /// The bytes are packed here again, from where the other packer's
    /// blocks end (it failed, or ended before the file).
    pub fn pack_here(&mut self) {
        self.elsewhere = false;
    }

    /// The bytes taken so far.
    pub fn bytes(&self) -> usize {
        self.base + self.bytes.len()
    }

    /// The room the bytes not packed yet take.
    pub fn unpacked(&self) -> usize {
        self.bytes.capacity()
    }

    /// How the file begins, after a byte-order mark and white space, as
    /// much as tells GeoJSON from the formats the readers convert (see
    /// [`crate::formats::Format::for_the_readers`]): `{`, or nothing.
    pub fn head(&self) -> &'static str {
        let bytes = self
            .bytes
            .strip_prefix(&[0xef, 0xbb, 0xbf])
            .unwrap_or(&self.bytes);
        // Only a collection is packed, which begins with `{`.
        if !self.packer.is_empty() || bytes.get(skip_ws(bytes, 0)) == Some(&b'{') {
            "{"
        } else {
            ""
        }
    }

    /// The file's whole text, for a file the readers convert.
    pub fn into_text(mut self) -> Result<String, NotUtf8> {
        self.unpack();
        String::from_utf8(self.bytes).map_err(|e| NotUtf8 {
            valid_up_to: e.utf8_error().valid_up_to(),
        })
    }

    /// Features read so far.
    pub fn features(&self) -> usize {
        self.read
    }

    /// Reads up to `count` of the features now whole and not read yet;
    /// `true` when none is left to read until more bytes come.
    pub fn step(&mut self, count: usize) -> bool {
        if self.collector.is_none() {
            return true;
        }
        // A byte-order mark is told as a warning by the whole read.
        if self.base == 0 && self.bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
            self.give_up();
            return true;
        }
        let Some(collector) = &mut self.collector else {
            return true;
        };
        let (options, read) = (self.options, &mut self.read);
        // Until room is made for all the features, a few at a time (see
        // `make_room`).
        let mut left = if self.roomy { count } else { count.min(100) };
        // How far each feature's text is looked at first: twice the last
        // one's length.
        let mut reach = 4096;
        let element = &mut |rest: &[u8]| {
            if left == 0 {
                return Element::Later;
            }
            let index = *read;
            let length = match read_typed_from(index, rest, reach, options) {
                Ok((feature, length)) => {
                    collector.add_read(index, feature);
                    length
                }
                Err(Unread::Cut) => return Element::Cut,
                Err(Unread::Other) => {
                    let Element::Read(length) = skip(rest) else {
                        return Element::Cut;
                    };
                    // The feature keeps its part of the file's text once
                    // the file is whole (see `finish`).
                    let text = std::str::from_utf8(&rest[..length]).map_err(|_| ());
                    match text.and_then(parse_feature) {
                        Ok((value, twice)) => {
                            collector.add(index, value, Some(RawText::from("")), twice);
                        }
                        Err(()) => return Element::Refused,
                    }
                    length
                }
            };
            *read += 1;
            left -= 1;
            reach = length.saturating_mul(2).max(256);
            Element::Read(length)
        };
        if !self.finder.advance(&self.bytes, self.base, element) {
            self.give_up();
            return true;
        }
        if !self.roomy {
            self.make_room();
        }
        self.pack(false);
        left > 0
    }

    /// Room for all the features, made once the first ones are read:
    /// as many as came per byte so far and a tenth more, but no more
    /// than one per 256 bytes (odd first features promise no more than
    /// that).
    fn make_room(&mut self) {
        let (Some(collector), Some(last)) = (&mut self.collector, self.finder.found.last()) else {
            return;
        };
        let (so_far, read) = (last.end.max(1) as f64, self.read as f64);
        let expected = self.size as f64 / so_far * read * 1.1;
        collector.make_room(expected.min(self.size as f64 / 256.0) as usize);
        self.roomy = true;
    }

    /// Packs the bytes no longer needed as they are: those before the
    /// first feature not read and before where the finder goes on; all
    /// when `all`.
    fn pack(&mut self, all: bool) {
        let needed = self.finder.at;
        let to = if all {
            self.bytes.len()
        } else {
            needed.min(self.bytes()) - self.base
        };
        self.count_adopted(to);
        // The rest of a whole file is packed here whatever the other
        // packer did: nothing is let go that is not packed.
        if to > self.packed && (all || !self.elsewhere) {
            self.packed += self.packer.pack(&self.bytes[self.packed..to], BLOCK, all);
        }
        if all || self.packed * 2 > self.bytes.len() {
            self.bytes.drain(..self.packed);
            self.base += self.packed;
            self.packed = 0;
            if all {
                self.bytes = Vec::new();
            }
        }
    }

    /// Counts the bytes before `to` that blocks taken from the other
    /// packer hold as packed.
    fn count_adopted(&mut self, to: usize) {
        let adopted = self.packer.len().saturating_sub(self.base);
        self.packed = self.packed.max(adopted.min(to));
    }

    /// Puts the bytes packed back in front of the rest.
    fn unpack(&mut self) {
        self.elsewhere = false;
        if self.packer.is_empty() {
            return;
        }
        self.count_adopted(self.bytes.len());
        let packer = std::mem::take(&mut self.packer);
        let rest = &self.bytes[self.packed..];
        let mut bytes = Vec::new();
        // (Never fails on its own blocks; the rest is kept either way.)
        let _ = packer.unpack_into(&mut bytes, rest.len());
        bytes.extend_from_slice(rest);
        (self.bytes, self.base, self.packed) = (bytes, 0, 0);
    }

    fn give_up(&mut self) {
        self.collector = None;
        self.finder = Finder::default();
        self.unpack();
    }

    /// The collection, or every problem that refused it; `Err` when the
    /// file is not UTF-8.
    pub fn finish(mut self) -> Result<Result<Dataset, LoadError>, NotUtf8> {
        // The last bytes are in: nothing is cut short any more.
        self.finder.wait_for = 0;
        while !self.step(usize::MAX) {}
        let finder = std::mem::take(&mut self.finder);
        let collector = self
            .collector
            .take()
            .filter(|_| finder.phase == Phase::Done);
        let streamed = collector.and_then(|collector| {
            self.pack(true);
            let part = |range| self.packer.get(range).map(std::borrow::Cow::Owned);
            let (members, warnings) = head(&part, finder.members)?;
            Some((collector, members, warnings, finder.found))
        });
        let Some((mut collector, members, warnings, ranges)) = streamed else {
            let (file, options) = (self.file.clone(), self.options);
            let text = Arc::new(self.into_text()?);
            return Ok(Reader::new_shared(&file, &text, options).finish());
        };
        let packed = std::mem::take(&mut self.packer).into_packed();
        collector.prepend(warnings);
        // Each feature keeps its part of the text (which the warnings of
        // far dates read again), packed.
        collector.texts(|range| RawText::packed(&packed, range), ranges);
        Ok(completed(&self.file, collector.finish(members), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::read::read_collection_shared;

    /// What a reader gives, in words: every feature's label and text,
    /// every warning, or every problem.
    fn words(result: Result<Dataset, LoadError>) -> Vec<String> {
        match result {
            Ok(data) => data
                .features
                .iter()
                .map(|f| format!("{} {}", f.label(), f.raw.text()))
                .chain(data.warnings.iter().map(ToString::to_string))
                .chain(std::iter::once(format!("{:?}", data.members)))
                .collect(),
            Err(e) => e.problems.iter().map(ToString::to_string).collect(),
        }
    }

    /// What the whole-text reader gives for `text`, in words.
    fn whole_words(text: &str) -> Vec<String> {
        words(read_collection_shared(
            "t.geojson",
            text.to_owned(),
            ReadOptions::default(),
        ))
    }

    /// Holds the read of `text` as it arrives, cut in each size of
    /// `pieces`, to the whole read (`what` names it in a failure); gives
    /// the whole read.
    fn streams_as_whole(text: &str, pieces: &[usize], what: &str) -> Vec<String> {
        let whole = whole_words(text);
        for &piece in pieces {
            let got = streamed(text, piece).map(words);
            assert_eq!(got, Ok(whole.clone()), "{what}, in pieces of {piece}");
        }
        whole
    }

    fn streamed(text: &str, piece: usize) -> Result<Result<Dataset, LoadError>, NotUtf8> {
        streamed_bytes(text.as_bytes(), piece)
    }

    fn streamed_bytes(bytes: &[u8], piece: usize) -> Result<Result<Dataset, LoadError>, NotUtf8> {
        let mut reading = Streaming::new("t.geojson", ReadOptions::default(), 0);
        for part in bytes.chunks(piece.max(1)) {
            reading.push(part);
            reading.step(3);
        }
        reading.finish()
    }

    /// Reads `bytes` as the page does with a packer worker: a
    /// [`crate::model::raw::Framer`] packs each piece of `piece` bytes,
    /// and its frames are taken `lag` pieces late; from piece `fail` on
    /// (the worker failed) they are not taken, and the reading packs the
    /// rest itself. Some frames come `broken`.
    fn streamed_elsewhere(
        bytes: &[u8],
        piece: usize,
        lag: usize,
        fail: Option<usize>,
        broken: Option<usize>,
    ) -> Result<Result<Dataset, LoadError>, NotUtf8> {
        let mut reading = Streaming::new("t.geojson", ReadOptions::default(), 0);
        reading.pack_elsewhere();
        let mut framer = crate::model::raw::Framer::default();
        let mut answers = std::collections::VecDeque::new();
        for (i, part) in bytes.chunks(piece.max(1)).enumerate() {
            reading.push(part);
            framer.room(part.len()).copy_from_slice(part);
            let mut frames = framer.pack(BLOCK, false).to_vec();
            if broken == Some(i) && !frames.is_empty() {
                frames.truncate(frames.len() - 1);
            }
            answers.push_back(frames);
            if fail == Some(i) {
                reading.pack_here();
            }
            while answers.len() > lag {
                let frames = answers.pop_front().unwrap_or_default();
                reading.adopt(&frames);
            }
            reading.step(3);
        }
        answers.push_back(framer.pack(BLOCK, true).to_vec());
        for frames in answers {
            reading.adopt(&frames);
        }
        if (fail, broken) == (None, None) && reading.collector.is_some() {
            // The worker's blocks hold the whole file: nothing was packed
            // here.
            assert!(reading.elsewhere && reading.packer.len() == reading.bytes());
        }
        reading.pack_here();
        reading.finish()
    }

    /// Holds the read of `text` with a packer worker, however late its
    /// blocks come, whether it fails or answers wrong, to the whole read.
    fn packed_elsewhere_as_whole(text: &str, what: &str) {
        let whole = whole_words(text);
        for piece in [13, 500, 4096] {
            for lag in [0, 1, 5] {
                for (fail, broken) in [(None, None), (Some(2), None), (None, Some(3))] {
                    let got = streamed_elsewhere(text.as_bytes(), piece, lag, fail, broken);
                    assert_eq!(
                        got.map(words),
                        Ok(whole.clone()),
                        "{what}, pieces of {piece}, {lag} late, failing at {fail:?}, broken at {broken:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn packed_by_a_worker_gives_what_the_whole_text_gives() {
        packed_elsewhere_as_whole(FEATURES, "FEATURES");
        let feature = r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.9, 43.1]}, "properties": {"name": "Владивосток", "start": "2024-10-08"}}"#;
        let many = vec![feature; 60].join(",\n");
        let start = r#"{"type": "FeatureCollection", "name": "late", "features": ["#;
        for end in ["]}", ", 12]}", r#"], "features": []}"#, "]} x"] {
            packed_elsewhere_as_whole(&format!("{start}{many}{end}"), end);
        }
        // A file the readers convert keeps its text whole.
        let kml = format!("<kml>{}</kml>", "Сергеевка ".repeat(400));
        let mut reading = Streaming::new("t.kml", ReadOptions::default(), 0);
        reading.pack_elsewhere();
        let mut framer = crate::model::raw::Framer::default();
        for part in kml.as_bytes().chunks(777) {
            reading.push(part);
            framer.room(part.len()).copy_from_slice(part);
            reading.adopt(framer.pack(BLOCK, false));
            reading.step(3);
        }
        assert_eq!(reading.head(), "");
        assert_eq!(reading.into_text().as_deref(), Ok(kml.as_str()));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn synthetic_data_packed_by_a_worker_reads_as_a_whole() {
        let mut out = Vec::new();
        assert!(crate::native::synth::write(300, 3, &mut out).is_ok());
        packed_elsewhere_as_whole(&String::from_utf8(out).unwrap_or_default(), "generated");
    }

    const FEATURES: &str = r#"{"type": "FeatureCollection", "name": "n", "features": [
        {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [30, 50]},
         "properties": {"name": "A \"]}", "start": "2024-01-02", "kind": "place"}},
        {"type": "Feature", "id": "a", "geometry": null, "properties": {"name": 5}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4, 5]]},
         "properties": {"start": "2024-01-01", "end": "2024-01-02", "x": 1, "x": 2}}
      ], "bbox": [1, 2, 3, 4], "crs": null}"#;

    #[test]
    fn gives_what_the_whole_text_gives_however_the_bytes_are_cut() {
        let whole = streams_as_whole(FEATURES, &[1, 2, 3, 7, 64, 100_000], "FEATURES");
        assert!(whole.len() > 4, "{whole:?}");
    }

    #[test]
    fn features_are_read_while_the_bytes_arrive() {
        let mut reading = Streaming::new("t.geojson", ReadOptions::default(), 0);
        let cut = FEATURES
            .find("{\"type\": \"Feature\", \"geometry\"")
            .unwrap_or(0);
        reading.push(&FEATURES.as_bytes()[..cut]);
        while !reading.step(1) {}
        // The first two are whole; the third is not in yet.
        assert_eq!(reading.features(), 2);
        reading.push(&FEATURES.as_bytes()[cut..]);
        while !reading.step(1) {}
        assert_eq!(reading.features(), 3);
        assert_eq!(
            reading.finish().map(|r| r.map(|d| d.features.len())),
            Ok(Ok(3))
        );
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn synthetic_data_and_sightings_read_as_a_whole() {
        let mut texts = Vec::new();
        for write in [
            |out: &mut Vec<u8>| crate::native::synth::write(400, 3, out),
            |out: &mut Vec<u8>| crate::native::synth::write_sightings(20, 15, true, 3, out),
        ] {
            let mut out = Vec::new();
            assert!(write(&mut out).is_ok());
            texts.push(String::from_utf8(out).unwrap_or_default());
        }
        for text in texts {
            let whole = streams_as_whole(&text, &[997, 65_536], "generated");
            assert!(whole.len() > 250, "{}", whole.len());
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_file_at_hand_reads_as_a_whole() {
        let mut paths = Vec::new();
        for dir in ["assets", "tests/fixtures", "tests/fixtures/import"] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path
                    .extension()
                    .is_some_and(|e| e == "geojson" || e == "json")
                {
                    paths.push(path);
                }
            }
        }
        assert!(paths.len() > 20, "{paths:?}");
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            streams_as_whole(&text, &[61, 4096], &path.display().to_string());
        }
    }

    #[test]
    fn what_turns_out_unusual_late_is_read_whole_though_much_was_packed() {
        let feature = r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.9, 43.1]}, "properties": {"name": "Владивосток", "start": "2024-10-08"}}"#;
        let many = vec![feature; 60].join(",\n");
        let start = r#"{"type": "FeatureCollection", "name": "late", "features": ["#;
        for end in [
            "]}".to_owned(),
            ", 12]}".to_owned(),
            r#", {"type": "Feature",}]}"#.to_owned(),
            r#"], "features": []}"#.to_owned(),
            r#"], "name": "again"} x"#.to_owned(),
            r#", {"type": "Feature", "geometry": null, "properties": {"start": "2024-13-01"}}]}"#
                .to_owned(),
        ] {
            let text = format!("{start}{many}{end}");
            let whole = streams_as_whole(&text, &[13, 500], &end);
            let mut reading = Streaming::whole("t.geojson", ReadOptions::default(), text);
            while !reading.step(7) {}
            assert_eq!(reading.finish().map(words), Ok(whole), "{end}");
        }
        // Bytes that are not UTF-8 after much was packed.
        let mut bytes = format!("{start}{many},").into_bytes();
        let at = bytes.len() + 35;
        bytes.extend_from_slice(br#"{"type": "Feature", "properties": {"#);
        bytes.extend_from_slice(b"\xff\"}}]}");
        assert_eq!(
            streamed_bytes(&bytes, 100).err(),
            Some(NotUtf8 { valid_up_to: at })
        );
    }

    #[test]
    fn odd_first_features_promise_no_more_room_than_the_file_can_hold() {
        // A file said to be 256 MB whose first features are tiny:
        // reading them makes no room it cannot use.
        let mut reading = Streaming::new("t.geojson", ReadOptions::default(), 1 << 28);
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}"#,
            "{},".repeat(5000)
        );
        reading.push(text.as_bytes());
        while !reading.step(100) {}
        assert_eq!(reading.features(), 5000);
    }

    #[test]
    fn packs_what_it_has_read() {
        let feature = r#"{"type": "Feature", "geometry": null, "properties": {"name": "Sergeevka training ground", "start": "2024-10-08"}}"#;
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            vec![feature; 400].join(",")
        );
        let mut reading = Streaming::new("t.geojson", ReadOptions::default(), 0);
        for part in text.as_bytes().chunks(1000) {
            reading.push(part);
            while !reading.step(50) {}
            // What was read is packed: however long the file, the read
            // keeps only a few pieces' worth unpacked.
            assert!(
                reading.unpacked() <= 4096,
                "{} of {}",
                reading.unpacked(),
                reading.bytes()
            );
        }
        let data = reading.finish().map(words);
        assert_eq!(data, Ok(whole_words(&text)));
    }

    #[test]
    fn features_nested_deeper_than_the_scan_splits_out_are_read_whole() {
        // The scan splits out values nested 100 deep and no deeper, and the
        // whole parse refuses more than 128 levels from the collection.
        for depth in [97, 98, 99, 110, 125, 130] {
            let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            for place in [
                format!(r#""geometry": null, "properties": {{"name": "a", "x": {deep}}}"#),
                format!(r#""geometry": null, "properties": {{"sources": [{{"note": {deep}}}]}}"#),
                format!(
                    r#""geometry": {{"type": "Point", "coordinates": [1, 2], "f": {deep}}}, "properties": {{}}"#
                ),
                format!(
                    r#""geometry": {}{{"type": "Point", "coordinates": [1, 2]}}{}, "properties": {{}}"#,
                    r#"{"type": "GeometryCollection", "geometries": ["#.repeat(depth / 2),
                    "]}".repeat(depth / 2)
                ),
            ] {
                let text = format!(
                    r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", {place}}}, {{"type": "Feature", "geometry": null, "properties": {{}}}}]}}"#
                );
                streams_as_whole(&text, &[1, 7, 100_000], &format!("{depth} deep"));
            }
        }
    }

    #[test]
    fn refused_and_unusual_files_get_the_whole_reads_messages() {
        let cases = [
            // Broken JSON, a bad date, a feature that is not an object, a
            // byte-order mark, a second `features`, not a collection.
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature",}]}"#,
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {"start": "2024-13-01"}}]}"#,
            r#"{"type": "FeatureCollection", "features": [12]}"#,
            "\u{feff}{\"type\": \"FeatureCollection\", \"features\": []}",
            r#"{"type": "FeatureCollection", "features": [], "features": []}"#,
            r#"{"type": "Feature", "geometry": null, "properties": {}}"#,
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {}}] } x"#,
        ];
        for text in cases {
            streams_as_whole(text, &[1, 5, 1000], text);
        }
    }

    #[test]
    fn finds_the_parts_scan_finds_however_the_bytes_are_cut() {
        let texts = [
            FEATURES,
            r#" {"a\"}" : "x\\" , "features" : [ {"s": "[{\"]"} , {} ] , "z": null } "#,
            r#"{"features": []}"#,
            r#"{}"#,
            r#"{"n": 12, "features": [{"a": [1, {"b": 2}]}], "m": -1.5e3}"#,
        ];
        for text in texts {
            let Some(parts) = crate::geojson::scan::scan(text) else {
                panic!("{text} scans");
            };
            for piece in [1, 2, 5, 1000] {
                let mut finder = Finder::default();
                let bytes = text.as_bytes();
                // Each time given only what is after where it goes on.
                for end in (piece..bytes.len() + piece).step_by(piece) {
                    let base = finder.at;
                    let window = &bytes[base..end.min(bytes.len())];
                    assert!(finder.advance(window, base, &mut skip), "{text}");
                }
                finder.wait_for = 0;
                assert!(finder.advance(&bytes[finder.at..], finder.at, &mut skip));
                assert_eq!(finder.phase, Phase::Done, "{text}");
                assert_eq!(finder.members, parts.members, "{text}");
                assert_eq!(finder.found, parts.features, "{text}");
            }
        }
        // What scan does not split, the finder does not finish.
        for text in [
            r#"{"a": 1,}"#,
            r#"{"features": [{} {}]}"#,
            r#"{"features": [], "features": []}"#,
            r#"{"features": [{},]}"#,
            r#"{"features": [1]}"#,
            r#"{"a": 1} x"#,
            "{",
        ] {
            let mut finder = Finder::default();
            let finished = finder.advance(text.as_bytes(), 0, &mut skip) && {
                finder.wait_for = 0;
                finder.advance(text.as_bytes(), 0, &mut skip)
            };
            assert!(!finished || finder.phase != Phase::Done, "{text}");
        }
    }

    #[test]
    fn the_head_tells_geojson_from_other_formats() {
        let mut reading = Streaming::new("t", ReadOptions::default(), 0);
        assert_eq!(reading.head(), "");
        reading.push("\u{feff} \n ".as_bytes());
        assert_eq!(reading.head(), "");
        reading.push(b"<?xml");
        assert_eq!(reading.head(), "");
        let mut other = Streaming::new("t", ReadOptions::default(), 0);
        other.push(" \r\n {\"type\"".as_bytes());
        assert_eq!(other.head(), "{");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_told_where() {
        let mut bytes = br#"{"type": "FeatureCollection", "features": [{"a": ""#.to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xff\"}]}");
        for piece in [1, 4, 100] {
            assert_eq!(
                streamed_bytes(&bytes, piece).err(),
                Some(NotUtf8 { valid_up_to: at })
            );
        }
        // In every part of a feature the typed reader reads, or of the
        // next one: the byte `X` stands for is not UTF-8.
        let properties = r#""name": "n", "description": "d", "sources": [{"title": "t"}], "x": [{"y": "z"}], "start": "2024-01-01""#;
        let feature = format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [1, 2], "f": ["g"]}}, "properties": {{{properties}}}}}"#
        );
        let text =
            format!(r#"{{"type": "FeatureCollection", "features": [{feature}, {feature}]}}"#);
        assert!(streamed(&text, 100).is_ok_and(|read| read.is_ok()));
        let mut places: Vec<usize> = text
            .match_indices(['n', 'd', 't', 'z', 'g'])
            .map(|(i, _)| i)
            .collect();
        places.extend(text.match_indices("\"y\"").map(|(i, _)| i + 1));
        assert!(places.len() > 12, "{places:?}");
        for at in places {
            let mut bytes = text.as_bytes().to_vec();
            bytes[at] = 0xff;
            for piece in [1, 7, 100, 10_000] {
                assert_eq!(
                    streamed_bytes(&bytes, piece).err(),
                    Some(NotUtf8 { valid_up_to: at }),
                    "{at} in pieces of {piece}"
                );
            }
        }
    }

    #[test]
    fn finding_is_linear_in_the_bytes_however_they_are_cut() {
        // One long feature arriving a byte at a time is looked at about
        // twice its length, not once a byte.
        let long = format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": null, "properties": {{"d": "{}"}}}}]}}"#,
            "x".repeat(20_000)
        );
        let mut finder = Finder::default();
        let mut looks = 0;
        for end in 1..=long.len() {
            if end >= finder.wait_for {
                looks += 1;
            }
            assert!(finder.advance(&long.as_bytes()[..end], 0, &mut skip));
        }
        finder.wait_for = 0;
        assert!(finder.advance(long.as_bytes(), 0, &mut skip));
        assert_eq!(finder.found.len(), 1);
        assert!(looks < 40, "looked {looks} times");
        // So is it when each feature is read as it is found: the bytes
        // the typed reader is handed add up to a few times the feature's.
        let (mut finder, mut handed, mut read) = (Finder::default(), 0, 0);
        let mut element = |rest: &[u8]| {
            handed += rest.len();
            match read_typed_from(0, rest, 4096, ReadOptions::default()) {
                Ok((_, length)) => {
                    read += 1;
                    Element::Read(length)
                }
                Err(Unread::Cut) => Element::Cut,
                Err(Unread::Other) => Element::Refused,
            }
        };
        for end in 1..=long.len() {
            assert!(finder.advance(&long.as_bytes()[..end], 0, &mut element));
        }
        finder.wait_for = 0;
        assert!(finder.advance(long.as_bytes(), 0, &mut element));
        assert_eq!(read, 1);
        assert!(handed < 4 * long.len(), "{handed} bytes handed");
    }
}
