//! Every figure kind rendered through plotters' SVG backend at its default state, compared
//! with the reviewed snapshot in `tests/snapshots/KIND.svg`. After a deliberate change, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, look at the new SVGs, and commit them.
#![cfg(not(target_arch = "wasm32"))]

use gdviz::figures::contour::{Config, ContourFigure, Fill};
use gdviz::figures::contour_plot::OnContours;
use gdviz::figures::{render_default_svg, render_svg, Kind, Layer};
use std::path::PathBuf;

fn snapshot_path(kind: Kind) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{}.svg", kind.name()))
}

/// True only for `UPDATE_SNAPSHOTS=1`.
fn update_requested(value: Option<&str>) -> bool {
    value == Some("1")
}

#[test]
fn only_update_snapshots_1_rewrites() {
    assert!(update_requested(Some("1")));
    for other in [
        None,
        Some("0"),
        Some(""),
        Some("false"),
        Some("true"),
        Some("yes"),
    ] {
        assert!(!update_requested(other), "{other:?}");
    }
}

#[test]
fn every_kind_matches_its_snapshot() {
    // Only UPDATE_SNAPSHOTS=1 rewrites: any other value (0, false, empty) compares.
    let update = update_requested(std::env::var("UPDATE_SNAPSHOTS").ok().as_deref());
    let mut mismatched = Vec::new();
    for kind in Kind::ALL {
        let svg = render_default_svg(kind, 600).expect("renders");
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{kind:?}"
        );
        let path = snapshot_path(kind);
        if update {
            std::fs::write(&path, &svg).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == svg => {}
            Ok(_) => mismatched.push(format!("{} differs", path.display())),
            Err(_) => mismatched.push(format!("{} is missing", path.display())),
        }
    }
    assert!(
        mismatched.is_empty(),
        "{mismatched:?}: rerun with UPDATE_SNAPSHOTS=1, inspect, commit"
    );
}

/// What the contour SVG must contain, independent of the snapshot: one path per level line,
/// the gradient arrow in green, the point in orange, and axis labels.
#[test]
fn contour_svg_shows_lines_arrow_point_and_axes() {
    let fig = ContourFigure::new(Config::default());
    let svg = render_svg(
        600,
        |w| fig.height_for_width(w, 1.0),
        |root| fig.draw(root, Layer::All, Fill::None, 1.0).map(|_| ()),
    )
    .unwrap();
    let level_paths = svg.matches("stroke=\"#3D4A6B\"").count();
    assert_eq!(
        level_paths,
        fig.lines().len(),
        "one stroked path per level line"
    );
    assert!(svg.contains("#0F8A3C"), "gradient arrow");
    assert!(svg.contains("#E06C00"), "the point");
    assert!(svg.contains("\n∇f\n</text>"));
    assert!(svg.contains("\nx\n</text>") && svg.contains("\ny\n</text>"));
}

#[test]
fn critical_point_svg_says_so() {
    let fig = ContourFigure::new(Config {
        point: [0.0, 0.0],
        ..Config::default()
    });
    let svg = render_svg(
        500,
        |w| fig.height_for_width(w, 1.0),
        |root| fig.draw(root, Layer::Overlay, Fill::None, 1.0).map(|_| ()),
    )
    .unwrap();
    assert!(svg.contains("critical point"));
    assert!(
        !svg.contains("#0F8A3C"),
        "no gradient arrow at a critical point"
    );
}
