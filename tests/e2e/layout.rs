//! The map first: at 1280 × 800 the panels over the map cover at most a
//! quarter of it; importing is a dialog opened from the toolbar; the
//! legend lists what the data holds; a 375-pixel screen keeps the date
//! usable; and the page embedded in another (`?embed=1`) shows the map
//! and the date, without import, with a link to the full map.

use std::path::Path;

use serde_json::{json, Value};
use troopmap::model::statement::{Grade, SourceType};
use troopmap::scene::present::{Mark, Present};

use crate::support::{check, Browser, Outcome};
use crate::DATA;

/// The file field's accessible name.
const FIELD: &str = "Import GeoJSON, KML, GPX or CSV";

/// A file of two events, both reported by the media.
const ONE_KIND: &str = "tests/fixtures/one-kind-one-grade.geojson";

/// The boxes of everything visible over the map — every element the page
/// puts over it and Leaflet's controls (zoom, layers, scale, attribution)
/// — as `[left, top, right, bottom]`, named, and the map's box. The
/// column at the top left is a transparent frame that lets clicks through
/// to the map: its panels count, not the room between them.
const PANELS: &str = "
    const shown = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
                         return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
    const box = e => { const r = e.getBoundingClientRect(); return [e.id || e.className, [r.left, r.top, r.right, r.bottom]]; };
    const over = [...document.body.children].filter(e => e.id !== 'map' && e.tagName !== 'SCRIPT' && shown(e))
      .flatMap(e => e.id === 'left-panels' ? [...e.children].filter(shown) : [e]);
    const controls = [...document.querySelectorAll('#map .leaflet-control')].filter(shown);
    const map = document.getElementById('map').getBoundingClientRect();
    return {map: [map.left, map.top, map.right, map.bottom], panels: [...over, ...controls].map(box)};";

/// The area of the union of `boxes` (`[left, top, right, bottom]`),
/// exactly: the plane is cut along every edge into cells, and each cell
/// inside any box counts once, however many boxes hold it.
fn union_area(boxes: &[[f64; 4]]) -> f64 {
    let edges = |a: usize, b: usize| {
        let mut all: Vec<f64> = boxes.iter().flat_map(|r| [r[a], r[b]]).collect();
        all.sort_by(f64::total_cmp);
        all.dedup();
        all
    };
    let (xs, ys) = (edges(0, 2), edges(1, 3));
    let mut area = 0.0;
    for x in xs.windows(2) {
        for y in ys.windows(2) {
            let (cx, cy) = ((x[0] + x[1]) / 2.0, (y[0] + y[1]) / 2.0);
            if boxes
                .iter()
                .any(|r| r[0] <= cx && cx < r[2] && r[1] <= cy && cy < r[3])
            {
                area += (x[1] - x[0]) * (y[1] - y[0]);
            }
        }
    }
    area
}

#[test]
fn the_union_counts_an_overlap_once() {
    let boxes = [
        [0.0, 0.0, 2.0, 2.0],
        [1.0, 1.0, 3.0, 3.0],
        [5.0, 0.0, 6.0, 1.0],
    ];
    assert_eq!(union_area(&boxes), 8.0);
    assert_eq!(
        union_area(&[[0.0, 0.0, 4.0, 4.0], [1.0, 1.0, 2.0, 2.0]]),
        16.0
    );
    assert_eq!(union_area(&[]), 0.0);
}

/// The share of the map's area that the panels over it cover, and what
/// each covers (for the message).
async fn covered(browser: &Browser) -> Result<(f64, String), String> {
    let found = browser.js(PANELS).await?;
    let read = |v: &Value| -> Option<[f64; 4]> {
        let a = v.as_array()?;
        Some([
            a.first()?.as_f64()?,
            a.get(1)?.as_f64()?,
            a.get(2)?.as_f64()?,
            a.get(3)?.as_f64()?,
        ])
    };
    let map = read(&found["map"]).ok_or(format!("no map box in {found}"))?;
    let mut boxes = Vec::new();
    let mut said = Vec::new();
    for panel in found["panels"].as_array().into_iter().flatten() {
        let r = read(&panel[1]).ok_or(format!("no box in {panel}"))?;
        // Only the part over the map.
        let clipped = [
            r[0].max(map[0]),
            r[1].max(map[1]),
            r[2].min(map[2]),
            r[3].min(map[3]),
        ];
        if clipped[0] < clipped[2] && clipped[1] < clipped[3] {
            let area = (clipped[2] - clipped[0]) * (clipped[3] - clipped[1]);
            said.push(format!("{} {area:.0}", panel[0].as_str().unwrap_or("?")));
            boxes.push(clipped);
        }
    }
    let whole = (map[2] - map[0]) * (map[3] - map[1]);
    let share = union_area(&boxes) / whole;
    Ok((
        share,
        format!(
            "{:.1}% of {whole:.0} px² ({})",
            share * 100.0,
            said.join(", ")
        ),
    ))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn at_1280_by_800_the_panels_cover_at_most_a_quarter_of_the_map() {
    Browser::run(|browser| async move {
        browser.viewport(1280, 800).await?;
        browser.open_map().await?;
        let size = browser.js("return [innerWidth, innerHeight]").await?;
        check(
            size == json!([1280, 800]),
            format!("the viewport is {size}"),
        )?;
        let (share, said) = covered(&browser).await?;
        println!("as the page opens: {said}");
        browser.screenshot("layout-1280x800.png").await?;
        check(
            share <= 0.25,
            format!("as the page opens the panels cover {said}"),
        )?;
        // On the story's last day the chronology lists every event, as
        // tall as it may be.
        browser.set_date("2024-12-31").await?;
        browser
            .wait_until(
                "document.querySelectorAll('#chronology-list li[data-entry]').length > 20",
                "the chronology does not list the story's events",
            )
            .await?;
        let (share, said) = covered(&browser).await?;
        println!("on the last day: {said}");
        check(
            share <= 0.25,
            format!("on the last day the panels cover {said}"),
        )
    })
    .await;
}

/// The ids of the controls whose accessible name is `name`, as the
/// browser's accessibility tree gives them to assistive technology (not
/// ignored, and not the text of a label).
async fn named(browser: &Browser, name: &str) -> Result<Vec<String>, String> {
    let tree = browser
        .cdp("Accessibility.getFullAXTree", json!({}))
        .await?;
    let mut ids = Vec::new();
    for node in tree["nodes"].as_array().into_iter().flatten() {
        let text = ["StaticText", "InlineTextBox", "LabelText"]
            .iter()
            .any(|role| node["role"]["value"] == json!(role));
        if node["ignored"] == json!(true) || text || node["name"]["value"] != json!(name) {
            continue;
        }
        let described = browser
            .cdp(
                "DOM.describeNode",
                json!({"backendNodeId": node["backendDOMNodeId"]}),
            )
            .await?;
        let attributes: Vec<String> =
            serde_json::from_value(described["node"]["attributes"].clone()).unwrap_or_default();
        let id = attributes
            .chunks(2)
            .find(|pair| pair[0] == "id")
            .and_then(|pair| pair.get(1).cloned())
            .unwrap_or_default();
        ids.push(id);
    }
    Ok(ids)
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn import_opens_a_dialog_whose_field_is_found_by_its_name() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        let toolbar = browser
            .js("return [...document.querySelectorAll('#toolbar button')].filter(b => b.offsetParent !== null).map(b => b.textContent)")
            .await?;
        check(
            toolbar == json!(["Import…", "Save image", "Record video", "Export GeoJSON"]),
            format!("the toolbar holds {toolbar}"),
        )?;
        check(named(&browser, FIELD).await?.is_empty(), "the file field is reachable with the dialog closed")?;
        browser.click("#import-open").await?;
        let open = browser
            .js("const d = document.getElementById('import-dialog'); return [d.open, d.matches(':modal')]")
            .await?;
        check(open == json!([true, true]), format!("[open, modal] after Import… = {open}"))?;
        let found = named(&browser, FIELD).await?;
        check(found == ["import"], format!("the elements named {FIELD:?}: {found:?}"))?;
        browser.screenshot("layout-import-dialog.png").await?;
        let found = crate::axe_serious(&browser).await?;
        check(found == json!([]), format!("axe, with the import dialog open: {found}"))?;
        // Escape closes it, and so does Close.
        browser.key_on("#import-close", fantoccini::key::Key::Escape).await?;
        browser
            .wait_until("!document.getElementById('import-dialog').open", "Escape does not close the dialog")
            .await?;
        browser.click("#import-open").await?;
        browser.click("#import-close").await?;
        browser
            .wait_until("!document.getElementById('import-dialog').open", "Close does not close the dialog")
            .await
    })
    .await;
}

/// The legend's entries a person sees (`group:value`), in the list and
/// under "What the lines mean", opened.
async fn legend_entries(browser: &Browser) -> Result<(Value, Value), String> {
    browser
        .js("document.getElementById('legend-details').open = true; document.querySelector('#legend .legend-more').open = true;")
        .await?;
    let seen = |css: &str| {
        format!("return [...document.querySelectorAll('{css}')].filter(e => e.getClientRects().length > 0).map(e => e.dataset.legend)")
    };
    let list = browser
        .js(&seen("#legend-details > ul [data-legend]"))
        .await?;
    let meanings = browser
        .js(&seen("#legend .legend-more [data-legend]"))
        .await?;
    Ok((list, meanings))
}

/// What the legend lists for `present`, in its order.
fn listed(present: &Present) -> Value {
    let grades = Grade::ALL
        .into_iter()
        .filter(|&g| present.grade(Some(g)))
        .map(|g| format!("grade:{}", g.as_str()))
        .chain(present.grade(None).then(|| "grade:none".to_owned()));
    let who = SourceType::ALL
        .into_iter()
        .filter(|&w| present.who(w))
        .map(|w| format!("who:{}", w.as_str()));
    let marks = Mark::ALL
        .into_iter()
        .filter(|&m| present.mark(m))
        .map(|m| format!("mark:{}", m.as_str()));
    json!(grades.chain(who).chain(marks).collect::<Vec<_>>())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_legend_lists_only_the_kinds_and_grades_of_the_data() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        let story = troopmap::read_collection(DATA, &std::fs::read_to_string(DATA).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        let (list, meanings) = legend_entries(&browser).await?;
        let expected = listed(&Present::of(&story.features));
        check(list == expected, format!("the story's legend lists {list}, expected {expected}"))?;
        check(meanings == expected, format!("the story's legend explains {meanings}, expected {expected}"))?;

        // A file of reported events by the media, in place of the story.
        browser.import_mode("replace").await?;
        browser.import_files(&[Path::new(ONE_KIND)]).await?;
        browser.wait_for_text("#status", "1 feature on 2024-10-18").await?;
        let (list, meanings) = legend_entries(&browser).await?;
        let only = json!(["grade:reported", "who:media", "mark:event"]);
        check(list == only, format!("the legend of one kind and grade lists {list}"))?;
        check(meanings == only, format!("the legend of one kind and grade explains {meanings}"))?;
        let headings = browser
            .js("return [...document.querySelectorAll('#legend .legend-heading')].filter(e => e.getClientRects().length > 0).map(e => e.textContent)")
            .await?;
        check(
            headings == json!(["How sure (the grade)", "Who said it", "What it is"]),
            format!("the legend's headings: {headings}"),
        )?;
        browser.screenshot("layout-legend-one-kind.png").await?;

        // Its boxes still filter, and the link follows them.
        browser.click("#legend input[data-confidence=reported]").await?;
        browser.wait_for_text("#status", "0 features on 2024-10-18").await?;
        let hash = browser.js("return location.hash").await?;
        check(
            hash.as_str().is_some_and(|h| h.contains("confidence=") && !h.contains("reported")),
            format!("the address without reported: {hash}"),
        )?;
        browser.click("#legend input[data-confidence=reported]").await?;
        browser.wait_for_text("#status", "1 feature on 2024-10-18").await?;

        // With the file removed, nothing is left to list.
        browser.open_import().await?;
        browser.click("#files-heading").await?;
        browser.click("#files button[aria-label='Remove one-kind-one-grade.geojson']").await?;
        browser.click("#import-close").await?;
        let (list, _) = legend_entries(&browser).await?;
        check(list == json!([]), format!("the legend of no data lists {list}"))
    })
    .await;
}

/// Whether the element matching `css` is on screen and is what a tap at
/// its centre reaches.
fn reachable(css: &str) -> String {
    format!(
        "const e = document.querySelector('{css}'); if (!e) return false;
         const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
         const hit = document.elementFromPoint(x, y);
         return x > 0 && y > 0 && x < innerWidth && y < innerHeight && !!hit && (hit === e || e.contains(hit));"
    )
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn at_375_by_740_the_slider_and_the_date_are_usable() {
    Browser::run(|browser| async move {
        browser.viewport(375, 740).await?;
        browser.goto(&format!("{}/#date=2024-10-11", browser.origin())).await?;
        for css in ["#date", "#date-output", "#previous", "#next", "#play", "#import-open", "#legend summary", "#chronology-toggle"] {
            check(browser.js(&reachable(css)).await? == json!(true), format!("{css} is out of view or covered at 375 × 740"))?;
        }
        let folded = browser
            .js("return [document.getElementById('legend-details').open, document.getElementById('chronology-toggle').getAttribute('aria-expanded')]")
            .await?;
        check(folded == json!([false, "false"]), format!("[legend open, chronology expanded] at 375 px = {folded}"))?;
        browser.screenshot("layout-375x740.png").await?;
        browser.key_on("#date", fantoccini::key::Key::Right).await?;
        browser.wait_for_text("#date-output", "2024-10-12").await?;
        browser.click("#previous").await?;
        browser.wait_for_text("#date-output", "2024-10-11").await
    })
    .await;
}

/// The link to the full map, its target and its rel, and where the page
/// is.
async fn full_map_link(browser: &Browser) -> Result<Value, String> {
    browser
        .js("const a = [...document.querySelectorAll('a')].find(a => a.textContent === 'Open the full map');
             return a && [a.href, a.target, a.rel, location.hash]")
        .await
}

/// The embedded page at `?embed=1` shows the map and the date, folds the
/// legend and the chronology, offers no import (a file dropped is refused
/// in the status line) and no export, and links to the same view in the
/// full map.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn embedded_the_map_shows_the_date_without_import_and_links_to_the_full_map() {
    Browser::run(|browser| async move {
        browser.goto(&format!("{}/?embed=1#date=2024-10-11", browser.origin())).await?;
        browser.wait_for_text("#date-output", "2024-10-11").await?;
        check(browser.js(&reachable("#date")).await? == json!(true), "the slider is out of view or covered")?;
        let gone = browser
            .js("return ['import-open', 'import', 'import-dialog', 'export', 'export-positions'].filter(id => document.getElementById(id))
                   .concat([...document.querySelectorAll('button')].filter(b => b.textContent.startsWith('Import')).map(b => b.textContent))")
            .await?;
        check(gone == json!([]), format!("the embedded page still has {gone}"))?;
        check(named(&browser, FIELD).await?.is_empty(), "the file field is reachable")?;
        let folded = browser
            .js("return [document.getElementById('legend-details').open, document.getElementById('chronology-toggle').getAttribute('aria-expanded'), document.body.className]")
            .await?;
        check(folded == json!([false, "false", "embed"]), format!("[legend open, chronology expanded, body class] = {folded}"))?;
        browser.screenshot("layout-embed.png").await?;

        // The link opens the same view, without embed=1, in a new tab,
        // and follows the view.
        let origin = browser.origin();
        let expect_link = |link: &Value| -> Outcome {
            let hash = link[3].as_str().unwrap_or_default();
            check(
                link[0] == json!(format!("{origin}/{hash}")) && link[1] == json!("_blank")
                    && link[2].as_str().is_some_and(|r| r.split(' ').any(|w| w == "noopener"))
                    && hash.contains("date=2024-10-1"),
                format!("[href, target, rel, location.hash] of the link = {link}"),
            )
        };
        expect_link(&full_map_link(&browser).await?)?;
        browser.click("#next").await?;
        browser.wait_for_text("#date-output", "2024-10-12").await?;
        let link = full_map_link(&browser).await?;
        check(link[3].as_str().is_some_and(|h| h.contains("date=2024-10-12")), format!("the address after Next: {link}"))?;
        expect_link(&link)?;

        // A file dropped on the map is not imported; the status says so.
        let before = browser.text("#status").await?;
        browser
            .js(r#"const drop = new DataTransfer();
                 drop.items.add(new File(['{"type": "FeatureCollection", "features": []}'], "dropped.geojson"));
                 document.getElementById("map").dispatchEvent(new DragEvent("drop", {dataTransfer: drop, bubbles: true, cancelable: true}));"#)
            .await?;
        browser
            .wait_for_text("#status", "This embedded map does not import files: open the full map to add yours.")
            .await?;
        browser.click("#previous").await?;
        browser.wait_for_text("#date-output", "2024-10-11").await?;
        let after = browser.text("#status").await?;
        check(after.ends_with("on 2024-10-11") && !before.is_empty(), format!("the status after the drop: {after:?}"))?;

        Ok(())
    })
    .await;
}

/// Where the page of another site that embeds the map is written.
const HOST: &str = "target/e2e-data/host";

/// In another site's page, an `<iframe>` of another origin (`localhost`,
/// where the map is served from `127.0.0.1`), the embedded map shows its
/// data and its link to the full map.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn embedded_in_another_sites_page_the_map_shows_its_data() {
    std::fs::create_dir_all(HOST).unwrap_or_else(|e| panic!("{HOST}: {e}"));
    Browser::run_with(&[("/host/", Path::new(HOST))], |browser| async move {
        let origin = browser.origin();
        let page = format!(
            "<!doctype html>\n<html lang=\"en\"><title>An article</title>\n\
             <iframe src=\"{origin}/?embed=1#date=2024-10-11\" width=\"800\" height=\"500\" \
             title=\"Reported troop movements\"></iframe></html>\n"
        );
        std::fs::write(Path::new(HOST).join("index.html"), page).map_err(|e| e.to_string())?;
        let elsewhere = origin.replace("127.0.0.1", "localhost");
        browser.navigate(&format!("{elsewhere}/host/")).await?;
        browser.enter_frame(0).await?;
        browser
            .wait_until(
                "(document.getElementById('status') || {}).textContent === '36 features on 2024-10-11'",
                "the map in an iframe does not show its data",
            )
            .await?;
        let link = full_map_link(&browser).await?;
        browser.leave_frame().await?;
        check(
            link[0] == json!(format!("{origin}/{}", link[3].as_str().unwrap_or_default()))
                && link[3].as_str().is_some_and(|h| h.starts_with("#date=2024-10-11"))
                && link[1] == json!("_blank"),
            format!("[href, target, rel, location.hash] of the link in the iframe = {link}"),
        )
    })
    .await;
}
