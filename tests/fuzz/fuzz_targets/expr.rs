//! The expression parser on arbitrary text: never a panic; an error points inside the text;
//! what parses prints to text that parses back to the same tree, and evaluates (value and
//! gradient) without panicking.
#![no_main]

use gdviz::math::expr::Expr;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Expr::parse(&text) {
        Ok(e) => {
            let printed = e.to_string();
            assert_eq!(Expr::parse(&printed).as_ref(), Ok(&e), "{text} → {printed}");
            for (x, y) in [(0.0, 0.0), (1.5, -2.0), (-1e3, 7.0)] {
                if let Ok(v) = e.eval(x, y) {
                    assert!(v.is_finite());
                }
                let _ = e.gradient(x, y);
            }
        }
        Err(err) => assert!(err.position <= text.chars().count(), "{text}: {err}"),
    }
});
