//! contours() on arbitrary grids and thresholds (NaN, ±∞, subnormals, any size that the
//! bytes allow): never a panic, every ring closed, and the area never more than the grid's.
#![no_main]

use gdviz::math::isorings::contours;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (w, h, nt) = (usize::from(data[0] % 24), usize::from(data[1] % 24), usize::from(data[2] % 6));
    let floats: Vec<f64> = data[3..]
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect();
    let mut values: Vec<f64> = floats.iter().copied().cycle().take(w * h).collect();
    values.resize(w * h, 0.0);
    let thresholds: Vec<f64> = floats.iter().rev().copied().take(nt).collect();
    match contours(&values, w, h, &thresholds) {
        Ok(all) => {
            assert_eq!(all.len(), thresholds.len());
            for m in &all {
                for ring in m.polygons.iter().flatten() {
                    assert!(ring.len() >= 4 && ring.first() == ring.last(), "{ring:?}");
                }
                let a = m.area();
                assert!(a.is_nan() || a <= (w * h) as f64 + 1e-9, "area {a} on {w}×{h}");
            }
        }
        Err(e) => assert!(thresholds.iter().any(|t| t.is_nan()), "{e}"),
    }
});
