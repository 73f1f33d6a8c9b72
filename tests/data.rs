//! The bundled data: it loads, every feature is dated, graded and sourced,
//! and the schematic sea track stays at sea.
#![cfg(not(target_arch = "wasm32"))]

use troopmap::geometry::land_crossings;
use troopmap::topo::Topology;
use troopmap::{read_collection, Confidence, Dataset, Day, Kind, TimeIndex};

const DATA: &str = "assets/data/nk-deployment-2024.geojson";
const LAND: &str = "node_modules/world-atlas/land-10m.json";

fn data() -> Dataset {
    let text = std::fs::read_to_string(DATA).expect("the bundled data file exists");
    match read_collection(DATA, &text) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    }
}

/// Natural Earth 10 m land, as one multipolygon.
fn land() -> geo::MultiPolygon<f64> {
    let text = std::fs::read_to_string(LAND)
        .unwrap_or_else(|e| panic!("{LAND}: {e} (run `npm ci`, or `make test`)"));
    let topology = Topology::parse(&text).expect("world-atlas land-10m is a topology");
    let shapes = topology.polygons("land").expect("a land object");
    geo::MultiPolygon::new(shapes.into_iter().flat_map(|(_, m)| m.0).collect())
}

fn day(s: &str) -> Day {
    Day::parse(s).expect("a valid date")
}

#[test]
fn every_feature_has_an_id_a_confidence_and_a_source() {
    for (i, feature) in data().features.iter().enumerate() {
        let id = feature.id.as_ref().map(ToString::to_string);
        assert!(
            id.as_deref().is_some_and(|id| id.contains(':')),
            "feature {i} has no meaningful id: {id:?}"
        );
        assert!(feature.confidence.is_some(), "{id:?} has no confidence");
        assert!(feature.geometry.is_some(), "{id:?} has no geometry");
        let linked = feature.sources.iter().any(|s| s.link().is_some());
        assert!(linked, "{id:?} has no source with an http(s) link");
        if let (Some(first), Some(last)) = (feature.span.first_day(), feature.span.last_day()) {
            assert!(first <= last, "{id:?} ends before it starts");
        }
    }
}

#[test]
fn ids_are_unique() {
    let data = data();
    let mut ids: Vec<String> = data
        .features
        .iter()
        .filter_map(|f| f.id.as_ref())
        .map(ToString::to_string)
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count);
}

#[test]
fn the_starter_story_is_there() {
    let data = data();
    let find = |id: &str| {
        data.features
            .iter()
            .find(|f| f.id.as_ref().is_some_and(|i| i.to_string() == id))
            .unwrap_or_else(|| panic!("{id} is missing"))
    };
    for place in [
        "place:vladivostok",
        "place:sergeevka-training-ground",
        "place:chongjin",
        "place:hamhung",
        "place:musudan",
    ] {
        assert_eq!(find(place).kind, Kind::Place, "{place}");
    }
    let sea = find("route:sea-wave1");
    assert_eq!(sea.kind, Kind::Route);
    assert_eq!(
        (sea.span.first_day(), sea.span.last_day()),
        (Some(day("2024-10-08")), Some(day("2024-10-13")))
    );
    // The track is drawn by the map maker; the voyage itself is confirmed.
    assert_eq!(sea.confidence, Some(Confidence::Inferred));
    let voyage = sea.raw["properties"]["voyage_confidence"].as_str();
    assert_eq!(voyage, Some("confirmed"));
    let nis = find("event:2024-10-18-nis-confirms");
    assert_eq!(nis.confidence, Some(Confidence::Confirmed));
    assert_eq!(nis.span.first_day(), Some(day("2024-10-18")));
    assert_eq!(
        find("event:2024-11-01-expected-deployment")
            .span
            .first_day(),
        Some(day("2024-11-01"))
    );
}

#[test]
fn places_sit_on_the_reference_coordinates() {
    // (id, longitude, latitude) from the reference sheet's places table.
    let sheet = [
        ("place:vladivostok", 131.885, 43.115),
        ("place:sergeevka-training-ground", 131.668647, 44.326859),
        ("place:chongjin", 129.767, 41.783),
        ("place:hamhung", 127.533, 39.917),
        ("place:musudan", 129.686, 40.858),
    ];
    let data = data();
    for (id, lon, lat) in sheet {
        let feature = data
            .features
            .iter()
            .find(|f| f.id.as_ref().is_some_and(|i| i.to_string() == id));
        let Some(geo::Geometry::Point(p)) = feature.and_then(|f| f.geometry.clone()) else {
            panic!("{id} is not a point");
        };
        assert!(
            (p.x() - lon).abs() < 0.01 && (p.y() - lat).abs() < 0.01,
            "{id} is at {:?}",
            p.0
        );
    }
}

#[test]
fn the_slider_range_covers_the_story() {
    let index = TimeIndex::of(&data().features);
    let (first, last) = index.date_range().expect("the data is dated");
    assert!(
        first <= day("2024-10-07"),
        "the slider must reach a day before the sea transfer"
    );
    assert!(last >= day("2024-11-01"));
}

#[test]
fn sea_tracks_stay_at_sea() {
    let land = land();
    let data = data();
    let tracks: Vec<_> = data
        .features
        .iter()
        .filter(|f| f.kind == Kind::Route && f.raw["properties"]["mode"] == "sea")
        .collect();
    assert!(!tracks.is_empty(), "no sea track in the data");
    for track in tracks {
        let Some(geo::Geometry::LineString(line)) = &track.geometry else {
            panic!("{:?} is not a line", track.id);
        };
        let crossings = land_crossings(line, &land, 5_000.0);
        assert!(
            crossings.is_empty(),
            "{:?} crosses land at {crossings:?}",
            track.id
        );
    }
}

#[test]
fn the_land_check_finds_a_track_cut_across_korea() {
    // Guards the test above: a straight line from the Yellow Sea to the Sea
    // of Japan must be caught.
    let land = land();
    let across = geo::LineString::from(vec![(124.0, 39.0), (129.0, 39.5)]);
    assert!(!land_crossings(&across, &land, 5_000.0).is_empty());
}
