//! Invariants of the math, checked on random inputs.
#![cfg(not(target_arch = "wasm32"))]

use gdviz::math::directional::{directional_derivative, try_peak};
use gdviz::math::finite_diff::{gradient, Scheme};
use gdviz::math::functions::Function;
use gdviz::math::mlp::Network;
use gdviz::math::norms::{objective, size, try_steepest, Norm};
use proptest::prelude::*;

fn function() -> impl Strategy<Value = Function> {
    prop::sample::select(Function::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The sinusoid peaks at θ* with value ‖∇f‖, and no sampled θ exceeds it.
    #[test]
    fn max_of_directional_derivative_is_the_gradient_norm(gx in -1e3..1e3f64, gy in -1e3..1e3f64, theta in 0.0..std::f64::consts::TAU) {
        prop_assume!(gx.hypot(gy) > 1e-6);
        let peak = try_peak([gx, gy]).unwrap();
        let at_peak = directional_derivative([gx, gy], peak.theta);
        prop_assert!((at_peak - peak.amplitude).abs() <= 1e-9 * peak.amplitude);
        prop_assert!(directional_derivative([gx, gy], theta) <= peak.amplitude * (1.0 + 1e-12));
        prop_assert!((peak.amplitude - gx.hypot(gy)).abs() <= 1e-12 * peak.amplitude);
    }

    /// The L1 optimum is a vertex of the diamond and beats every sampled point on it.
    #[test]
    fn l1_optimum_is_a_vertex_and_beats_the_diamond(gx in -100.0..100.0f64, gy in -100.0..100.0f64, t in 0.0..1.0f64, quadrant in 0usize..4) {
        prop_assume!(gx != 0.0 || gy != 0.0);
        let best = try_steepest([gx, gy], Norm::L1).unwrap();
        let d = best.direction;
        prop_assert!(d[0] == 0.0 || d[1] == 0.0);
        prop_assert_eq!(size(d, Norm::L1), 1.0);
        let (sx, sy) = [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)][quadrant];
        let u = [sx * t, sy * (1.0 - t)];
        prop_assert!(objective([gx, gy], u) <= best.value + 1e-12);
        prop_assert!((objective([gx, gy], d) - best.value).abs() < 1e-12);
    }

    /// Every norm's optimum is a unit vector in that norm and beats a sampled unit vector.
    #[test]
    fn each_norm_beats_its_own_unit_ball(gx in -50.0..50.0f64, gy in -50.0..50.0f64, theta in 0.0..std::f64::consts::TAU) {
        prop_assume!(gx.hypot(gy) > 1e-9);
        for norm in [Norm::L2, Norm::L1, Norm::LInf] {
            let best = try_steepest([gx, gy], norm).unwrap();
            prop_assert!((size(best.direction, norm) - 1.0).abs() < 1e-12);
            let v = [theta.cos(), theta.sin()];
            let s = size(v, norm);
            let u = [v[0] / s, v[1] / s];
            prop_assert!(objective([gx, gy], u) <= best.value * (1.0 + 1e-12) + 1e-12);
        }
    }

    /// Central differences agree with the dual-number gradient to O(h²).
    #[test]
    fn central_differences_agree_with_dual_numbers(f in function(), x in -2.0..2.0f64, y in -1.0..2.5f64) {
        let exact = f.gradient(x, y);
        let h = 1e-5;
        let est = gradient(|a, b| f.value(a, b), x, y, h, Scheme::Central);
        let scale = 1.0 + exact[0].abs() + exact[1].abs() + f.value(x, y).abs();
        prop_assert!((est[0] - exact[0]).abs() < 1e-6 * scale, "{:?} {:?}", est, exact);
        prop_assert!((est[1] - exact[1]).abs() < 1e-6 * scale, "{:?} {:?}", est, exact);
    }

    /// The network's backprop gradient agrees with central differences of its loss, away
    /// from ReLU kinks.
    #[test]
    fn backprop_agrees_with_finite_differences(w in prop::collection::vec(-2.0..2.0f64, 6), x in 0.2..3.0f64, target in -2.0..2.0f64) {
        let net = Network::from_flat(&w).unwrap();
        let fwd = net.forward(x, target);
        prop_assume!(fwd.z.iter().all(|z| z.abs() > 1e-3));
        let grad = net.backward(&fwd, x, target).gradient();
        let h = 1e-6;
        for k in 0..6 {
            let mut plus = w.clone();
            plus[k] += h;
            let mut minus = w.clone();
            minus[k] -= h;
            let est = (Network::from_flat(&plus).unwrap().loss(x, target)
                - Network::from_flat(&minus).unwrap().loss(x, target)) / (2.0 * h);
            prop_assert!((est - grad[k]).abs() < 1e-5 * (1.0 + grad[k].abs()), "k={} {} vs {}", k, est, grad[k]);
        }
    }
}

/// Forward-difference error shrinks with h until round-off takes over.
#[test]
fn finite_difference_error_falls_then_rises() {
    let f = |x: f64| x.sin();
    let exact = 1.0f64.cos();
    let err = |h: f64| ((f(1.0 + h) - f(1.0)) / h - exact).abs();
    // Truncation regime: error ≈ h·|f''|/2, so ten times smaller h, ten times smaller error.
    assert!(err(1e-2) > 5.0 * err(1e-3));
    assert!(err(1e-3) > 5.0 * err(1e-4));
    // Round-off regime: at h = 1e-13 the error is far above the best one near h = 1e-8.
    assert!(err(1e-13) > 100.0 * err(1e-8));
}

mod options {
    use gdviz::figures::contour::Config;
    use gdviz::figures::options::parse_number;
    use gdviz::figures::training::RunConfig;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Any text: a finite number or a short message naming the attribute, never a panic.
        #[test]
        fn any_text_is_a_finite_number_or_a_named_error(raw in ".{0,60}|[0-9eE.+-]{1,400}") {
            match parse_number("data-x", &raw) {
                Ok(v) => prop_assert!(v.is_finite()),
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(msg.starts_with("data-x"), "{}", msg);
                    prop_assert!(msg.chars().count() < 200, "{}", msg);
                }
            }
        }

        /// Whole option sets from arbitrary attribute values never panic, and whatever they
        /// accept is usable (finite, in range).
        #[test]
        fn option_sets_never_panic(
            x in ".{0,20}", y in ".{0,20}", f in "[a-z]{0,12}",
            w in prop::collection::vec("-?[0-9]{0,3}(\\.[0-9]{0,3})?(e[0-9]{1,3})?", 0..9),
            lr in "-?[0-9]{0,3}(\\.[0-9]{0,4})?", steps in "[0-9]{0,6}",
        ) {
            let opts = [("data-x", x.as_str()), ("data-y", y.as_str()), ("data-fn", f.as_str())];
            if let Ok(c) = Config::from_options(&opts[..]) {
                let d = c.function.domain();
                prop_assert!(c.point[0] >= d.x.0 && c.point[0] <= d.x.1 && c.point[1] >= d.y.0 && c.point[1] <= d.y.1);
            }
            let weights = w.join(",");
            let run = [("data-weights", weights.as_str()), ("data-lr", lr.as_str()), ("data-steps", steps.as_str())];
            if let Ok(c) = RunConfig::from_options(&run[..]) {
                prop_assert!(c.lr >= 0.0 && c.weights.iter().all(|v| v.is_finite()) && c.steps <= 10_000);
            }
        }
    }
}

mod expressions {
    use gdviz::math::expr::{Expr, Func};
    use proptest::prelude::*;

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0.0..1e6f64).prop_map(Expr::Num),
            (0u32..1000).prop_map(|n| Expr::Num(f64::from(n))),
            Just(Expr::X),
            Just(Expr::Y),
            Just(Expr::Pi),
            Just(Expr::E),
        ];
        let funcs = [
            Func::Sin,
            Func::Cos,
            Func::Tan,
            Func::Exp,
            Func::Ln,
            Func::Sqrt,
            Func::Abs,
            Func::Tanh,
        ];
        leaf.prop_recursive(6, 48, 2, move |inner| {
            let b = |e: Expr| Box::new(e);
            prop_oneof![
                inner.clone().prop_map(move |a| Expr::Neg(b(a))),
                (inner.clone(), inner.clone()).prop_map(move |(a, c)| Expr::Add(b(a), b(c))),
                (inner.clone(), inner.clone()).prop_map(move |(a, c)| Expr::Sub(b(a), b(c))),
                (inner.clone(), inner.clone()).prop_map(move |(a, c)| Expr::Mul(b(a), b(c))),
                (inner.clone(), inner.clone()).prop_map(move |(a, c)| Expr::Div(b(a), b(c))),
                (inner.clone(), inner.clone()).prop_map(move |(a, c)| Expr::Pow(b(a), b(c))),
                (0usize..8, inner).prop_map(move |(k, a)| Expr::Call(funcs[k], b(a))),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Printing uses as few parentheses as it can, and re-parsing gives the same tree.
        #[test]
        fn printing_and_reparsing_round_trips(e in expr()) {
            let printed = e.to_string();
            let back = Expr::parse(&printed).map_err(|err| TestCaseError::fail(format!("{printed}: {err}")))?;
            prop_assert_eq!(back, e, "{}", printed);
        }

        /// Any text parses or fails with a position inside it (never a panic).
        #[test]
        fn any_text_parses_or_points_inside_it(s in "[-+*/^()xyepi0-9. a-z]{0,40}") {
            if let Err(err) = Expr::parse(&s) {
                prop_assert!(err.position <= s.chars().count(), "{s}: {err}");
            }
        }
    }
}

mod momentum_recurrences {
    use gdviz::math::optimizers::{Hyper, Optimizer, Path};
    use proptest::prelude::*;

    /// 2×2 matrix times vector.
    fn apply(m: [[f64; 2]; 2], v: [f64; 2]) -> [f64; 2] {
        [
            m[0][0] * v[0] + m[0][1] * v[1],
            m[1][0] * v[0] + m[1][1] * v[1],
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// On any quadratic f = ½ (λ₁u² + λ₂v²) in eigen-coordinates (u, v) turned by φ,
        /// each eigen-coordinate u of the path and its buffer b follow a 2×2 iteration:
        /// momentum (b ← βb + λu, u ← u − ηb):
        ///   [u; b] ← [[1 − ηλ, −ηβ], [λ, β]] [u; b];
        /// Nesterov (b ← βb + λu, u ← u − η(λu + βb)), substituting the new b:
        ///   [u; b] ← [[1 − ηλ(1 + β), −ηβ²], [λ, β]] [u; b],
        /// both from b = 0 (PyTorch's first b is g = λu: the same as βb + λu with b = 0).
        #[test]
        fn momentum_and_nesterov_follow_their_iteration_matrices(
            l1 in 0.01..10.0f64, l2 in 0.01..10.0f64, phi in 0.0..std::f64::consts::PI,
            lr in 0.001..0.3f64, beta in 0.0..0.99f64, x in -3.0..3.0f64, y in -3.0..3.0f64,
        ) {
            let (c, s) = (phi.cos(), phi.sin());
            // Eigenvectors e₁ = (c, s), e₂ = (−s, c); f = ½(λ₁(e₁·p)² + λ₂(e₂·p)²).
            let vg = move |px: f64, py: f64| {
                let (u, v) = (c * px + s * py, -s * px + c * py);
                let value = 0.5 * (l1 * u * u + l2 * v * v);
                (value, [l1 * u * c - l2 * v * s, l1 * u * s + l2 * v * c])
            };
            let hyper = Hyper { beta, ..Hyper::default() };
            for o in [Optimizer::Momentum, Optimizer::Nesterov] {
                let mut path = Path::new(o, [x, y], vg(x, y).0);
                for _ in 0..60 {
                    path.step(lr, &hyper, vg);
                }
                let matrix = |l: f64| match o {
                    Optimizer::Momentum => [[1.0 - lr * l, -lr * beta], [l, beta]],
                    _ => [[1.0 - lr * l * (1.0 + beta), -lr * beta * beta], [l, beta]],
                };
                let mut states = [[c * x + s * y, 0.0], [-s * x + c * y, 0.0]];
                for (k, p) in path.points.iter().enumerate() {
                    let (u, v) = (c * p[0] + s * p[1], -s * p[0] + c * p[1]);
                    let scale = 1.0 + states[0][0].abs() + states[1][0].abs();
                    prop_assert!((u - states[0][0]).abs() <= 1e-9 * scale, "{:?} step {}: u {} vs {}", o, k, u, states[0][0]);
                    prop_assert!((v - states[1][0]).abs() <= 1e-9 * scale, "{:?} step {}: v {} vs {}", o, k, v, states[1][0]);
                    states = [apply(matrix(l1), states[0]), apply(matrix(l2), states[1])];
                }
            }
        }
    }
}
