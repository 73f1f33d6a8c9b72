//! Synthetic data for benchmarks: a year of dated events, movements,
//! areas and a few places in the data format, with properties of the size
//! real reports have. The same seed always gives the same file.
//!
//! The data is made up and says so: every feature's name, description and
//! source title begin with "Synthetic", and its sources point nowhere real.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::time::Day;

/// A small, fast, seedable generator (SplitMix64); the same seed gives the
/// same sequence on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number around 0 with a spread of about 1 (the sum of three
    /// uniform numbers, centred).
    fn spread(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Where the synthetic reports cluster: longitude, latitude, spread in
/// degrees, and the name used in their text.
const REGIONS: [(f64, f64, f64, &str); 6] = [
    (37.8, 48.0, 1.6, "the eastern front"),
    (35.2, 51.5, 0.9, "the Kursk border area"),
    (32.0, 46.7, 1.2, "the southern front"),
    (131.9, 43.1, 1.5, "the Russian Far East"),
    (127.5, 40.0, 1.3, "the Korean peninsula"),
    (30.5, 50.4, 0.7, "the capital region"),
];

const CONFIDENCE: [&str; 5] = ["confirmed", "reported", "claimed", "denied", "inferred"];
const PUBLISHERS: [&str; 6] = [
    "Synthetic Wire",
    "Example Monitor",
    "Test Gazette",
    "Sample Observer",
    "Placeholder Daily",
    "Demo Institute",
];
const MODES: [&str; 4] = ["sea", "air", "rail", "road"];
const ACTIONS: [&str; 6] = [
    "troop movement reported",
    "artillery activity reported",
    "unit rotation observed",
    "supply convoy sighted",
    "position claimed",
    "training activity observed",
];

/// Writes a FeatureCollection of `count` synthetic features, made from
/// `seed`, to `out`: about 80 % events (points), 12 % routes (lines), 6 %
/// areas (polygons) and 2 % places, dated over 2024.
pub fn write(count: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    write!(
        out,
        "{{\"type\":\"FeatureCollection\",\"name\":\"Synthetic data, {count} features, seed {seed}\",\"features\":["
    )?;
    for n in 0..count {
        if n > 0 {
            out.write_all(b",\n")?;
        } else {
            out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut *out, &feature(&mut rng, n))?;
    }
    out.write_all(b"\n]}\n")
}

/// The whole collection as text.
pub fn collection(count: usize, seed: u64) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(count, seed, &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Writes a FeatureCollection of synthetic sightings, made from `seed`,
/// to `out`: `units` units on two sides, each seen at up to `sightings`
/// snapshots spread over 2024 (nine in ten of them), moving a little from
/// one to the next. Each is a Point with `unit`, `side`, `date`,
/// `confidence` and a source; every name begins with "Synthetic". With
/// `symbols`, each also has a MIL-STD-2525C code (`sidc`), the same for a
/// unit throughout; the rest of the file is as without.
pub fn write_sightings(
    units: usize,
    sightings: usize,
    symbols: bool,
    seed: u64,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    write!(
        out,
        "{{\"type\":\"FeatureCollection\",\"name\":\"Synthetic sightings, {units} units, {sightings} snapshots, seed {seed}\",\"features\":["
    )?;
    let first = Day::from_ymd(2024, 1, 1).map_or(19_723, |d| d.0);
    let mut at: Vec<[f64; 2]> = (0..units)
        .map(|u| near(&mut rng, &REGIONS[u % 3]))
        .collect();
    let mut written = 0usize;
    for snapshot in 0..sightings {
        let day = Day(first + (snapshot * 366 / sightings.max(1)) as i32);
        for (u, place) in at.iter_mut().enumerate() {
            place[0] = round(place[0] + rng.spread() * 0.05);
            place[1] = round(place[1] + rng.spread() * 0.035);
            if rng.below(10) == 0 {
                continue;
            }
            out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            let mut sighting = json!({
                "type": "Feature",
                "id": format!("sighting:{snapshot}:{u}"),
                "geometry": {"type": "Point", "coordinates": *place},
                "properties": {
                    "unit": format!("Synthetic unit {u}"),
                    "side": if u % 2 == 0 { "side A" } else { "side B" },
                    "date": day.to_string(),
                    "confidence": *rng.pick(&CONFIDENCE[..3]),
                    "sources": [{"title": format!("Synthetic snapshot {snapshot}"),
                                 "publisher": *rng.pick(&PUBLISHERS)}],
                },
            });
            if symbols {
                sighting["properties"]["sidc"] = symbol_code(u).into();
            }
            serde_json::to_writer(&mut *out, &sighting)?;
            written += 1;
        }
    }
    out.write_all(b"\n]}\n")
}

/// Unit `u`'s symbol code: side A friend, side B hostile (as a file's
/// publisher would write them); infantry, armour, artillery or
/// reconnaissance; a battalion, regiment or brigade.
fn symbol_code(u: usize) -> String {
    let identity = if u % 2 == 0 { 'F' } else { 'H' };
    let function = ["UCI---", "UCA---", "UCF---", "UCR---"][(u / 2) % 4];
    let echelon = ['F', 'G', 'H'][(u / 8) % 3];
    format!("S{identity}GP{function}-{echelon}---")
}

fn round(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn near(rng: &mut Rng, region: &(f64, f64, f64, &str)) -> [f64; 2] {
    let (lon, lat, spread, _) = *region;
    [
        round(lon + rng.spread() * spread),
        round((lat + rng.spread() * spread * 0.7).clamp(-85.0, 85.0)),
    ]
}

/// One feature, number `n`.
fn feature(rng: &mut Rng, n: usize) -> Value {
    let roll = rng.below(100);
    let kind = match roll {
        0..=79 => "event",
        80..=91 => "route",
        92..=97 => "area",
        _ => "place",
    };
    let region = *rng.pick(&REGIONS);
    let first = Day::from_ymd(2024, 1, 1).map_or(19_723, |d| d.0);
    let start = Day(first + rng.below(366) as i32);
    // Most events last a day; movements days; areas weeks; places all year.
    let days = match kind {
        "event" if rng.below(10) < 6 => 0,
        "event" if rng.below(4) < 3 => rng.below(14),
        "event" => 14 + rng.below(76),
        "route" => 1 + rng.below(9),
        "area" => 7 + rng.below(113),
        _ => 0,
    };
    let end = Day(start.0 + days as i32);
    let confidence = *rng.pick(&CONFIDENCE);
    let action = *rng.pick(&ACTIONS);
    let geometry = match kind {
        "route" => {
            let from = near(rng, &region);
            let to = near(rng, &region);
            let steps = 2 + rng.below(4) as usize;
            let line: Vec<[f64; 2]> = (0..=steps)
                .map(|i| {
                    let f = i as f64 / steps as f64;
                    let wobble = if i == 0 || i == steps {
                        0.0
                    } else {
                        rng.spread() * 0.1
                    };
                    [
                        round(from[0] + (to[0] - from[0]) * f + wobble),
                        round(from[1] + (to[1] - from[1]) * f + wobble),
                    ]
                })
                .collect();
            json!({"type": "LineString", "coordinates": line})
        }
        "area" => {
            let centre = near(rng, &region);
            let radius = 0.05 + rng.unit() * 0.25;
            let mut ring: Vec<[f64; 2]> = (0..8)
                .map(|i| {
                    let angle = i as f64 * std::f64::consts::PI / 4.0;
                    let r = radius * (0.7 + rng.unit() * 0.3);
                    [
                        round(centre[0] + r * angle.cos() * 1.4),
                        round(centre[1] + r * angle.sin()),
                    ]
                })
                .collect();
            ring.push(ring[0]);
            json!({"type": "Polygon", "coordinates": [ring]})
        }
        _ => json!({"type": "Point", "coordinates": near(rng, &region)}),
    };
    let (map_kind, id_kind) = match kind {
        "area" => ("event", "area"),
        other => (other, other),
    };
    let publisher = *rng.pick(&PUBLISHERS);
    let reported = Day(end.0 + rng.below(4) as i32);
    let mut properties = json!({
        "name": format!("Synthetic {id_kind} {n}"),
        "kind": map_kind,
        "confidence": confidence,
        "description": if kind == "place" {
            format!(
                "Synthetic place for benchmarks in {}. Not a real place; \
                 its position is generated.",
                region.3
            )
        } else {
            format!(
                "Synthetic record for benchmarks: {action} in {}, from {start} to {end}. \
                 Not a real report; the figures and places are generated.",
                region.3
            )
        },
        "sources": [{
            "title": format!("Synthetic report {n}: {action}"),
            "publisher": publisher,
            "url": format!("https://example.org/synthetic/{n}"),
            "date": reported.to_string(),
        }],
    });
    if let Some(p) = properties.as_object_mut() {
        if kind == "place" {
            let precision = match rng.below(20) {
                0..=7 => "city",
                8..=13 => "town",
                14..=15 => "exact",
                16..=18 => "approximate",
                _ => "area",
            };
            p.insert("precision".into(), json!(precision));
        } else {
            p.insert("start".into(), json!(start.to_string()));
            p.insert("end".into(), json!(end.to_string()));
            p.insert("reported".into(), json!(reported.to_string()));
        }
        if kind == "route" {
            p.insert("mode".into(), json!(*rng.pick(&MODES)));
        }
        if rng.below(4) == 0 {
            p.insert("troops".into(), json!(100 * (1 + rng.below(120))));
        }
    }
    json!({
        "type": "Feature",
        "id": format!("synthetic:{id_kind}:{n}"),
        "geometry": geometry,
        "properties": properties,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::read::read_collection;

    #[test]
    fn the_same_seed_gives_the_same_file_and_another_seed_another() {
        assert_eq!(collection(50, 7), collection(50, 7));
        assert_ne!(collection(50, 7), collection(50, 8));
    }

    #[test]
    fn the_file_reads_without_error_with_every_kind_and_dates_over_the_year() {
        let text = collection(2000, 1);
        let data = read_collection("synth.geojson", &text).expect("synthetic data reads");
        assert_eq!(data.features.len(), 2000);
        let kinds: std::collections::BTreeSet<_> =
            data.features.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            ["event", "place", "route"]
        );
        let polygons = data
            .features
            .iter()
            .filter(|f| matches!(f.geometry, Some(geo::Geometry::Polygon(_))))
            .count();
        assert!(polygons > 50, "{polygons} polygons in 2000 features");
        let index = crate::TimeIndex::of(&data.features);
        let (first, last) = index.date_range().expect("dated");
        assert_eq!(first.to_string(), "2024-01-01");
        assert!(last.to_string().as_str() > "2024-12-31", "{last}");
        assert!(
            data.warnings.is_empty(),
            "{:?}",
            data.warnings.first().map(ToString::to_string)
        );
    }

    #[test]
    fn features_have_a_typical_size() {
        let text = collection(1000, 3);
        let per_feature = text.len() / 1000;
        assert!((350..900).contains(&per_feature), "{per_feature} bytes");
    }
}
