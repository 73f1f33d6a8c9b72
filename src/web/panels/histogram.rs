//! The strip of bars above the slider: how many events fall on each day
//! (or step of the clock), with the selected one marked.

use crate::number::decimal;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::web::page::dom::{self, svg};

/// Height of the strip, in its own units; the tallest bar fills it.
const HEIGHT: f64 = 20.0;

/// Draws one bar per step of the slider, each `counts` high.
pub fn draw(counts: &[u32]) -> Result<(), JsValue> {
    let strip: Element = dom::by_id("histogram")?;
    strip.set_text_content(None);
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    strip.set_attribute(
        "viewBox",
        &format!("0 0 {} {}", counts.len().max(1), decimal(HEIGHT, 3)),
    )?;
    // The selected day's band, behind the bars: seen on days without events.
    let day = svg("rect")?;
    for (key, value) in [
        ("x", "0"),
        ("y", "0"),
        ("width", "1"),
        ("height", &decimal(HEIGHT, 3)),
        ("class", "day"),
    ] {
        day.set_attribute(key, value)?;
    }
    dom::add(&strip, &day)?;
    for (i, &count) in counts.iter().enumerate() {
        let bar = svg("rect")?;
        // At least a sliver, so that every day has its place.
        let height = if count == 0 {
            0.6
        } else {
            (count as f64 / most * HEIGHT).max(2.0)
        };
        for (key, value) in [
            ("x", decimal(i as f64 + 0.1, 3)),
            ("y", decimal(HEIGHT - height, 3)),
            ("width", "0.8".to_owned()),
            ("height", decimal(height, 3)),
            ("class", "bar".to_owned()),
            ("data-count", count.to_string()),
        ] {
            bar.set_attribute(key, &value)?;
        }
        dom::add(&strip, &bar)?;
    }
    Ok(())
}

/// Marks the bar of the day at `step` (0 is the first day): two bars
/// change, the one marked before and this one.
pub fn mark(step: i32) -> Result<(), JsValue> {
    let strip: Element = dom::by_id("histogram")?;
    if let Some(old) = strip.query_selector(".bar.selected")? {
        old.set_attribute("class", "bar")?;
    }
    if let Some(day) = strip.query_selector(".day")? {
        day.set_attribute("x", &step.to_string())?;
    }
    // The strip holds the day's band, then one bar per day.
    if let Some(bar) = strip.query_selector(&format!(".bar:nth-child({})", step + 2))? {
        bar.set_attribute("class", "bar selected")?;
    }
    Ok(())
}

/// Shows the period a selected feature's dates bound (a window, a month)
/// as a band over the strip, from step `first` to step `last` (0 is the
/// first day), or removes it (`None`).
pub fn window(steps: Option<(i32, i32)>) -> Result<(), JsValue> {
    let strip: Element = dom::by_id("histogram")?;
    let band = match strip.query_selector(".window")? {
        Some(band) => band,
        None => {
            // Last, over the bars: the bars keep their places (see `mark`).
            let band = svg("rect")?;
            band.set_attribute("class", "window")?;
            band.set_attribute("y", "0")?;
            band.set_attribute("height", &decimal(HEIGHT, 3))?;
            dom::add(&strip, &band)?;
            band
        }
    };
    match steps {
        Some((first, last)) if last >= first => {
            band.set_attribute("x", &first.to_string())?;
            band.set_attribute("width", &(last - first + 1).to_string())?;
            band.remove_attribute("hidden")?;
        }
        _ => band.set_attribute("hidden", "")?,
    }
    Ok(())
}
