//! Sine, cosine and tangent for the angles the map works with: radians of
//! latitudes, longitudes and their differences, never more than a few
//! turns.
//!
//! These are the standard library's functions (its `libm`, after
//! FreeBSD's and musl's) with one part left out: the reduction of
//! arguments of a million radians and more, which alone is some 3,500
//! wasm instructions of the page's module. Below that the results are
//! the same bit for bit (the tests compare them); above it, an argument
//! is first taken modulo 2π, which loses precision (some 10⁻⁸ at 10⁸
//! radians) that no angle on a map has. Natively too, so that the command
//! line draws the land the page draws.

use std::f64::consts::TAU;

// The constants bit for bit as FreeBSD's msun (and musl, and `libm`) give them.
const TO_INT: f64 = 1.5 / f64::EPSILON;
const INV_PIO2: f64 = f64::from_bits(0x3fe4_5f30_6dc9_c883);
const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5440_0000);
const PIO2_1T: f64 = f64::from_bits(0x3dd0_b461_1a62_6331);
const PIO2_2: f64 = f64::from_bits(0x3dd0_b461_1a60_0000);
const PIO2_2T: f64 = f64::from_bits(0x3ba3_198a_2e03_7073);
const PIO2_3: f64 = f64::from_bits(0x3ba3_198a_2e00_0000);
const PIO2_3T: f64 = f64::from_bits(0x397b_839a_2520_49c1);

/// The high word of `x` without its sign.
fn high(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32 & 0x7fff_ffff
}

/// `x` less the nearest multiple `n` of π/2: `(n, y0, y1)`, the rest as a
/// sum of two.
fn rem_pio2(x: f64) -> (i32, f64, f64) {
    let ix = high(x);
    // Near π/2 times 1 to 4 (but for the cancellations the medium way
    // handles), one subtraction of that multiple.
    let cancels =
        (ix & 0xfffff == 0x921fb && ix <= 0x400f_6a7a) || ix == 0x4012_d97c || ix == 0x4019_21fb;
    let multiple = if cancels || ix > 0x401c_463b {
        0.0
    } else if ix <= 0x4002_d97c {
        1.0
    } else if ix <= 0x400f_6a7a {
        2.0
    } else if ix <= 0x4015_fdbc {
        3.0
    } else {
        4.0
    };
    if multiple > 0.0 {
        let k = if x < 0.0 { -multiple } else { multiple };
        let z = x - k * PIO2_1;
        let y0 = z - k * PIO2_1T;
        return (k as i32, y0, (z - y0) - k * PIO2_1T);
    }
    let x = if ix < 0x4139_21fb { x } else { x % TAU };
    let ex = (high(x) >> 20) as i32;
    let exponent = |y: f64| (y.to_bits() >> 52) as i32 & 0x7ff;
    let f_n = (x * INV_PIO2 + TO_INT) - TO_INT;
    let mut r = x - f_n * PIO2_1;
    let mut w = f_n * PIO2_1T;
    let mut y0 = r - w;
    for (part, tail, bits) in [(PIO2_2, PIO2_2T, 16), (PIO2_3, PIO2_3T, 49)] {
        if ex - exponent(y0) <= bits {
            break;
        }
        let t = r;
        w = f_n * part;
        r = t - w;
        w = f_n * tail - ((t - r) - w);
        y0 = r - w;
    }
    (f_n as i32, y0, (r - y0) - w)
}

fn k_sin(x: f64, y: f64, iy: bool) -> f64 {
    const S: [f64; 6] = [
        f64::from_bits(0xbfc5_5555_5555_5549),
        f64::from_bits(0x3f81_1111_1110_f8a6),
        f64::from_bits(0xbf2a_01a0_19c1_61d5),
        f64::from_bits(0x3ec7_1de3_57b1_fe7d),
        f64::from_bits(0xbe5a_e5e6_8a2b_9ceb),
        f64::from_bits(0x3de5_d93a_5acf_d57c),
    ];
    let z = x * x;
    let w = z * z;
    let r = S[1] + z * (S[2] + z * S[3]) + z * w * (S[4] + z * S[5]);
    let v = z * x;
    if iy {
        x - ((z * (0.5 * y - v * r) - y) - v * S[0])
    } else {
        x + v * (S[0] + z * r)
    }
}

fn k_cos(x: f64, y: f64) -> f64 {
    const C: [f64; 6] = [
        f64::from_bits(0x3fa5_5555_5555_554c),
        f64::from_bits(0xbf56_c16c_16c1_5177),
        f64::from_bits(0x3efa_01a0_19cb_1590),
        f64::from_bits(0xbe92_7e4f_809c_52ad),
        f64::from_bits(0x3e21_ee9e_bdb4_b1c4),
        f64::from_bits(0xbda8_fae9_be88_38d4),
    ];
    let z = x * x;
    let w = z * z;
    let r = z * (C[0] + z * (C[1] + z * C[2])) + w * w * (C[3] + z * (C[4] + z * C[5]));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

fn k_tan(mut x: f64, mut y: f64, odd: bool) -> f64 {
    const T: [f64; 13] = [
        f64::from_bits(0x3fd5_5555_5555_5563),
        f64::from_bits(0x3fc1_1111_1110_fe7a),
        f64::from_bits(0x3fab_a1ba_1bb3_41fe),
        f64::from_bits(0x3f96_64f4_8406_d637),
        f64::from_bits(0x3f82_26e3_e96e_8493),
        f64::from_bits(0x3f6d_6d22_c956_0328),
        f64::from_bits(0x3f57_dbc8_fee0_8315),
        f64::from_bits(0x3f43_44d8_f2f2_6501),
        f64::from_bits(0x3f30_26f7_1a8d_1068),
        f64::from_bits(0x3f14_7e88_a037_92a6),
        f64::from_bits(0x3f12_b80f_32f0_a7e9),
        f64::from_bits(0xbef3_75cb_db60_5373),
        f64::from_bits(0x3efb_2a70_74bf_7ad4),
    ];
    const PIO4: f64 = f64::from_bits(0x3fe9_21fb_5444_2d18);
    const PIO4_LO: f64 = f64::from_bits(0x3c81_a626_3314_5c07);
    let negative = x.is_sign_negative();
    let big = high(x) >= 0x3fe5_9428;
    if big {
        if negative {
            (x, y) = (-x, -y);
        }
        (x, y) = ((PIO4 - x) + (PIO4_LO - y), 0.0);
    }
    let z = x * x;
    let w = z * z;
    let r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
    let v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
    let s = z * x;
    let r = y + z * (s * (r + v) + y) + s * T[0];
    let w = x + r;
    if big {
        let s = if odd { -1.0 } else { 1.0 };
        let v = s - 2.0 * (x + (r - w * w / (w + s)));
        return if negative { -v } else { v };
    }
    if !odd {
        return w;
    }
    // -1/(x+r), worked out with care.
    let low_zero = |x: f64| f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000);
    let w0 = low_zero(w);
    let v = r - (w0 - x);
    let a = -1.0 / w;
    let a0 = low_zero(a);
    a0 + a * (1.0 + a0 * w0 + a0 * v)
}

/// The sine or cosine, by the quadrant `n` of the angle reduced to
/// `y0 + y1`: the cosine's quadrant is the sine's plus one.
fn by_quadrant(n: i32, y0: f64, y1: f64) -> f64 {
    match n & 3 {
        0 => k_sin(y0, y1, true),
        1 => k_cos(y0, y1),
        2 => -k_sin(y0, y1, true),
        _ => -k_cos(y0, y1),
    }
}

/// The sine of `x` radians.
pub fn sin(x: f64) -> f64 {
    let ix = high(x);
    if ix < 0x3e50_0000 {
        x
    } else if ix <= 0x3fe9_21fb {
        k_sin(x, 0.0, false)
    } else if ix >= 0x7ff0_0000 {
        f64::NAN
    } else {
        let (n, y0, y1) = rem_pio2(x);
        by_quadrant(n, y0, y1)
    }
}

/// The cosine of `x` radians.
pub fn cos(x: f64) -> f64 {
    let ix = high(x);
    if ix < 0x3e46_a09e {
        1.0
    } else if ix <= 0x3fe9_21fb {
        k_cos(x, 0.0)
    } else if ix >= 0x7ff0_0000 {
        f64::NAN
    } else {
        let (n, y0, y1) = rem_pio2(x);
        by_quadrant(n.wrapping_add(1), y0, y1)
    }
}

/// The tangent of `x` radians.
pub fn tan(x: f64) -> f64 {
    let ix = high(x);
    if ix < 0x3e40_0000 {
        x
    } else if ix <= 0x3fe9_21fb {
        k_tan(x, 0.0, false)
    } else if ix >= 0x7ff0_0000 {
        f64::NAN
    } else {
        let (n, y0, y1) = rem_pio2(x);
        k_tan(y0, y1, n & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Angles the map meets and the edges of every branch above: near
    /// each multiple of π/4 up to 9π/4 and past it, tiny ones, and a
    /// spread from -1,000 to 1,000 radians.
    fn angles() -> Vec<f64> {
        let mut angles = vec![
            0.0, -0.0, 1e-300, 1e-9, -1e-9, 1e-5, 0.5, 0.6744, 1.0, 100.0,
        ];
        for k in 1..=12 {
            let at = k as f64 * std::f64::consts::FRAC_PI_4;
            for step in -3i64..=3 {
                let x = f64::from_bits((at.to_bits() as i64 + step) as u64);
                angles.extend([x, -x, x * (1.0 + 1e-9), x * (1.0 - 1e-9)]);
            }
        }
        for i in -100_000..=100_000 {
            angles.push(i as f64 * 0.01 + 0.003);
        }
        for degrees in -720..=720 {
            angles.push((degrees as f64 / 2.0).to_radians());
        }
        angles
    }

    #[test]
    fn the_same_as_the_standard_librarys_in_wasm_below_a_million_radians() {
        for x in angles() {
            assert_eq!(sin(x).to_bits(), libm::sin(x).to_bits(), "sin {x:e}");
            assert_eq!(cos(x).to_bits(), libm::cos(x).to_bits(), "cos {x:e}");
            assert_eq!(tan(x).to_bits(), libm::tan(x).to_bits(), "tan {x:e}");
        }
    }

    #[test]
    fn huge_angles_are_taken_modulo_a_turn_and_the_rest_is_nan() {
        for x in [2e6, -3.5e7, 1e8] {
            assert!((sin(x) - libm::sin(x)).abs() < 1e-6, "sin {x:e}");
            assert!((cos(x) - libm::cos(x)).abs() < 1e-6, "cos {x:e}");
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(sin(x).is_nan() && cos(x).is_nan() && tan(x).is_nan());
        }
    }
}
