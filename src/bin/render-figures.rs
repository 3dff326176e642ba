//! Writes every figure's SVG, drawn at its default state by the same code the widgets use:
//! `cargo run --release --bin render-figures -- OUT_DIR` (`make build` puts them in
//! `dist/figures/`, where each widget's `<noscript>` fallback and the docs point).

use gdviz::figures::{render_default_svg, Kind};
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "figures".to_owned()),
    );
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("render-figures: cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    for kind in Kind::ALL {
        let path = out.join(format!("{}.svg", kind.name()));
        let written = render_default_svg(kind, 720)
            .map_err(|e| e.to_string())
            .and_then(|svg| std::fs::write(&path, svg).map_err(|e| e.to_string()));
        match written {
            Ok(()) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("render-figures: {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
}
