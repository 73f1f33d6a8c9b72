//! Native (x86_64) reference timing of the same tiny-skia drawing code.
//! cargo run --release --example native --features pngfast,fontdue,abglyph
use std::time::Instant;
fn med(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}
fn time(n: usize, mut f: impl FnMut()) -> f64 {
    f();
    f();
    med((0..n).map(|_| { let t = Instant::now(); f(); t.elapsed().as_secs_f64() * 1e3 }).collect())
}
fn main() {
    let n = 15;
    for dpr in [1u32, 2] {
        let (w, h, s) = (1280 * dpr, 800 * dpr, dpr as f32);
        let full = time(n, || skia_measure::draw_skia(w, h, s, 0));
        let fd = time(n, || skia_measure::draw_skia(w, h, s, 1));
        let ab = time(n, || skia_measure::draw_skia(w, h, s, 2));
        let parts: Vec<String> = [(0u32, "bg"), (1, "poly_fill"), (2, "poly_border"), (4, "lines"), (8, "circles")]
            .iter()
            .map(|&(m, name)| format!("{name}={:.1}", time(n, || skia_measure::draw_skia_parts(w, h, s, 0, m))))
            .collect();
        skia_measure::draw_skia(w, h, s, 0);
        let mut bytes = 0;
        let png = time(n, || bytes = skia_measure::skia_png().len());
        let mut fbytes = 0;
        let pngf = time(n, || fbytes = skia_measure::skia_png_fast().len());
        println!("native dpr{dpr}: skia(no text)={full:.1} ms, +fontdue={fd:.1}, +ab_glyph={ab:.1}, encode_png={png:.1} ms ({bytes} B), png Fast={pngf:.1} ms ({fbytes} B); parts (each incl. bg): {}", parts.join(" "));
    }
}
