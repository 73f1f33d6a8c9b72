//! KML and GPX, dropped on the page, load with their times; the readers
//! that convert them are loaded only then.

use serde_json::json;
use troopmap::{Day, ReadOptions, TimeIndex};

use crate::support::{check, Browser};
use crate::{fixture, ids_on_map, loaded_status};

/// Whether the page has fetched the readers module.
const READERS_FETCHED: &str =
    "return performance.getEntriesByType('resource').some(e => e.name.includes('troopmap-readers'))";

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_14_kml_and_gpx_dropped_on_the_page_load_with_their_times() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        check(
            browser.js(READERS_FETCHED).await? == json!(false),
            "the readers of KML, GPX and CSV were loaded before any such file was opened",
        )?;
        browser.click("input[name=import-mode][value=replace]").await?;
        let read = |name: &str| std::fs::read_to_string(fixture(name)).map_err(|e| format!("{name}: {e}"));
        let (kml, gpx) = (read("ok-kml-times.kml")?, read("ok-gpx-times.gpx")?);
        // What the two files load as, read as the command line reads them.
        let options = ReadOptions::default();
        let mut data = troopmap::formats::read_file("story.kml", kml.clone(), options)
            .map_err(|e| e.to_string())?;
        data.append(
            troopmap::formats::read_file("convoy.gpx", gpx.clone(), options).map_err(|e| e.to_string())?,
        );
        let index = TimeIndex::of(&data.features);
        browser
            .js(&format!(
                r#"const drop = new DataTransfer();
                   drop.items.add(new File([{}], "story.kml"));
                   drop.items.add(new File([{}], "convoy.gpx"));
                   document.getElementById("map").dispatchEvent(new DragEvent("drop", {{dataTransfer: drop, bubbles: true}}));"#,
                json!(kml),
                json!(gpx)
            ))
            .await?;
        browser.wait_for_text("#status", &loaded_status(&data)).await?;
        check(browser.js(READERS_FETCHED).await? == json!(true), "the readers module was not fetched")?;
        let alert = browser.js("return document.getElementById('alert').hidden").await?;
        check(alert == json!(true), "loading the two files showed an alert")?;

        // The ship's gx:Track (Oct 8–13), the voyage's TimeSpan, the
        // month's and the year's TimeStamps are on the map on Oct 10; the
        // port's day (Oct 13) and the two legs (Oct 14–15) are not.
        for (day, on, off) in [
            ("2024-10-10", &["region", "ship", "voyage", "year"][..], &["legs", "port"][..]),
            ("2024-10-15", &["area", "legs", "region", "year"][..], &["port", "ship", "voyage"][..]),
        ] {
            browser.set_date(day).await?;
            let count = index.shown_on(Day::parse(day).map_err(|e| e.to_string())?).len();
            browser.wait_for_text("#status", &format!("{count} features on {day}")).await?;
            let ids = ids_on_map(&browser).await?;
            for id in on {
                check(ids.iter().any(|i| i == id), format!("{id} is not on the map on {day}: {ids:?}"))?;
            }
            for id in off {
                check(!ids.iter().any(|i| i == id), format!("{id} is on the map on {day}: {ids:?}"))?;
            }
        }
        // On Oct 15 the GPX track (its second day of points is Oct 16) is
        // among them, and the waypoint of Oct 8 is not.
        let on_15 = index.shown_on(Day::parse("2024-10-15").map_err(|e| e.to_string())?);
        let names: Vec<String> = on_15.iter().map(|&i| data.features[i].label()).collect();
        check(names.iter().any(|n| n == "Convoy"), format!("the GPX track is not shown on 2024-10-15: {names:?}"))?;
        check(!names.iter().any(|n| n == "Arrival"), format!("the GPX waypoint of Oct 8 is shown on 2024-10-15: {names:?}"))
    })
    .await;
}
