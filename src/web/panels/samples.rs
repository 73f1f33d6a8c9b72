//! The legend's drawings: a sample of each line and mark, drawn with the
//! same style table and sizes as the map, and the arrowheads routes use.

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::draw::style::{arrow_id, place_mark, size, stroke};
use crate::model::statement::Grade;
use crate::model::Precision;
use crate::number::decimal;
use crate::scene::present::Mark;
use crate::web::page::dom::{self, svg};

/// The height of a legend sample, in CSS pixels: a place's ring and a
/// route's arrowhead fit.
const SAMPLE_HEIGHT: f64 = 18.0;
/// The width of a legend sample, in CSS pixels.
const SAMPLE_WIDTH: f64 = 36.0;

pub(crate) fn sample_svg() -> Result<Element, JsValue> {
    let s = svg("svg")?;
    s.set_attribute("width", &decimal(SAMPLE_WIDTH, 3))?;
    s.set_attribute("height", &decimal(SAMPLE_HEIGHT, 3))?;
    s.set_attribute("aria-hidden", "true")?;
    Ok(s)
}

pub(crate) fn line_sample(confidence: Option<Grade>) -> Result<Element, JsValue> {
    let s = sample_svg()?;
    let line = svg("line")?;
    let style = stroke(confidence);
    let (y, width) = (
        decimal(SAMPLE_HEIGHT / 2.0, 3),
        decimal(size::ROUTE_WEIGHT, 3),
    );
    for (k, v) in [
        ("x1", "2"),
        ("y1", y.as_str()),
        ("x2", "34"),
        ("y2", y.as_str()),
        ("stroke", style.color),
        ("stroke-width", width.as_str()),
        ("stroke-linecap", "round"),
    ] {
        line.set_attribute(k, v)?;
    }
    if let Some(dash) = style.dash {
        line.set_attribute("stroke-dasharray", dash)?;
    }
    dom::add(&s, &line)?;
    Ok(s)
}

/// The sample of a kind of mark, drawn with the sizes the map draws it
/// with ([`size`]): a halo wider than the sample is cut at its edge.
pub(crate) fn mark_sample(mark: Mark) -> Result<Element, JsValue> {
    let s = sample_svg()?;
    let color = stroke(Some(Grade::Confirmed)).color;
    let ring = || {
        circle(
            size::PLACE_RADIUS,
            "#ffffff",
            1.0,
            color,
            size::PLACE_WEIGHT,
        )
    };
    let event = |fill: &str, opacity: f64, line: &str| {
        circle(size::EVENT_RADIUS, fill, opacity, line, size::EVENT_WEIGHT)
    };
    match mark {
        Mark::Route => add_route_sample(&s, color)?,
        Mark::Event => dom::add(&s, &event(color, size::EVENT_FILL_OPACITY, color)?)?,
        Mark::Unasserted => dom::add(
            &s,
            &event("#ffffff", 1.0, stroke(Some(Grade::Unasserted)).color)?,
        )?,
        Mark::Approximate => {
            let halo = place_mark(Some(Precision::Approximate)).halo.unwrap_or(0.0);
            let radius = halo.min(SAMPLE_HEIGHT / 2.0);
            dom::add(&s, &circle(radius, color, size::HALO_OPACITY, color, 0.0)?)?;
            dom::add(&s, &ring()?)?;
        }
        Mark::Exact => {
            dom::add(&s, &ring()?)?;
            dom::add(&s, &circle(size::PLACE_DOT_RADIUS, color, 1.0, color, 0.0)?)?;
        }
        Mark::Place => dom::add(&s, &ring()?)?,
    }
    Ok(s)
}

/// A route's sample: a line with an arrowhead, in `color`.
fn add_route_sample(s: &Element, color: &str) -> Result<(), JsValue> {
    let centre = SAMPLE_HEIGHT / 2.0;
    // The arrowhead ends the sample, as large as on the map.
    let (tip, base, half) = (
        SAMPLE_WIDTH - 1.0,
        SAMPLE_WIDTH - 1.0 - size::ARROW_LENGTH,
        size::ARROW_WIDTH / 2.0,
    );
    let line = svg("line")?;
    let (y, width, x2) = (
        decimal(centre, 3),
        decimal(size::ROUTE_WEIGHT, 3),
        decimal(base + 2.0, 3),
    );
    for (k, v) in [
        ("x1", "2"),
        ("y1", y.as_str()),
        ("x2", x2.as_str()),
        ("y2", y.as_str()),
        ("stroke", color),
        ("stroke-width", width.as_str()),
    ] {
        line.set_attribute(k, v)?;
    }
    dom::add(s, &line)?;
    let head = svg("path")?;
    head.set_attribute(
        "d",
        &format!(
            "M {base} {} L {tip} {centre} L {base} {} z",
            decimal(centre - half, 3),
            decimal(centre + half, 3),
            base = decimal(base, 3),
            tip = decimal(tip, 3),
            centre = decimal(centre, 3),
        ),
    )?;
    head.set_attribute("fill", color)?;
    dom::add(s, &head)
}

/// A circle in the middle of a sample, of radius `r`, filled with `fill`
/// at `opacity`, with an outline of `outline` pixels in `line` (none for
/// 0).
pub(crate) fn circle(
    r: f64,
    fill: &str,
    opacity: f64,
    line: &str,
    outline: f64,
) -> Result<Element, JsValue> {
    let c = svg("circle")?;
    for (k, v) in [
        ("cx", "18".to_owned()),
        ("cy", decimal(SAMPLE_HEIGHT / 2.0, 3)),
        ("r", decimal(r, 3)),
        ("fill", fill.to_owned()),
        ("fill-opacity", decimal(opacity, 3)),
    ] {
        c.set_attribute(k, &v)?;
    }
    if outline > 0.0 {
        c.set_attribute("stroke", line)?;
        c.set_attribute("stroke-width", &decimal(outline, 3))?;
    }
    Ok(c)
}

/// One `<marker>` per confidence, in a hidden `<svg>`, for routes'
/// `marker-end`.
pub(crate) fn add_arrow_markers() -> Result<(), JsValue> {
    let holder = svg("svg")?;
    holder.set_attribute("class", "arrow-defs")?;
    holder.set_attribute("aria-hidden", "true")?;
    let defs = svg("defs")?;
    let all = Grade::ALL
        .iter()
        .map(|&c| Some(c))
        .chain(std::iter::once(None));
    // The arrow is drawn 10 units long in its view box, and sized in
    // line widths; its tip stops short of the line's end.
    let unit = size::ARROW_LENGTH / 10.0;
    let ref_x = decimal(10.0 + size::ARROW_SHORT / unit, 3);
    let width = decimal(size::ARROW_LENGTH / size::ROUTE_WEIGHT, 3);
    let height = decimal(size::ARROW_WIDTH / size::ROUTE_WEIGHT, 3);
    for confidence in all {
        let marker = svg("marker")?;
        for (k, v) in [
            ("id", arrow_id(confidence)),
            ("viewBox", "0 0 10 10"),
            ("refX", ref_x.as_str()),
            ("refY", "5"),
            ("markerWidth", width.as_str()),
            ("markerHeight", height.as_str()),
            ("markerUnits", "strokeWidth"),
            ("orient", "auto"),
        ] {
            marker.set_attribute(k, v)?;
        }
        let path = svg("path")?;
        path.set_attribute("d", "M 0 0 L 10 5 L 0 10 z")?;
        path.set_attribute("fill", stroke(confidence).color)?;
        dom::add(&marker, &path)?;
        dom::add(&defs, &marker)?;
    }
    dom::add(&holder, &defs)?;
    dom::document()?
        .body()
        .ok_or_else(|| JsValue::from_str("the page has no body"))?
        .append_child(&holder)?;
    Ok(())
}
