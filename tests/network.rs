//! The network widgets' model checked against an independent computation written out here,
//! step by step, with plain arithmetic (none of the crate's network code).
#![cfg(not(target_arch = "wasm32"))]

use gdviz::figures::loss_slice::LossSlice;
use gdviz::figures::training::{RunConfig, TrainingRun};
use proptest::prelude::*;

/// `state` as its `data-state` JSON reads back.
fn json(state: &dyn gdviz::figures::json::Json) -> serde_json::Value {
    serde_json::from_str(&gdviz::figures::json::to_string(state)).expect("data-state is JSON")
}

/// One SGD step of the 1→3→1 ReLU network, by hand: returns (new weights, loss before).
fn reference_step(w: [f64; 6], x: f64, t: f64, lr: f64) -> ([f64; 6], f64) {
    let z = [w[0] * x, w[1] * x, w[2] * x];
    let h = [z[0].max(0.0), z[1].max(0.0), z[2].max(0.0)];
    let yhat = w[3] * h[0] + w[4] * h[1] + w[5] * h[2];
    let loss = (yhat - t) * (yhat - t);
    let d = 2.0 * (yhat - t);
    let gate = |z: f64| if z > 0.0 { 1.0 } else { 0.0 };
    let grad = [
        d * w[3] * gate(z[0]) * x,
        d * w[4] * gate(z[1]) * x,
        d * w[5] * gate(z[2]) * x,
        d * h[0],
        d * h[1],
        d * h[2],
    ];
    let mut next = w;
    for k in 0..6 {
        next[k] -= lr * grad[k];
    }
    (next, loss)
}

fn reference_loss(w: [f64; 6], x: f64, t: f64) -> f64 {
    let yhat = w[3] * (w[0] * x).max(0.0) + w[4] * (w[1] * x).max(0.0) + w[5] * (w[2] * x).max(0.0);
    (yhat - t) * (yhat - t)
}

#[test]
fn ten_steps_of_the_worked_example_match_the_reference() {
    let c = RunConfig::default();
    let mut run = TrainingRun::new(c.clone());
    let mut w = c.weights;
    for k in 1..=10 {
        let (next, loss_before) = reference_step(w, c.x, c.target, c.lr);
        assert!(run.step());
        let state = run.mlp_state();
        assert_eq!(state.step, k);
        for (got, want) in state.weights.iter().zip(next) {
            assert!((got - want).abs() < 1e-15, "step {k}: {got} vs {want}");
        }
        assert!((state.losses[k - 1] - loss_before).abs() < 1e-15);
        assert!((state.loss - reference_loss(next, c.x, c.target)).abs() < 1e-15);
        w = next;
    }
    // The worked example's single step, in full: 0.0784 → 0.0007186860212224 (−99.08%).
    let s = run.mlp_state();
    assert!((s.losses[0] - 0.0784).abs() < 1e-15);
    assert!((s.losses[1] - 0.000_718_686_021_222_4).abs() < 1e-16);
}

#[test]
fn data_state_has_the_contract_keys() {
    let mut run = TrainingRun::new(RunConfig::default());
    run.step();
    let mlp = json(&run.mlp_state());
    for key in [
        "kind", "step", "x", "target", "lr", "weights", "yhat", "loss", "grad", "losses",
    ] {
        assert!(mlp.get(key).is_some(), "mlp state lacks {key}");
    }
    assert_eq!(mlp["kind"], "mlp");
    assert_eq!(mlp["weights"].as_array().unwrap().len(), 6);
    assert_eq!(mlp["grad"].as_array().unwrap().len(), 6);
    assert_eq!(mlp["losses"].as_array().unwrap().len(), 2);
    let slice = json(&LossSlice::new(&run).state(&run));
    for key in ["kind", "step", "weights", "loss", "axes", "start", "end"] {
        assert!(slice.get(key).is_some(), "loss-slice state lacks {key}");
    }
    assert_eq!(slice["axes"], serde_json::json!(["w1_2", "w3_2"]));
    assert_eq!(slice["start"], serde_json::json!([0.4, 0.2]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any start, example and rate: several steps agree with the reference to rounding.
    #[test]
    fn random_runs_match_the_reference(
        w in prop::array::uniform6(-2.0..2.0f64),
        x in -3.0..3.0f64,
        t in -2.0..2.0f64,
        lr in 0.0..0.2f64,
    ) {
        let mut run = TrainingRun::new(RunConfig { x, target: t, lr, weights: w, steps: 0 });
        let mut reference = w;
        for _ in 0..5 {
            let (next, _) = reference_step(reference, x, t, lr);
            if !run.step() {
                // Only an overflow may stop the run, and these inputs cannot overflow.
                prop_assert!(false, "the run stopped: {:?}", run.diverged_at());
            }
            for (got, want) in run.weights().iter().zip(next) {
                prop_assert!((got - want).abs() <= 1e-12 * (1.0 + want.abs()), "{} vs {}", got, want);
            }
            reference = next;
        }
    }
}

#[test]
fn overflow_is_reported_at_the_step_it_happens() {
    // With x = 2·10¹⁵⁴, L = (0.36x − 1)² ≈ 5.2·10³⁰⁷ is finite but ∂L/∂w₃⁽²⁾ = 2(ŷ − y*)·h₃ ≈ 2.3·10³⁰⁸ is not.
    let mut run = TrainingRun::new(RunConfig {
        x: 2e154,
        ..RunConfig::default()
    });
    assert!(run.mlp_state().loss.is_finite());
    assert!(!run.step());
    assert_eq!(run.diverged_at(), Some(1));
    // The gradient at the current weights overflows: data-state says so instead of carrying it.
    let state = json(&run.mlp_state());
    assert_eq!(state["grad"], serde_json::Value::Null);
    assert!(state["error"]
        .as_str()
        .unwrap()
        .contains("diverged at step 1"));
    let finite = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .all(|x| x.as_f64().is_some_and(f64::is_finite))
    };
    assert!(finite(&state["weights"]) && finite(&state["losses"]));
    // The refused step left the article's weights, and the one loss is the start's, by hand:
    // ŷ = 0.4·ReLU(0.5x) + (−0.6)·ReLU(−0.3x) + 0.2·ReLU(0.8x) = 0.36x = 7.2e153,
    // L = (7.2e153 − 1)² = 5.184e307.
    assert_eq!(
        state["weights"],
        serde_json::json!([0.5, -0.3, 0.8, 0.4, -0.6, 0.2])
    );
    let losses = state["losses"].as_array().unwrap();
    assert_eq!(losses.len(), 1);
    let l0 = losses[0].as_f64().unwrap();
    assert!((l0 / 5.184e307 - 1.0).abs() < 1e-12, "{l0}");
}
