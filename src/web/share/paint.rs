//! A [`Picture`] painted on a 2-D canvas: the browser's rasterizer draws
//! its lines and marks anti-aliased and its text with the page's fonts, at
//! the picture's device pixels (see the README, "Pictures and videos").

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement};

use crate::picture::{Align, Font, Mark, Paint, Pen, Picture};
use crate::space::sightings::Units;
use crate::web::page::dom;
use crate::web::render::positions::ink;
use crate::web::render::positions::symbols::Symbols;

/// The page's sans-serif type, as the map's labels use it.
const FAMILY: &str =
    "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

/// A canvas for pictures, not in the page.
pub fn canvas() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas: HtmlCanvasElement = dom::document()?.create_element("canvas")?.dyn_into()?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("this browser gives no 2-D canvas"))?
        .dyn_into()?;
    Ok((canvas, context))
}

/// The CSS font of `font`.
pub fn css_font(font: Font) -> String {
    format!(
        "{}{}px {FAMILY}",
        if font.bold { "bold " } else { "" },
        font.size
    )
}

/// Measures text as the canvas will set it.
pub fn measure(context: &CanvasRenderingContext2d, text: &str, font: Font) -> f64 {
    context.set_font(&css_font(font));
    context
        .measure_text(text)
        .map_or_else(|_| crate::picture::estimate(text, font), |m| m.width())
}

/// Paints `picture` on `canvas`, sized to its pixels; units' symbols come
/// from `symbols` (milsymbol, by the codes of the units), else are drawn
/// as dots.
pub fn paint(
    picture: &Picture,
    canvas: &HtmlCanvasElement,
    context: &CanvasRenderingContext2d,
    mut symbols: Option<(&mut Symbols, &Units)>,
) -> Result<(), JsValue> {
    let snap = |v: f64| (v * picture.frame.ratio).round() / picture.frame.ratio;
    let (width, height) = picture.frame.pixels();
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let ratio = picture.frame.ratio;
    context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
    context.set_line_cap("round");
    context.set_line_join("round");
    for mark in &picture.marks {
        match mark {
            Mark::Unit {
                at,
                position,
                opacity,
            } => {
                // As the map's units canvas draws them.
                let image = match (&mut symbols, position.symbol) {
                    (Some((symbols, units)), Some(n)) => {
                        units.code(n).and_then(|code| symbols.get(n, code, ratio))
                    }
                    _ => None,
                };
                let at = [snap(at[0]), snap(at[1])];
                match image {
                    Some(image) => ink::symbol(context, image, position, at, *opacity)?,
                    None => ink::dot(context, position, at, *opacity)?,
                };
            }
            other => draw(context, other, picture)?,
        }
    }
    context.set_global_alpha(1.0);
    Ok(())
}

fn draw(context: &CanvasRenderingContext2d, mark: &Mark, picture: &Picture) -> Result<(), JsValue> {
    match mark {
        Mark::Background(paint) => {
            fill_style(context, paint);
            context.fill_rect(0.0, 0.0, picture.frame.width, picture.frame.height);
        }
        Mark::Area { rings, fill, pen } => {
            context.begin_path();
            for ring in rings {
                trace(context, ring);
                context.close_path();
            }
            if let Some(paint) = fill {
                fill_style(context, paint);
                context.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
            }
            if let Some(pen) = pen {
                stroke(context, pen)?;
            }
        }
        Mark::Line { points, pen } => {
            context.begin_path();
            trace(context, points);
            stroke(context, pen)?;
        }
        Mark::Dot {
            at,
            radius,
            fill,
            pen,
        } => {
            context.begin_path();
            context.arc(at[0], at[1], *radius, 0.0, std::f64::consts::TAU)?;
            if let Some(paint) = fill {
                fill_style(context, paint);
                context.fill();
            }
            if let Some(pen) = pen {
                stroke(context, pen)?;
            }
        }
        Mark::Box {
            at,
            size,
            round,
            fill,
            pen,
        } => {
            context.begin_path();
            rounded(context, *at, *size, *round);
            fill_style(context, fill);
            context.fill();
            if let Some(pen) = pen {
                stroke(context, pen)?;
            }
        }
        // Painted by [`paint`], which has the symbols.
        Mark::Unit { .. } => {}
        Mark::Text {
            at,
            text,
            font,
            align,
            paint,
        } => {
            context.set_font(&css_font(*font));
            context.set_text_baseline("middle");
            context.set_text_align(match align {
                Align::Left => "left",
                Align::Right => "right",
                Align::Center => "center",
            });
            fill_style(context, paint);
            context.fill_text(text, at[0], at[1])?;
        }
    }
    Ok(())
}

fn trace(context: &CanvasRenderingContext2d, points: &[[f64; 2]]) {
    for (i, [x, y]) in points.iter().enumerate() {
        if i == 0 {
            context.move_to(*x, *y);
        } else {
            context.line_to(*x, *y);
        }
    }
}

fn rounded(context: &CanvasRenderingContext2d, [x, y]: [f64; 2], [w, h]: [f64; 2], r: f64) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    context.move_to(x + r, y);
    let _ = context.arc_to(x + w, y, x + w, y + h, r);
    let _ = context.arc_to(x + w, y + h, x, y + h, r);
    let _ = context.arc_to(x, y + h, x, y, r);
    let _ = context.arc_to(x, y, x + w, y, r);
    context.close_path();
}

fn fill_style(context: &CanvasRenderingContext2d, paint: &Paint) {
    context.set_global_alpha(paint.alpha);
    context.set_fill_style_str(&paint.color);
}

fn stroke(context: &CanvasRenderingContext2d, pen: &Pen) -> Result<(), JsValue> {
    context.set_global_alpha(pen.paint.alpha);
    context.set_stroke_style_str(&pen.paint.color);
    context.set_line_width(pen.width);
    let dash: js_sys::Array = pen.dash.iter().map(|&d| JsValue::from(d)).collect();
    context.set_line_dash(&dash)?;
    context.stroke();
    Ok(())
}
