//! Finding the parts of a collection in a text that is still arriving,
//! for [`super::stream::Streaming`].

use std::ops::Range;

use crate::geojson::scan::{skip_string, skip_value, skip_ws};

/// Finds the parts of a collection in a text that is still arriving: its
/// members, and the elements of its `features`, as
/// [`crate::geojson::scan::scan`] finds them in a whole text (the tests
/// hold both to the same parts). Anything `scan` would not split, or an
/// element that is not an object, gives up.
///
/// Each element is handed, with the text after it, to whoever reads it
/// (see [`Element`]), which says where it ends: the text is gone over
/// once.
#[derive(Debug, Default)]
pub(super) struct Finder {
    pub(super) phase: Phase,
    /// Where to go on from.
    pub(super) at: usize,
    /// The text is looked at again only once it is this long: a value
    /// cut short is scanned again only after as many bytes again came, so
    /// that scanning stays linear however the bytes are cut.
    pub(super) wait_for: usize,
    /// Each member: its key (with the quotes) and its value.
    pub(super) members: Vec<(Range<usize>, Range<usize>)>,
    /// Whether `features` was found.
    pub(super) features: bool,
    pub(super) found: Vec<Range<usize>>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Before the collection's `{`.
    #[default]
    Start,
    /// After the `{`: a member or the end.
    Open,
    /// After a `,`: a member.
    Member,
    /// After a member: a `,` or the end.
    AfterMember,
    /// After the `[` of `features`: an element or its end.
    Features,
    /// After a `,` in `features`: an element.
    Feature,
    /// After an element: a `,` or the end of `features`.
    AfterFeature,
    /// After the collection's `}`: white space only.
    Done,
}

/// What became of an element of `features`, handed over with the text
/// after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Element {
    /// Read: this many bytes long.
    Read(usize),
    /// Cut short: looked at again once more bytes came.
    Cut,
    /// Not read now: looked at again the next time.
    Later,
    /// Not what a plain collection has: the finder gives up.
    Refused,
}

/// Finds an element's end and reads nothing: what the finder alone does.
pub(super) fn skip(rest: &[u8]) -> Element {
    skip_value(rest, 0).map_or(Element::Cut, Element::Read)
}

impl Finder {
    /// Goes on over `bytes`, the text so far from `base` on (what is
    /// before was gone over), handing each element of `features` to
    /// `element`; `false` when the text is not plainly a collection of
    /// objects. Indices below are into `bytes`; what is kept is into the
    /// whole text.
    pub(super) fn advance(
        &mut self,
        bytes: &[u8],
        base: usize,
        element: &mut dyn FnMut(&[u8]) -> Element,
    ) -> bool {
        if base + bytes.len() < self.wait_for {
            return true;
        }
        loop {
            let i = skip_ws(bytes, self.at - base);
            let Some(&byte) = bytes.get(i) else {
                return true;
            };
            match (self.phase, byte) {
                (Phase::Start, b'{') => self.to(Phase::Open, base + i + 1),
                (Phase::Open | Phase::AfterMember, b'}') => self.to(Phase::Done, base + i + 1),
                (Phase::AfterMember, b',') => self.to(Phase::Member, base + i + 1),
                (Phase::Open | Phase::Member, b'"') => {
                    let Some(key_end) = skip_string(bytes, i) else {
                        return self.wait(bytes, base, i);
                    };
                    let colon = skip_ws(bytes, key_end);
                    let value = skip_ws(bytes, colon + 1);
                    if value >= bytes.len() {
                        return self.wait(bytes, base, i);
                    }
                    if bytes[colon] != b':' {
                        return false;
                    }
                    if &bytes[i..key_end] == b"\"features\"" && bytes[value] == b'[' {
                        if self.features {
                            return false;
                        }
                        self.features = true;
                        // Its end is set at its `]`.
                        let (key, value) = (base + i..base + key_end, base + value);
                        self.members.push((key, value..value));
                        self.to(Phase::Features, value + 1);
                        continue;
                    }
                    // A value that runs to the end of the text so far may
                    // go on (a number cut short).
                    match skip_value(bytes, value) {
                        Some(end) if end < bytes.len() => {
                            let key = base + i..base + key_end;
                            self.members.push((key, base + value..base + end));
                            self.to(Phase::AfterMember, base + end);
                        }
                        _ => return self.wait(bytes, base, i),
                    }
                }
                (Phase::Features | Phase::AfterFeature, b']') => {
                    if let Some((_, array)) = self.members.last_mut() {
                        array.end = base + i + 1;
                    }
                    self.to(Phase::AfterMember, base + i + 1);
                }
                (Phase::AfterFeature, b',') => self.to(Phase::Feature, base + i + 1),
                (Phase::Features | Phase::Feature, b'{') => match element(&bytes[i..]) {
                    Element::Read(length) => {
                        let end = i + length;
                        self.found.push(base + i..base + end);
                        self.to(Phase::AfterFeature, base + end);
                    }
                    Element::Cut => return self.wait(bytes, base, i),
                    Element::Later => return true,
                    Element::Refused => return false,
                },
                _ => return false,
            }
        }
    }

    fn to(&mut self, phase: Phase, at: usize) {
        self.phase = phase;
        self.at = at;
    }

    /// The part from `from` is cut short: looked at again once as many
    /// bytes again came.
    fn wait(&mut self, bytes: &[u8], base: usize, from: usize) -> bool {
        self.at = base + from;
        self.wait_for = base + bytes.len() + (bytes.len() - from);
        true
    }
}
