//! What inputs mean, natively: every kind is driven through the `Widget` trait (the same
//! calls the web host makes) and judged by its `data-state`, against values derived by hand.

use gdviz::figures::contour::ContourWidget;
use gdviz::figures::contour_plot::Fill;
use gdviz::figures::cost::CostWidget;
use gdviz::figures::descent1d::Descent1dWidget;
use gdviz::figures::landscape::LandscapeWidget;
use gdviz::figures::loss_slice::LossSliceWidget;
use gdviz::figures::mlp::MlpWidget;
use gdviz::figures::model::{Shared, EXPR, EXPR_MESSAGE};
use gdviz::figures::momentum_map::MomentumMapWidget;
use gdviz::figures::norms::NormsWidget;
use gdviz::figures::surface::{Mode, SurfaceWidget};
use gdviz::figures::trajectory::TrajectoryWidget;
use gdviz::figures::widget::{self, Env, Input, Outcome, Pass, Pointer, Prop, Ui};
use gdviz::figures::{Kind, Layer, Plain, PlotArea, Widget};
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use serde_json::Value;

fn ui(w: &impl Widget) -> Ui {
    let mut ui = Ui::default();
    w.ui(&mut ui);
    ui
}

fn state(w: &impl Widget) -> Value {
    serde_json::from_str(&ui(w).state).expect("data-state is JSON")
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

fn input(w: &mut impl Widget, i: Input<'_>) -> Outcome {
    w.input(&i, &Env::still())
}

/// Canvas `canvas` of `w` drawn `width` pixels wide at ratio 1: its plot area.
fn area(w: &impl Widget, canvas: usize, width: u32) -> Option<PlotArea> {
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (width, w.height(canvas, width, 1.0)))
        .into_drawing_area();
    let pass = Pass {
        canvas,
        layer: Layer::All,
        fill: Fill::None,
        ratio: 1.0,
    };
    w.draw(&root, pass).expect("draws")
}

fn at(canvas: usize, x: f64, y: f64, width: u32, area: Option<PlotArea>) -> Pointer {
    Pointer {
        canvas,
        x,
        y,
        ratio: 1.0,
        width,
        area,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_registry_names_every_kind_once_and_builds_each_from_no_options() {
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    for (i, n) in names.iter().enumerate() {
        assert!(!names[..i].contains(n), "{n} named twice");
        assert_eq!(Kind::from_name(n).map(Kind::name), Some(*n));
    }
    for kind in Kind::ALL {
        let opts = std::collections::HashMap::<String, String>::new();
        let figure = kind
            .build::<Plain>(&opts)
            .expect("default options are valid");
        let parts = figure.layout();
        assert!(
            !widget::canvases(&parts).is_empty(),
            "{} has no canvas",
            kind.name()
        );
        let s: Value = serde_json::from_str(&figure.ui().state).unwrap();
        assert_eq!(s["kind"], kind.name());
        assert!(figure.svg(300).unwrap().starts_with("<svg"));
    }
    assert_eq!(Kind::from_name("contours"), None);
}

#[test]
fn contour_press_moves_the_point_to_the_pixel_and_the_menu_changes_the_function() {
    let mut w = ContourWidget::default();
    let a = area(&w, 0, 600).expect("a plot area");
    // The middle of the plot of the bowl on [−5, 5]² is the origin: the minimum.
    let (cx, cy) = ((a.left + a.right) / 2.0, (a.top + a.bottom) / 2.0);
    let p = at(0, cx, cy, 600, Some(a));
    // The point is shared with the widget's group.
    assert_eq!(input(&mut w, Input::Press(p)), Outcome::Shared);
    let s = state(&w);
    assert!(close(num(&s["x"]), 0.0) && close(num(&s["y"]), 0.0));
    assert_eq!((num(&s["f"]), num(&s["norm"])), (0.0, 0.0));
    // Far off the plot: not taken.
    let off = at(0, a.right + 50.0, cy, 600, Some(a));
    assert_eq!(input(&mut w, Input::Press(off)), Outcome::Ignored);
    // The arrow key moves by 1% of the 10-wide region: 0.1.
    let key = Input::Key {
        canvas: 0,
        key: "ArrowRight",
        shift: false,
    };
    input(&mut w, key);
    assert!(close(num(&state(&w)["x"]), 0.1));
    // The menu: the saddle opens at its default point (2, 1), f = x² − y² = 3.
    assert_eq!(
        input(&mut w, Input::Change("fn", "saddle")),
        Outcome::Shared
    );
    let s = state(&w);
    assert_eq!(
        (s["fn"].as_str(), num(&s["x"]), num(&s["y"])),
        (Some("saddle"), 2.0, 1.0)
    );
    assert_eq!(num(&s["f"]), 3.0);
    assert_eq!(
        input(&mut w, Input::Change("fn", "custom")),
        Outcome::Focus(EXPR)
    );
    // The menu stays on "your own" while the reader types.
    assert!(ui(&w).get("fn").contains(&&Prop::Value("custom".into())));
    // A typo keeps the function and says why in the field's message, marked invalid.
    assert_eq!(input(&mut w, Input::Change(EXPR, "x^^2")), Outcome::Changed);
    let u = ui(&w);
    assert!(u
        .text_of(EXPR_MESSAGE)
        .unwrap()
        .starts_with("Not a function of x and y"));
    assert!(u.get(EXPR).contains(&&Prop::Invalid(true)));
    assert_eq!(state(&w)["fn"], "saddle");
    // A typed function is taken; the group gets it.
    input(&mut w, Input::Change(EXPR, "x*y"));
    let s = state(&w);
    assert_eq!(num(&s["f"]), num(&s["x"]) * num(&s["y"]));
    assert!(
        matches!(w.shared(), Some(Shared::Point(c)) if c.point == [num(&s["x"]), num(&s["y"])])
    );
}

#[test]
fn norms_aims_by_press_and_turns_by_whole_degrees_with_the_keys() {
    let none: [(&str, &str); 0] = [];
    let mut w = NormsWidget::from_options(&none[..]).unwrap();
    // 900 pixels at ratio 1: three 300-pixel panels side by side; the first spans
    // [−1.6, 1.6]² over pixels 34…266, so its origin is at (150, 150). A press 50 up and 50
    // right of it aims the gradient (6, 8), of length 10, at 45°.
    let p = at(0, 200.0, 100.0, 900, None);
    assert_eq!(input(&mut w, Input::Press(p)), Outcome::Changed);
    let h = 10.0 * std::f64::consts::FRAC_1_SQRT_2;
    let s = state(&w);
    assert!(close(num(&s["grad"][0]), h) && close(num(&s["grad"][1]), h));
    assert_eq!(s["l1_tie"], true);
    // A key leaves the diagonal: 46°, not snapped back to 45°.
    let left = Input::Key {
        canvas: 0,
        key: "ArrowLeft",
        shift: false,
    };
    input(&mut w, left);
    let g = &state(&w)["grad"];
    assert!(close(num(&g[1]).atan2(num(&g[0])).to_degrees(), 46.0));
    assert!(close(num(&g[0]).hypot(num(&g[1])), 10.0));
    // Linked to a group, it follows the group's point and ignores the pointer: the bowl's
    // gradient at (3, 4) is (6, 8).
    let mut linked = NormsWidget::from_options(&[("data-group", "g")][..]).unwrap();
    linked.receive(&Shared::Point(gdviz::figures::model::Config::default()));
    assert_eq!(input(&mut linked, Input::Press(p)), Outcome::Ignored);
    assert_eq!(input(&mut linked, left), Outcome::Ignored);
    assert_eq!(state(&linked)["grad"], serde_json::json!([6.0, 8.0]));
    assert!(linked.url_options().is_empty());
}

/// Dragging the start holds the loss chart's axes: while the pointer is down they hold every
/// loss shown since the press, so they change less often than axes fitted to each new start
/// would (a drag starts the paths again: each frame's losses are new), and on release they
/// fit the losses again.
#[test]
fn a_drag_of_the_trajectory_start_holds_the_loss_axes_until_release() {
    use gdviz::figures::loss_chart::Extent;
    let none: [(&str, &str); 0] = [];
    let mut w = TrajectoryWidget::from_options(&none[..]).unwrap();
    let mut fitted = TrajectoryWidget::from_options(&none[..]).unwrap();
    let a = area(&w, 0, 600).expect("a plot area");
    // Out towards a corner and back: the losses grow, then shrink.
    let path: Vec<(f64, f64)> = (0..=40)
        .map(|i| {
            let u = f64::from(if i <= 20 { i } else { 40 - i }) / 20.0;
            (
                a.left + (a.right - a.left) * (0.5 + 0.45 * u),
                a.top + (a.bottom - a.top) * (0.5 - 0.4 * u),
            )
        })
        .collect();
    let (x0, y0) = path[0];
    assert_eq!(
        input(&mut w, Input::Press(at(0, x0, y0, 600, Some(a)))),
        Outcome::Shared
    );
    let (mut held_changes, mut fitted_changes) = (0, 0);
    let (mut last_held, mut last_fitted) = (None, None);
    let mut shown = Extent::default();
    for &(x, y) in &path {
        input(&mut w, Input::Drag(at(0, x, y, 600, Some(a))));
        // The same start, pressed and released at once: the axes fitted to its losses.
        input(&mut fitted, Input::Press(at(0, x, y, 600, Some(a))));
        input(&mut fitted, Input::Release(0));
        assert_eq!(state(&w)["start"], state(&fitted)["start"]);
        for p in w.figure().paths() {
            for &l in &p.losses {
                shown.add(l);
            }
        }
        let (held, fit) = (w.figure().loss_axes(), fitted.figure().loss_axes());
        assert!(
            !held.log && held.y.0 <= shown.min && held.y.1 >= shown.max,
            "held {held:?} does not hold every loss shown, {shown:?}"
        );
        held_changes += usize::from(last_held.is_some_and(|l| l != held));
        fitted_changes += usize::from(last_fitted.is_some_and(|l| l != fit));
        (last_held, last_fitted) = (Some(held), Some(fit));
    }
    assert!(
        held_changes * 4 < fitted_changes,
        "held axes changed {held_changes} times, fitted ones {fitted_changes}"
    );
    // A second press (another finger) keeps what is held.
    let before = w.figure().loss_axes();
    input(&mut w, Input::Press(at(0, x0, y0, 600, Some(a))));
    assert_eq!(w.figure().loss_axes(), before);
    // Released back where it started, with the range it had grown to: the axes fit again.
    assert_eq!(input(&mut w, Input::Release(0)), Outcome::Changed);
    assert_ne!(before, w.figure().loss_axes(), "the path went out and back");
    assert_eq!(w.figure().loss_axes(), fitted.figure().loss_axes());
    // Released again (a cancelled drag, say): nothing to redraw.
    assert_eq!(input(&mut w, Input::Release(0)), Outcome::Ignored);
}

#[test]
fn trajectory_plays_steps_toggles_and_reads_its_log_scale_slider() {
    let none: [(&str, &str); 0] = [];
    let mut w = TrajectoryWidget::from_options(&none[..]).unwrap();
    input(&mut w, Input::Click("step"));
    assert_eq!(state(&w)["iter"], 1);
    // The slider moves log₁₀ η: −1 is η = 0.1; −2.5 is 10^−2.5 = 0.00316…, kept to two
    // significant digits.
    input(&mut w, Input::Change("lr", "-1"));
    assert_eq!(num(&state(&w)["lr"]), 0.1);
    input(&mut w, Input::Change("lr", "-2.5"));
    assert_eq!(num(&state(&w)["lr"]), 0.0032);
    // Play: one iteration per frame until paused.
    input(&mut w, Input::Click("reset"));
    input(&mut w, Input::Click("play"));
    assert!(w.playing());
    assert!(w.tick(&Env::still()).changed());
    assert!(w.tick(&Env::still()).changed());
    assert_eq!(state(&w)["iter"], 2);
    assert_eq!(ui(&w).text_of("play"), Some("Pause"));
    input(&mut w, Input::Click("play"));
    assert!(!w.playing() && !w.tick(&Env::still()).changed());
    // With reduced motion, Play runs to the end at once.
    let reduced = Env {
        now: &|| 0.0,
        reduced_motion: &|| true,
    };
    w.input(&Input::Click("play"), &reduced);
    let s = state(&w);
    assert_eq!(s["iter"], s["iters"]);
    assert!(!w.playing());
    // Toggling a path by its name hides it from the state.
    let name = gdviz::figures::trajectory::NAMES[0];
    let before = state(&w)["paths"].as_object().unwrap().len();
    input(&mut w, Input::Click(name));
    assert_eq!(state(&w)["paths"].as_object().unwrap().len(), before - 1);
}

#[test]
fn descent_1d_refuses_a_bad_rate_with_a_message_and_reset_clears_it() {
    let none: [(&str, &str); 0] = [];
    let mut w = Descent1dWidget::from_options(&none[..]).unwrap();
    // One step on x² from 2 with η = 0.3: x ← 2 − 0.3·4 = 0.8.
    input(&mut w, Input::Click("step"));
    assert!(close(num(&state(&w)["x"]), 0.8));
    input(&mut w, Input::Change("lr", "fast"));
    let u = ui(&w);
    assert!(u
        .text_of("alert")
        .unwrap()
        .starts_with("Not applied: the η field"));
    assert!(u.get("lr").contains(&&Prop::Invalid(true)));
    assert_eq!(num(&state(&w)["lr"]), 0.3);
    input(&mut w, Input::Change("lr", "0.5"));
    assert_eq!(num(&state(&w)["lr"]), 0.5);
    assert!(ui(&w).get("alert").contains(&&Prop::Hidden(true)));
    input(&mut w, Input::Click("reset"));
    assert!(close(num(&state(&w)["x"]), 2.0));
}

#[test]
fn mlp_and_loss_slice_share_one_run_and_the_slice_applies_its_own_held_option() {
    let mut mlp = MlpWidget::default();
    // The view is its own; a step changes the run the group shares.
    assert_eq!(input(&mut mlp, Input::Click("backward")), Outcome::Changed);
    assert_eq!(input(&mut mlp, Input::Click("step")), Outcome::Shared);
    assert_eq!(state(&mlp)["step"], 1);
    let shared = mlp.shared().expect("mlp shares its run");
    let none: [(&str, &str); 0] = [];
    let mut slice = LossSliceWidget::from_options(&none[..]).unwrap();
    slice.receive(&shared);
    assert_eq!(state(&slice)["step"], 1);
    // Joining a group whose run exists: the run is the group's, `data-held` is its own, and
    // the group must take the change.
    let mut held = LossSliceWidget::from_options(&[("data-held", "current")][..]).unwrap();
    assert!(held.join(std::slice::from_ref(&shared)));
    let s = state(&held);
    assert_eq!(
        (s["step"].as_u64(), s["held"].as_str()),
        (Some(1), Some("current"))
    );
    // A refused field marks itself and says why; the run is unchanged.
    assert_eq!(input(&mut mlp, Input::Change("η", "-1")), Outcome::Changed);
    assert!(ui(&mlp).get("η").contains(&&Prop::Invalid(true)));
    assert_eq!(state(&mlp)["lr"], 0.1);
}

#[test]
fn cost_measures_with_the_clock_it_is_given() {
    let mut w = CostWidget::default();
    assert!(state(&w)["timings"].is_null());
    // A clock that advances 2 ms per reading: one call takes ≥ 1.5 ms, so each is timed once.
    let t = std::cell::Cell::new(0.0);
    let tick = || {
        t.set(t.get() + 2.0);
        t.get()
    };
    let env = Env {
        now: &tick,
        reduced_motion: &|| false,
    };
    let before = w.revision(1);
    // No clock (a page without `performance`): nothing is measured.
    let none = Env {
        now: &|| f64::NAN,
        reduced_motion: &|| false,
    };
    assert_eq!(w.input(&Input::Click("measure"), &none), Outcome::Ignored);
    assert_eq!(w.input(&Input::Click("measure"), &env), Outcome::Changed);
    // Measured a part per frame: the warm-up, then each length; shown once whole.
    assert_eq!(state(&w)["measuring"], true);
    let mut ticks = 1;
    while w.tick(&env) == Outcome::Waiting {
        ticks += 1;
    }
    assert_eq!(ticks, 8);
    let s = state(&w);
    assert_eq!(s["measuring"], false);
    assert_eq!(
        s["timings"]["n"],
        serde_json::json!([1, 2, 5, 10, 20, 50, 100])
    );
    // Each call timed once over 2 ms: 2·10⁶ ns.
    assert_eq!(s["timings"]["fd_ns"][0], 2e6);
    assert_ne!(w.revision(1), before);
    input(&mut w, Input::Change("n", "10"));
    // A chain of 10: finite differences run it 2·10 times, n² = 100 layer operations, against
    // 2n = 20 for one forward and one backward pass.
    let s = state(&w);
    assert_eq!(
        (s["fd_ops"].as_u64(), s["backprop_ops"].as_u64()),
        (Some(100), Some(20))
    );
}

#[test]
fn surface_press_in_the_inset_moves_the_point_and_elsewhere_turns_the_view() {
    let mut w = SurfaceWidget::new(Mode::Slices);
    let inset = gdviz::figures::surface::SurfaceFigure::inset(600, 1.0);
    let (cx, cy) = (
        (inset.left + inset.right) / 2.0,
        (inset.top + inset.bottom) / 2.0,
    );
    // The inset's middle is the origin, the bowl's minimum.
    input(&mut w, Input::Press(at(0, cx, cy, 600, None)));
    let s = state(&w);
    assert!(close(num(&s["x"]), 0.0) && close(num(&s["y"]), 0.0));
    assert_eq!(num(&s["f"]), 0.0);
    // A drag from outside the inset turns the view and leaves the point.
    let yaw = num(&s["yaw"]);
    input(&mut w, Input::Press(at(0, 20.0, 20.0, 600, None)));
    input(&mut w, Input::Drag(at(0, 60.0, 20.0, 600, None)));
    let s = state(&w);
    assert_ne!(num(&s["yaw"]), yaw);
    assert!(close(num(&s["x"]), 0.0));
}

#[test]
fn every_widget_in_src_figures_is_in_the_registry() {
    // A widget type whose registry line was forgotten could never be mounted: fail here.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/figures");
    let registry = std::fs::read_to_string(format!("{dir}/mod.rs")).unwrap();
    let registry = &registry[registry.find("kinds! {").expect("the registry")..];
    let mut found = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| l.starts_with("impl Widget for ")) {
            let ty = line["impl Widget for ".len()..].trim_end_matches(" {");
            assert!(
                registry.contains(&format!("::{ty} =")),
                "{ty} is not in kinds!"
            );
            found += 1;
        }
    }
    // Ten types: bowl and input-plane share one.
    assert_eq!(found, Kind::ALL.len() - 1);
}

#[test]
fn sinusoid_shares_its_point_only_when_the_reader_moves_it() {
    use gdviz::figures::sinusoid::SinusoidWidget;
    let mut w = SinusoidWidget::article();
    let point = format!("{:?}", w.shared());
    // Turning θ on the curve panel shares θ (a grouped contour draws u(θ)), not the point.
    let curve = area(&w, 0, 400);
    let a = curve.expect("the curve's plot area");
    let mid = at(
        0,
        (a.left + a.right) / 2.0,
        (a.top + a.bottom) / 2.0,
        400,
        curve,
    );
    assert_eq!(input(&mut w, Input::Press(mid)), Outcome::Shared);
    // Half-way along 0°…360° is 180°.
    assert!(close(num(&state(&w)["theta"]).to_degrees(), 180.0));
    assert_eq!(format!("{:?}", w.shared()), point);
    assert!(matches!(w.also_shared(), Some(Shared::Direction(t)) if close(t.to_degrees(), 180.0)));
    // Pressing the orange point on the dial and dragging it moves the shared point.
    let dial = area(&w, 1, 400);
    let d = dial.expect("the dial's plot area");
    let (px, py) = d.to_pixel([3.0, 4.0]);
    assert_eq!(
        input(&mut w, Input::Press(at(1, px, py, 400, dial))),
        Outcome::Shared
    );
    let (qx, qy) = d.to_pixel([1.0, 2.0]);
    assert_eq!(
        input(&mut w, Input::Drag(at(1, qx, qy, 400, dial))),
        Outcome::Shared
    );
    let s = state(&w);
    assert!((num(&s["x"]) - 1.0).abs() < 0.05 && (num(&s["y"]) - 2.0).abs() < 0.05);
}

/// `momentum-map`, `trajectory` and `landscape` in one group, as the web host runs it: each
/// takes what the others share (and shares again what taking changed), once per change.
#[test]
fn a_momentum_map_drives_a_grouped_trajectory_and_landscape() {
    let none: [(&str, &str); 0] = [];
    let mut map = MomentumMapWidget::default();
    let mut t = TrajectoryWidget::from_options(&none[..]).unwrap();
    let mut l = LandscapeWidget::from_options(&none[..]).unwrap();
    let setting = map.shared().unwrap();
    // The trajectory takes the map's quadratic ½(x² + 10y²), η = 0.1, β = 0.9: a new run,
    // which it shares; the landscape takes the same.
    assert!(t.receive(&setting));
    let s = state(&t);
    assert_eq!(s["fn"], "0.5 * (x^2 + 10 * y^2)");
    assert_eq!(
        (num(&s["lr"]), num(&s["beta"]), num(&s["iter"])),
        (0.1, 0.9, 0.0)
    );
    assert!(s["paths"].get("momentum").is_some());
    assert!(
        !t.receive(&setting),
        "the same setting again changes nothing"
    );
    assert!(l.receive(&setting));
    let race = t.shared().unwrap();
    assert!(!l.receive(&race));
    assert_eq!(state(&l)["paths"], s["paths"]);
    // Momentum's path on the quadratic contracts at the map's rate: along x (λ = 1) the
    // iteration matrix [[0.9, −0.09], [1, 0.9]] and along y (λ = 10) [[0, −0.09], [10, 0.9]]
    // both have complex eigenvalues of modulus √0.9 (trace² < 4·det = 3.6), so the path's
    // envelope shrinks by √0.9 a step: over the 50 steps from iterations 40–50 to 90–100,
    // by 0.9^25 ≈ 0.072 (the envelope, a window's largest ‖p‖, is good to a factor of 2).
    for _ in 0..100 {
        input(&mut t, Input::Click("step"));
    }
    let path = state(&t)["paths"]["momentum"].clone();
    let size = |k: usize| num(&path[k][0]).hypot(num(&path[k][1]));
    let envelope = |a: usize| (a..=a + 10).map(size).fold(0.0, f64::max);
    let shrink = envelope(90) / envelope(40);
    let want = 0.9f64.powi(25);
    assert!(
        shrink > want / 2.0 && shrink < want * 2.0,
        "{shrink} against {want}"
    );
    // η changed in the trajectory: the map takes it (and shares it); the trajectory does not
    // take its own setting back.
    input(&mut t, Input::Change("lr", "-1.5"));
    let lr = num(&state(&t)["lr"]);
    assert!(map.receive(&t.shared().unwrap()));
    assert_eq!(num(&state(&map)["lr"]), lr);
    assert!(!map.receive(&t.shared().unwrap()));
    assert!(!t.receive(&map.shared().unwrap()));
    assert_eq!(num(&state(&t)["lr"]), lr);
    // A trajectory on another function is not the map's: its η is not taken.
    let mut other =
        TrajectoryWidget::from_options(&[("data-fn", "bowl"), ("data-lr", "0.2")][..]).unwrap();
    assert!(!map.receive(&other.shared().unwrap()));
    assert!(other.receive(&map.shared().unwrap()));
}

/// Every option the README's table names can be set from a script: the loader's `OPTIONS`
/// (which `set()`, the attribute observer and `<gdviz-figure>` use) lists it.
#[test]
fn the_loader_knows_every_option_of_the_readme() {
    let readme = include_str!("../README.md");
    let loader = include_str!("../www/gdviz-embed.js");
    let start = loader
        .find("const OPTIONS = [")
        .expect("OPTIONS in the loader");
    let list = &loader[start..start + loader[start..].find("];").unwrap()];
    let table = &readme[readme.find("| kind | option |").unwrap()..];
    let table = &table[..table.find("\n\n").unwrap_or(table.len())];
    let (mut missing, mut named) = (Vec::new(), 0);
    for word in table.split('`') {
        if let Some(name) = word.strip_prefix("data-") {
            named += 1;
            if name != "gdviz" && !list.contains(&format!("'{name}'")) {
                missing.push(name.to_owned());
            }
        }
    }
    assert!(named > 30, "the table names {named} options");
    assert!(
        missing.is_empty(),
        "not in the loader's OPTIONS: {missing:?}"
    );
}

/// `data-kappa` alone, anywhere in its range, opens the map (η defaults to 1/κ, on the map).
#[test]
fn a_momentum_map_opens_at_any_kappa_alone() {
    for (kappa, lr) in [("1", 1.0), ("10", 0.1), ("100", 0.01), ("1000", 0.001)] {
        let w = MomentumMapWidget::from_options(&[("data-kappa", kappa)][..]).unwrap();
        let s = state(&w);
        assert!((num(&s["lr"]) - lr).abs() < 1e-15, "κ = {kappa}: {s}");
    }
}

/// `regularization` through the trait: its `data-state` keys, a press on either panel moves c
/// (both optima follow), the arrow keys step it, the slider reads log₁₀ t, the chart sets t.
/// By hand, with A = [[1, ½], [½, ½]]: on the diamond's first-quadrant edge w = (u, t − u),
/// dL/du = (u − c₁)/2, so the L1 optimum is the corner (t, 0) while t ≤ c₁ (c in the first
/// quadrant), and (c₁, t − c₁) while c₁ < t < c₁ + c₂ (there ∇L = ½(t − c₁ − c₂)(1, 1), and
/// μ = ½(c₁ + c₂ − t) > 0 meets the KKT conditions with s = (1, 1)).
#[test]
fn regularization_moves_c_by_press_and_keys_and_reads_t_from_its_slider() {
    use gdviz::figures::regularization::RegularizationWidget;
    let mut w = RegularizationWidget::article();
    let s = state(&w);
    // Exactly these keys (the JSON object's, sorted).
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&s),
        ["a", "center", "kind", "l1", "l2", "playing", "t"]
    );
    for ball in ["l1", "l2"] {
        assert_eq!(keys(&s[ball]), ["active", "loss", "w", "zero"]);
    }
    assert_eq!(s["l1"]["w"], serde_json::json!([1.2, 0.0]));
    assert_eq!(s["l1"]["zero"], serde_json::json!([1]));
    assert_eq!(s["l2"]["zero"], serde_json::json!([]));
    // A press at (0.5, 2) on the L2 panel (the second on canvas 0, under the first at this
    // width) moves c there: c₁ = 0.5 < t = 1.2 < c₁ + c₂ = 2.5, so the L1 optimum is
    // (0.5, 0.7) on the edge, no weight zero.
    assert_eq!(
        area(&w, 0, 420),
        None,
        "two plot areas: the panel is found by the pointer"
    );
    let a = w.panel_area(420, 1.0, 1);
    let (x, y) = a.to_pixel([0.5, 2.0]);
    assert_eq!(
        input(&mut w, Input::Press(at(0, x, y, 420, None))),
        Outcome::Changed
    );
    let s = state(&w);
    let c = [num(&s["center"][0]), num(&s["center"][1])];
    assert!(
        (c[0] - 0.5).abs() < 1e-9 && (c[1] - 2.0).abs() < 1e-9,
        "{c:?}"
    );
    assert!(close(num(&s["l1"]["w"][0]), c[0]) && close(num(&s["l1"]["w"][1]), 1.2 - c[0]));
    assert_eq!(s["l1"]["zero"], serde_json::json!([]));
    // Shift+ArrowRight on the L1 panel: a tenth of the 6-wide view, c₁ = 1.1.
    let key = Input::Key {
        canvas: 0,
        key: "ArrowRight",
        shift: true,
    };
    assert_eq!(input(&mut w, key), Outcome::Changed);
    let s = state(&w);
    assert!(close(num(&s["center"][0]), 1.1));
    // The slider gives log₁₀ t: 10^0 = 1 ≤ c₁ = 1.1, the corner (1, 0).
    assert_eq!(input(&mut w, Input::Change("t", "0")), Outcome::Changed);
    let s = state(&w);
    assert_eq!(num(&s["t"]), 1.0);
    assert_eq!(s["l1"]["w"], serde_json::json!([1.0, 0.0]));
    assert!(ui(&w).get("t").contains(&&Prop::ValueText("t = 1".into())));
    // Garbage on the slider changes nothing.
    assert_eq!(input(&mut w, Input::Change("t", "up")), Outcome::Ignored);
    // A press on the paths chart (canvas 1) sets t under the pointer.
    let chart = area(&w, 1, 600).expect("the chart's plot area");
    let (x, y) = chart.to_pixel([0.25, 0.0]);
    assert_eq!(
        input(&mut w, Input::Press(at(1, x, y, 600, Some(chart)))),
        Outcome::Changed
    );
    assert!((num(&state(&w)["t"]) - 0.25).abs() < 0.005);
}

/// `Layer::Fill`, with which the web host computes a heat map ahead of the static layer that
/// shows it (issue 18), lays the chart out and paints only the fill: once, over the same plot
/// area as the static layer's fill, with nothing else drawn. Every kind's filled canvas.
#[test]
fn the_fill_layer_paints_only_the_fill_over_the_static_layers_area() {
    use gdviz::figures::Target;
    let mut filled = 0;
    for kind in Kind::ALL {
        let figure = kind
            .build::<Plain>(&std::collections::HashMap::<String, String>::new())
            .unwrap();
        figure.warm();
        for (i, part) in widget::canvases(&figure.layout()).iter().enumerate() {
            if part.paint != widget::Paint::Filled {
                continue;
            }
            filled += 1;
            let width = 500;
            let height = figure.height(i, width, 2.0);
            // The fill's areas and the SVG drawn, for a layer.
            let draw = |layer| {
                let mut svg = String::new();
                let areas = std::cell::RefCell::new(Vec::new());
                {
                    let root =
                        Target::<Plain>::Svg(SVGBackend::with_string(&mut svg, (width, height)))
                            .into_drawing_area();
                    let mut paint = |a: &PlotArea| areas.borrow_mut().push(*a);
                    let pass = Pass {
                        canvas: i,
                        layer,
                        fill: Fill::External(&mut paint),
                        ratio: 2.0,
                    };
                    figure.draw(&root, pass).unwrap();
                }
                (areas.into_inner(), svg)
            };
            let (fill_areas, fill_svg) = draw(Layer::Fill);
            let (static_areas, static_svg) = draw(Layer::Background);
            let name = kind.name();
            assert_eq!(fill_areas.len(), 1, "{name}: one fill");
            assert_eq!(fill_areas, static_areas, "{name}: the static layer's area");
            let a = fill_areas[0];
            assert!(a.right > a.left && a.bottom > a.top, "{name}: {a:?}");
            for tag in [
                "<path",
                "<text",
                "<rect",
                "<circle",
                "<polyline",
                "<polygon",
                "<line",
            ] {
                assert!(!fill_svg.contains(tag), "{name}: the fill layer drew {tag}");
            }
            // The static layer does draw (axes, labels, level lines): the check above can fail.
            assert!(
                static_svg.contains("<text"),
                "{name}: the static layer has labels"
            );
        }
    }
    // contour, sinusoid's dial, loss-slice, trajectory, momentum-map, minibatch.
    assert_eq!(filled, 6);
}
