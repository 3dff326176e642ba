//! Numbers as readers see them. Readouts round for legibility; `data-state` always carries
//! the full-precision value.

/// The angle (radians) next to `rad` that is reproduced exactly by its degrees written in a
/// link: `rad.to_degrees().to_radians()` until it stops changing (twice at most, in practice).
/// Not every angle in radians is the image of a number of degrees, so a figure whose options
/// are degrees keeps its angles in this form, and `data-theta="…"` (or `data-yaw`, …) written
/// from them reopens the very same angle.
#[must_use]
pub fn link_angle(rad: f64) -> f64 {
    let mut t = rad;
    for _ in 0..8 {
        let next = t.to_degrees().to_radians();
        if next == t || !next.is_finite() {
            break;
        }
        t = next;
    }
    t
}

/// Formats `v` with up to `decimals` digits after the point, trailing zeros dropped, a true
/// minus sign, and "−0" shown as "0". Infinite values read "overflow" and NaN "undefined"
/// (never "NaN" or "inf").
#[must_use]
pub fn num(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "undefined".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "overflow" } else { "−overflow" }.to_owned();
    }
    let magnitude = v.abs();
    if magnitude != 0.0 && (magnitude >= 1e7 || magnitude < 10f64.powi(-(decimals as i32))) {
        let s = format!("{v:.3e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = trim(mantissa).replace('-', "−");
        return format!("{mantissa}×10{}", superscript(exp));
    }
    let s = trim(&format!("{v:.decimals$}"));
    let s = if s == "-0" { "0".to_owned() } else { s };
    s.replace('-', "−")
}

fn trim(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s.to_owned()
    }
}

/// Formats `v` with `digits` significant digits (at most 15), trailing zeros dropped, as
/// [`num`] does otherwise.
#[must_use]
pub fn sig(v: f64, digits: usize) -> String {
    if !v.is_finite() || v == 0.0 {
        return num(v, 0);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).clamp(0, 15) as usize;
    num(v, decimals)
}

/// Scientific notation with superscript exponent: 5.6×10⁻⁹; exact powers of ten as 10⁻⁹.
#[must_use]
pub fn sci(v: f64, digits: usize) -> String {
    if !v.is_finite() || v == 0.0 {
        return num(v, 0);
    }
    let exp = v.abs().log10().floor() as i32;
    let mantissa = v / 10f64.powi(exp);
    let sup = superscript(&exp.to_string());
    let m = sig(mantissa, digits);
    if m == "1" {
        format!("10{sup}")
    } else if m == "−1" {
        format!("−10{sup}")
    } else {
        format!("{m}×10{sup}")
    }
}

/// `digits` significant digits, in scientific notation (superscript exponent) below 10⁻³ and
/// from 10⁶ up: losses spanning many decades read alike ("9.36×10⁻¹⁷", "0.96", "4.31×10⁻⁸").
#[must_use]
pub fn short(v: f64, digits: usize) -> String {
    let m = v.abs();
    if m != 0.0 && m.is_finite() && !(1e-3..1e6).contains(&m) {
        sci(v, digits)
    } else {
        sig(v, digits)
    }
}

/// An integer's digits and minus sign as superscripts ("-8" → "⁻⁸").
fn superscript(exp: &str) -> String {
    exp.chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                [d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}

/// A pair as "(a, b)".
#[must_use]
pub fn pair(v: [f64; 2], decimals: usize) -> String {
    format!("({}, {})", num(v[0], decimals), num(v[1], decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_numbers() {
        assert_eq!(num(6.0, 3), "6");
        assert_eq!(num(-0.448, 3), "−0.448");
        assert_eq!(num(53.130_102, 2), "53.13");
        assert_eq!(num(-0.0001, 2), "−1×10⁻⁴");
        assert_eq!(num(1.129e-8, 3), "1.129×10⁻⁸");
        assert_eq!(num(-0.0, 3), "0");
        assert_eq!(num(-0.0004, 3), "−4×10⁻⁴");
        assert_eq!(num(2.5e9, 2), "2.5×10⁹");
        assert_eq!(num(f64::NAN, 2), "undefined");
        assert_eq!(num(f64::NEG_INFINITY, 2), "−overflow");
        assert_eq!(pair([6.0, 8.0], 3), "(6, 8)");
        assert_eq!(sig(0.000_718_686_021_222_4, 10), "0.0007186860212");
        assert_eq!(sig(-0.448, 6), "−0.448");
        assert_eq!(sig(123.456_789, 4), "123.5");
        assert_eq!(sig(0.0, 4), "0");
        assert_eq!(sci(5.623e-9, 2), "5.6×10⁻⁹");
        assert_eq!(sci(1e-16, 2), "10⁻¹⁶");
        assert_eq!(sci(100_000.0, 2), "10⁵");
        assert_eq!(short(9.359e-17, 3), "9.36×10⁻¹⁷");
        assert_eq!(short(0.960_31, 3), "0.96");
        assert_eq!(short(0.000_43, 3), "4.3×10⁻⁴");
        assert_eq!(short(-2.5e7, 3), "−2.5×10⁷");
        assert_eq!(short(0.0, 3), "0");
    }
}
