//! The strokes of the units' canvas: a unit's symbol or dot, the units'
//! names, their tracks, and the counts of crowded units.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::draw::style::{UNIT_RADIUS, UNIT_WEIGHT};
use crate::space::sightings::Position;

use super::color_of;
use super::symbols::Image;

/// A label's font, and the width of one of its characters, about.
const FONT: &str = "600 11px system-ui, sans-serif";
const CHAR_WIDTH: f64 = 6.4;

/// Writes each of `names` (a unit's name and its point on the canvas),
/// the first first, where it covers none of the boxes `taken` (left, top,
/// right, bottom) nor a name written before; how many were written.
pub(super) fn labels(
    context: &CanvasRenderingContext2d,
    names: &[(&str, [f64; 2])],
    mut taken: Vec<[f64; 4]>,
) -> usize {
    context.set_font(FONT);
    context.set_text_baseline("middle");
    context.set_line_width(3.0);
    context.set_line_join("round");
    context.set_stroke_style_str("#ffffff");
    context.set_fill_style_str("#222222");
    let mut written = 0;
    for &(name, [x, y]) in names {
        let left = x + UNIT_RADIUS + 4.0;
        let room = [
            left,
            y - 7.0,
            left + name.chars().count() as f64 * CHAR_WIDTH,
            y + 7.0,
        ];
        if taken.iter().any(|t| overlap(t, &room)) {
            continue;
        }
        taken.push(room);
        // A white halo under the text, so that it reads on any map.
        let _ = context.stroke_text(name, left, y);
        let _ = context.fill_text(name, left, y);
        written += 1;
    }
    written
}

/// Draws each of `lines` (a colour and the points of a track on the
/// canvas) of two points or more as thin dashed legs; how many.
pub(super) fn tracks(
    context: &CanvasRenderingContext2d,
    lines: impl Iterator<Item = (&'static str, Vec<[f64; 2]>)>,
) -> Result<usize, JsValue> {
    let mut drawn = 0;
    context.set_line_width(1.0);
    context.set_line_dash(&dash(&[4.0, 4.0]))?;
    context.set_global_alpha(0.6);
    for (color, points) in lines {
        if points.len() < 2 {
            continue;
        }
        context.set_stroke_style_str(color);
        context.begin_path();
        for (n, &[x, y]) in points.iter().enumerate() {
            if n == 0 {
                context.move_to(x, y);
            } else {
                context.line_to(x, y);
            }
        }
        context.stroke();
        drawn += 1;
    }
    context.set_global_alpha(1.0);
    context.set_line_dash(&dash(&[]))?;
    Ok(drawn)
}

/// Draws the symbol `image` of `position` at `at`, faded to `opacity` (a
/// glided position: faint, in a dashed ring, a guess); the radius it
/// takes for clicks.
pub(crate) fn symbol(
    context: &CanvasRenderingContext2d,
    image: &Image,
    position: &Position,
    [x, y]: [f64; 2],
    opacity: f64,
) -> Result<f64, JsValue> {
    let [left, top] = [x - image.anchor[0], y - image.anchor[1]];
    context.set_global_alpha(if position.interpolated {
        0.45
    } else {
        opacity.max(0.35)
    });
    context.draw_image_with_html_canvas_element_and_dw_and_dh(
        &image.canvas,
        left,
        top,
        image.size[0],
        image.size[1],
    )?;
    context.set_global_alpha(1.0);
    let radius = image.size[0].max(image.size[1]) / 2.0;
    if position.interpolated {
        context.set_line_dash(&dash(&[3.0, 3.0]))?;
        context.set_line_width(1.5);
        context.set_stroke_style_str(color_of(position));
        context.begin_path();
        context.arc(x, y, radius + 2.0, 0.0, std::f64::consts::TAU)?;
        context.stroke();
        context.set_line_dash(&dash(&[]))?;
    }
    Ok(radius)
}

/// Draws `position` as a dot in its side's colour at `at`, filled to
/// `opacity` (a glided position: hollow and dashed, a guess); the radius
/// it takes for clicks.
pub(crate) fn dot(
    context: &CanvasRenderingContext2d,
    position: &Position,
    [x, y]: [f64; 2],
    opacity: f64,
) -> Result<f64, JsValue> {
    let color = color_of(position);
    context.begin_path();
    context.arc(x, y, UNIT_RADIUS, 0.0, std::f64::consts::TAU)?;
    if position.interpolated {
        context.set_fill_style_str("#ffffff");
        context.fill();
        context.set_line_dash(&dash(&[3.0, 3.0]))?;
    } else {
        context.set_global_alpha(opacity);
        context.set_fill_style_str(color);
        context.fill();
        context.set_global_alpha(1.0);
    }
    context.set_line_width(UNIT_WEIGHT);
    context.set_stroke_style_str(color);
    context.stroke();
    if position.interpolated {
        context.set_line_dash(&dash(&[]))?;
    }
    Ok(UNIT_RADIUS + UNIT_WEIGHT / 2.0)
}

/// Draws a count of `n` units at (x, y); its radius.
pub(super) fn count(
    context: &CanvasRenderingContext2d,
    n: usize,
    x: f64,
    y: f64,
) -> Result<f64, JsValue> {
    let radius = 11.0 + (n as f64).log10() * 4.0;
    context.begin_path();
    context.arc(x, y, radius, 0.0, std::f64::consts::TAU)?;
    context.set_global_alpha(0.9);
    context.set_fill_style_str("#ffffff");
    context.fill();
    context.set_global_alpha(1.0);
    context.set_line_width(2.0);
    context.set_stroke_style_str("#333333");
    context.stroke();
    context.set_font("700 11px system-ui, sans-serif");
    context.set_text_align("center");
    context.set_text_baseline("middle");
    context.set_fill_style_str("#222222");
    context.fill_text(&n.to_string(), x, y)?;
    context.set_text_align("start");
    Ok(radius)
}

pub(super) fn dash(lengths: &[f64]) -> js_sys::Array {
    lengths.iter().map(|&l| JsValue::from(l)).collect()
}

fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
