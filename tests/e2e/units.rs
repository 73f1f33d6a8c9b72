//! Units from generated sightings, drawn on the units' canvas: a few
//! hundred units (without symbol codes and with them) between snapshots,
//! where they crowd and where they stand alone, their list, their export.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use troopmap::scene::play::noon;
use troopmap::space::sightings::{Position, UnitRule, Units};
use troopmap::{read_collection, Day};

use super::support::{check, Browser, Outcome};

/// Where the generated files are written and served from.
const DIR: &str = "target/e2e-data";

/// Synthetic sightings of `units` units at `snapshots` snapshots (seed
/// 1), with symbol codes or without, written unless there.
fn sightings(units: usize, snapshots: usize, symbols: bool) -> PathBuf {
    match super::support::bench::synthetic_sightings(Path::new(DIR), units, snapshots, symbols) {
        Ok((path, _)) => path,
        Err(e) => panic!("{e}"),
    }
}

/// The file's units and their positions on `day`, by the core's rule.
fn positions(path: &Path, day: &str) -> (Units, Vec<Position>) {
    let text = std::fs::read_to_string(path).expect("the sightings file");
    let data = read_collection("sightings", &text).expect("the file reads");
    let units = Units::of(&data.features, &UnitRule::default());
    let moment = noon(Day::parse(day).expect("a day"));
    let positions = units.positions_at(moment, &UnitRule::default());
    (units, positions)
}

/// Opens the map on the generated file `name` at `day`, its view at
/// `map` (`zoom/lat/lon`).
async fn open(browser: &Browser, name: &str, day: &str, map: &str) -> Outcome {
    browser
        .goto(&format!(
            "{}/?data=/synth/{name}#date={day}&map={map}",
            browser.origin()
        ))
        .await
}

/// What the units' canvas says it drew: units alone, counts, labels,
/// tracks.
async fn drawn(browser: &Browser) -> Result<[u64; 4], String> {
    let text = browser
        .js("const c = document.querySelector('canvas.units-canvas'); return c && c.getAttribute('data-drawn');")
        .await?;
    let numbers: Vec<u64> = text
        .as_str()
        .unwrap_or("")
        .split(' ')
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [a, b, c, d] => Ok([a, b, c, d]),
        _ => Err(format!("the units' canvas says it drew {text}")),
    }
}

/// Clicks the map at the container point `(x, y)`.
async fn click_map(browser: &Browser, x: f64, y: f64) -> Result<(), String> {
    browser
        .js(&format!(
            "const r = document.getElementById('map').getBoundingClientRect();
             const at = {{clientX: r.left + {x}, clientY: r.top + {y}, bubbles: true}};
             const map = document.getElementById('map');
             for (const type of ['mousedown', 'mouseup', 'click'])
               map.dispatchEvent(new MouseEvent(type, at));"
        ))
        .await
        .map(|_| ())
}

/// The zoom the address says.
async fn zoom(browser: &Browser) -> Result<f64, String> {
    let hash = browser.js("return location.hash").await?;
    hash.as_str()
        .and_then(|h| h.split("map=").nth(1))
        .and_then(|m| m.split('/').next())
        .and_then(|z| z.parse().ok())
        .ok_or_else(|| format!("no zoom in the address {hash}"))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_13_hundreds_of_units_crowd_into_counts_and_stand_alone_when_zoomed_in() {
    let file = sightings(300, 20, false);
    // Between the first two snapshots (2024-01-01 and 2024-01-19).
    let day = "2024-01-10";
    let (units, shown) = positions(&file, day);
    let seen: usize = {
        let mut names: Vec<usize> = shown.iter().map(|p| p.unit).collect();
        names.dedup();
        names.len()
    };
    let status = format!("0 features on {day} · {seen} units, 0 seen that day");
    // A unit to look at closely: the first shown.
    let first = shown[0];
    let name = units
        .get(first.unit)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let served = [("/synth/", Path::new(DIR))];
    Browser::run_with(&served, |browser| async move {
        open(&browser, "sightings-300x20.geojson", day, "5/48.5/36.0").await?;
        browser.wait_for_text("#status", &status).await?;
        // Hundreds of units at zoom 5: most gather into counts.
        browser
            .wait_until(
                "document.querySelector('canvas.units-canvas[data-drawn]') && document.querySelector('canvas.units-canvas').getAttribute('data-drawn').split(' ').slice(0, 2).join(' ') != '0 0'",
                "the units' canvas drew nothing",
            )
            .await?;
        let [alone, counts, _, _] = drawn(&browser).await?;
        check(
            counts > 0 && alone < seen as u64,
            format!("at zoom 5, {alone} units alone and {counts} counts of {seen}"),
        )?;
        // No symbol codes: milsymbol is not loaded.
        let symbols = browser
            .js("return performance.getEntriesByType('resource').some(e => e.name.endsWith('/milsymbol.js'))")
            .await?;
        check(symbols == json!(false), "milsymbol was loaded for data without codes")?;
        browser.screenshot("units-crowded-2024-01-10.png").await?;
        // A click on a count zooms in.
        let largest = browser
            .js("return document.querySelector('canvas.units-canvas').getAttribute('data-largest-count')")
            .await?;
        let numbers: Vec<f64> = largest
            .as_str()
            .unwrap_or("")
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        let [n, x, y] = numbers[..] else {
            return Err(format!("the largest count: {largest}"));
        };
        check(n > 1.0, format!("the largest count is of {n} units"))?;
        let before = zoom(&browser).await?;
        click_map(&browser, x, y).await?;
        browser
            .wait_until(
                &format!("Number((location.hash.split('map=')[1] || '').split('/')[0]) > {before}"),
                "a click on a count did not zoom in",
            )
            .await?;
        // Close to one unit (at the map's largest zoom), it stands alone,
        // labelled, and its popup says how old its position is.
        let (lat, lon) = (first.at.y, first.at.x);
        open(&browser, "sightings-300x20.geojson", day, &format!("10/{lat}/{lon}")).await?;
        browser.wait_for_text("#status", &status).await?;
        browser
            .wait_until(
                "location.hash.includes('map=10/') && (([a, b, c]) => a >= 1 && b == 0 && c == a)(document.querySelector('canvas.units-canvas').getAttribute('data-drawn').split(' ').map(Number))",
                "close up, units are not drawn alone, each with its label",
            )
            .await?;
        let size = browser
            .js("const r = document.getElementById('map').getBoundingClientRect(); return [r.width, r.height];")
            .await?;
        let (w, h) = (size[0].as_f64().unwrap_or(0.0), size[1].as_f64().unwrap_or(0.0));
        click_map(&browser, w / 2.0, h / 2.0).await?;
        let text = super::popup_text(&browser, &name).await?;
        check(
            text.contains("last seen 2024-01-01 (9 days ago)"),
            format!("{name}'s popup: {text:?}"),
        )?;
        browser
            .wait_until(
                "document.querySelectorAll('.unit-track').length == 1",
                "opening a unit's popup drew no track",
            )
            .await?;
        // "Export positions" writes what `troopmap positions` prints.
        let exported = super::exported_positions(&browser, day).await?;
        let printed = super::printed_positions(day, "target/e2e-data/sightings-300x20.geojson")?;
        check(
            exported == printed,
            "the page's exported positions differ from `troopmap positions`",
        )?;
        let features: Value = serde_json::from_str(&exported).map_err(|e| e.to_string())?;
        let count = features["features"].as_array().map_or(0, Vec::len);
        check(count == shown.len(), format!("{count} positions exported, {} shown", shown.len()))?;
        // After the second snapshot (2024-01-19), "show all tracks" draws
        // a track for every unit seen twice.
        browser.set_date("2024-01-25").await?;
        browser.click("#all-tracks").await?;
        browser
            .wait_until(
                "Number(document.querySelector('canvas.units-canvas').getAttribute('data-drawn').split(' ')[3]) > 100",
                "\"show all tracks\" drew no tracks",
            )
            .await?;
        browser.screenshot("units-all-tracks-2024-01-25.png").await
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_13_the_unit_list_filters_sorts_and_leads_to_a_unit() {
    let file = sightings(300, 20, false);
    let day = "2024-01-10";
    let (units, shown) = positions(&file, day);
    let mut seen: Vec<usize> = shown.iter().map(|p| p.unit).collect();
    seen.dedup();
    let summary = format!("Units shown ({})", seen.len());
    let served = [("/synth/", Path::new(DIR))];
    // The units shown whose names hold "unit 12", as the list should give
    // them, by name.
    let mut expected: Vec<String> = shown
        .iter()
        .filter_map(|p| units.get(p.unit))
        .map(|u| u.name.clone())
        .filter(|n| n.contains("unit 12"))
        .collect();
    expected.sort();
    expected.dedup();
    Browser::run_with(&served, |browser| async move {
        open(&browser, "sightings-300x20.geojson", day, "5/48.5/36.0").await?;
        browser.wait_for_text("#unit-list-summary", &summary).await?;
        browser.click("#unit-list-summary").await?;
        browser
            .wait_until(
                "document.querySelectorAll('#unit-entries .unit-entry').length == 200",
                "the open list does not show its first 200 units",
            )
            .await?;
        let more = browser.text("#unit-entries .unit-entries-more").await?;
        check(more.contains("more: type to narrow"), format!("the list ends {more:?}"))?;
        // Typing narrows it.
        browser
            .js("const f = document.getElementById('unit-filter'); f.value = 'unit 12'; f.dispatchEvent(new Event('input'))")
            .await?;
        let names = browser
            .js("return [...document.querySelectorAll('#unit-entries .unit-entry-name')].map(e => e.textContent)")
            .await?;
        check(names == json!(expected), format!("filtered by 'unit 12': {names}, expected {expected:?}"))?;
        let meta = browser.text("#unit-entries .unit-entry-meta").await?;
        check(
            meta.contains("last seen 2024-01-01 (9 days ago)") && meta.starts_with("side "),
            format!("an entry says {meta:?}"),
        )?;
        // Choosing one, from the keyboard: its popup, its track, the map on it.
        browser
            .js("document.querySelector('#unit-entries .unit-entry').focus()")
            .await?;
        browser
            .key_on("#unit-entries .unit-entry", fantoccini::key::Key::Enter)
            .await?;
        let first = expected.first().cloned().unwrap_or_default();
        let text = super::popup_text(&browser, &first).await?;
        check(text.contains("last seen 2024-01-01"), format!("{first}'s popup: {text:?}"))?;
        browser
            .wait_until(
                "document.querySelectorAll('.unit-track').length == 1",
                "choosing a unit drew no track",
            )
            .await?;
        browser.screenshot("unit-list-chosen.png").await?;
        // Latest first: after the second snapshot (2024-01-19), the units
        // seen then come before those last seen on 2024-01-01 (of the 111
        // whose names hold "unit 1", all listed).
        browser
            .js("const f = document.getElementById('unit-filter'); f.value = 'unit 1'; f.dispatchEvent(new Event('input'))")
            .await?;
        browser.set_date("2024-01-25").await?;
        browser
            .js("const s = document.getElementById('unit-sort'); s.value = 'age'; s.dispatchEvent(new Event('change'))")
            .await?;
        let ages = browser
            .js("return [...document.querySelectorAll('#unit-entries .unit-entry-meta')].map(e => Number((e.textContent.match(/\\((\\d+) days? ago\\)/) || [0, -1])[1]))")
            .await?;
        let ages: Vec<i64> = serde_json::from_value(ages).map_err(|e| e.to_string())?;
        check(
            ages.len() > 1
                && ages.windows(2).all(|w| w[0] <= w[1])
                && ages.first() == Some(&6)
                && ages.last() == Some(&24),
            format!("latest first, the entries' ages are {ages:?}"),
        )?;
        // Axe finds nothing serious in the open list.
        let found = super::axe_serious(&browser).await?;
        check(
            found.as_array().is_some_and(Vec::is_empty),
            format!("axe with the unit list open: {found}"),
        )
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_13_units_with_symbol_codes_are_drawn_with_their_symbols() {
    let file = sightings(300, 20, true);
    let day = "2024-01-10";
    let (units, shown) = positions(&file, day);
    check_codes(&units, &shown);
    let first = shown[0];
    let served = [("/synth/", Path::new(DIR))];
    Browser::run_with(&served, |browser| async move {
        let (lat, lon) = (first.at.y, first.at.x);
        open(&browser, "sightings-300x20-symbols.geojson", day, &format!("9/{lat}/{lon}")).await?;
        browser
            .wait_until("window.ms && window.ms.Symbol", "milsymbol did not load")
            .await?;
        // The frames' fills: friend light blue, hostile light red, as
        // milsymbol draws the codes' standard identities.
        let colours = "const c = document.querySelector('canvas.units-canvas');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let friend = 0, hostile = 0;
            for (let i = 0; i < px.length; i += 4) {
              if (px[i] == 128 && px[i + 1] == 224 && px[i + 2] == 255) friend++;
              if (px[i] == 255 && px[i + 1] == 128 && px[i + 2] == 128) hostile++;
            }
            return [friend, hostile];";
        browser
            .wait_until(
                &format!("(() => {{ const [f, h] = (() => {{ {colours} }})(); return f > 50 && h > 50; }})()"),
                "no friend and hostile symbol frames on the canvas",
            )
            .await?;
        let legend = browser.text("#legend-units").await?;
        check(
            legend.contains("MIL-STD-2525 / APP-6 code"),
            format!("the legend does not explain the symbols: {legend:?}"),
        )?;
        browser.screenshot("units-symbols-2024-01-10.png").await?;
        // A saved picture draws the same symbols.
        browser.click("#save-image").await?;
        let path = browser.downloaded(&format!("troopmap-{day}.png")).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        std::fs::create_dir_all("target/share").map_err(|e| e.to_string())?;
        std::fs::copy(&path, format!("target/share/units-symbols-{day}.png")).map_err(|e| e.to_string())?;
        let picture = crate::share::Png::read(&path)?;
        // The frames' fills faded over the land, as on the map: light blue
        // and light red, unlike the land, the sea or a side's dot.
        let count = |fill: fn(&[u8]) -> bool| picture.rgba.chunks_exact(4).filter(|p| fill(p)).count();
        let friend = count(|p| p[0] < 170 && p[1] > 200 && p[2] > 235);
        let hostile = count(|p| p[0] > 235 && p[1] < 170 && p[2] < 170);
        check(
            friend > 50 && hostile > 50,
            format!("the picture has {friend} friend and {hostile} hostile frame pixels"),
        )
    })
    .await;
}

/// Every position of the generated file carries its unit's code.
fn check_codes(units: &Units, shown: &[Position]) {
    for p in shown {
        let code = p.symbol.and_then(|s| units.code(s));
        assert!(
            code.is_some_and(|c| c.len() == 15),
            "position {p:?} has no 15-character code"
        );
    }
}
