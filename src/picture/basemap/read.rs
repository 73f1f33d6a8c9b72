//! Reading the basemap's polygons from its GeoJSON in one pass over the
//! text: the page reads the 1.3 MB file before it shows the map, and
//! building JSON values for its 155,000 numbers took about ten times as
//! long. Whatever this quick reading does not expect, it leaves to the
//! reading through JSON values, which gives the same polygons.

use geo::Coord;
use serde_json::Value;

/// A polygon's rings (each a list of positions), as written.
type Rings = Vec<Vec<Coord<f64>>>;

/// Every polygon of the (Multi)Polygon geometries of a GeoJSON
/// FeatureCollection's features, in order; `None` when the text is not
/// JSON.
pub(super) fn polygons(text: &str) -> Option<Vec<Rings>> {
    let mut polygons = Vec::new();
    let mut cursor = Cursor::new(text);
    if cursor.collection(&mut polygons).is_some() && cursor.end() {
        return Some(polygons);
    }
    through_values(text)
}

/// [`polygons`] read through JSON values.
fn through_values(text: &str) -> Option<Vec<Rings>> {
    let value: Value = serde_json::from_str(text).ok()?;
    let features = value.get("features").and_then(Value::as_array);
    let mut polygons = Vec::new();
    for geometry in features
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("geometry"))
    {
        let coordinates = geometry.get("coordinates");
        match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => polygons.extend(rings(coordinates)),
            Some("MultiPolygon") => polygons.extend(
                coordinates
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| rings(Some(p))),
            ),
            _ => {}
        }
    }
    Some(polygons)
}

/// A polygon's rings from its coordinates as JSON values: positions that
/// are not two numbers or more are left out.
fn rings(coordinates: Option<&Value>) -> Option<Rings> {
    let rings = coordinates?
        .as_array()?
        .iter()
        .filter_map(Value::as_array)
        .map(|ring| {
            ring.iter()
                .filter_map(Value::as_array)
                .filter_map(|p| {
                    Some(Coord {
                        x: p.first()?.as_f64()?,
                        y: p.get(1)?.as_f64()?,
                    })
                })
                .collect()
        })
        .collect();
    Some(rings)
}

/// A place in the text. Each method reads one thing there and returns
/// `None` at anything it does not expect.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    /// How many arrays and objects the cursor is in: past
    /// [`MAX_DEPTH`] it stops, as serde_json does.
    depth: u32,
}

/// serde_json's limit on nesting.
const MAX_DEPTH: u32 = 128;

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Whether only white space is left.
    fn end(&mut self) -> bool {
        self.space();
        self.at == self.bytes.len()
    }

    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `[item, item, …]`, each read by `item`.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.enter()?;
        if self.eat(b']').is_none() {
            loop {
                item(self)?;
                if self.eat(b']').is_some() {
                    break;
                }
                self.eat(b',')?;
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// `{"key": value, …}`, each value read by `member` given its key.
    /// A key given twice is not expected.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.enter()?;
        if self.eat(b'}').is_none() {
            let mut keys: Vec<&str> = Vec::new();
            loop {
                let key = self.string()?;
                if keys.contains(&key) {
                    return None;
                }
                keys.push(key);
                self.eat(b':')?;
                member(self, key)?;
                if self.eat(b'}').is_some() {
                    break;
                }
                self.eat(b',')?;
            }
        }
        self.depth -= 1;
        Some(())
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A string without escapes or control characters, as it is.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.bytes.get(self.at)? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
        self.at += 1;
        Some(text)
    }

    /// Any value, passed over.
    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(|c, _| c.skip()),
            b'[' => self.list(Cursor::skip),
            b'"' => self.string().map(|_| ()),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            _ => self.number().map(|_| ()),
        }
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| self.at = end)
    }

    /// The collection's features' polygons, added to `polygons`.
    fn collection(&mut self, polygons: &mut Vec<Rings>) -> Option<()> {
        self.object(|c, key| match key {
            "features" => c.list(|c| c.feature(polygons)),
            _ => c.skip(),
        })
    }

    fn feature(&mut self, polygons: &mut Vec<Rings>) -> Option<()> {
        self.object(|c, key| match key {
            "geometry" if c.peek()? == b'n' => c.word("null"),
            "geometry" => c.geometry(polygons),
            _ => c.skip(),
        })
    }

    /// A geometry whose `type` comes before its `coordinates`.
    fn geometry(&mut self, polygons: &mut Vec<Rings>) -> Option<()> {
        let mut kind = None;
        self.object(|c, key| match (key, kind) {
            ("type", _) => {
                kind = Some(c.string()?);
                Some(())
            }
            ("coordinates", Some("Polygon")) => {
                polygons.push(c.polygon()?);
                Some(())
            }
            ("coordinates", Some("MultiPolygon")) => c.list(|c| {
                polygons.push(c.polygon()?);
                Some(())
            }),
            ("coordinates", None) => None,
            _ => c.skip(),
        })
    }

    fn polygon(&mut self) -> Option<Rings> {
        let mut rings = Vec::new();
        self.list(|c| {
            let mut ring = Vec::new();
            c.list(|c| {
                ring.push(c.position()?);
                Some(())
            })?;
            rings.push(ring);
            Some(())
        })?;
        Some(rings)
    }

    /// `[x, y]`, and any more numbers (an altitude), passed over.
    fn position(&mut self) -> Option<Coord<f64>> {
        self.eat(b'[')?;
        let x = self.number()?;
        self.eat(b',')?;
        let y = self.number()?;
        while self.eat(b',').is_some() {
            self.number()?;
        }
        self.eat(b']')?;
        Some(Coord { x, y })
    }

    /// A number, read as Rust reads it: a decimal of at most 15 digits is
    /// divided once by an exact power of ten (so rounded once, exactly);
    /// anything longer, or with an exponent, is read by serde_json (which
    /// reads as Rust does).
    fn number(&mut self) -> Option<f64> {
        self.space();
        let start = self.at;
        let negative = self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        // JSON's: a digit first, and no 0 before another.
        match self.bytes.get(self.at..self.at + 2) {
            Some([b'0', b'0'..=b'9']) => return None,
            _ if !self.bytes.get(self.at)?.is_ascii_digit() => return None,
            _ => {}
        }
        let (mut mantissa, mut digits, mut decimals) = (0u64, 0u32, None::<u32>);
        let mut exponent = false;
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'0'..=b'9' => {
                    mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                    digits += 1;
                    decimals = decimals.map(|d| d + 1);
                }
                b'.' if decimals.is_none() && !exponent => decimals = Some(0),
                b'e' | b'E' | b'+' | b'-' => exponent = true,
                _ => break,
            }
            self.at += 1;
        }
        if digits == 0 || decimals == Some(0) {
            return None;
        }
        if digits > 15 || exponent {
            let text = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
            // serde_json's reading, not `str::parse`: the page has it
            // already, and the standard library's adds 20 KB of tables.
            return serde_json::from_str(text)
                .ok()
                .filter(|x: &f64| x.is_finite());
        }
        let x = mantissa as f64 / POWERS_OF_TEN[decimals.unwrap_or(0) as usize];
        Some(if negative { -x } else { x })
    }
}

/// 10⁰ to 10¹⁵, each exactly a double.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<f64> {
        let mut cursor = Cursor::new(text);
        cursor.number().filter(|_| cursor.end())
    }

    /// The polygons as [x, y] lists.
    fn plain(polygons: &[Rings]) -> Vec<Vec<Vec<[f64; 2]>>> {
        polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| r.iter().map(|c| [c.x, c.y]).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn numbers_are_read_as_rust_reads_them() {
        for text in [
            "0",
            "-0",
            "1",
            "-1",
            "117.705",
            "-9.486",
            "0.1",
            "0.3",
            "179.999999",
            "-89.9999",
            "123456789012345",
            "1.23456789012345",
            "0.000000000000001",
            "12345.6789012345678",
            "1e3",
            "-2.5E-3",
            "1.7976931348623157e308",
            "4.9e-324",
            "100.000",
        ] {
            let want: f64 = text.parse().unwrap();
            assert_eq!(
                number(text).map(f64::to_bits),
                Some(want.to_bits()),
                "{text}"
            );
        }
        for text in [
            "", "-", "x", "1.", ".", "1e999", "01", "-01", ".5", "-.5", "1e", "1-2",
        ] {
            assert_eq!(number(text), None, "{text:?}");
        }
    }

    const SAMPLE: &str = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "A-1 \"quoted\"", "n": [1, true, null]}, "geometry": {"type": "Polygon",
        "coordinates": [[[0, 0], [10.5, 0], [10.5, -10.25], [0, 0]], [[1, 1], [2, 1]]]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon",
        "coordinates": [[[[1e1, 2], [3, 4, 99], [5, 6], [1e1, 2]]], [[[7, 8], [9, 10], [11, 12]]]]}},
      {"type": "Feature", "properties": {}, "geometry": null},
      {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}
    ]}"#;

    #[test]
    fn polygons_are_read_in_one_pass() {
        let mut quick = Vec::new();
        // The escaped quotes of a name are passed over by the values.
        let unescaped = SAMPLE.replace(r#"\"quoted\""#, "quoted");
        let mut cursor = Cursor::new(&unescaped);
        assert!(cursor.collection(&mut quick).is_some() && cursor.end());
        assert_eq!(
            plain(&quick),
            vec![
                vec![
                    vec![[0.0, 0.0], [10.5, 0.0], [10.5, -10.25], [0.0, 0.0]],
                    vec![[1.0, 1.0], [2.0, 1.0]]
                ],
                // An altitude is passed over.
                vec![vec![[10.0, 2.0], [3.0, 4.0], [5.0, 6.0], [10.0, 2.0]]],
                vec![vec![[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]],
            ]
        );
        assert_eq!(plain(&polygons(&unescaped).unwrap()), plain(&quick));
        // Read through JSON values, the same polygons.
        assert_eq!(plain(&through_values(&unescaped).unwrap()), plain(&quick));
        // Escapes, which the quick reading leaves to the values.
        assert_eq!(plain(&polygons(SAMPLE).unwrap()), plain(&quick));
    }

    #[test]
    fn what_the_quick_reading_does_not_expect_is_read_through_values() {
        // Coordinates before the type; a position that is not numbers (left
        // out, the rest of its ring kept).
        let text = r#"{"features": [{"geometry": {"coordinates": [[[0, 0], [1, 0], [1, 1]]], "type": "Polygon"}},
          {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], ["bad", 0], [1, 1], [2, 0]]]}}]}"#;
        assert!(Cursor::new(text).collection(&mut Vec::new()).is_none());
        assert_eq!(
            plain(&polygons(text).unwrap()),
            vec![
                vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]],
                vec![vec![[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]],
            ]
        );
        assert!(polygons("not json").is_none());
        assert!(polygons(r#"{"features": [}"#).is_none());
        // What serde_json refuses, the quick reading refuses too.
        assert!(polygons(r#"{"features": [], "n": 01}"#).is_none());
        assert!(polygons("{\"features\": [], \"name\": \"a\tb\"}").is_none());
        let deep = format!(
            "{{\"features\": [], \"deep\": {}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(Cursor::new(&deep).collection(&mut Vec::new()).is_none());
        assert!(polygons(&deep).is_none(), "serde_json stops at 128 levels");
        let fine = format!(
            "{{\"features\": [], \"deep\": {}{}}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(polygons(&fine).is_some());
    }

    #[test]
    fn the_bundled_basemap_reads_alike_both_ways() {
        let text = std::fs::read_to_string("assets/generated/basemap.geojson")
            .expect("run `make test`: it builds the basemap");
        let mut quick = Vec::new();
        let mut cursor = Cursor::new(&text);
        assert!(
            cursor.collection(&mut quick).is_some() && cursor.end(),
            "the quick reading reads the whole basemap"
        );
        assert!(quick.len() > 100, "{} polygons", quick.len());
        let slow = through_values(&text).expect("the basemap is JSON");
        assert_eq!(quick.len(), slow.len());
        for (a, b) in quick.iter().zip(&slow) {
            assert_eq!(a, b);
        }
    }
}
