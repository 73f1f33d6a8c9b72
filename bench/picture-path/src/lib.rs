#![allow(dead_code)]
//! Measurement crate: the same map-like scene drawn either with the browser's
//! 2-D canvas (web-sys) or with tiny-skia into a Pixmap. Which exports exist
//! depends on the cargo features (see Cargo.toml and run.sh).
//!
//! Scene, in CSS pixels of a 1280x800 view (scaled by `scale` for DPR 2):
//! background fill, 250 filled + 0.8 px stroked polygons of 200 points,
//! 60 dashed/dotted/dash-dot polylines (2-3 px, 50 points), 60 stroked
//! circles, 40 labels (13 px sans-serif).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

pub const W: f32 = 1280.0;
pub const H: f32 = 800.0;

struct Poly {
    pts: Vec<(f32, f32)>,
    rgb: [u8; 3],
    css: String,
}
struct Line {
    pts: Vec<(f32, f32)>,
    rgb: [u8; 3],
    css: String,
    width: f32,
    style: u8, // 0 dashed, 1 dotted (round caps), 2 dash-dot
}
struct Circle {
    x: f32,
    y: f32,
    r: f32,
    rgb: [u8; 3],
    css: String,
}
struct Label {
    x: f32,
    y: f32,
    text: String,
}
struct Scene {
    polys: Vec<Poly>,
    lines: Vec<Line>,
    circles: Vec<Circle>,
    labels: Vec<Label>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f32 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (v >> 40) as f32 / (1u64 << 24) as f32
    }
    fn range(&mut self, a: f32, b: f32) -> f32 {
        a + (b - a) * self.next()
    }
}

fn css(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

const LAND: [[u8; 3]; 6] = [
    [0xf2, 0xef, 0xe9],
    [0xe8, 0xe0, 0xc8],
    [0xd9, 0xe7, 0xc4],
    [0xf0, 0xd9, 0xc8],
    [0xe2, 0xd6, 0xe8],
    [0xf7, 0xf0, 0xc0],
];
const INK: [[u8; 3]; 5] = [
    [0xc0, 0x20, 0x20],
    [0x20, 0x40, 0xc0],
    [0x10, 0x70, 0x30],
    [0x80, 0x20, 0x90],
    [0x20, 0x20, 0x20],
];
const WORDS: [&str; 8] = ["HQ", "Bn", "Coy", "Bde", "Div", "Rgt", "Sqn", "Plt"];

fn build_scene() -> Scene {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (cols, rows) = (25usize, 10usize);
    let (cw, ch) = (W / cols as f32, H / rows as f32);
    let mut polys = Vec::with_capacity(cols * rows);
    for j in 0..rows {
        for i in 0..cols {
            let cx = (i as f32 + 0.5 + rng.range(-0.2, 0.2)) * cw;
            let cy = (j as f32 + 0.5 + rng.range(-0.2, 0.2)) * ch;
            let (k1, k2) = (2.0 + (rng.next() * 4.0).floor(), 5.0 + (rng.next() * 6.0).floor());
            let (p1, p2) = (rng.range(0.0, 6.28), rng.range(0.0, 6.28));
            let mut pts = Vec::with_capacity(200);
            for n in 0..200 {
                let t = n as f32 / 200.0 * std::f32::consts::TAU;
                let r = 0.62
                    * (1.0 + 0.22 * (k1 * t + p1).sin() + 0.10 * (k2 * t + p2).sin()
                        + 0.04 * rng.range(-1.0, 1.0));
                pts.push((cx + r * cw * t.cos(), cy + r * ch * t.sin()));
            }
            let rgb = LAND[(i * 7 + j * 3) % LAND.len()];
            polys.push(Poly { pts, rgb, css: css(rgb) });
        }
    }
    let mut lines = Vec::with_capacity(60);
    for k in 0..60 {
        let (mut x, mut y) = (rng.range(50.0, W - 50.0), rng.range(50.0, H - 50.0));
        let mut dir = rng.range(0.0, 6.28);
        let mut pts = Vec::with_capacity(50);
        for _ in 0..50 {
            pts.push((x, y));
            dir += rng.range(-0.35, 0.35);
            x += 9.0 * dir.cos();
            y += 9.0 * dir.sin();
        }
        let rgb = INK[k % INK.len()];
        lines.push(Line { pts, rgb, css: css(rgb), width: if k % 2 == 0 { 2.0 } else { 3.0 }, style: (k % 3) as u8 });
    }
    let mut circles = Vec::with_capacity(60);
    for k in 0..60 {
        let rgb = INK[(k + 2) % INK.len()];
        circles.push(Circle { x: rng.range(20.0, W - 20.0), y: rng.range(20.0, H - 20.0), r: rng.range(4.0, 10.0), rgb, css: css(rgb) });
    }
    let mut labels = Vec::with_capacity(40);
    for k in 0..40 {
        let text = format!("{} {}/{}", WORDS[k % WORDS.len()], 1 + (rng.next() * 30.0) as u32, 1 + (rng.next() * 9.0) as u32);
        labels.push(Label { x: rng.range(10.0, W - 110.0), y: rng.range(20.0, H - 10.0), text });
    }
    Scene { polys, lines, circles, labels }
}

thread_local! {
    static SCENE: Scene = build_scene();
}

pub const ALL: u32 = 31;

fn dash_array(style: u8) -> &'static [f32] {
    match style {
        0 => &[10.0, 5.0],
        1 => &[1.0, 5.0],
        _ => &[12.0, 4.0, 2.0, 4.0],
    }
}

/// Total vertex count, to check that the scene is what the report says.
#[wasm_bindgen]
pub fn scene_info() -> String {
    SCENE.with(|s| {
        format!(
            "polys={} poly_pts={} lines={} line_pts={} circles={} labels={}",
            s.polys.len(),
            s.polys.iter().map(|p| p.pts.len()).sum::<usize>(),
            s.lines.len(),
            s.lines.iter().map(|p| p.pts.len()).sum::<usize>(),
            s.circles.len(),
            s.labels.len()
        )
    })
}

// ---------------------------------------------------------------- canvas 2D
#[cfg(feature = "canvas")]
#[wasm_bindgen]
pub fn draw_canvas(ctx: &web_sys::CanvasRenderingContext2d, scale: f64) {
    draw_canvas_parts(ctx, scale, ALL)
}

/// Parts: 1 polygon fills, 2 polygon borders, 4 dashed lines, 8 circles, 16 labels
/// (the background is always drawn).
#[cfg(feature = "canvas")]
#[wasm_bindgen]
pub fn draw_canvas_parts(ctx: &web_sys::CanvasRenderingContext2d, scale: f64, parts: u32) {
    SCENE.with(|s| {
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).unwrap();
        ctx.set_line_dash(&js_sys::Array::new()).unwrap();
        ctx.set_fill_style_str("#aad3df");
        ctx.fill_rect(0.0, 0.0, W as f64, H as f64);
        ctx.set_line_width(0.8);
        ctx.set_line_join("round");
        ctx.set_stroke_style_str("#7a7a7a");
        for p in s.polys.iter().filter(|_| parts & 3 != 0) {
            ctx.begin_path();
            ctx.move_to(p.pts[0].0 as f64, p.pts[0].1 as f64);
            for &(x, y) in &p.pts[1..] {
                ctx.line_to(x as f64, y as f64);
            }
            ctx.close_path();
            ctx.set_fill_style_str(&p.css);
            if parts & 1 != 0 {
                ctx.fill();
            }
            if parts & 2 != 0 {
                ctx.stroke();
            }
        }
        let dashes: Vec<js_sys::Array> = (0..3u8)
            .map(|st| dash_array(st).iter().map(|&v| JsValue::from_f64(v as f64)).collect())
            .collect();
        for l in s.lines.iter().filter(|_| parts & 4 != 0) {
            ctx.set_line_dash(&dashes[l.style as usize]).unwrap();
            ctx.set_line_cap(if l.style == 1 { "round" } else { "butt" });
            ctx.set_line_width(l.width as f64);
            ctx.set_stroke_style_str(&l.css);
            ctx.begin_path();
            ctx.move_to(l.pts[0].0 as f64, l.pts[0].1 as f64);
            for &(x, y) in &l.pts[1..] {
                ctx.line_to(x as f64, y as f64);
            }
            ctx.stroke();
        }
        ctx.set_line_dash(&js_sys::Array::new()).unwrap();
        ctx.set_line_cap("butt");
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str("#202020");
        for c in s.circles.iter().filter(|_| parts & 8 != 0) {
            ctx.begin_path();
            ctx.arc(c.x as f64, c.y as f64, c.r as f64, 0.0, std::f64::consts::TAU).unwrap();
            ctx.set_fill_style_str(&c.css);
            ctx.fill();
            ctx.stroke();
        }
        ctx.set_font("13px sans-serif");
        ctx.set_fill_style_str("#111111");
        for l in s.labels.iter().filter(|_| parts & 16 != 0) {
            ctx.fill_text(&l.text, l.x as f64, l.y as f64).unwrap();
        }
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).unwrap();
    })
}

// ---------------------------------------------------------------- tiny-skia
#[cfg(feature = "skia")]
mod skia {
    use super::*;
    use tiny_skia::{
        Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
    };

    thread_local! {
        pub static PIXMAP: RefCell<Option<Pixmap>> = const { RefCell::new(None) };
    }

    fn paint(rgb: [u8; 3]) -> Paint<'static> {
        let mut p = Paint::default();
        p.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
        p.anti_alias = true;
        p
    }

    pub fn draw(pm: &mut Pixmap, s: &Scene, scale: f32, parts: u32) {
        let ts = Transform::from_scale(scale, scale);
        pm.fill(Color::from_rgba8(0xaa, 0xd3, 0xdf, 255));
        let border = paint([0x7a, 0x7a, 0x7a]);
        let thin = Stroke { width: 0.8, line_join: LineJoin::Round, ..Stroke::default() };
        for p in s.polys.iter().filter(|_| parts & 3 != 0) {
            let mut pb = PathBuilder::with_capacity(p.pts.len() + 1, p.pts.len() + 1);
            pb.move_to(p.pts[0].0, p.pts[0].1);
            for &(x, y) in &p.pts[1..] {
                pb.line_to(x, y);
            }
            pb.close();
            if let Some(path) = pb.finish() {
                if parts & 1 != 0 {
                    pm.fill_path(&path, &paint(p.rgb), FillRule::Winding, ts, None);
                }
                if parts & 2 != 0 {
                    pm.stroke_path(&path, &border, &thin, ts, None);
                }
            }
        }
        for l in s.lines.iter().filter(|_| parts & 4 != 0) {
            let mut pb = PathBuilder::with_capacity(l.pts.len(), l.pts.len());
            pb.move_to(l.pts[0].0, l.pts[0].1);
            for &(x, y) in &l.pts[1..] {
                pb.line_to(x, y);
            }
            let stroke = Stroke {
                width: l.width,
                line_cap: if l.style == 1 { LineCap::Round } else { LineCap::Butt },
                line_join: LineJoin::Miter,
                dash: StrokeDash::new(dash_array(l.style).to_vec(), 0.0),
                ..Stroke::default()
            };
            if let Some(path) = pb.finish() {
                pm.stroke_path(&path, &paint(l.rgb), &stroke, ts, None);
            }
        }
        let ring = paint([0x20, 0x20, 0x20]);
        let st = Stroke { width: 1.5, ..Stroke::default() };
        for c in s.circles.iter().filter(|_| parts & 8 != 0) {
            if let Some(path) = PathBuilder::from_circle(c.x, c.y, c.r) {
                pm.fill_path(&path, &paint(c.rgb), FillRule::Winding, ts, None);
                pm.stroke_path(&path, &ring, &st, ts, None);
            }
        }
    }

    /// Blend an 8-bit coverage bitmap (glyph) in opaque `rgb` at (x0, y0).
    #[allow(dead_code)]
    pub fn blend_coverage(pm: &mut Pixmap, x0: i32, y0: i32, w: usize, h: usize, cov: &mut dyn FnMut(usize, usize) -> u8, rgb: [u8; 3]) {
        let (pw, ph) = (pm.width() as i32, pm.height() as i32);
        let data = pm.data_mut();
        for gy in 0..h {
            let y = y0 + gy as i32;
            if y < 0 || y >= ph {
                continue;
            }
            for gx in 0..w {
                let x = x0 + gx as i32;
                if x < 0 || x >= pw {
                    continue;
                }
                let a = cov(gx, gy) as u32;
                if a == 0 {
                    continue;
                }
                let i = ((y * pw + x) * 4) as usize;
                for c in 0..3 {
                    data[i + c] = ((rgb[c] as u32 * a + data[i + c] as u32 * (255 - a) + 127) / 255) as u8;
                }
                data[i + 3] = (a + (data[i + 3] as u32 * (255 - a) + 127) / 255) as u8;
            }
        }
    }
}

#[cfg(any(feature = "fontdue", feature = "abglyph"))]
#[cfg(not(feature = "fullfont"))]
static FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-latin.ttf");
#[cfg(any(feature = "fontdue", feature = "abglyph"))]
#[cfg(feature = "fullfont")]
static FONT: &[u8] = include_bytes!("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

#[cfg(feature = "fontdue")]
mod text_fontdue {
    use super::*;
    use std::collections::HashMap;
    thread_local! {
        static FD: (fontdue::Font, RefCell<HashMap<(char, u32), (fontdue::Metrics, Vec<u8>)>>) =
            (fontdue::Font::from_bytes(FONT, fontdue::FontSettings::default()).unwrap(), RefCell::new(HashMap::new()));
    }
    /// Integer-pixel glyph placement, glyph bitmaps cached across frames.
    pub fn draw(pm: &mut tiny_skia::Pixmap, s: &Scene, scale: f32) {
        let px = 13.0 * scale;
        FD.with(|(font, cache)| {
            let mut cache = cache.borrow_mut();
            for l in &s.labels {
                let mut pen = l.x * scale;
                let base = (l.y * scale).round() as i32;
                let mut prev: Option<char> = None;
                for ch in l.text.chars() {
                    if let Some(p) = prev {
                        pen += font.horizontal_kern(p, ch, px).unwrap_or(0.0);
                    }
                    let (m, bmp) = cache.entry((ch, px.to_bits())).or_insert_with(|| font.rasterize(ch, px));
                    let x0 = pen.round() as i32 + m.xmin;
                    let y0 = base - m.height as i32 - m.ymin;
                    let w = m.width;
                    skia::blend_coverage(pm, x0, y0, m.width, m.height, &mut |x, y| bmp[y * w + x], [0x11, 0x11, 0x11]);
                    pen += m.advance_width;
                    prev = Some(ch);
                }
            }
        })
    }
}

#[cfg(feature = "abglyph")]
mod text_abglyph {
    use super::*;
    use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
    thread_local! {
        static FR: FontRef<'static> = FontRef::try_from_slice(FONT).unwrap();
    }
    /// Sub-pixel glyph placement, every glyph outlined and rasterized each frame.
    pub fn draw(pm: &mut tiny_skia::Pixmap, s: &Scene, scale: f32) {
        FR.with(|font| {
            // ab_glyph's PxScale is ascent - descent; CSS font-size is the em: convert
            let upem = font.units_per_em().unwrap_or(2048.0);
            let sf = font.as_scaled(PxScale::from(13.0 * scale * font.height_unscaled() / upem));
            let mut buf: Vec<(i32, i32, u8)> = Vec::new();
            for l in &s.labels {
                let mut pen = l.x * scale;
                let base = l.y * scale;
                let mut prev = None;
                for ch in l.text.chars() {
                    let id = sf.glyph_id(ch);
                    if let Some(p) = prev {
                        pen += sf.kern(p, id);
                    }
                    let g = id.with_scale_and_position(sf.scale(), ab_glyph::point(pen, base));
                    if let Some(og) = sf.outline_glyph(g) {
                        let b = og.px_bounds();
                        buf.clear();
                        og.draw(|x, y, c| buf.push((x as i32, y as i32, (c.clamp(0.0, 1.0) * 255.0 + 0.5) as u8)));
                        let (bw, bh) = ((b.width() as usize) + 1, (b.height() as usize) + 1);
                        let mut grid = vec![0u8; bw * bh];
                        for &(x, y, c) in &buf {
                            if (x as usize) < bw && (y as usize) < bh {
                                grid[y as usize * bw + x as usize] = c;
                            }
                        }
                        skia::blend_coverage(pm, b.min.x as i32, b.min.y as i32, bw, bh, &mut |x, y| grid[y * bw + x], [0x11, 0x11, 0x11]);
                    }
                    pen += sf.h_advance(id);
                    prev = Some(id);
                }
            }
        })
    }
}

/// Render the scene into the module's pixmap (w x h device pixels).
/// text: 0 = no labels, 1 = fontdue labels, 2 = ab_glyph labels.
#[cfg(feature = "skia")]
#[wasm_bindgen]
pub fn draw_skia(w: u32, h: u32, scale: f32, text: u32) {
    draw_skia_parts(w, h, scale, text, ALL)
}

/// Same parts as draw_canvas_parts; labels (16) drawn with the engine `text` picks.
#[cfg(feature = "skia")]
#[wasm_bindgen]
pub fn draw_skia_parts(w: u32, h: u32, scale: f32, text: u32, parts: u32) {
    let text = if parts & 16 != 0 { text } else { 0 };
    skia::PIXMAP.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().map(|p| (p.width(), p.height())) != Some((w, h)) {
            *slot = tiny_skia::Pixmap::new(w, h);
        }
        let pm = slot.as_mut().unwrap();
        SCENE.with(|s| {
            skia::draw(pm, s, scale, parts);
            #[cfg(feature = "fontdue")]
            if text == 1 {
                text_fontdue::draw(pm, s, scale);
            }
            #[cfg(feature = "abglyph")]
            if text == 2 {
                text_abglyph::draw(pm, s, scale);
            }
        });
    })
}

/// Copy the pixmap to the canvas. Every pixel is opaque (opaque background),
/// so tiny-skia's premultiplied RGBA equals ImageData's straight RGBA and no
/// demultiply pass is needed.
#[cfg(feature = "skia")]
#[wasm_bindgen]
pub fn put_skia(ctx: &web_sys::CanvasRenderingContext2d) {
    skia::PIXMAP.with(|cell| {
        let slot = cell.borrow();
        let pm = slot.as_ref().unwrap();
        let img = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(pm.data()), pm.width(), pm.height()).unwrap();
        ctx.put_image_data(&img, 0.0, 0.0).unwrap();
    })
}

#[cfg(feature = "png")]
#[wasm_bindgen]
pub fn skia_png() -> Vec<u8> {
    skia::PIXMAP.with(|cell| cell.borrow().as_ref().unwrap().encode_png().unwrap())
}

/// PNG with the png crate's Compression::Fast (same demultiplied copy as encode_png).
#[cfg(feature = "pngfast")]
#[wasm_bindgen]
pub fn skia_png_fast() -> Vec<u8> {
    skia::PIXMAP.with(|cell| {
        let b = cell.borrow();
        let pm = b.as_ref().unwrap();
        let data = pm.to_owned().take_demultiplied();
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, pm.width(), pm.height());
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut wr = enc.write_header().unwrap();
        wr.write_image_data(&data).unwrap();
        wr.finish().unwrap();
        out
    })
}
