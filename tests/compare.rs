//! What changed between two dates (`Scene::compare`, the changes export and
//! `troopmap diff`), checked against the time rule and the unit rule worked
//! out here feature by feature, and against distances worked out here.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use serde_json::Value;
use troopmap::geojson::changes::export_changes;
use troopmap::scene::compare::{Comparison, Kind};
use troopmap::scene::play::noon;
use troopmap::scene::selection::{Replay, Selection};
use troopmap::scene::Scene;
use troopmap::space::sightings::{UnitRule, Units};
use troopmap::{read_collection, Day};

const STORY: &str = "assets/data/nk-deployment-2024.geojson";

fn day(s: &str) -> Day {
    Day::parse(s).expect("a day")
}

fn story() -> Scene {
    let text = std::fs::read_to_string(STORY).expect("the bundled story");
    Scene::new(
        read_collection("story", &text).expect("the story reads"),
        Selection::default(),
    )
}

fn name(scene: &Scene, index: usize) -> String {
    scene.data().features[index]
        .properties()
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The features each date shows by the time rule, feature by feature.
fn on(scene: &Scene, d: Day) -> Vec<usize> {
    (0..scene.data().features.len())
        .filter(|&i| scene.data().features[i].span.contains(d))
        .collect()
}

#[test]
fn the_story_from_october_7_to_20_by_the_time_rule() {
    let scene = story();
    let (a, b) = (day("2024-10-07"), day("2024-10-20"));
    let c = scene.compare(a, b);
    let (on_a, on_b) = (on(&scene, a), on(&scene, b));
    let appeared: Vec<usize> = on_b.iter().copied().filter(|i| !on_a.contains(i)).collect();
    let gone: Vec<usize> = on_a.iter().copied().filter(|i| !on_b.contains(i)).collect();
    let unchanged: Vec<usize> = on_a.iter().copied().filter(|i| on_b.contains(i)).collect();
    assert_eq!(c.appeared, appeared);
    assert_eq!(c.gone, gone);
    assert_eq!(c.unchanged, unchanged);
    // In between: on some day after A and before B, on neither.
    let between: Vec<usize> = (0..scene.data().features.len())
        .filter(|i| !on_a.contains(i) && !on_b.contains(i))
        .filter(|&i| (a.0 + 1..b.0).any(|d| scene.data().features[i].span.contains(Day(d))))
        .collect();
    assert_eq!(c.between, between);
    assert!(!c.between.is_empty() && !c.appeared.is_empty());
    // What a reader checks by name: NIS's confirmation of October 18
    // appeared; the first sea transfer (October 8–13) came and went.
    let names = |list: &[usize]| list.iter().map(|&i| name(&scene, i)).collect::<Vec<_>>();
    assert!(names(&c.appeared)
        .iter()
        .any(|n| n.starts_with("NIS: about 1,500 North Korean special forces arrived")));
    let between_names = names(&c.between);
    for route in ["Chongjin", "Hamhung", "Musudan"] {
        let wanted = format!("First sea transfer: {route} → Vladivostok");
        assert!(between_names.contains(&wanted), "{between_names:?}");
    }
    // The story has no units.
    assert!(c.units.is_empty());
    // Either order gives the same comparison.
    assert_eq!(scene.compare(b, a), c);
}

#[test]
fn made_public_by_then_compares_what_was_known() {
    // The sea transfer was made public on October 18: in this mode it is
    // not on the map before, so from October 7 to 20 it appears rather
    // than coming and going.
    let mut scene = story();
    scene.select(Selection {
        replay: Replay::MadePublicBy,
        ..Selection::default()
    });
    let c = scene.compare(day("2024-10-07"), day("2024-10-20"));
    let kind = |needle: &str| {
        let i = (0..scene.data().features.len())
            .find(|&i| name(&scene, i).starts_with(needle))
            .expect("the feature");
        c.kind_of(i)
    };
    assert_eq!(kind("First sea transfer: Chongjin"), Some(Kind::Appeared));
    // What was on the map on the first date, by the mode's own rule.
    let mut on_a: Vec<usize> = c.gone.iter().chain(&c.unchanged).copied().collect();
    on_a.sort();
    let index = scene.selection().index(&scene.data().features);
    assert_eq!(on_a, index.shown_on(day("2024-10-07")));
}

#[test]
fn the_filters_narrow_the_comparison() {
    // Without routes, the first sea transfer neither came nor went; what
    // is compared is what the filters let through, by the time rule.
    let mut scene = story();
    scene.select(Selection {
        kinds: Some(vec![troopmap::Kind::Place, troopmap::Kind::Event]),
        ..Selection::default()
    });
    let (a, b) = (day("2024-10-07"), day("2024-10-20"));
    let c = scene.compare(a, b);
    let features = &scene.data().features;
    let admitted = |i: &usize| scene.selection().admits(&features[*i]);
    let (on_a, on_b) = (on(&scene, a), on(&scene, b));
    let appeared: Vec<usize> = on_b
        .iter()
        .filter(|i| admitted(i) && !on_a.contains(i))
        .copied()
        .collect();
    assert_eq!(c.appeared, appeared);
    assert!(c
        .between
        .iter()
        .all(|&i| features[i].kind != troopmap::Kind::Route));
    assert!(c.between.len() < story().compare(a, b).between.len());
}

#[test]
fn a_change_of_grade_between_statements_is_told() {
    let data = read_collection(
        "g",
        r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 51.5]},
       "properties": {"name": "Kursk", "start": "2024-10-01", "confidence": "confirmed",
        "grades": [{"from": "2024-10-18", "confidence": "claimed"}, {"from": "2024-10-28", "confidence": "confirmed"}]}}]}"#,
    )
    .expect("reads");
    let scene = Scene::new(data, Selection::default());
    let c = scene.compare(day("2024-10-20"), day("2024-10-30"));
    assert_eq!(c.regraded.len(), 1);
    assert_eq!(
        (c.regraded[0].from.as_str(), c.regraded[0].to.as_str()),
        ("claimed", "confirmed")
    );
    // Before the first statement nothing was said: no change of grade.
    assert!(scene
        .compare(day("2024-10-05"), day("2024-10-30"))
        .regraded
        .is_empty());
    assert!(scene
        .compare(day("2024-10-20"), day("2024-10-25"))
        .regraded
        .is_empty());
}

/// The great-circle distance in km, worked out here (haversine, mean
/// radius 6,371.0088 km).
fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, la2) = (a[1].to_radians(), b[1].to_radians());
    let (dla, dlo) = ((b[1] - a[1]).to_radians(), (b[0] - a[0]).to_radians());
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6_371.008_8 * h.sqrt().asin()
}

fn sightings() -> String {
    let mut out = Vec::new();
    troopmap::native::synth::write_sightings(60, 20, false, 3, &mut out).expect("written");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn units_that_moved_are_measured_on_the_great_circle() {
    let text = sightings();
    let data = read_collection("sightings", &text).expect("reads");
    let rule = UnitRule::default();
    let units = Units::of(&data.features, &rule);
    let scene = Scene::new(data, Selection::default());
    let (a, b) = (day("2024-03-01"), day("2024-05-01"));
    let c = scene.compare(a, b);
    // Each unit's positions by the unit rule, worked out apart.
    let at = |d: Day| units.positions_at(noon(d), &rule);
    let (on_a, on_b) = (at(a), at(b));
    let of = |list: &[troopmap::space::sightings::Position], unit: usize| {
        list.iter()
            .filter(|p| p.unit == unit)
            .map(|p| [p.at.x, p.at.y])
            .collect::<Vec<_>>()
    };
    let mut moved = 0;
    for change in &c.units {
        let (pa, pb) = (of(&on_a, change.unit), of(&on_b, change.unit));
        assert_eq!(change.from.len(), pa.len(), "{}", change.name);
        assert_eq!(change.to.len(), pb.len(), "{}", change.name);
        let kind = match (pa.is_empty(), pb.is_empty()) {
            (true, _) => Kind::Appeared,
            (_, true) => Kind::Gone,
            _ if pa == pb => Kind::Unchanged,
            _ => Kind::Moved,
        };
        assert_eq!(change.kind, kind, "{}", change.name);
        if let (Kind::Moved, [p], [q]) = (kind, &pa[..], &pb[..]) {
            let km = change.distance_km.expect("a distance");
            assert!(
                (km - haversine_km(*p, *q)).abs() < 1e-6 * km.max(1.0),
                "{km}"
            );
            moved += 1;
        }
    }
    // Every unit shown on either date is there, once.
    let mut shown: Vec<usize> = on_a.iter().chain(&on_b).map(|p| p.unit).collect();
    shown.sort();
    shown.dedup();
    assert_eq!(c.units.len(), shown.len());
    assert!(moved > 10, "{moved} moved");
    // The farthest first.
    let distances: Vec<f64> = c.moved().filter_map(|u| u.distance_km).collect();
    assert!(distances.windows(2).all(|w| w[0] >= w[1]));
}

fn features(text: &str) -> Vec<Value> {
    let value: Value = serde_json::from_str(text).expect("the export is JSON");
    assert_eq!(value["type"], "FeatureCollection");
    value["features"].as_array().expect("features").clone()
}

#[test]
fn the_changes_export_keeps_each_feature_and_says_what_it_did() {
    let scene = story();
    let c: Comparison = scene.compare(day("2024-10-07"), day("2024-10-20"));
    let text = export_changes(scene.data(), scene.units_seen(), &c);
    let written = features(&text);
    let involved = c.appeared.len() + c.gone.len() + c.between.len() + c.unchanged.len();
    assert_eq!(written.len(), involved);
    for feature in &written {
        let change = feature["properties"]["change"].as_str().expect("change");
        assert!(["appeared", "gone", "between", "unchanged"].contains(&change));
    }
    // Each feature as loaded, but for the change put first in its
    // properties.
    let mut indices: Vec<usize> = [&c.appeared, &c.gone, &c.between, &c.unchanged]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    indices.sort();
    for (feature, &i) in written.iter().zip(&indices) {
        let mut feature = feature.clone();
        let properties = feature["properties"].as_object_mut().expect("properties");
        let change = properties.shift_remove("change").expect("change");
        assert_eq!(
            Some(change.as_str().unwrap_or_default()),
            c.kind_of(i).map(|k| k.as_str())
        );
        let loaded: Value =
            serde_json::from_str(&scene.data().features[i].raw.text()).expect("JSON");
        assert_eq!(feature, loaded);
    }
}

#[test]
fn the_changes_export_draws_a_line_for_each_unit_that_moved() {
    let text = sightings();
    let scene = Scene::new(
        read_collection("s", &text).expect("reads"),
        Selection::default(),
    );
    let c = scene.compare(day("2024-03-01"), day("2024-05-01"));
    let written = features(&export_changes(scene.data(), scene.units_seen(), &c));
    let lines: Vec<&Value> = written
        .iter()
        .filter(|f| f["geometry"]["type"] == "LineString")
        .collect();
    let moved: Vec<_> = c.moved().filter(|u| u.distance_km.is_some()).collect();
    assert_eq!(lines.len(), moved.len());
    for (line, unit) in lines.iter().zip(&moved) {
        let p = &line["properties"];
        assert_eq!(
            (p["change"].as_str(), p["unit"].as_str()),
            (Some("moved"), Some(unit.name.as_str()))
        );
        assert_eq!(
            (p["from"].as_str(), p["to"].as_str()),
            (Some("2024-03-01"), Some("2024-05-01"))
        );
        let coords = &line["geometry"]["coordinates"];
        let point = |k: usize| {
            [
                coords[k][0].as_f64().unwrap_or(f64::NAN),
                coords[k][1].as_f64().unwrap_or(f64::NAN),
            ]
        };
        let km = p["distance_km"].as_f64().expect("distance_km");
        assert!(
            (km - haversine_km(point(0), point(1))).abs() <= 0.0006,
            "{km}"
        );
        assert_eq!(point(0), [unit.from[0].at.x, unit.from[0].at.y]);
        assert_eq!(point(1), [unit.to[0].at.x, unit.to[0].at.y]);
    }
    // Unit positions say what the unit did and on which date.
    let points: Vec<&Value> = written
        .iter()
        .filter(|f| f["properties"]["last_seen"].is_string())
        .collect();
    let positions: usize = c
        .units
        .iter()
        .map(|u| match u.kind {
            Kind::Moved => u.from.len() + u.to.len(),
            Kind::Gone => u.from.len(),
            _ => u.to.len(),
        })
        .sum();
    assert_eq!(points.len(), positions);
    for point in points {
        let p = &point["properties"];
        assert!(["2024-03-01", "2024-05-01"].contains(&p["on"].as_str().unwrap_or_default()));
        assert!(["appeared", "gone", "moved", "unchanged"]
            .contains(&p["change"].as_str().unwrap_or_default()));
    }
}

#[test]
fn troopmap_diff_prints_the_changes_export() {
    let dir = std::env::temp_dir().join(format!("troopmap-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("sightings.geojson");
    let text = sightings();
    std::fs::write(&file, &text).expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_troopmap"))
        .args(["diff", "--from", "2024-03-01", "--to", "2024-05-01"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scene = Scene::new(
        read_collection("s", &text).expect("reads"),
        Selection::default(),
    );
    let c = scene.compare(day("2024-03-01"), day("2024-05-01"));
    let expected = export_changes(scene.data(), scene.units_seen(), &c) + "\n";
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
    let _ = std::fs::remove_dir_all(&dir);
}
