//! Play and Train (issue 17), natively through the `Widget` trait with a clock the test
//! moves: the θ sweep's speed, descent-1d's pace and stopping rule, the network's training
//! bounds, reduced motion, and what is announced.

use gdviz::figures::descent1d::Descent1dWidget;
use gdviz::figures::loss_slice::LossSliceWidget;
use gdviz::figures::mlp::MlpWidget;
use gdviz::figures::sinusoid::SinusoidWidget;
use gdviz::figures::training::{TRAIN_BOUND, TRAIN_LIMIT};
use gdviz::figures::widget::{Env, Input, Outcome, Ui};
use gdviz::figures::Widget;
use serde_json::Value;
use std::cell::Cell;

fn ui(w: &impl Widget) -> Ui {
    let mut ui = Ui::default();
    w.ui(&mut ui);
    ui
}

fn state(w: &impl Widget) -> Value {
    serde_json::from_str(&ui(w).state).expect("data-state is JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

const REDUCED: Env<'static> = Env {
    now: &|| 0.0,
    reduced_motion: &|| true,
};

/// Ticks `w` at each clock time in `times`, returning the outcomes.
fn tick_at(w: &mut impl Widget, times: impl IntoIterator<Item = f64>) -> Vec<Outcome> {
    let clock = Cell::new(0.0);
    let now = || clock.get();
    let env = Env {
        now: &now,
        reduced_motion: &|| false,
    };
    times
        .into_iter()
        .map(|t| {
            clock.set(t);
            w.tick(&env)
        })
        .collect()
}

#[test]
fn the_sweep_turns_theta_a_quarter_turn_a_second() {
    let mut w = SinusoidWidget::article();
    assert_eq!(f(&state(&w)["theta"]), 0.0);
    assert_eq!(
        w.input(&Input::Click("play"), &Env::still()),
        Outcome::Shared
    );
    assert!(w.playing() && state(&w)["playing"] == true);
    assert_eq!(ui(&w).text_of("play"), Some("Pause"));
    // Frames 50 ms apart for one second (the first frame starts the clock): 1 s of a 4 s
    // turn is 90°, where D_θ f = f_y = 8 for ∇f = (6, 8).
    let out = tick_at(&mut w, (0..=20).map(|k| 1000.0 + 50.0 * f64::from(k)));
    assert!(out.iter().all(|o| *o == Outcome::Shared));
    let s = state(&w);
    assert!((f(&s["theta"]).to_degrees() - 90.0).abs() < 1e-9, "{s}");
    assert!((f(&s["d_theta"]) - 8.0).abs() < 1e-9);
    // A gap of 10 s (the widget was off screen) moves it by one capped frame, 100 ms = 9°.
    tick_at(&mut w, [12_000.0]);
    assert!((f(&state(&w)["theta"]).to_degrees() - 99.0).abs() < 1e-9);
    // A key takes θ in hand and stops the sweep; it is announced once.
    let key = Input::Key {
        canvas: 0,
        key: "ArrowRight",
        shift: false,
    };
    assert!(w.input(&key, &Env::still()).changed());
    assert!(!w.playing() && state(&w)["playing"] == false);
    assert!(ui(&w).live.unwrap().starts_with("Paused at θ = 100°"));
    assert_eq!(tick_at(&mut w, [13_000.0]), [Outcome::Ignored]);
}

#[test]
fn reduced_motion_sends_the_sweep_to_the_steepest_direction() {
    let mut w = SinusoidWidget::article();
    w.input(&Input::Click("play"), &REDUCED);
    let s = state(&w);
    // θ* = atan2(8, 6) = 53.13…°, where the rate is ‖∇f‖ = 10.
    assert!((f(&s["theta"]) - 8f64.atan2(6.0)).abs() < 1e-12);
    assert!((f(&s["d_theta"]) - 10.0).abs() < 1e-12);
    assert!(!w.playing());
}

#[test]
fn descent_plays_a_step_every_250_ms_until_it_converges() {
    // The parabola from x = 2 with η = 0.3: x ← 0.4x.
    let opts = [("data-x", "2"), ("data-lr", "0.3")];
    let mut w = Descent1dWidget::from_options(&opts[..]).unwrap();
    w.input(&Input::Click("play"), &Env::still());
    assert!(w.playing());
    // 16 ms frames: steps at 0, 256, 512 and 752 ms; frames between wait without drawing.
    let out = tick_at(&mut w, (0..=62).map(|k| f64::from(k * 16)));
    assert_eq!(out.iter().filter(|o| **o == Outcome::Changed).count(), 4);
    assert_eq!(out.iter().filter(|o| **o == Outcome::Waiting).count(), 59);
    let s = state(&w);
    assert_eq!(s["step"], 4);
    assert!((f(&s["x"]) - 2.0 * 0.4f64.powi(4)).abs() < 1e-15);
    // Space (an unused key here) is left to the page, which presses Play with it.
    let space = Input::Key {
        canvas: 0,
        key: " ",
        shift: false,
    };
    assert_eq!(w.input(&space, &Env::still()), Outcome::Ignored);
    // Under reduced motion, Play takes every step at once. The step from x is 0.6x, below
    // 10⁻⁹ first at x = 2·0.4²³ (0.6 · 2 · 0.4²³ = 8.4×10⁻¹⁰; one step earlier 2.1×10⁻⁹):
    // converged at step 24.
    let mut w = Descent1dWidget::from_options(&opts[..]).unwrap();
    w.input(&Input::Click("play"), &REDUCED);
    let s = state(&w);
    assert_eq!(s["step"], 24, "{s}");
    assert!(!w.playing() && s["playing"] == false);
    assert!(ui(&w).live.unwrap().starts_with("Converged at step 24"));
    // Too large a rate diverges, and says so.
    let mut w = Descent1dWidget::from_options(&[("data-lr", "1.5")][..]).unwrap();
    w.input(&Input::Click("play"), &REDUCED);
    assert!(state(&w)["diverged_at"].is_u64());
    assert!(ui(&w).live.unwrap().starts_with("The run diverged at step"));
}

#[test]
fn train_stops_below_the_bound_at_the_limit_or_on_divergence() {
    // The worked example: the loss falls below 10⁻¹², and the step before it was not.
    let mut w = MlpWidget::default();
    w.input(&Input::Click("train"), &REDUCED);
    let s = state(&w);
    let losses: Vec<f64> = s["losses"].as_array().unwrap().iter().map(f).collect();
    let k = losses.len() - 1;
    assert!(
        losses[k] < TRAIN_BOUND && losses[k - 1] >= TRAIN_BOUND,
        "{losses:?}"
    );
    assert!(k < TRAIN_LIMIT && s["playing"] == false);
    // The loss the state reports is (ŷ − y*)² at the final weights (y* = 1).
    assert_eq!(f(&s["target"]), 1.0);
    assert!((f(&s["loss"]) - (f(&s["yhat"]) - 1.0).powi(2)).abs() < 1e-24);
    assert!(ui(&w)
        .live
        .unwrap()
        .starts_with(&format!("Trained: the loss fell below 10⁻¹² at step {k}")));
    // A step after training is announced as a step, not as the training's end again.
    let mut stepped = w.clone();
    stepped.input(&Input::Click("step"), &Env::still());
    assert!(ui(&stepped)
        .live
        .unwrap()
        .starts_with(&format!("Step {}", k + 1)));
    // Train again on a trained run starts it over.
    w.input(&Input::Click("train"), &REDUCED);
    assert_eq!(state(&w)["losses"].as_array().unwrap().len(), k + 1);
    // A tiny rate runs out of steps.
    let mut w = MlpWidget::default();
    w.input(&Input::Change("η", "1e-6"), &Env::still());
    w.input(&Input::Click("train"), &REDUCED);
    assert_eq!(state(&w)["step"], TRAIN_LIMIT);
    assert!(ui(&w)
        .live
        .unwrap()
        .starts_with("Training stopped after 1000 steps"));
    // A huge one diverges.
    let mut w = MlpWidget::default();
    w.input(&Input::Change("η", "1e300"), &Env::still());
    w.input(&Input::Click("train"), &REDUCED);
    assert!(state(&w)["diverged_at"].is_u64());
    assert!(ui(&w)
        .live
        .unwrap()
        .starts_with("Training stopped: the run diverged"));
}

#[test]
fn train_paces_its_first_steps_and_a_grouped_slice_can_pause_it() {
    let mut mlp = MlpWidget::default();
    let mut slice = LossSliceWidget::article();
    slice.input(&Input::Click("reset"), &Env::still());
    mlp.input(&Input::Click("train"), &Env::still());
    assert_eq!(ui(&mlp).text_of("train"), Some("Pause"));
    // The first step at once, the next 150 ms later.
    let out = tick_at(&mut mlp, [0.0, 100.0, 160.0]);
    assert_eq!(out, [Outcome::Shared, Outcome::Waiting, Outcome::Shared]);
    assert_eq!(state(&mlp)["step"], 2);
    // The slice takes the training run: it shows Pause and says nothing while it trains.
    slice.receive(&mlp.shared().unwrap());
    assert_eq!(state(&slice)["step"], 2);
    assert_eq!(ui(&slice).text_of("train"), Some("Pause"));
    assert!(ui(&slice).live.is_none());
    // Its Pause stops the training in the mlp; the slice says so, the mlp does not repeat it.
    slice.input(&Input::Click("train"), &Env::still());
    assert_eq!(ui(&slice).text_of("train"), Some("Train"));
    assert!(ui(&slice)
        .live
        .unwrap()
        .starts_with("Training paused at step 2"));
    mlp.receive(&slice.shared().unwrap());
    assert_eq!(ui(&mlp).text_of("train"), Some("Train"));
    assert!(!ui(&mlp).live.unwrap().starts_with("Training"));
    assert_eq!(tick_at(&mut mlp, [1000.0]), [Outcome::Ignored]);
    // A widget going away while it trains stops the run for its group.
    mlp.input(&Input::Click("train"), &Env::still());
    assert!(mlp.stop());
    slice.receive(&mlp.shared().unwrap());
    assert_eq!(ui(&slice).text_of("train"), Some("Train"));
    assert!(!slice.stop(), "the slice was not training");
}

#[test]
fn a_grouped_contour_draws_the_sweeping_direction() {
    use gdviz::figures::contour::ContourWidget;
    let mut sinusoid = SinusoidWidget::article();
    let mut contour = ContourWidget::default();
    assert!(state(&contour).get("theta").is_none(), "no u(θ) alone");
    // Until θ is turned, the sinusoid shares no direction: the contour's first view is the
    // gradient alone.
    assert!(sinusoid.also_shared().is_none());
    sinusoid.input(&Input::Click("play"), &Env::still());
    let out = tick_at(&mut sinusoid, [0.0, 100.0, 200.0]);
    assert_eq!(out, [Outcome::Shared; 3], "the sweep shares θ every frame");
    contour.receive(&sinusoid.also_shared().unwrap());
    let t = f(&state(&contour)["theta"]);
    // 200 ms of a 4 s turn: 18°.
    assert!((t.to_degrees() - 18.0).abs() < 1e-9, "{t}");
    assert!(ui(&contour)
        .get("plot")
        .iter()
        .any(|p| format!("{p:?}").contains("u(θ) points at 18°")));
    // Its link reopens the same direction.
    let opts: Vec<(String, String)> = contour
        .url_options()
        .into_iter()
        .map(|(k, v)| (format!("data-{k}"), v))
        .collect();
    let map: std::collections::HashMap<String, String> = opts.into_iter().collect();
    let again = ContourWidget::from_options(&map).unwrap();
    assert_eq!(state(&again)["theta"], state(&contour)["theta"]);
    assert!(ContourWidget::from_options(&[("data-theta", "east")][..]).is_err());
}

#[test]
fn a_training_slice_keeps_its_surface_until_training_stops() {
    let mut slice = LossSliceWidget::article();
    slice.input(&Input::Click("reset"), &Env::still());
    slice.input(&Input::Click("train"), &Env::still());
    let r0 = slice.revision(0);
    // Steps at 0, 200 and 300 ms (150 ms apart at most one a frame, frames capped at 100 ms).
    let out = tick_at(&mut slice, [0.0, 100.0, 200.0, 300.0]);
    assert_eq!(
        out,
        [
            Outcome::Shared,
            Outcome::Waiting,
            Outcome::Shared,
            Outcome::Shared
        ]
    );
    let s = state(&slice);
    assert_eq!(s["step"], 3);
    assert_eq!(slice.revision(0), r0, "no new surface while training");
    // The dots moved on: the end point is the run's current (w₁⁽²⁾, w₃⁽²⁾).
    let w = s["weights"].as_array().unwrap();
    assert_eq!(s["end"][0], w[3]);
    assert_eq!(s["end"][1], w[5]);
    // Pausing slices again where the last step started.
    slice.input(&Input::Click("train"), &Env::still());
    assert!(slice.revision(0) > r0);
}

/// Issue 20's bounded state writes, for every kind: a frame the host builds without
/// `data-state` (a held-back frame of a motion) serialises none and shows everything else
/// the same, and the host can tell from the frame whether a motion runs (`Ui::moving`, set
/// by every Play or Train button), so the frame that pauses or ends it writes the final state.
#[test]
fn every_kind_builds_a_frame_without_its_state_and_says_when_it_moves() {
    use gdviz::figures::{widget, Kind, Plain};
    for kind in Kind::ALL {
        let opts = std::collections::HashMap::<String, String>::new();
        let mut figure = kind.build::<Plain>(&opts).expect("default options");
        let (with, without) = (figure.frame_ui(true), figure.frame_ui(false));
        assert!(
            with.wants_state() && !with.state.is_empty(),
            "{}",
            kind.name()
        );
        assert!(
            !without.wants_state() && without.state.is_empty(),
            "{}",
            kind.name()
        );
        assert_eq!(with.props, without.props, "{}", kind.name());
        assert_eq!(with.live, without.live, "{}", kind.name());
        assert!(!with.moving(), "{} moves before Play", kind.name());
        let actions = widget::actions(&figure.layout());
        let Some(play) = ["play", "train"].into_iter().find(|a| actions.contains(a)) else {
            continue;
        };
        assert!(figure.input(&Input::Click(play), &Env::still()).changed());
        let playing = figure.frame_ui(false);
        assert!(playing.moving(), "{} playing", kind.name());
        assert!(playing.state.is_empty());
        let s: Value = serde_json::from_str(&figure.frame_ui(true).state).unwrap();
        assert!(
            s["playing"] == true || s.get("playing").is_none(),
            "{}",
            kind.name()
        );
        figure.input(&Input::Click(play), &Env::still());
        assert!(!figure.frame_ui(false).moving(), "{} paused", kind.name());
    }
}
