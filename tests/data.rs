//! The bundled data: it loads, every feature is dated, graded and sourced,
//! and the schematic sea track stays at sea.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use troopmap::model::statement::{Grade, SourceType, Stance};
use troopmap::native::topo::Topology;
use troopmap::scene::selection::{Replay, Selection};
use troopmap::space::bounds::land_crossings;
use troopmap::{read_collection, Confidence, Dataset, Day, Kind, MapFeature, TimeIndex};

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
fn every_feature_is_identified_graded_sourced_dated_and_placed() {
    let first = day("2024-10-01");
    let last = day("2024-12-31");
    for (i, feature) in data().features.iter().enumerate() {
        let id = feature.id.as_ref().map(ToString::to_string);
        // Ids say what a feature is, never where it sits in the file.
        assert!(
            id.as_deref()
                .is_some_and(|id| id.starts_with(&format!("{}:", feature.kind.as_str()))),
            "feature {i} has no meaningful id: {id:?}"
        );
        let object = feature.object();
        let kind = object["properties"]["kind"].as_str();
        assert!(
            kind.and_then(Kind::parse).is_some(),
            "{id:?}: kind {kind:?}"
        );
        // Graded, or, for a place, saying why not (a reference point that
        // claims nothing).
        let ungraded_place =
            feature.kind == Kind::Place && object["properties"]["confidence_note"].is_string();
        assert!(
            feature.grade.is_some() || ungraded_place,
            "{id:?} has neither a grade nor, being a place, a note saying why"
        );
        let linked = troopmap::geojson::read::shown::sources(feature)
            .iter()
            .any(|s| s.link().is_some());
        assert!(
            linked || feature.confidence == Some(Confidence::Inferred),
            "{id:?} has no source with an http(s) link"
        );
        for bound in [feature.span.first_day(), feature.span.last_day()]
            .into_iter()
            .flatten()
        {
            assert!(
                first <= bound && bound <= last,
                "{id:?} is dated {bound}, outside 2024-10-01..2024-12-31"
            );
        }
        if let (Some(a), Some(b)) = (feature.span.first_day(), feature.span.last_day()) {
            assert!(a <= b, "{id:?} ends before it starts");
        }
        if feature.kind != Kind::Place {
            let reported = object["properties"]["reported"].as_str().map(Day::parse);
            assert!(
                matches!(reported, Some(Ok(_))),
                "{id:?} has no reported date: {reported:?}"
            );
        }
        use geo::CoordsIter;
        for c in feature.geometry.iter().flat_map(|g| g.coords_iter()) {
            assert!(
                (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y),
                "{id:?} at {c:?}"
            );
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

/// The story holds at least 60 features in all, and at least 5 of each
/// kind.
#[test]
fn there_are_at_least_60_features_and_at_least_5_of_each_kind() {
    let data = data();
    assert!(
        data.features.len() >= 60,
        "{} features",
        data.features.len()
    );
    for kind in Kind::ALL {
        assert!(
            data.features.iter().filter(|f| f.kind == kind).count() >= 5,
            "few {kind:?}"
        );
    }
}

#[test]
fn every_movement_says_how_it_went_or_that_the_sources_do_not() {
    for feature in data().features.iter().filter(|f| f.kind == Kind::Route) {
        let properties = feature.properties();
        let mode = properties.get("mode").and_then(|m| m.as_str());
        let id = feature
            .id
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        match mode {
            Some("sea" | "air" | "rail" | "road") => {}
            // Unknown only where the sources do not say, and saying so.
            Some("unknown") => assert!(
                properties
                    .get("mode_note")
                    .and_then(|n| n.as_str())
                    .is_some(),
                "{id}: an unknown mode without a note"
            ),
            other => panic!("{id}: mode {other:?}"),
        }
    }
}

fn find<'a>(data: &'a Dataset, id: &str) -> &'a troopmap::MapFeature {
    data.features
        .iter()
        .find(|f| f.id.as_ref().is_some_and(|i| i.to_string() == id))
        .unwrap_or_else(|| panic!("{id} is missing"))
}

#[test]
fn the_first_sea_transfer_runs_from_each_departure_area() {
    let data = data();
    for area in ["chongjin", "hamhung", "musudan"] {
        let sea = find(&data, &format!("route:sea-wave1-{area}"));
        assert_eq!(sea.kind, Kind::Route);
        assert_eq!(
            (sea.span.first_day(), sea.span.last_day()),
            (Some(day("2024-10-08")), Some(day("2024-10-13")))
        );
        // The track is drawn by the map maker; the voyage itself is confirmed,
        // and was made public on Oct 18.
        assert_eq!(sea.confidence, Some(Confidence::Inferred));
        assert_eq!(sea.object()["properties"]["voyage_confidence"], "confirmed");
        assert_eq!(sea.object()["properties"]["reported"], "2024-10-18");
        assert_eq!(sea.object()["properties"]["mode"], "sea");
    }
    // The second wave's dates were not disclosed, and it is not drawn.
    let second = find(&data, "route:sea-wave2");
    assert!(second.geometry.is_none());
    assert_eq!(second.object()["properties"]["dates_disclosed"], false);
}

#[test]
fn differing_figures_stay_side_by_side() {
    let data = data();
    let figures: Vec<(f64, String)> = data
        .features
        .iter()
        .filter(|f| f.kind == Kind::Event)
        .filter_map(|f| Some((f.troops?, f.id.as_ref()?.to_string())))
        .collect();
    for troops in [1_500.0, 3_000.0, 10_000.0, 11_000.0, 12_000.0] {
        assert!(
            figures.iter().any(|f| f.0 == troops),
            "no event gives {troops}: {figures:?}"
        );
    }
    // 10,000 vs 11,000 vs 12,000: each its own feature with its own source.
    let big: Vec<&(f64, String)> = figures.iter().filter(|f| f.0 >= 10_000.0).collect();
    assert!(big.len() >= 5, "{big:?}");
}

#[test]
fn the_seed_articles_claims_appear() {
    let data = data();
    let text: String = data
        .features
        .iter()
        .map(|f| {
            format!(
                "{} {}\n",
                f.label(),
                troopmap::geojson::read::shown::description(f)
                    .as_deref()
                    .unwrap_or("")
            )
        })
        .collect();
    for claim in [
        "Storm Corps",
        "four brigades",
        "Nov 1",
        "very soon",
        "Rutte",
        "Austin",
        "fake news",
    ] {
        assert!(text.contains(claim), "no feature mentions {claim:?}");
    }
    let seed = data
        .features
        .iter()
        .filter(|f| {
            troopmap::geojson::read::shown::sources(f).iter().any(|s| {
                s.title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("Seed article"))
            })
        })
        .count();
    assert!(seed >= 2, "the seed article is cited {seed} times");
}

#[test]
fn places_sit_on_the_reference_coordinates() {
    // (id, longitude, latitude): the reference sheet's places table.
    let sheet = [
        ("place:sergeevka-training-ground", 131.668647, 44.326859),
        ("place:pogranichny", 131.383, 44.400),
        ("place:vladivostok", 131.885, 43.115),
        ("place:dunay", 132.3375, 42.8803),
        ("place:ussuriysk", 131.945, 43.798),
        ("place:khabarovsk", 135.083, 48.483),
        ("place:blagoveshchensk", 127.533, 50.250),
        ("place:ulan-ude", 107.584, 51.834),
        ("place:sudzha", 35.2706, 51.1914),
        ("place:plekhovo", 35.33, 51.10),
        ("place:kursk", 36.19, 51.73),
        ("place:chongjin", 129.767, 41.783),
        ("place:hamhung", 127.533, 39.917),
        ("place:musudan", 129.686, 40.858),
        ("place:wonsan", 127.446, 39.148),
        ("place:pyongyang", 125.738, 39.019),
        ("place:seoul", 126.978, 37.566),
        ("place:naples", 14.250, 40.836),
        ("place:brussels-nato", 4.42, 50.88),
        ("place:kyiv", 30.52, 50.45),
        ("place:washington-white-house", -77.037, 38.898),
        ("place:washington-pentagon", -77.056, 38.871),
        ("place:moscow", 37.618, 55.751),
        ("place:kazan", 49.11, 55.80),
        ("place:un-new-york", -73.97, 40.75),
    ];
    let data = data();
    for (id, lon, lat) in sheet {
        let feature = find(&data, id);
        assert!(feature.precision.is_some(), "{id} has no precision");
        let Some(geo::Geometry::Point(p)) = feature.geometry.clone() else {
            panic!("{id} is not a point");
        };
        assert!(
            (p.x() - lon).abs() < 0.01 && (p.y() - lat).abs() < 0.01,
            "{id} is at {:?}",
            p.0
        );
    }
    assert_eq!(
        data.features
            .iter()
            .filter(|f| f.kind == Kind::Place)
            .count(),
        sheet.len()
    );
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
        .filter(|f| f.kind == Kind::Route && f.object()["properties"]["mode"] == "sea")
        .filter(|f| f.geometry.is_some())
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

fn id_of(feature: &MapFeature) -> String {
    feature
        .id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn property(feature: &MapFeature, key: &str) -> Value {
    feature
        .properties()
        .get(key)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The fastest a mode can carry troops, in km/h: a faster implied speed
/// says the dates are not the journey's own.
fn top_speed_kmh(mode: &str) -> f64 {
    match mode {
        "sea" => 60.0,
        "road" => 100.0,
        "rail" => 120.0,
        "air" => 1_000.0,
        _ => 120.0,
    }
}

#[test]
fn issue_11_a_route_whose_dates_imply_an_impossible_speed_says_they_bound_a_period() {
    for feature in data().features.iter().filter(|f| f.kind == Kind::Route) {
        let Some(metres) = feature
            .geometry
            .as_ref()
            .and_then(troopmap::space::measure::length_m)
        else {
            continue;
        };
        let Some(seconds) = troopmap::space::measure::duration_s(&feature.span) else {
            continue;
        };
        let mode = property(feature, "mode");
        let kmh = metres / 1000.0 / (seconds as f64 / 3600.0);
        if kmh > top_speed_kmh(mode.as_str().unwrap_or("unknown")) {
            assert!(
                feature.date_precision,
                "{}: {kmh:.0} km/h by {mode} without date_precision",
                id_of(feature)
            );
        }
    }
}

#[test]
fn issue_11_every_schematic_or_period_movement_draws_no_moving_unit() {
    // A track no source describes, dated by a period (NIS's Oct 8–13), or a
    // report's day, moves nothing along it.
    for feature in data().features.iter().filter(|f| f.kind == Kind::Route) {
        // Drawn by the map maker (no source describes the line) or not
        // drawn at all: the dates cannot be a journey's own.
        let schematic = property(feature, "geometry_note")
            .as_str()
            .is_some_and(|n| n.starts_with("schematic"))
            || feature.confidence == Some(Confidence::Inferred)
            || property(feature, "voyage_confidence").is_string()
            || property(feature, "movement_confidence").is_string();
        if schematic || feature.geometry.is_none() {
            assert!(
                feature.date_precision,
                "{}: a schematic or undrawn movement needs date_precision",
                id_of(feature)
            );
        }
        if feature.geometry.is_none() {
            assert!(
                property(feature, "geometry_note").is_string(),
                "{}: not drawn, without saying why",
                id_of(feature)
            );
        }
    }
}

#[test]
fn issue_11_a_doubt_a_warning_or_a_non_answer_is_never_a_confirmation() {
    let data = data();
    for feature in &data.features {
        let Some(stance) = feature.stance else {
            continue;
        };
        if !stance.asserts() {
            assert_ne!(
                feature.confidence,
                Some(Confidence::Confirmed),
                "{} ({stance}) is labelled confirmed",
                id_of(feature)
            );
        }
    }
    for (id, stance, who) in [
        (
            "event:2024-10-18-rutte-cannot-confirm",
            Stance::Doubts,
            SourceType::Official,
        ),
        (
            "event:2024-10-19-austin-cannot-confirm",
            Stance::Doubts,
            SourceType::Official,
        ),
        (
            "event:2024-10-18-turner-red-line",
            Stance::Warns,
            SourceType::Official,
        ),
        (
            "event:2024-10-24-putin-our-business",
            Stance::Neither,
            SourceType::Party,
        ),
        (
            "event:2024-10-25-kim-jong-gyu-international-law",
            Stance::Neither,
            SourceType::Party,
        ),
        (
            "event:2024-10-21-peskov-contradictory",
            Stance::Denies,
            SourceType::Party,
        ),
    ] {
        let feature = find(&data, id);
        assert_eq!(
            (feature.stance, feature.source_type),
            (Some(stance), Some(who)),
            "{id}"
        );
    }
    // Whatever a statement's words, one that says it cannot confirm doubts.
    for feature in &data.features {
        if feature.label().contains("cannot confirm") {
            assert_eq!(feature.stance, Some(Stance::Doubts), "{}", id_of(feature));
        }
    }
}

#[test]
fn issue_11_places_are_known_from_the_day_the_sources_made_them_public() {
    let data = data();
    for place in data.features.iter().filter(|f| f.kind == Kind::Place) {
        // A reference point that claims nothing may lack a date; every
        // graded place has one.
        if place.grade.is_some() {
            assert!(
                place.reported_day().is_some(),
                "{} has no reported day",
                id_of(place)
            );
        }
        // Not known before the first statement mapped at it.
        let first_event = data
            .features
            .iter()
            .filter(|e| e.place.as_deref() == Some(id_of(place).as_str()))
            .filter_map(MapFeature::reported_day)
            .min();
        if let (Some(place_day), Some(event_day)) = (place.reported_day(), first_event) {
            assert!(
                place_day <= event_day,
                "{} is made public after its first event",
                id_of(place)
            );
        }
    }
    let known = Selection {
        replay: Replay::MadePublicBy,
        ..Selection::default()
    };
    let shown_ids = |on: &str| -> Vec<String> {
        known
            .index(&data.features)
            .shown_on(day(on))
            .into_iter()
            .map(|i| id_of(&data.features[i]))
            .collect()
    };
    let early = shown_ids("2024-10-05");
    for hindsight in [
        "place:ulan-ude",
        "place:plekhovo",
        "place:dunay",
        "place:kursk",
        "place:wonsan",
    ] {
        assert!(
            !early.iter().any(|i| i == hindsight),
            "{hindsight} is known on 2024-10-05"
        );
    }
    assert!(shown_ids("2024-10-24")
        .iter()
        .any(|i| i == "place:ulan-ude"));
    // Kursk was a claim until Rutte confirmed it on Oct 28.
    let kursk = find(&data, "place:kursk");
    assert_eq!(
        known.grade_on(kursk, day("2024-10-20")),
        Some(Grade::Claimed)
    );
    assert_eq!(
        known.grade_on(kursk, day("2024-10-28")),
        Some(Grade::Confirmed)
    );
}

#[test]
fn issue_11_every_source_has_a_date_or_says_why_not_and_mirrors_say_so() {
    const MIRRORS: [&str; 8] = [
        "news.az",
        "time.news",
        "webjosh",
        "fnnewsglobal",
        "daily8",
        "trendynewsnow",
        "byteseu",
        "viewusglobal",
    ];
    for feature in &data().features {
        for source in &troopmap::geojson::read::shown::sources(feature) {
            let what = format!("{}: {:?}", id_of(feature), source.title);
            assert!(
                source.date.is_some() || source.date_note().is_some(),
                "{what} has no date and no date_note"
            );
            let host = source.url.as_deref().unwrap_or_default();
            if MIRRORS.iter().any(|m| host.contains(m)) {
                assert!(
                    source.mirror().is_some(),
                    "{what} is a mirror and does not say so"
                );
            }
        }
    }
}

#[test]
fn issue_11_every_figure_is_shown_as_its_source_wrote_it() {
    for feature in &data().features {
        let Some(troops) = feature.troops else {
            continue;
        };
        let written = property(feature, "troops_as_written");
        let grouped = troopmap::space::measure::grouped(troops);
        assert!(
            written.as_str().is_some_and(|w| w.contains(&grouped)),
            "{}: troops {grouped} written as {written}",
            id_of(feature)
        );
    }
}

#[test]
fn issue_11_routes_start_and_end_only_where_a_source_puts_the_troops() {
    let data = data();
    for route in data.features.iter().filter(|f| f.kind == Kind::Route) {
        for end in ["from", "to"] {
            let Some(place) = property(route, end).as_str().map(str::to_owned) else {
                continue;
            };
            assert!(
                find(&data, &place).grade.is_some(),
                "{} {end} {place}, which no source grades",
                id_of(route)
            );
        }
    }
    assert!(property(find(&data, "route:road-kursk-front"), "to").is_null());
}

#[test]
fn issue_11_voyages_that_may_be_the_same_say_so() {
    let data = data();
    let sea: Vec<&MapFeature> = data
        .features
        .iter()
        .filter(|f| f.kind == Kind::Route && property(f, "mode") == "sea")
        .collect();
    for a in &sea {
        let overlaps = sea.iter().any(|b| {
            id_of(a) != id_of(b)
                && a.span.first_day() <= b.span.last_day()
                && b.span.first_day() <= a.span.last_day()
        });
        if overlaps {
            assert!(
                property(a, "overlap_note").is_string(),
                "{} overlaps another voyage without a note",
                id_of(a)
            );
        }
    }
}

#[test]
fn issue_11_a_window_ends_by_the_statement_that_gives_it() {
    for feature in data().features.iter().filter(|f| f.date_precision) {
        let (Some(last), Some(reported)) = (feature.span.last_day(), feature.reported_day()) else {
            continue;
        };
        let forecast = property(feature, "dates_note")
            .as_str()
            .is_some_and(|n| n.contains("expected"));
        assert!(
            last <= reported || forecast,
            "{} runs to {last}, after it was said on {reported}",
            id_of(feature)
        );
    }
    // The two windows the sources give as "in October" and "early to mid
    // October", which ran on past what was said.
    let data = data();
    for (id, by) in [
        ("route:air-pyongyang-vladivostok", "2024-10-18"),
        ("route:sea-us-wonsan", "2024-10-20"),
    ] {
        assert!(
            find(&data, id).span.last_day() <= Some(day(by)),
            "{id} runs past {by}"
        );
    }
}

#[test]
fn issue_11_the_seed_articles_nov_1_claim_is_where_and_when_the_article_puts_it() {
    let data = data();
    let claim = find(&data, "event:2024-11-01-expected-deployment");
    // The article names no place, and says it from its own day to Nov 1.
    assert!(claim.geometry.is_none());
    let shown = TimeIndex::of(&data.features);
    let index = data
        .features
        .iter()
        .position(|f| std::ptr::eq(f, claim))
        .unwrap_or(usize::MAX);
    for on in ["2024-10-19", "2024-10-25", "2024-11-01"] {
        assert!(
            shown.shown_on(day(on)).contains(&index),
            "not shown on {on}"
        );
    }
    let text: String = data
        .features
        .iter()
        .map(|f| {
            format!(
                "{} {}\n",
                f.label(),
                troopmap::geojson::read::shown::description(f)
                    .as_deref()
                    .unwrap_or("")
            )
        })
        .collect();
    for words in [
        "from Siberia",
        "acclimatization training",
        "immediate response",
        "neither Moscow nor Pyongyang",
    ] {
        assert!(
            text.contains(words),
            "no feature gives the seed article's {words:?}"
        );
    }
}

#[test]
fn issue_11_every_caveat_the_data_carries_is_shown() {
    // What the map reads, or shows in the popup in its own line; `from`
    // and `to` are the places the route's name gives.
    const SHOWN: [&str; 11] = [
        "speaker",
        "mode",
        "troops_high",
        "troops_as_written",
        "casualties",
        "from",
        "to",
        "dates_disclosed",
        "label_direction",
        "grades",
        "stance",
    ];
    for feature in &data().features {
        let properties = feature.properties();
        let listed: Vec<String> = troopmap::model::caveat::caveats(&properties)
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        for (key, value) in &properties {
            if troopmap::geojson::read::READ_PROPERTIES.contains(&key.as_str())
                || SHOWN.contains(&key.as_str())
                || key == "source_type"
            {
                continue;
            }
            let text = value.as_str().unwrap_or_default();
            assert!(
                listed.iter().any(|l| l.contains(text)) && !text.is_empty(),
                "{}: {key} is not shown",
                id_of(feature)
            );
        }
    }
}

#[test]
fn issue_11_a_grade_through_time_starts_when_made_public_and_ends_as_the_feature_is_graded() {
    for feature in &data().features {
        let (Some(first), Some(last)) = (feature.grades.0.first(), feature.grades.0.last()) else {
            continue;
        };
        assert_eq!(
            Some(first.from),
            feature.reported_day(),
            "{}",
            id_of(feature)
        );
        assert_eq!(Some(last.grade), feature.grade, "{}", id_of(feature));
    }
}
