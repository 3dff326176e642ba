//! Arbitrary attribute sets for every kind: parsing must never panic, and whatever a kind
//! accepts must give a finite `data-state` and draw (to SVG) without panicking.
//!
//! The input is read as lines `key=value`; keys are matched against the real option names
//! (a byte picks one), so the fuzzer spends its time on values.
#![no_main]

use gdviz::figures::widget::{Env, Input};
use gdviz::figures::{contour, cost, descent1d, minibatch, norms, options, training, trajectory};
use gdviz::figures::momentum_map::MomentumMapWidget;
use gdviz::figures::regularization::RegularizationWidget;
use gdviz::figures::{mlp, Kind, Plain};
use libfuzzer_sys::fuzz_target;

const KEYS: [&str; 32] = [
    "data-x", "data-y", "data-fn", "data-lr", "data-weights", "data-steps", "data-n", "data-gx",
    "data-gy", "data-theta", "data-target", "data-theme", "data-yaw", "data-slice-at",
    "data-iters", "data-paths", "data-batch", "data-seed", "data-w", "data-b", "data-iter",
    "data-resamples", "data-view", "data-kappa", "data-beta", "data-alpha", "data-beta1",
    "data-beta2", "data-eps", "data-t", "data-a", "data-d",
];

/// Keys whose value may be `null` by design (no steepest direction at a critical point, no
/// gradient after a divergence). data-state writes a non-finite float as `null` too, so a
/// `null` anywhere else is a NaN or an infinity that reached `data-state`.
const NULLABLE: [&str; 9] = [
    "theta_star", "amplitude", "l2", "l1", "linf", "l2_value", "l1_value", "linf_value", "grad",
];

fn check_json(kind: &str, json: &str) {
    fn walk(kind: &str, key: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => assert!(NULLABLE.contains(&key), "{kind}: {key} is null"),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(kind, key, x)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| walk(kind, k, x)),
            _ => {}
        }
    }
    let v: serde_json::Value = serde_json::from_str(json).expect("data-state is JSON");
    walk(kind, "", &v);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut opts: Vec<(&str, &str)> = Vec::new();
    for line in text.split('\n').take(16) {
        let (k, v) = line.split_once('=').unwrap_or((line, ""));
        let key = KEYS[k.bytes().map(usize::from).sum::<usize>() % KEYS.len()];
        opts.push((key, v));
    }
    let opts = &opts[..];
    // Parsing is cheap and runs for every input; building the figures (grids, level lines,
    // runs) for one in four, drawing them to SVG for one in sixteen.
    let _ = options::theme(opts);
    let _ = contour::Config::from_options(opts);
    let _ = descent1d::Descent1d::from_options(opts);
    let _ = norms::NormsFigure::from_options(opts);
    let _ = cost::CostFigure::from_options(opts);
    let _ = training::RunConfig::from_options(opts);
    let _ = trajectory::Config::from_options(opts);
    let _ = minibatch::Config::from_options(opts);
    let _ = MomentumMapWidget::from_options(opts);
    let _ = RegularizationWidget::from_options(opts);
    let _ = mlp::view_option(opts);
    let build = data.first().is_some_and(|b| b % 4 == 0);
    if !build {
        return;
    }
    let draw = data.first().is_some_and(|b| b % 16 == 0);
    // Every kind through the registry, as the page mounts it; a few presses of its buttons
    // (names a kind does not have are ignored), then its state and its SVG.
    for kind in Kind::ALL {
        let Ok(mut figure) = kind.build::<Plain>(&opts) else {
            continue;
        };
        for action in ["step", "step", "step", "resample"] {
            figure.input(&Input::Click(action), &Env::still());
        }
        check_json(kind.name(), &figure.ui().state);
        if draw {
            let _ = figure.svg(320);
        }
    }
});
