//! Writes every figure's SVG, drawn at its default state by the same code the widgets use:
//! `cargo run --release --bin render-figures -- OUT_DIR` (`make build` puts them in
//! `dist/figures/`, where each widget's `<noscript>` fallback and the docs point).
//!
//! `render-figures --kind KIND [--opt NAME=VALUE]… [--linked] [--width PX]` instead writes
//! one figure to stdout, as its widget opens with those options (`data-NAME`, the names a
//! shared link's fragment uses): the state a reader reached, drawn natively. `--linked` draws
//! `norms` following the shared point of its `data-group`, given as `fn`, `x`, `y`.

use gdviz::figures::{render_default_svg, render_svg_from_options, Kind};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

fn fail(message: &str) -> ! {
    eprintln!("render-figures: {message}");
    std::process::exit(1);
}

fn one(args: &[String]) {
    let mut kind = None;
    let mut opts: HashMap<String, String> = HashMap::new();
    let mut linked = false;
    let mut width = 720;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .unwrap_or_else(|| fail(&format!("{arg} needs {what}")))
        };
        match arg.as_str() {
            "--kind" => {
                let name = value("a kind");
                kind = Some(
                    Kind::from_name(&name)
                        .unwrap_or_else(|| fail(&format!("no kind named {name:?}"))),
                );
            }
            "--opt" => {
                let pair = value("NAME=VALUE");
                let (name, v) = pair
                    .split_once('=')
                    .unwrap_or_else(|| fail(&format!("--opt {pair:?} is not NAME=VALUE")));
                opts.insert(format!("data-{name}"), v.to_owned());
            }
            "--width" => {
                let w = value("a width");
                width = w
                    .parse()
                    .ok()
                    .filter(|w| (16..=8000).contains(w))
                    .unwrap_or_else(|| fail(&format!("--width {w:?} is not 16 to 8000")));
            }
            "--linked" => linked = true,
            other => fail(&format!("unknown argument {other:?}")),
        }
    }
    let kind = kind.unwrap_or_else(|| fail("--kind is required"));
    match render_svg_from_options(kind, &opts, linked, width) {
        Ok(svg) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(svg.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                fail("cannot write to stdout");
            }
        }
        Err(e) => fail(&format!("{}: {e}", kind.name())),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a.starts_with("--")) {
        one(&args);
        return;
    }
    let out = PathBuf::from(
        args.first()
            .cloned()
            .unwrap_or_else(|| "figures".to_owned()),
    );
    if let Err(e) = std::fs::create_dir_all(&out) {
        fail(&format!("cannot create {}: {e}", out.display()));
    }
    for kind in Kind::ALL {
        let path = out.join(format!("{}.svg", kind.name()));
        let written = render_default_svg(kind, 720)
            .map_err(|e| e.to_string())
            .and_then(|svg| std::fs::write(&path, svg).map_err(|e| e.to_string()));
        match written {
            Ok(()) => println!("{}", path.display()),
            Err(e) => fail(&format!("{}: {e}", path.display())),
        }
    }
}
