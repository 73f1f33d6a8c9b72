//! How each feature looks on the canvas: its style (a mark with a grade),
//! and each style's colour, dash and point image at a pixel ratio.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::draw::raster::{hex, Brush, Stamp};
use crate::draw::style::{hollow, place_mark, size, stroke};
use crate::model::statement::Grade;
use crate::model::{Kind, MapFeature, Precision};
use crate::web::page::dom;

/// The kinds as drawn: a place for each way its precision looks (see
/// [`place_mark`]), a route, an event.
const MARKS: [(Kind, Option<Precision>); 6] = [
    (Kind::Place, None),
    (Kind::Place, Some(Precision::Exact)),
    (Kind::Place, Some(Precision::Approximate)),
    (Kind::Place, Some(Precision::Area)),
    (Kind::Route, None),
    (Kind::Event, None),
];
/// Styles: every mark with every grade, and with none.
pub(super) const LOOKS: usize = MARKS.len() * (Grade::ALL.len() + 1);

pub(super) fn look(feature: &MapFeature, grade: Option<Grade>) -> u8 {
    let mark = MARKS
        .iter()
        .position(|&(kind, precision)| {
            kind == feature.kind
                && (kind != Kind::Place || place_mark(precision) == place_mark(feature.precision))
        })
        .unwrap_or(MARKS.len() - 1);
    let grade = grade
        .and_then(|c| Grade::ALL.iter().position(|&a| a == c))
        .map_or(0, |p| p + 1);
    (mark * (Grade::ALL.len() + 1) + grade) as u8
}

/// The kind, the precision (places only) and the grade of a style.
pub(super) fn unlook(look: usize) -> (Kind, Option<Precision>, Option<Grade>) {
    let per_mark = Grade::ALL.len() + 1;
    let (kind, precision) = MARKS[(look / per_mark).min(MARKS.len() - 1)];
    let confidence = (look % per_mark)
        .checked_sub(1)
        .and_then(|i| Grade::ALL.get(i).copied());
    (kind, precision, confidence)
}

/// How each style is drawn at one device pixel ratio.
pub(super) struct Pens {
    pub(super) ratio: f64,
    /// Per style: its colour, its dash in device pixels, and its point,
    /// drawn once by a canvas, then copied.
    pub(super) looks: Vec<([u8; 3], Vec<f64>, Stamp)>,
    pub(super) line: Brush,
    pub(super) outline: Brush,
    /// A unit under way: its travelled line, its dot's white outline and
    /// the dot.
    pub(super) mover: [Brush; 3],
    /// The dot of a unit under way on a route of each style (its outline,
    /// then its fill, see [`Brush::stack`]), and its reach.
    pub(super) movers: Vec<(Stamp, i32)>,
}

impl Pens {
    pub(super) fn at(ratio: f64) -> Pens {
        let looks = (0..LOOKS)
            .map(|look| {
                let style = stroke(unlook(look).2);
                let dash = style.dash_lengths().iter().map(|d| d * ratio).collect();
                let sprite = sprite(look, ratio).unwrap_or_default();
                (hex(style.color), dash, sprite)
            })
            .collect();
        // A dot of the route's colour in a white outline, as a round
        // pen's width: the outline's outer edge, then its inner one.
        let mover = [
            size::MOVER_WEIGHT,
            2.0 * (size::MOVER_RADIUS + size::MOVER_OUTLINE / 2.0),
            2.0 * (size::MOVER_RADIUS - size::MOVER_OUTLINE / 2.0),
        ]
        .map(|width| Brush::round(width * ratio));
        let movers = (0..LOOKS)
            .map(|look| {
                let [r, g, b] = hex(stroke(unlook(look).2).color);
                let white = [255, 255, 255, 255];
                Brush::stack(&[(&mover[1], white), (&mover[2], [r, g, b, 255])])
            })
            .collect();
        Pens {
            ratio,
            looks,
            line: Brush::round(size::ROUTE_WEIGHT * ratio),
            outline: Brush::round(size::AREA_WEIGHT * ratio),
            mover,
            movers,
        }
    }
}

/// A style's point as the small-data map draws it (an event's filled
/// dot; a place's white ring, with a dot for an exact point or a faint
/// halo for a vague one; in the grade's colour and dash), drawn once
/// by a canvas.
fn sprite(look: usize, ratio: f64) -> Result<Stamp, JsValue> {
    let (kind, precision, confidence) = unlook(look);
    let style = stroke(confidence);
    let mark = place_mark(precision);
    let half = match (kind, mark.halo) {
        (Kind::Place, Some(halo)) => halo + 1.0,
        // Room for a place's ring and its outline.
        _ => size::PLACE_RADIUS + size::PLACE_WEIGHT,
    };
    let (canvas, context) = new_canvas()?;
    let pixels = (2.0 * half * ratio).ceil() as u32;
    canvas.set_width(pixels);
    canvas.set_height(pixels);
    context.scale(ratio, ratio)?;
    if let (Kind::Place, Some(halo)) = (kind, mark.halo) {
        context.begin_path();
        context.arc(half, half, halo, 0.0, std::f64::consts::TAU)?;
        context.set_global_alpha(size::HALO_OPACITY);
        context.set_fill_style_str(style.color);
        context.fill();
        context.set_global_alpha(1.0);
    }
    let dash: js_sys::Array = style
        .dash_lengths()
        .into_iter()
        .map(JsValue::from)
        .collect();
    context.set_line_dash(&dash)?;
    context.set_line_cap("round");
    context.set_stroke_style_str(style.color);
    context.begin_path();
    if kind == Kind::Place {
        context.arc(half, half, size::PLACE_RADIUS, 0.0, std::f64::consts::TAU)?;
        context.set_fill_style_str("#ffffff");
        context.fill();
        context.set_line_width(size::PLACE_WEIGHT);
    } else {
        context.arc(half, half, size::EVENT_RADIUS, 0.0, std::f64::consts::TAU)?;
        if hollow(confidence) {
            context.set_fill_style_str("#ffffff");
        } else {
            context.set_global_alpha(size::EVENT_FILL_OPACITY);
            context.set_fill_style_str(style.color);
        }
        context.fill();
        context.set_global_alpha(1.0);
        context.set_line_width(size::EVENT_WEIGHT);
    }
    context.stroke();
    if kind == Kind::Place && mark.dot {
        context.set_line_dash(&js_sys::Array::new())?;
        context.begin_path();
        context.arc(
            half,
            half,
            size::PLACE_DOT_RADIUS,
            0.0,
            std::f64::consts::TAU,
        )?;
        context.set_fill_style_str(style.color);
        context.fill();
    }
    let rgba = context
        .get_image_data(0.0, 0.0, pixels as f64, pixels as f64)?
        .data()
        .0;
    Ok(Stamp::from_rgba(pixels as usize, &rgba))
}

/// A canvas element and its 2-D context.
pub(in crate::web) fn new_canvas() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue>
{
    let canvas = canvas_element()?;
    let context = context_2d(&canvas)?;
    Ok((canvas, context))
}

/// A canvas element, with no context yet.
pub(in crate::web) fn canvas_element() -> Result<HtmlCanvasElement, JsValue> {
    dom::document()?
        .create_element("canvas")?
        .dyn_into()
        .map_err(|_| JsValue::from_str("no canvas element"))
}

/// The 2-D context of `canvas`.
pub(in crate::web) fn context_2d(
    canvas: &HtmlCanvasElement,
) -> Result<CanvasRenderingContext2d, JsValue> {
    Ok(canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
        .dyn_into()?)
}

/// Whether a canvas is hidden for having nothing drawn on it: a browser
/// without a GPU copies every canvas shown at every frame, empty or not.
#[derive(Default)]
pub(in crate::web) struct Hidden(bool);

impl Hidden {
    /// Hides `canvas` when `empty`, shows it otherwise (touching the page
    /// only when that changes).
    pub(in crate::web) fn set(&mut self, canvas: &HtmlCanvasElement, empty: bool) {
        if self.0 != empty {
            self.0 = empty;
            canvas.set_hidden(empty);
        }
    }
}
