//! The web layer's smallest pieces, in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use troopmap::read_collection;
use troopmap::web::input::controls::Controls;
use troopmap::web::page::dom;
use troopmap::web::panels::popup;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn feature(properties: &str) -> troopmap::MapFeature {
    let text = format!(
        r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "id": "t",
            "geometry": {{"type": "Point", "coordinates": [131.9, 43.1]}}, "properties": {properties}}}]}}"#
    );
    match read_collection("test", &text) {
        Ok(mut data) => data.features.remove(0),
        Err(e) => panic!("{e}"),
    }
}

#[wasm_bindgen_test]
fn html_in_the_data_is_shown_as_text_and_never_parsed() {
    let hostile = r#"<img src=x onerror=alert(1)><script>alert(2)</script>"#;
    let f = feature(&format!(
        r#"{{"name": {name}, "description": {name}, "sources": [{{"title": {name}, "url": "https://example.org/"}}]}}"#,
        name = serde_json::to_string(hostile).unwrap()
    ));
    let content = popup::content(0, &f).unwrap();
    assert!(content.query_selector("img").unwrap().is_none());
    assert!(content.query_selector("script").unwrap().is_none());
    let name = content.query_selector("h2").unwrap().unwrap();
    assert_eq!(name.text_content().unwrap(), hostile);
    assert!(content.text_content().unwrap().contains(hostile));
}

#[wasm_bindgen_test]
fn only_http_and_https_sources_become_links() {
    let f = feature(
        r#"{"sources": [
            {"title": "good", "publisher": "P", "date": "2024-10-18", "url": "https://example.org/a"},
            {"title": "plain", "url": "http://example.org/b"},
            {"title": "script", "url": "javascript:alert(1)"},
            {"title": "data", "url": "data:text/html,<b>x</b>"},
            {"title": "none"}]}"#,
    );
    let content = popup::content(0, &f).unwrap();
    let links = content.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 2);
    for i in 0..links.length() {
        let a: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
        assert!(a.get_attribute("href").unwrap().starts_with("http"));
        assert_eq!(
            a.get_attribute("rel").as_deref(),
            Some("noopener noreferrer")
        );
        assert_eq!(a.get_attribute("target").as_deref(), Some("_blank"));
    }
    let text = content.text_content().unwrap();
    for title in ["script", "data", "none"] {
        assert!(text.contains(title), "{title} is not listed");
    }
    assert!(text.contains("P, 2024-10-18"));
}

#[wasm_bindgen_test]
fn the_popup_gives_dates_confidence_and_troops() {
    let f = feature(
        r#"{"name": "Sea", "start": "2024-10-08", "end": "2024-10-13", "confidence": "claimed", "troops": 1500}"#,
    );
    let text = popup::content(0, &f).unwrap().text_content().unwrap();
    assert!(text.contains("2024-10-08 to 2024-10-13"), "{text}");
    assert!(text.contains("claimed (a party to the war)"), "{text}");
    assert!(text.contains("about 1,500"), "{text}");
    assert!(text.contains("No source given."), "{text}");
    let undated = feature("{}");
    assert_eq!(
        troopmap::scene::facts::dates(&undated, &undated.properties()),
        "undated (shown on every day)"
    );
}

#[wasm_bindgen_test]
fn the_controls_show_the_date_and_the_count() {
    let document = dom::document().unwrap();
    let body = document.body().unwrap();
    let holder: HtmlElement = dom::element("div", "", "").unwrap();
    holder.set_inner_html(
        r#"<input type="range" id="date" aria-label="Date"><output id="date-output" for="date"></output>
           <p id="status" role="status"></p><button id="play">Play</button>"#,
    );
    body.append_child(&holder).unwrap();
    let controls = Controls::find().unwrap();
    let first = troopmap::Day::parse("2024-10-01").unwrap();
    let day = troopmap::Day::parse("2024-10-18").unwrap();
    controls.set_range(first, troopmap::Day::parse("2024-11-01").unwrap());
    controls.show(17, day, 17).unwrap();
    assert_eq!(controls.slider.max(), "31");
    assert_eq!(controls.slider.value(), "17");
    assert_eq!(
        controls.slider.get_attribute("aria-valuetext").as_deref(),
        Some("2024-10-18")
    );
    assert_eq!(controls.output.value(), "2024-10-18");
    assert_eq!(
        controls.status.text_content().as_deref(),
        Some("17 features on 2024-10-18")
    );
    controls.show(0, first, 1).unwrap();
    assert_eq!(
        controls.status.text_content().as_deref(),
        Some("1 feature on 2024-10-01")
    );
    controls.show_playing(true).unwrap();
    assert_eq!(controls.play.text_content().as_deref(), Some("Pause"));
    holder.remove();
}

#[wasm_bindgen_test]
fn issue_11_a_doubt_labelled_confirmed_is_not_called_a_confirmation() {
    // An older file: an official's "cannot confirm" labelled confirmed.
    let f = feature(
        r#"{"name": "Rutte: cannot confirm", "start": "2024-10-18", "confidence": "confirmed", "stance": "doubts", "speaker": "NATO Secretary-General"}"#,
    );
    let text = popup::content(0, &f).unwrap().text_content().unwrap();
    assert!(text.contains("Confidencenone: a doubt"), "{text}");
    assert!(text.contains("What it saysdoubts"), "{text}");
    assert!(text.contains("Who said itofficial"), "{text}");
    assert!(text.contains("SpeakerNATO Secretary-General"), "{text}");
    assert!(!text.contains("confirmed ("), "{text}");
}

#[wasm_bindgen_test]
fn issue_11_every_caveat_a_window_and_a_figure_as_written_are_shown_as_text() {
    let hostile = r#"<img src=x onerror=alert(1)>"#;
    let f = feature(&format!(
        r#"{{"name": "Sea", "start": "2024-10-08", "end": "2024-10-13", "date_precision": "window",
            "confidence": "inferred", "voyage_confidence": "confirmed", "troops": 3000,
            "troops_as_written": "at least 3,000", "location_note": "near the city",
            "dates_note": "a period", "geometry_note": "schematic", "mode_note": "not given",
            "coordinates_source": "a geolocation", "berth_note": {hostile}}}"#,
        hostile = serde_json::to_string(hostile).unwrap()
    ));
    let content = popup::content(0, &f).unwrap();
    assert!(content.query_selector("img").unwrap().is_none());
    let text = content.text_content().unwrap();
    for part in [
        "between 2024-10-08 and 2024-10-13 (window)",
        "Troopsat least 3,000",
        "Wherenear the city",
        "About the datesa period",
        "About the lineschematic",
        "About the modenot given",
        "Coordinates froma geolocation",
        "The voyage itselfconfirmed (an official, non-belligerent source)",
        hostile,
    ] {
        assert!(text.contains(part), "{part:?} is not in {text}");
    }
    assert!(!text.contains("about 3,000"), "{text}");
}

/// The painter draws a picture's marks where they are, at its pixel
/// ratio, with their colours; text is set within its box.
#[wasm_bindgen_test]
fn a_picture_is_painted_at_its_pixel_ratio() {
    use troopmap::picture::frame::Frame;
    use troopmap::picture::{Align, Font, Mark, Paint, Pen, Picture};
    use troopmap::web::share::paint;
    let frame = Frame::of_view(
        geo::coord! { x: 0.0, y: 0.0 },
        1.0,
        (100.0, 50.0),
        2.0,
        None,
    );
    let picture = Picture {
        frame,
        marks: vec![
            Mark::Background(Paint::solid("#bcd6e8")),
            Mark::Line {
                points: vec![[10.0, 25.0], [90.0, 25.0]],
                pen: Pen::solid("#1d4e89", 4.0),
            },
            Mark::Text {
                at: [5.0, 8.0],
                text: "2024-10-10".to_owned(),
                font: Font {
                    size: 8.0,
                    bold: true,
                },
                align: Align::Left,
                paint: Paint::solid("#000000"),
            },
        ],
        text: Vec::new(),
    };
    let (canvas, context) = paint::canvas().unwrap();
    paint::paint(&picture, &canvas, &context, None).unwrap();
    assert_eq!((canvas.width(), canvas.height()), (200, 100));
    let pixel = |x: f64, y: f64| context.get_image_data(x, y, 1.0, 1.0).unwrap().data().0;
    // On the line (device pixels: twice the CSS pixels), and off it.
    assert_eq!(&pixel(100.0, 50.0)[..3], &[0x1d, 0x4e, 0x89]);
    assert_eq!(&pixel(100.0, 80.0)[..3], &[0xbc, 0xd6, 0xe8]);
    // Some ink of the text near where it is set, none far to its right.
    let ink = |x0: f64, x1: f64| {
        (x0 as u32..x1 as u32).any(|x| (8..24).any(|y| pixel(f64::from(x), f64::from(y))[0] < 0x60))
    };
    assert!(ink(10.0, 90.0));
    assert!(!ink(140.0, 200.0));
}
