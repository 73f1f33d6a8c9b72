//! The bundled routes cross only countries the sources name: Russia and North
//! Korea (South Korea, Ukraine and the open sea are allowed too). A route
//! drawn straight across China or Mongolia would tell a story no source told.
//!
//! Borders are Natural Earth's 1:10m admin-0 countries from the npm package
//! `world-atlas` (`npm ci`). Each segment is sampled every ~2 km as Leaflet
//! draws it — straight in Web Mercator — and every sample inside a country
//! not allowed counts towards the kilometres of the route in that country.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use geo::{BoundingRect, Contains, Coord, Distance, Haversine, LineString, Point, Polygon, Rect};
use troopmap::native::topo::Topology;

const DATA: &str = "assets/data/nk-deployment-2024.geojson";
const COUNTRIES: &str = "node_modules/world-atlas/countries-10m.json";

/// The countries the sources name, Russia and North Korea, and the two the
/// story may touch besides: South Korea and Ukraine.
const ALLOWED: [&str; 4] = ["Russia", "North Korea", "South Korea", "Ukraine"];

/// At most this far between samples, in kilometres.
const STEP_KM: f64 = 2.0;

/// A country's polygons, each with its bounding box to skip it quickly.
struct Country {
    name: String,
    parts: Vec<(Rect<f64>, Polygon<f64>)>,
}

/// Every Natural Earth country the routes may not cross.
fn foreign_countries() -> Vec<Country> {
    let text = std::fs::read_to_string(COUNTRIES).unwrap_or_else(|e| {
        panic!(
            "{COUNTRIES}: {e}: the borders come from the npm package world-atlas; \
             run `npm ci --no-audit --no-fund` (or `make tools`) in the repository"
        )
    });
    let topology =
        Topology::parse(&text).unwrap_or_else(|e| panic!("{COUNTRIES} is not a topology: {e}"));
    let shapes = topology
        .polygons("countries")
        .unwrap_or_else(|e| panic!("{COUNTRIES}: {e}"));
    // A renamed country would otherwise be counted as foreign, or a typo
    // here allow nothing: every allowed name must be in the file.
    for allowed in ALLOWED {
        assert!(
            shapes.iter().any(|(n, _)| n.as_deref() == Some(allowed)),
            "{COUNTRIES} has no country named {allowed:?}"
        );
    }
    shapes
        .into_iter()
        .filter_map(|(name, shape)| {
            let name = name.unwrap_or_else(|| "a country without a name".to_owned());
            if ALLOWED.contains(&name.as_str()) {
                return None;
            }
            let parts = shape
                .0
                .into_iter()
                .filter_map(|p| Some((p.bounding_rect()?, p)))
                .collect();
            Some(Country { name, parts })
        })
        .collect()
}

/// Every drawn route in the data file: its id and its lines.
fn routes() -> Vec<(String, Vec<LineString<f64>>)> {
    let text = std::fs::read_to_string(DATA).unwrap_or_else(|e| panic!("{DATA}: {e}"));
    let data: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{DATA} is not JSON: {e}"));
    let features = data["features"]
        .as_array()
        .unwrap_or_else(|| panic!("{DATA} has no features array"));
    let line = |coords: &serde_json::Value| -> LineString<f64> {
        coords
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| match (c[0].as_f64(), c[1].as_f64()) {
                (Some(x), Some(y)) => Coord { x, y },
                _ => panic!("{DATA}: a route position is not [lon, lat]: {c}"),
            })
            .collect()
    };
    features
        .iter()
        .filter(|f| f["properties"]["kind"] == "route")
        .filter_map(|f| {
            let id = f["id"]
                .as_str()
                .unwrap_or("a route without an id")
                .to_owned();
            let geometry = &f["geometry"];
            let lines = match geometry["type"].as_str()? {
                "LineString" => vec![line(&geometry["coordinates"])],
                "MultiLineString" => geometry["coordinates"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(line)
                    .collect(),
                _ => return None,
            };
            Some((id, lines))
        })
        .collect()
}

/// Web Mercator's y for a latitude, in radians.
fn mercator_y(lat: f64) -> f64 {
    (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0)
        .tan()
        .ln()
}

fn mercator_lat(y: f64) -> f64 {
    (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees()
}

/// Samples along a line as Leaflet draws it — each segment straight between
/// its ends projected to Web Mercator — each with the kilometres it stands
/// for: the midpoints of pieces at most [`STEP_KM`] long.
fn samples(line: &LineString<f64>) -> Vec<(Point<f64>, f64)> {
    let mut out = Vec::new();
    for segment in line.lines() {
        let (a, b) = (segment.start, segment.end);
        let (ya, yb) = (mercator_y(a.y), mercator_y(b.y));
        let at = |t: f64| Point::new(a.x + (b.x - a.x) * t, mercator_lat(ya + (yb - ya) * t));
        // The drawn line (a rhumb line) is a little longer than the great
        // circle: a tenth more pieces keeps each within STEP_KM.
        let km = Haversine.distance(Point::from(a), Point::from(b)) / 1000.0;
        let n = (1.1 * km / STEP_KM).ceil().max(1.0) as usize;
        for i in 0..n {
            let (t0, t1) = (i as f64 / n as f64, (i + 1) as f64 / n as f64);
            let weight = Haversine.distance(at(t0), at(t1)) / 1000.0;
            out.push((at((t0 + t1) / 2.0), weight));
        }
    }
    out
}

/// Kilometres of the lines inside each foreign country, by name.
fn crossings(lines: &[LineString<f64>], countries: &[Country]) -> BTreeMap<String, f64> {
    let mut km = BTreeMap::new();
    for (point, weight) in lines.iter().flat_map(samples) {
        let inside = countries.iter().find(|country| {
            country
                .parts
                .iter()
                .any(|(rect, polygon)| rect.contains(&point) && polygon.contains(&point))
        });
        if let Some(country) = inside {
            *km.entry(country.name.clone()).or_insert(0.0) += weight;
        }
    }
    km
}

fn describe(km: &BTreeMap<String, f64>) -> String {
    km.iter()
        .map(|(name, km)| format!("{name} for {km:.0} km"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn no_route_crosses_a_country_the_sources_do_not_name() {
    let countries = foreign_countries();
    let routes = routes();
    assert!(!routes.is_empty(), "{DATA} has no drawn route");
    let mut failures = Vec::new();
    for (id, lines) in &routes {
        let km = crossings(lines, &countries);
        if !km.is_empty() {
            failures.push(format!("{id} crosses {}", describe(&km)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} routes cross countries the sources do not name \
         (allowed: {ALLOWED:?} and the sea):\n  {}",
        failures.len(),
        routes.len(),
        failures.join("\n  ")
    );
}

#[test]
fn the_border_check_finds_a_line_cut_across_china() {
    // Guards the test above: Vladivostok to Blagoveshchensk in a straight
    // line runs through Manchuria, and must be caught.
    let countries = foreign_countries();
    let straight = LineString::from(vec![(131.885, 43.115), (127.533, 50.25)]);
    let km = crossings(&[straight], &countries);
    let china = km.get("China").copied().unwrap_or(0.0);
    assert!(
        km.len() == 1 && (300.0..1_000.0).contains(&china),
        "the straight line should cross hundreds of km of China and nothing \
         else foreign, found {}",
        describe(&km)
    );
}

#[test]
fn the_border_check_finds_a_short_cut_and_allows_the_named_countries() {
    // From North Korea over the Tumen to Russia's Khasan district, across
    // China's strip to the river mouth (~10 km of it): the samples are close
    // enough to find it, and North Korea and Russia are not counted.
    let countries = foreign_countries();
    let short = LineString::from(vec![(130.3, 42.55), (130.9, 42.62)]);
    let km = crossings(&[short], &countries);
    let china = km.get("China").copied().unwrap_or(0.0);
    assert!(
        km.len() == 1 && (5.0..20.0).contains(&china),
        "expected ~10 km of China and nothing else foreign, found {}",
        describe(&km)
    );
}
