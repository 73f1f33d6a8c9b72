//! Playing: the speed and the loop chosen beside Play, kept in the link;
//! following the story, which moves the view to what a step brings onto
//! the map (clear of the panels) unless it is turned off.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::support::{check, Browser};

/// Kursk, as the bundled data places it: longitude, latitude.
const KURSK: (f64, f64) = (36.19, 51.73);

/// A view on Korea and Vladivostok, far from Kursk.
const KOREA: &str = "6/42/131";

/// The map's view as the address writes it: zoom, latitude, longitude.
async fn view(browser: &Browser) -> Result<(f64, f64, f64), String> {
    let found = browser
        .js("const m = location.hash.match(/map=([^&]*)/); return m ? m[1].split('/').map(Number) : null")
        .await?;
    match found
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<_>>())
    {
        Some(numbers) if numbers.len() == 3 => Ok((numbers[0], numbers[1], numbers[2])),
        _ => Err(format!("the address gives no view: {found}")),
    }
}

/// The view once the map has stopped moving: the address's view, the
/// same for a second.
async fn settled_view(browser: &Browser) -> Result<(f64, f64, f64), String> {
    let started = Instant::now();
    let mut last = view(browser).await?;
    let mut since = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = view(browser).await?;
        if now != last {
            (last, since) = (now, Instant::now());
        } else if since.elapsed() >= Duration::from_secs(1) {
            return Ok(now);
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err(format!("the map kept moving; its view is {now:?}"));
        }
    }
}

/// The map's bounds, `[west, south, east, north]` in degrees, from its
/// view (zoom, centre) and its size on the page, as Leaflet's Web
/// Mercator places them.
async fn bounds(browser: &Browser) -> Result<[f64; 4], String> {
    let (zoom, lat, lon) = view(browser).await?;
    let size = browser
        .js("const m = document.getElementById('map'); return [m.clientWidth, m.clientHeight]")
        .await?;
    let (Some(width), Some(height)) = (size[0].as_f64(), size[1].as_f64()) else {
        return Err(format!("the map's size is {size}"));
    };
    let world = 256.0 * 2f64.powf(zoom);
    let x = |lon: f64| (lon + 180.0) / 360.0 * world;
    let y = |lat: f64| {
        let lat = lat.to_radians();
        (1.0 - (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln() / std::f64::consts::PI) / 2.0
            * world
    };
    let lon_of = |x: f64| x / world * 360.0 - 180.0;
    let lat_of = |y: f64| {
        let n = std::f64::consts::PI * (1.0 - 2.0 * y / world);
        n.sinh().atan().to_degrees()
    };
    let (cx, cy) = (x(lon), y(lat));
    Ok([
        lon_of(cx - width / 2.0),
        lat_of(cy + height / 2.0),
        lon_of(cx + width / 2.0),
        lat_of(cy - height / 2.0),
    ])
}

fn inside(bounds: [f64; 4], (lon, lat): (f64, f64)) -> bool {
    let [west, south, east, north] = bounds;
    (west..=east).contains(&lon) && (south..=north).contains(&lat)
}

/// The panels Kursk's mark lies under, if any, and whether it is on the
/// map at all.
async fn kursk_on_screen(browser: &Browser) -> Result<Value, String> {
    browser
        .js("const k = document.querySelector('#map [data-feature-id=\"place:kursk\"]');
             if (!k) return 'no mark';
             const r = k.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
             const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
             if (x < m.left || x > m.right || y < m.top || y > m.bottom) return 'off the map';
             return ['legend', 'chronology', 'timeline', 'toolbar'].filter(id => {
               const p = document.getElementById(id).getBoundingClientRect();
               return x >= p.left && x <= p.right && y >= p.top && y <= p.bottom;
             });")
        .await
}

/// What the status says on `day` of the bundled story.
fn status(day: &str) -> String {
    format!("{} features on {day}", super::expected_ids(day).len())
}

async fn checked(browser: &Browser, id: &str) -> Result<Value, String> {
    browser
        .js(&format!("return document.getElementById('{id}').checked"))
        .await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn following_the_story_brings_kursk_into_view_clear_of_the_panels() {
    Browser::run(|browser| async move {
        browser
            .goto(&format!(
                "{}/#date=2024-11-19&map={KOREA}",
                browser.origin()
            ))
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        // The story is followed unless a person says otherwise.
        check(
            checked(&browser, "follow").await? == json!(true),
            "following is off for the story",
        )?;
        let before = settled_view(&browser).await?;
        // The link's view, to the pixel Leaflet snaps it to.
        check(
            before.0 == 6.0 && (before.1 - 42.0).abs() < 0.05 && (before.2 - 131.0).abs() < 0.05,
            format!("the link's view became {before:?}"),
        )?;
        let seen = bounds(&browser).await?;
        check(
            !inside(seen, KURSK),
            format!("Kursk is in view before the step: {seen:?}"),
        )?;

        // Nov 20: the NIS, in Seoul, on troops in Kursk.
        browser.click("#next").await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        let after = settled_view(&browser).await?;
        let seen = bounds(&browser).await?;
        check(
            inside(seen, KURSK),
            format!(
                "after the step the map shows {seen:?} (view {after:?}), without Kursk {KURSK:?}"
            ),
        )?;
        check(
            after.0 <= 7.0,
            format!("following zoomed in to {}", after.0),
        )?;
        let under = kursk_on_screen(&browser).await?;
        check(under == json!([]), format!("Kursk's mark: {under}"))?;
        let hash = browser.js("return location.hash").await?;
        check(
            hash.as_str()
                .is_some_and(|h| h.starts_with("#date=2024-11-20&map=") && !h.contains("follow=")),
            format!("the address says {hash}"),
        )?;
        browser.screenshot("follow-kursk.png").await?;
        std::fs::copy(
            "target/screenshots/follow-kursk.png",
            "target/follow-kursk.png",
        )
        .map_err(|e| e.to_string())?;

        // The slider steps too: back to Korea by a link, on to Nov 20 by
        // the slider.
        browser
            .goto(&format!(
                "{}/#date=2024-11-19&map={KOREA}",
                browser.origin()
            ))
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        settled_view(&browser).await?;
        browser.set_date("2024-11-20").await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        settled_view(&browser).await?;
        let seen = bounds(&browser).await?;
        check(
            inside(seen, KURSK),
            format!("after the slider the map shows {seen:?}, without Kursk"),
        )
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn with_following_off_a_step_leaves_the_view_where_it_is() {
    Browser::run(|browser| async move {
        browser
            .goto(&format!(
                "{}/#date=2024-11-19&map={KOREA}&follow=0",
                browser.origin()
            ))
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        check(
            checked(&browser, "follow").await? == json!(false),
            "the link's follow=0 left following on",
        )?;
        let before = settled_view(&browser).await?;
        browser.click("#next").await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        let after = settled_view(&browser).await?;
        check(
            before == after,
            format!("the view moved from {before:?} to {after:?}"),
        )?;
        check(
            !inside(bounds(&browser).await?, KURSK),
            "Kursk came into view",
        )?;
        let hash = browser.js("return location.hash").await?;
        check(
            hash.as_str().is_some_and(|h| h.contains("follow=0")),
            format!("the address says {hash}"),
        )?;
        // Ticked again, the next step follows.
        browser.click("#follow").await?;
        browser
            .wait_until(
                "!location.hash.includes('follow=')",
                "ticking Follow did not reach the address",
            )
            .await?;
        browser.click("#previous").await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        browser.click("#next").await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        settled_view(&browser).await?;
        check(
            inside(bounds(&browser).await?, KURSK),
            "with following on again, Kursk is not in view",
        )
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn following_waits_while_a_person_drags_the_map() {
    Browser::run(|browser| async move {
        browser
            .goto(&format!(
                "{}/#date=2024-11-19&map={KOREA}",
                browser.origin()
            ))
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        let before = settled_view(&browser).await?;
        // A point of the map clear of the panels, dragged to the left and
        // held there while the next day comes.
        let at = browser
            .js(
                "const l = document.getElementById('toolbar').getBoundingClientRect(),
                       r = document.getElementById('legend').getBoundingClientRect();
                 return [(l.right + r.left) / 2, l.top + 40]",
            )
            .await?;
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            return Err(format!("no point to drag from: {at}"));
        };
        browser.drag_and_hold((x, y), (-120.0, 0.0), 300).await?;
        browser
            .js("document.getElementById('next').click()")
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        browser.let_go().await?;
        let dragged = settled_view(&browser).await?;
        check(
            dragged != before && dragged.0 == before.0,
            format!("the drag moved the view from {before:?} to {dragged:?}"),
        )?;
        let seen = bounds(&browser).await?;
        check(
            !inside(seen, KURSK),
            format!("the view followed during the drag: {seen:?}"),
        )?;
        // The drag over, the next step follows again.
        browser.click("#previous").await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        browser.click("#next").await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        settled_view(&browser).await?;
        check(
            inside(bounds(&browser).await?, KURSK),
            "after the drag, a step no longer follows",
        )
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn following_waits_while_a_person_zooms_the_map() {
    Browser::run(|browser| async move {
        browser
            .goto(&format!(
                "{}/#date=2024-11-19&map={KOREA}",
                browser.origin()
            ))
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-19"))
            .await?;
        settled_view(&browser).await?;
        // The next day comes while the map zooms in: as Leaflet's zoom
        // animation begins (its class on the map's pane), whatever the
        // machine's load, rather than after a fixed wait.
        browser
            .js("const pane = document.querySelector('.leaflet-map-pane');
                 new MutationObserver((_, watch) => {
                   if (pane.classList.contains('leaflet-zoom-anim')) {
                     watch.disconnect();
                     document.getElementById('next').click();
                   }
                 }).observe(pane, {attributes: true, attributeFilter: ['class']});
                 document.querySelector('.leaflet-control-zoom-in').click();")
            .await?;
        browser
            .wait_for_text("#status", &status("2024-11-20"))
            .await?;
        let zoomed = settled_view(&browser).await?;
        check(
            zoomed.0 == 7.0,
            format!("the map is at {zoomed:?}, not zoomed in from 6 to 7"),
        )?;
        let seen = bounds(&browser).await?;
        check(
            !inside(seen, KURSK),
            format!("the view followed during the zoom: {seen:?}"),
        )
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_speed_and_the_loop_are_kept_in_the_link() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        let controls = "return [document.getElementById('speed').value, document.getElementById('loop').checked, document.getElementById('follow').checked]";
        let set = browser.js(controls).await?;
        check(set == json!(["2", false, true]), format!("the controls start as {set}"))?;
        let labels = browser
            .js("return [...document.querySelectorAll('#speed option')].map(o => o.textContent)")
            .await?;
        check(
            labels == json!(["½ day/s", "1 day/s", "2 days/s", "4 days/s", "8 days/s"]),
            format!("the speeds read {labels}"),
        )?;
        browser
            .js("const s = document.getElementById('speed'); s.value = '4'; s.dispatchEvent(new Event('change'));")
            .await?;
        browser
            .wait_until("location.hash.includes('speed=4')", "the speed chosen is not in the address")
            .await?;
        browser.click("#loop").await?;
        browser
            .wait_until("location.hash.includes('speed=4&loop=1')", "the loop chosen is not in the address")
            .await?;
        // Back to the defaults: nothing written.
        browser
            .js("const s = document.getElementById('speed'); s.value = '2'; s.dispatchEvent(new Event('change'));")
            .await?;
        browser.click("#loop").await?;
        browser
            .wait_until(
                "!/speed=|loop=|follow=/.test(location.hash) && location.hash.includes('date=')",
                "the defaults are written in the address",
            )
            .await?;

        // A link sets the controls.
        browser
            .goto(&format!("{}/#date=2024-10-10&speed=8&loop=1", browser.origin()))
            .await?;
        let set = browser.js(controls).await?;
        check(set == json!(["8", true, true]), format!("the link set the controls to {set}"))?;
        browser
            .goto(&format!("{}/#date=2024-10-10&speed=0.5&follow=0", browser.origin()))
            .await?;
        let set = browser.js(controls).await?;
        check(set == json!(["0.5", false, false]), format!("the link set the controls to {set}"))?;
        // A speed not offered is the default.
        browser
            .goto(&format!("{}/#date=2024-10-10&speed=3", browser.origin()))
            .await?;
        let set = browser.js(controls).await?;
        check(set == json!(["2", false, true]), format!("speed=3 set the controls to {set}"))
    })
    .await;
}

/// The day the slider shows.
async fn shown_day(browser: &Browser) -> Result<troopmap::Day, String> {
    let text = browser.text("#date-output").await?;
    troopmap::Day::parse(&text).map_err(|e| format!("{text:?}: {e}"))
}

/// Days a second played at `speed`, from 2024-10-01, over about `seconds`.
async fn days_a_second(browser: &Browser, speed: &str, seconds: f64) -> Result<f64, String> {
    browser.set_date("2024-10-01").await?;
    browser.wait_for_text("#date-output", "2024-10-01").await?;
    browser
        .js(&format!("const s = document.getElementById('speed'); s.value = '{speed}'; s.dispatchEvent(new Event('change'));"))
        .await?;
    browser.click("#play").await?;
    browser.wait_for_text("#play", "Pause").await?;
    let (from, started) = (shown_day(browser).await?, Instant::now());
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    let (to, took) = (shown_day(browser).await?, started.elapsed());
    browser.click("#play").await?;
    browser.wait_for_text("#play", "Play").await?;
    Ok(f64::from(to.0 - from.0) / took.as_secs_f64())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn playing_at_eight_days_a_second_outruns_two() {
    Browser::run(|browser| async move {
        // Not following: the view stays put while the days go by.
        browser
            .goto(&format!("{}/#date=2024-10-01&map=3/50/80&follow=0", browser.origin()))
            .await?;
        let slow = days_a_second(&browser, "2", 3.0).await?;
        let fast = days_a_second(&browser, "8", 3.0).await?;
        // About 2 and 8 days a second; generous margins for a busy machine.
        check(
            (1.0..=3.0).contains(&slow),
            format!("at 2 days a second it played {slow:.2} days a second"),
        )?;
        check(
            fast >= 3.0 * slow,
            format!("at 8 days a second it played {fast:.2} days a second, at 2 {slow:.2}"),
        )?;
        // Looping, the last day leads back to the first.
        let (first, last) = super::last_days();
        browser
            .js("const s = document.getElementById('speed'); s.value = '1'; s.dispatchEvent(new Event('change'));")
            .await?;
        browser.set_date(&last.previous().to_string()).await?;
        browser.click("#loop").await?;
        browser.click("#play").await?;
        browser.wait_for_text("#date-output", &last.to_string()).await?;
        browser.wait_for_text("#date-output", &first.to_string()).await?;
        browser.wait_for_text("#play", "Pause").await?;
        browser.click("#play").await?;
        browser.wait_for_text("#play", "Play").await
    })
    .await;
}
