//! Pictures drawn from the scene: what a saved image or a video frame of
//! the bundled story holds, checked against the data file itself.
#![cfg(not(target_arch = "wasm32"))]

use geo::{Coord, Geometry};
use troopmap::picture::basemap::Basemap;
use troopmap::picture::caption::Caption;
use troopmap::picture::frame::Frame;
use troopmap::picture::marks;
use troopmap::picture::Drawn;
use troopmap::picture::{compose, estimate, Mark, Setting};
use troopmap::scene::Scene;
use troopmap::{read_collection, Dataset, Day, Kind};

const DATA: &str = "assets/data/nk-deployment-2024.geojson";
const BASEMAP: &str = "assets/generated/basemap.geojson";
const SEA_TRACK: &str = "route:sea-wave1-chongjin";

fn story() -> Dataset {
    let text = std::fs::read_to_string(DATA).expect("the bundled data file exists");
    let mut data = read_collection(DATA, &text).unwrap_or_else(|e| panic!("{e}"));
    for file in &mut data.files {
        file.linked = true;
    }
    data
}

fn scene_on(day: &str) -> Scene {
    let mut scene = Scene::new(story(), Default::default());
    scene.go_to(Day::parse(day).expect("a valid date"));
    scene
}

/// The Far East at zoom 5, as the map opens on a 1280 × 800 screen.
fn far_east() -> Frame {
    Frame::of_view(Coord { x: 131.0, y: 42.0 }, 5.0, (1280.0, 800.0), 1.0, None)
}

fn setting(frame: Frame, basemap: Option<&Basemap>) -> Setting<'_> {
    Setting {
        frame,
        basemap,
        online_tiles: false,
        link: "http://127.0.0.1:8080/#date=2024-10-10".to_owned(),
    }
}

fn drawn(scene: &Scene, frame: &Frame) -> (Vec<Mark>, Drawn) {
    let mut marks = Vec::new();
    let drawn = marks::draw(scene, frame, &estimate, &mut marks);
    (marks, drawn)
}

fn index_of(scene: &Scene, id: &str) -> usize {
    scene
        .find(id)
        .unwrap_or_else(|| panic!("{id} is in the data"))
}

#[test]
fn the_sea_track_is_drawn_where_the_map_puts_it_while_it_is_shown() {
    let frame = far_east();
    let scene = scene_on("2024-10-10");
    let track = index_of(&scene, SEA_TRACK);
    let Some(Geometry::LineString(line)) = &scene.data().features[track].geometry else {
        panic!("the sea track is a LineString");
    };
    let expected: Vec<[f64; 2]> = line.0.iter().map(|&c| frame.place(c)).collect();
    let (marks, drawn) = drawn(&scene, &frame);
    assert!(drawn.features.contains(&track));
    let lines: Vec<&Vec<[f64; 2]>> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line { points, .. } => Some(points),
            _ => None,
        })
        .collect();
    assert!(
        lines.contains(&&expected),
        "no line follows the sea track's points"
    );

    // Before it sailed, it is not drawn.
    let before = scene_on("2024-10-01");
    let (marks, drawn) = self::drawn(&before, &frame);
    assert!(!drawn.features.contains(&track));
    assert!(!marks
        .iter()
        .any(|m| matches!(m, Mark::Line { points, .. } if *points == expected)));
}

#[test]
fn what_is_drawn_is_what_the_scene_shows_inside_the_frame() {
    let frame = far_east();
    for day in ["2024-10-10", "2024-10-18", "2024-11-20"] {
        let scene = scene_on(day);
        let (_, drawn) = drawn(&scene, &frame);
        let shown: Vec<usize> = scene.shown().iter().collect();
        for &index in &drawn.features {
            assert!(
                shown.contains(&index),
                "{day}: feature {index} drawn, not shown"
            );
        }
        // A shown point inside the frame is drawn; one far outside is not.
        for &index in &shown {
            let feature = &scene.data().features[index];
            if let Some(Geometry::Point(p)) = &feature.geometry {
                let [x, y] = frame.place(p.0);
                let inside = (20.0..1260.0).contains(&x) && (20.0..780.0).contains(&y);
                let far = !frame.holds([x, y], 100.0);
                if inside {
                    assert!(
                        drawn.features.contains(&index),
                        "{day}: {} in the frame, not drawn",
                        feature.label()
                    );
                }
                if far {
                    assert!(
                        !drawn.features.contains(&index),
                        "{day}: {} far outside, drawn",
                        feature.label()
                    );
                }
            }
        }
    }
}

#[test]
fn the_legend_lists_only_the_grades_and_kinds_drawn() {
    let frame = far_east();
    let scene = scene_on("2024-10-10");
    let (_, drawn) = drawn(&scene, &frame);
    let caption = Caption::of(&scene, &drawn, &setting(frame, None));
    let features = &scene.data().features;
    let mut grades: Vec<_> = drawn.features.iter().map(|&i| scene.grade_of(i)).collect();
    grades.sort_by_key(|g| g.map(|g| g.as_str()));
    grades.dedup();
    let listed_grades = caption
        .legend
        .iter()
        .filter(|k| matches!(k, troopmap::picture::caption::Key::Grade(_)))
        .count();
    assert_eq!(listed_grades, grades.len());
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| drawn.features.iter().any(|&i| features[i].kind == *k))
        .collect();
    for kind in Kind::ALL {
        let listed = caption
            .legend
            .contains(&troopmap::picture::caption::Key::Kind(kind));
        assert_eq!(listed, kinds.contains(&kind), "{kind:?}");
    }
}

#[test]
fn the_caption_names_the_date_the_sources_and_the_link() {
    let frame = far_east();
    let scene = scene_on("2024-10-10");
    let picture = compose(&scene, &setting(frame, None), &estimate);
    let text = |key: &str| {
        picture
            .text
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    assert_eq!(text("Date"), "2024-10-10");
    assert!(text("Source").contains("#date=2024-10-10"));
    assert!(text("Copyright").contains("Natural Earth"));
    assert!(
        text("Description").contains("Sources: "),
        "{}",
        text("Description")
    );
    // The words are on the picture too.
    let words: Vec<&str> = picture
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(words.contains(&"2024-10-10"));
    assert!(words.iter().any(|w| w.starts_with("Sources: ")));
    assert!(words.iter().any(|w| w.contains("Basemap: Natural Earth")));
    // The bundled data's link holds it: no note.
    assert!(text("Comment").is_empty());
}

#[test]
fn imported_data_is_said_not_to_be_in_the_link() {
    let mut data = story();
    let imported = read_collection(
        "my-sightings.geojson",
        r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.9, 43.1]},
           "properties": {"start": "2024-10-10", "kind": "event"}}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    data.append(imported);
    let mut scene = Scene::new(data, Default::default());
    scene.go_to(Day::parse("2024-10-10").expect("a date"));
    let picture = compose(&scene, &setting(far_east(), None), &estimate);
    let note = picture
        .text
        .iter()
        .find(|(k, _)| k == "Comment")
        .map(|(_, t)| t.as_str());
    let note = note.expect("a note that the link does not hold the imported file");
    assert!(note.contains("my-sightings.geojson"), "{note}");
}

#[test]
fn the_basemap_fills_land_and_leaves_the_sea() {
    let text = std::fs::read_to_string(BASEMAP).expect("run `make test`: it builds the basemap");
    let basemap = Basemap::read(&text).expect("the basemap is JSON");
    assert!(basemap.len() > 100, "{} polygons", basemap.len());
    let mut marks = Vec::new();
    let frame = far_east();
    basemap.draw(&frame, &mut marks);
    // The frame shows North Korea, China and Russia, not South America.
    assert!(marks.len() >= 3 && marks.len() < basemap.len());
}

#[test]
fn a_chosen_size_shows_all_of_the_view() {
    let view = far_east();
    let square = Frame::of_view(
        view.center,
        view.zoom,
        (view.width, view.height),
        1.0,
        Some((1080, 1080)),
    );
    assert_eq!(square.pixels(), (1080, 1080));
    // The view's corners stay inside the square picture.
    let corner = |frame: &Frame, [x, y]: [f64; 2]| {
        let dx = (x - view.width / 2.0) + frame.width / 2.0;
        let dy = (y - view.height / 2.0) + frame.height / 2.0;
        [dx, dy]
    };
    for point in [[0.0, 0.0], [view.width, view.height]] {
        let [x, y] = corner(&square, point);
        assert!(
            (-1e-9..=square.width + 1e-9).contains(&x)
                && (-1e-9..=square.height + 1e-9).contains(&y)
        );
    }
}
