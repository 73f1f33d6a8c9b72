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
        let data = drop_story_and_convoy(&browser).await?;
        let index = TimeIndex::of(&data.features);
        check(
            browser.js(READERS_FETCHED).await? == json!(true),
            "the readers module was not fetched",
        )?;
        let alert = browser
            .js("return document.getElementById('alert').hidden")
            .await?;
        check(
            alert == json!(true),
            "loading the two files showed an alert",
        )?;

        // The ship's gx:Track (Oct 8–13), the voyage's TimeSpan, the
        // month's and the year's TimeStamps are on the map on Oct 10; the
        // port's day (Oct 13) and the two legs (Oct 14–15) are not.
        for (day, on, off) in [
            (
                "2024-10-10",
                &["region", "ship", "voyage", "year"][..],
                &["legs", "port"][..],
            ),
            (
                "2024-10-15",
                &["area", "legs", "region", "year"][..],
                &["port", "ship", "voyage"][..],
            ),
        ] {
            browser.set_date(day).await?;
            let count = index
                .shown_on(Day::parse(day).map_err(|e| e.to_string())?)
                .len();
            browser
                .wait_for_text("#status", &format!("{count} features on {day}"))
                .await?;
            let ids = ids_on_map(&browser).await?;
            for id in on {
                check(
                    ids.iter().any(|i| i == id),
                    format!("{id} is not on the map on {day}: {ids:?}"),
                )?;
            }
            for id in off {
                check(
                    !ids.iter().any(|i| i == id),
                    format!("{id} is on the map on {day}: {ids:?}"),
                )?;
            }
        }
        // On Oct 15 the GPX track (its second day of points is Oct 16) is
        // among them, and the waypoint of Oct 8 is not.
        let on_15 = index.shown_on(Day::parse("2024-10-15").map_err(|e| e.to_string())?);
        let names: Vec<String> = on_15.iter().map(|&i| data.features[i].label()).collect();
        check(
            names.iter().any(|n| n == "Convoy"),
            format!("the GPX track is not shown on 2024-10-15: {names:?}"),
        )?;
        check(
            !names.iter().any(|n| n == "Arrival"),
            format!("the GPX waypoint of Oct 8 is shown on 2024-10-15: {names:?}"),
        )
    })
    .await;
}

/// Drops `ok-kml-times.kml` (as `story.kml`) and `ok-gpx-times.gpx` (as
/// `convoy.gpx`) on the map, in place of what is on it, and waits until
/// they are on it; what they load as, read as the command line reads them.
async fn drop_story_and_convoy(browser: &Browser) -> Result<troopmap::Dataset, String> {
    browser.import_mode("replace").await?;
    let read =
        |name: &str| std::fs::read_to_string(fixture(name)).map_err(|e| format!("{name}: {e}"));
    let (kml, gpx) = (read("ok-kml-times.kml")?, read("ok-gpx-times.gpx")?);
    // What the two files load as, read as the command line reads them.
    let options = ReadOptions::default();
    let mut data = troopmap::formats::read_file("story.kml", kml.clone(), options)
        .map_err(|e| e.to_string())?;
    data.append(
        troopmap::formats::read_file("convoy.gpx", gpx.clone(), options)
            .map_err(|e| e.to_string())?,
    );
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
    browser
        .wait_for_text("#status", &loaded_status(&data))
        .await?;
    Ok(data)
}

/// The files listed in the import panel, each as its name and what it says.
async fn files_listed(browser: &Browser) -> Result<Vec<String>, String> {
    let value = browser
        .js("return [...document.querySelectorAll('#files li')].map(li => li.querySelector('.file-name').textContent + ': ' + li.querySelector('.file-count').textContent)")
        .await?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_14_each_loaded_file_is_listed_and_can_be_hidden_shown_or_removed() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        // The bundled story is the one file on the map.
        let listed = files_listed(&browser).await?;
        check(
            listed.len() == 1,
            format!("the files listed on opening: {listed:?}"),
        )?;
        let data = drop_story_and_convoy(&browser).await?;
        let kml = data.files.first().map(|f| f.features).unwrap_or_default();
        let listed = files_listed(&browser).await?;
        check(
            listed
                == [
                    format!("story.kml: {kml} features"),
                    format!("convoy.gpx: {} features", data.features.len() - kml),
                ],
            format!("the files listed: {listed:?}"),
        )?;
        browser.set_date("2024-10-10").await?;
        let count_on = |features: &[troopmap::MapFeature]| {
            TimeIndex::of(features)
                .shown_on(Day::parse("2024-10-10").unwrap_or(Day(0)))
                .len()
        };
        let (all_on, story_on, convoy_on) = (
            count_on(&data.features),
            count_on(&data.features[..kml]),
            count_on(&data.features[kml..]),
        );
        browser
            .wait_for_text("#status", &format!("{all_on} features on 2024-10-10"))
            .await?;

        browser.open_import().await?;
        browser.click("#files-heading").await?;
        // Hidden: its features leave the map, the day stays, and it is
        // listed as hidden with a button to show it again.
        browser
            .click("#files button[aria-label='Hide story.kml']")
            .await?;
        let noun = if convoy_on == 1 {
            "feature"
        } else {
            "features"
        };
        browser
            .wait_for_text("#status", &format!("{convoy_on} {noun} on 2024-10-10"))
            .await?;
        let listed = files_listed(&browser).await?;
        check(
            listed
                == [
                    format!("convoy.gpx: {} features", data.features.len() - kml),
                    format!("story.kml: {kml} features, hidden"),
                ],
            format!("the files listed after hiding story.kml: {listed:?}"),
        )?;
        check(
            !ids_on_map(&browser).await?.contains(&"ship".to_owned()),
            "story.kml's ship is still drawn",
        )?;
        browser
            .click("#files button[aria-label='Show story.kml']")
            .await?;
        browser
            .wait_for_text("#status", &format!("{all_on} features on 2024-10-10"))
            .await?;
        check(
            ids_on_map(&browser).await?.contains(&"ship".to_owned()),
            "the ship is not drawn again",
        )?;

        // Removed: gone from the map and from the list, the rest kept.
        browser
            .click("#files button[aria-label='Remove convoy.gpx']")
            .await?;
        browser
            .wait_until(
                "document.querySelectorAll('#files li').length === 1",
                "convoy.gpx is still listed after Remove",
            )
            .await?;
        let listed = files_listed(&browser).await?;
        check(
            listed == [format!("story.kml: {kml} features")],
            format!("the files listed after removing convoy.gpx: {listed:?}"),
        )?;
        browser
            .wait_for_text("#status", &format!("{story_on} features on 2024-10-10"))
            .await
    })
    .await;
}
