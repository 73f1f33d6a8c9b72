//! Time steps follow the data: a one-day track with times is stepped by
//! the hour, and its slider, status and link say the time; daily data
//! keeps its days.

use serde_json::{json, Value};

use crate::support::{check, Browser, Outcome};

const TRACK: &str = "assets/examples/one-day-track.geojson";

/// The slider's `aria-valuetext`.
async fn valuetext(browser: &Browser) -> Result<Value, String> {
    browser
        .js("return document.getElementById('date').getAttribute('aria-valuetext')")
        .await
}

/// Waits until the slider says `time` (its `aria-valuetext` and its
/// `<output>`), and the status begins with the count of features on it.
async fn expect_time(browser: &Browser, time: &str, status: &str) -> Outcome {
    browser.wait_for_text("#date-output", time).await?;
    let said = valuetext(browser).await?;
    check(
        said == json!(time),
        format!("aria-valuetext is {said}, expected {time}"),
    )?;
    browser.wait_for_text("#status", status).await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_13_the_slider_steps_hours_on_a_one_day_track() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        // The bundled story is daily: its slider and status say days.
        let said = valuetext(&browser).await?;
        let day = said.as_str().unwrap_or_default();
        check(
            troopmap::Day::parse(day).is_ok(),
            format!("the bundled story's aria-valuetext is {said}, not YYYY-MM-DD"),
        )?;
        let status = browser.text("#status").await?;
        check(
            status.ends_with(&format!(" on {day}")),
            format!("the bundled story's status says {status:?}"),
        )?;
        let next = browser.text("#next").await?;
        check(next == "Next day", format!("the bundled story's button says {next:?}"))?;

        browser
            .import_mode("replace")
            .await?;
        let track = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TRACK);
        browser.import_files(&[&track]).await?;
        // 06:00 to 18:00: thirteen hours, steps 0 to 12.
        expect_time(
            &browser,
            "2024-03-02T06:00Z",
            "1 feature on 2024-03-02T06:00Z · 1 unit, 1 seen within the hour",
        )
        .await?;
        let range = browser
            .js("const s = document.getElementById('date'); return [s.min, s.max, s.step, s.value]")
            .await?;
        check(
            range == json!(["0", "12", "1", "0"]),
            format!("the slider's [min, max, step, value] are {range}"),
        )?;
        let buttons = browser
            .js("return ['previous', 'next'].map(id => document.getElementById(id).textContent)")
            .await?;
        check(
            buttons == json!(["Previous hour", "Next hour"]),
            format!("the buttons say {buttons}"),
        )?;

        // One step is one hour: by the arrow key, by the button, and by
        // moving the slider.
        browser
            .key_on("#date", fantoccini::key::Key::Right)
            .await?;
        expect_time(
            &browser,
            "2024-03-02T07:00Z",
            "1 feature on 2024-03-02T07:00Z · 2 units, 1 seen within the hour",
        )
        .await?;
        let hash = browser.js("return location.hash").await?;
        check(
            hash.as_str()
                .is_some_and(|h| h.starts_with("#date=2024-03-02T07:00Z&")),
            format!("the address says {hash}"),
        )?;
        browser.click("#next").await?;
        expect_time(&browser, "2024-03-02T08:00Z", "1 feature on 2024-03-02T08:00Z · 2 units, 1 seen within the hour").await?;
        browser
            .js("const s = document.getElementById('date'); s.value = '8'; s.dispatchEvent(new Event('input', {bubbles: true}));")
            .await?;
        expect_time(&browser, "2024-03-02T14:00Z", "0 features on 2024-03-02T14:00Z · 2 units, 0 seen within the hour").await?;
        // The units are where they were last seen at 14:00: the convoy at
        // 12:30, the column at 11:00.
        let units = browser
            .js("return [...document.querySelectorAll('.leaflet-unit')].map(e => e.getAttribute('data-unit')).sort()")
            .await?;
        check(
            units == json!(["Example Column B", "Example Convoy A"]),
            format!("units at 14:00: {units}"),
        )?;
        // The chronology lists up to 14:00, newest first.
        browser
            .wait_until(
                "document.getElementById('chronology-list').getAttribute('data-day') == '2024-03-02T14:00Z'",
                "the chronology did not list up to 2024-03-02T14:00Z",
            )
            .await?;
        let newest = browser
            .js("const e = document.querySelector('#chronology-list li'); return [e.querySelector('.chronology-date').textContent, e.querySelector('.chronology-summary').textContent]")
            .await?;
        check(
            newest == json!(["2024-03-02T12:30Z", "Example Convoy A seen"]),
            format!("the chronology at 14:00 begins {newest}"),
        )?;
        browser.screenshot("steps-one-day.png").await?;
        std::fs::copy("target/screenshots/steps-one-day.png", "target/steps-one-day.png")
            .map_err(|e| e.to_string())?;

        // A link with a time opens on it; one with a plain date on the
        // day's first step.
        browser
            .js("location.hash = '#date=2024-03-02T10:00Z'")
            .await?;
        expect_time(&browser, "2024-03-02T10:00Z", "1 feature on 2024-03-02T10:00Z · 2 units, 1 seen within the hour").await?;
        let value = browser.js("return document.getElementById('date').value").await?;
        check(value == json!("4"), format!("the slider is at {value} at 10:00"))?;
        browser.js("location.hash = '#date=2024-03-02'").await?;
        expect_time(&browser, "2024-03-02T06:00Z", "1 feature on 2024-03-02T06:00Z · 1 unit, 1 seen within the hour").await?;

        // Playing steps an hour at a time and stops on the last step.
        browser
            .js("const s = document.getElementById('date'); s.value = '10'; s.dispatchEvent(new Event('input', {bubbles: true}));")
            .await?;
        expect_time(&browser, "2024-03-02T16:00Z", "1 feature on 2024-03-02T16:00Z · 2 units, 1 seen within the hour").await?;
        browser.click("#play").await?;
        browser.wait_for_text("#date-output", "2024-03-02T17:00Z").await?;
        browser.wait_for_text("#date-output", "2024-03-02T18:00Z").await?;
        browser.wait_for_text("#play", "Play").await?;
        // The strip above the slider has a bar per step.
        let bars = browser
            .js("return document.querySelectorAll('#histogram .bar').length")
            .await?;
        check(bars == json!(13), format!("the strip has {bars} bars"))
    })
    .await;
}

/// Opens the bundled story on 2024-10-08; the count of history entries
/// then.
async fn on_october_8(browser: &Browser) -> Result<Value, String> {
    browser.open_map().await?;
    browser.set_date("2024-10-08").await?;
    browser.wait_for_text("#date-output", "2024-10-08").await?;
    browser.js("return history.length").await
}

/// Drags the slider's thumb by the days of `moves` as the slider reports a
/// drag: the pointer pressed, `input` at each day it passes, the pointer
/// let go, and `change` when it is let go where it did not begin
/// (`changed`).
async fn drag(browser: &Browser, moves: &[i32], changed: bool) -> Outcome {
    browser
        .js_with(
            "const [moves, changed] = arguments, s = document.getElementById('date');
             s.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
             for (const by of moves) {
               s.value = String(Number(s.value) + by);
               s.dispatchEvent(new Event('input', {bubbles: true}));
             }
             s.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
             if (changed) s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(moves), json!(changed)],
        )
        .await
        .map(|_| ())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn a_drag_of_the_slider_is_one_history_entry_and_back_undoes_it() {
    Browser::run(|browser| async move {
        let before = on_october_8(&browser).await?;
        // A person drags the slider's thumb to the right, through six days.
        drag(&browser, &[1; 6], true).await?;
        let dragged = browser.text("#date-output").await?;
        let day = troopmap::Day::parse(&dragged).map_err(|e| e.to_string())?;
        let start = troopmap::Day::parse("2024-10-08").map_err(|e| e.to_string())?;
        check(
            day.0 == start.0 + 6,
            format!("the drag went from 2024-10-08 to {dragged}"),
        )?;
        let after = browser.js("return [history.length, location.hash]").await?;
        check(
            after[0].as_i64() == before.as_i64().map(|n| n + 1)
                && after[1]
                    .as_str()
                    .is_some_and(|h| h.starts_with(&format!("#date={dragged}&"))),
            format!("[history entries, address] after the drag: {after}, {before} entries before"),
        )?;
        // A step after it is an entry of its own; back undoes the step, then
        // the whole drag.
        browser.click("#next").await?;
        browser.wait_for_text("#date-output", &troopmap::Day(day.0 + 1).to_string()).await?;
        browser.js("history.back()").await?;
        browser.wait_for_text("#date-output", &dragged).await?;
        browser.js("history.back()").await?;
        browser.wait_for_text("#date-output", "2024-10-08").await
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn a_key_after_a_drag_back_to_where_it_began_is_a_step_of_its_own() {
    Browser::run(|browser| async move {
        let before = on_october_8(&browser).await?;
        // A drag over two days and back: the slider fires no `change`.
        drag(&browser, &[1, 1, -1, -1], false).await?;
        browser.wait_for_text("#date-output", "2024-10-08").await?;
        // A key on the slider after it is a step, and an entry, of its own.
        browser
            .key_on("#date", fantoccini::key::Key::Right)
            .await?;
        browser.wait_for_text("#date-output", "2024-10-09").await?;
        let after = browser.js("return history.length").await?;
        check(
            after.as_i64() == before.as_i64().map(|n| n + 2),
            format!("{after} history entries after the drag and the key, {before} before"),
        )?;
        browser.js("history.back()").await?;
        browser.wait_for_text("#date-output", "2024-10-08").await
    })
    .await;
}
