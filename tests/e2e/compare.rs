//! Comparing two dates (issue 17): "What changed between A and B" on the
//! story, and on generated sightings the arrows of units that moved with
//! their distances, and "Export changes" against `troopmap diff`.

use std::path::Path;

use serde_json::Value;
use troopmap::scene::Scene;
use troopmap::{read_collection, Day};

use super::support::{check, Browser};

/// Where the generated files are written and served from.
const DIR: &str = "target/e2e-data";

/// The text of the list's group headed `heading`, entry by entry.
async fn group(browser: &Browser, heading: &str) -> Result<Vec<String>, String> {
    let entries = browser
        .js_with(
            "const g = [...document.querySelectorAll('#changes-list .change-group')]
               .find(g => g.querySelector('h3').textContent.startsWith(arguments[0] + ' ('));
             return g ? [...g.querySelectorAll('.change-entry')].map(e => e.textContent) : [];",
            vec![Value::from(heading)],
        )
        .await?;
    serde_json::from_value(entries).map_err(|e| e.to_string())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_17_compare_october_7_with_october_20_on_the_story() {
    Browser::run(|browser| async move {
        browser.open_map_at("#date=2024-10-20").await?;
        // Not comparing: no list.
        let hidden = browser.js("return document.getElementById('changes').hidden").await?;
        check(hidden == Value::Bool(true), "the list of changes shows before comparing")?;
        // The date control, as a keyboard user fills it.
        browser.click("#compare-options summary").await?;
        browser
            .js("const i = document.getElementById('compare-date'); i.focus(); i.value = '2024-10-07'; i.dispatchEvent(new Event('change', {bubbles: true})); return true;")
            .await?;
        browser
            .wait_for_text("#changes-title", "What changed between 2024-10-07 and 2024-10-20")
            .await?;
        browser
            .wait_until(
                "document.querySelectorAll('#changes-list .change-entry').length > 0",
                "the list of changes stayed empty",
            )
            .await?;
        // The link keeps the second date.
        let hash = browser.js("return location.hash").await?;
        check(
            hash.as_str().is_some_and(|h| h.contains("compare=2024-10-07")),
            format!("the link does not keep the date compared with: {hash}"),
        )?;
        let appeared = group(&browser, "Appeared").await?;
        check(
            appeared.iter().any(|e| e.starts_with("NIS: about 1,500 North Korean special forces arrived in Vladivostok (")),
            format!("NIS's confirmation of October 18 is not listed as appeared: {appeared:?}"),
        )?;
        let between = group(&browser, "Came and went in between").await?;
        for route in ["Chongjin", "Hamhung", "Musudan"] {
            let wanted = format!("First sea transfer: {route} → Vladivostok (2024-10-08 – 2024-10-13)");
            check(
                between.contains(&wanted),
                format!("{wanted:?} is not listed as in between: {between:?}"),
            )?;
        }
        // The list holds what the core's comparison holds.
        let text = std::fs::read_to_string(crate::DATA).map_err(|e| e.to_string())?;
        let scene = Scene::new(read_collection("story", &text).map_err(|e| e.to_string())?, Default::default());
        let day = |s| Day::parse(s).map_err(|e| e.to_string());
        let c = scene.compare(day("2024-10-07")?, day("2024-10-20")?);
        check(appeared.len() == c.appeared.len(), format!("{} appeared listed, {} in the comparison", appeared.len(), c.appeared.len()))?;
        check(between.len() == c.between.len(), format!("{} in between listed, {} in the comparison", between.len(), c.between.len()))?;
        // What came and went in between, and what is gone, is drawn faint
        // on the map, and what appeared is outlined: every such feature
        // with a geometry, by its id.
        for (class, list) in [
            ("change-between", &c.between),
            ("change-gone", &c.gone),
            ("change-appeared", &c.appeared),
        ] {
            let mut wanted: Vec<String> = list
                .iter()
                .filter_map(|&i| scene.data().features.get(i))
                .filter(|f| f.geometry.is_some())
                .filter_map(|f| f.id.as_ref().map(ToString::to_string))
                .collect();
            wanted.sort();
            let drawn = browser
                .js_with(
                    "return [...new Set([...document.querySelectorAll('.' + arguments[0])].map(e => e.getAttribute('data-feature-id')))].sort()",
                    vec![Value::from(class)],
                )
                .await?;
            let drawn: Vec<String> = serde_json::from_value(drawn).map_err(|e| e.to_string())?;
            check(drawn == wanted, format!("{class}: drawn {drawn:?}, wanted {wanted:?}"))?;
        }
        // Choosing an entry not on the map that day opens its popup.
        browser
            .js("[...document.querySelectorAll('#changes-list .change-entry')].find(e => e.textContent.startsWith('First sea transfer: Chongjin')).click(); return true;")
            .await?;
        browser
            .wait_until(
                "[...document.querySelectorAll('.leaflet-popup-content')].some(p => p.textContent.includes('First sea transfer: Chongjin'))",
                "choosing an entry in between opened no popup",
            )
            .await?;
        // Reopening the link compares again.
        let url = browser.js("return location.href").await?;
        browser.goto(url.as_str().unwrap_or_default()).await?;
        browser
            .wait_for_text("#changes-title", "What changed between 2024-10-07 and 2024-10-20")
            .await?;
        // The control shows the date; stopping hides the list and takes
        // the date out of the link.
        browser.click("#compare-options summary").await?;
        let shown = browser.js("return document.getElementById('compare-date').value").await?;
        check(shown == "2024-10-07", format!("the date control shows {shown}"))?;
        browser.click("#compare-off").await?;
        browser
            .wait_until(
                "document.getElementById('changes').hidden && !location.hash.includes('compare=')",
                "stopping comparing left the list or the date in the link",
            )
            .await
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_17_moved_units_get_arrows_with_distances_and_export_equals_troopmap_diff() {
    let (path, _) = super::support::bench::synthetic_sightings(Path::new(DIR), 300, 20, false)
        .unwrap_or_else(|e| panic!("{e}"));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let (from, to) = ("2024-03-01", "2024-05-01");
    // The core's comparison: the units that moved, and how far.
    let text = std::fs::read_to_string(&path).expect("the sightings");
    let scene = Scene::new(
        read_collection("s", &text).expect("reads"),
        Default::default(),
    );
    let c = scene.compare(Day::parse(from).expect("day"), Day::parse(to).expect("day"));
    let labels: Vec<String> = c
        .moved()
        .filter_map(|u| {
            u.distance_km
                .map(|km| format!("{}: {} km", u.name, troopmap::number::decimal(km, 1)))
        })
        .collect();
    assert!(labels.len() > 10, "{} units moved", labels.len());
    let served = [("/synth/", Path::new(DIR))];
    Browser::run_with(&served, |browser| async move {
        browser
            .goto(&format!(
                "{}/?data=/synth/{name}#date={to}&compare={from}&map=8/48.0/37.5",
                browser.origin()
            ))
            .await?;
        browser
            .wait_until(
                &format!("document.querySelectorAll('.change-arrow').length === {}", labels.len()),
                &format!("the map has not {} arrows", labels.len()),
            )
            .await?;
        // The farthest arrows are labelled with their unit and its
        // great-circle distance, as the core measures it.
        let shown: Vec<String> = serde_json::from_value(
            browser
                .js("return [...document.querySelectorAll('.leaflet-tooltip.change-distance')].map(t => t.textContent)")
                .await?,
        )
        .map_err(|e| e.to_string())?;
        let labelled = troopmap::draw::style::size::MOVED_LABELS;
        let mut wanted: Vec<String> = labels.iter().take(labelled).cloned().collect();
        let mut got = shown.clone();
        wanted.sort();
        got.sort();
        check(got == wanted, format!("the arrows say {got:?}, the comparison {wanted:?}"))?;
        // The list's "Moved" group, the farthest first.
        let moved = group(&browser, "Moved").await?;
        check(
            moved.first() == labels.first(),
            format!("the list's first moved unit is {:?}, the farthest is {:?}", moved.first(), labels.first()),
        )?;
        browser.screenshot("compare-units-2024-03-01-to-2024-05-01.png").await?;
        // "Export changes" writes what `troopmap diff` prints.
        browser.click("#export-changes").await?;
        let file = browser
            .downloaded(&format!("troopmap-changes-{from}-to-{to}.geojson"))
            .await?;
        let exported = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_troopmap"))
            .args(["diff", "--from", from, "--to", to])
            .arg(&path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .map_err(|e| e.to_string())?;
        let printed = String::from_utf8_lossy(&output.stdout).trim_end().to_owned();
        check(output.status.success(), "troopmap diff failed")?;
        check(
            exported == printed,
            format!(
                "the page's export ({} bytes) differs from `troopmap diff` ({} bytes)",
                exported.len(),
                printed.len()
            ),
        )?;
        let lines = exported.matches("\"LineString\"").count();
        check(lines == labels.len(), format!("{lines} lines exported, {} units moved", labels.len()))
    })
    .await;
}
