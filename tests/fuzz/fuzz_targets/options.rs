//! Arbitrary attribute sets for every kind: parsing must never panic, and whatever a kind
//! accepts must give a finite `data-state` and draw (to SVG) without panicking.
//!
//! The input is read as lines `key=value`; keys are matched against the real option names
//! (a byte picks one), so the fuzzer spends its time on values.
#![no_main]

use gdviz::figures::{contour, cost, descent1d, minibatch, norms, sinusoid, surface, training, trajectory};
use gdviz::figures::{loss_slice::LossSlice, mlp, options};
use libfuzzer_sys::fuzz_target;

const KEYS: [&str; 23] = [
    "data-x", "data-y", "data-fn", "data-lr", "data-weights", "data-steps", "data-n", "data-gx",
    "data-gy", "data-theta", "data-target", "data-theme", "data-yaw", "data-slice-at",
    "data-iters", "data-paths", "data-batch", "data-seed", "data-w", "data-b", "data-iter",
    "data-resamples", "data-view",
];

/// Keys whose value may be `null` by design (no steepest direction at a critical point, no
/// gradient after a divergence). serde_json writes a non-finite float as `null` too, so a
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
    // (sinusoid parses as contour plus data-theta, and builds its plot: below.)
    let _ = norms::NormsFigure::from_options(opts);
    let _ = cost::CostFigure::from_options(opts);
    let _ = training::RunConfig::from_options(opts);
    let _ = trajectory::Config::from_options(opts);
    let _ = minibatch::Config::from_options(opts);
    let _ = mlp::view_option(opts);
    let build = data.first().is_some_and(|b| b % 4 == 0);
    if !build {
        return;
    }
    let draw = data.first().is_some_and(|b| b % 16 == 0);
    if let Ok(c) = contour::Config::from_options(opts) {
        let fig = contour::ContourFigure::new(c);
        check_json("contour", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    if let Ok(fig) = descent1d::Descent1d::from_options(opts) {
        let mut fig = fig;
        for _ in 0..3 {
            fig.step();
        }
        check_json("descent-1d", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    if let Ok(fig) = sinusoid::SinusoidFigure::from_options(opts) {
        check_json("sinusoid", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    if let Ok(fig) = norms::NormsFigure::from_options(opts) {
        check_json("norms", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    for mode in [surface::Mode::Slices, surface::Mode::InputPlane] {
        if let Ok(fig) = surface::SurfaceFigure::from_options(mode, opts) {
            if draw { let _ = fig.svg(240); }
        }
    }
    if let Ok(c) = trajectory::Config::from_options(opts) {
        let mut fig = trajectory::TrajectoryFigure::new(c);
        for _ in 0..20 {
            fig.step();
        }
        check_json("trajectory", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    if let Ok(c) = minibatch::Config::from_options(opts) {
        let mut fig = minibatch::MinibatchFigure::new(c);
        fig.resample();
        check_json("minibatch", &serde_json::to_string(&fig.state()).unwrap_or_default());
        if draw { let _ = fig.svg(320); }
    }
    if let Ok(fig) = cost::CostFigure::from_options(opts) {
        check_json("cost", &serde_json::to_string(&fig.state()).unwrap_or_default());
    }
    if let Ok(c) = training::RunConfig::from_options(opts) {
        let mut run = training::TrainingRun::new(c);
        for _ in 0..3 {
            run.step();
        }
        let slice = LossSlice::new(&run);
        check_json("loss-slice", &serde_json::to_string(&slice.state(&run)).unwrap_or_default());
        if draw { let _ = mlp::svg(&run, mlp::View::Backward, 320); }
        if draw { let _ = slice.svg(320); }
    }
});
