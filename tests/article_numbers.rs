//! Every number the article prints, reproduced through the public API. Expected values are
//! the article's own (derived by hand there); where the article rounds, the exact value is
//! derived by hand in the comment.
#![cfg(not(target_arch = "wasm32"))]

use gdviz::math::cost::{backprop_ops, fd_ops, ratio, Chain};
use gdviz::math::directional::{directional_derivative, try_peak};
use gdviz::math::finite_diff::{compare, Scheme};
use gdviz::math::functions::Function;
use gdviz::math::mlp::Network;
use gdviz::math::norms::{objective, try_steepest, Norm};

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b}");
}

#[test]
fn gradient_of_the_bowl_at_three_four() {
    let (f, g) = Function::Bowl.value_and_gradient(3.0, 4.0);
    assert_eq!((f, g), (25.0, [6.0, 8.0]));
    let peak = try_peak(g).expect("not a critical point");
    assert_eq!(peak.amplitude, 10.0);
    close(peak.theta.to_degrees(), 53.13, 0.005);
    close(directional_derivative(g, 0.0), 6.0, 1e-12);
    close(
        directional_derivative(g, std::f64::consts::FRAC_PI_2),
        8.0,
        1e-12,
    );
}

#[test]
fn slices_of_the_bowl_at_one_and_a_half_two() {
    // ∂f/∂x = 2x = 3 along the constant-y slice, ∂f/∂y = 2y = 4 along the constant-x slice.
    assert_eq!(
        Function::Bowl.value_and_gradient(1.5, 2.0),
        (6.25, [3.0, 4.0])
    );
}

#[test]
fn steepest_under_l2_and_l1() {
    let g = [6.0, 8.0];
    let l2 = try_steepest(g, Norm::L2).unwrap();
    close(l2.direction[0], 0.6, 1e-15);
    close(l2.direction[1], 0.8, 1e-15);
    let l1 = try_steepest(g, Norm::L1).unwrap();
    assert_eq!(l1.direction, [0.0, 1.0]);
    for (u, want) in [
        ([0.5, 0.5], 7.0),
        ([0.3, 0.7], 7.4),
        ([0.1, 0.9], 7.8),
        ([0.0, 1.0], 8.0),
    ] {
        close(objective(g, u), want, 1e-12);
    }
}

#[test]
fn finite_difference_with_the_articles_step() {
    let c = compare(
        |x, y| Function::Bowl.value(x, y),
        [6.0, 8.0],
        3.0,
        4.0,
        1e-4,
        Scheme::Forward,
    );
    close(c.estimate[0], 6.0001, 1e-8);
    close(c.estimate[1], 8.0001, 1e-8);
    let c = compare(
        |x, y| Function::Bowl.value(x, y),
        [6.0, 8.0],
        3.0,
        4.0,
        1e-4,
        Scheme::Central,
    );
    assert!(c.error < 1e-9);
}

#[test]
fn the_worked_example() {
    let s = Network::article().sgd_step(2.0, 1.0, 0.1);
    let v = |a: &[f64], b: &[f64]| a.iter().zip(b).for_each(|(x, y)| close(*x, *y, 1e-12));
    v(&s.forward.z, &[1.0, -0.6, 1.6]);
    v(&s.forward.h, &[1.0, 0.0, 1.6]);
    close(s.forward.yhat, 0.72, 1e-12);
    close(s.forward.loss, 0.0784, 1e-12);
    close(s.backward.dl_dyhat, -0.56, 1e-12);
    v(&s.backward.dl_dh, &[-0.224, 0.336, -0.112]);
    v(
        &s.backward.gradient(),
        &[-0.448, 0.0, -0.224, -0.56, 0.0, -0.896],
    );
    v(
        &s.after.flat(),
        &[0.5448, -0.3, 0.8224, 0.456, -0.6, 0.2896],
    );
    // Exact: ŷ = 0.456·1.0896 + 0.2896·1.6448 = 0.97319168, L = 0.02680832² = 0.0007186860212224.
    // The article's 0.00073 squares the rounded 0.973 − 1 = −0.027.
    close(s.forward_after.yhat, 0.973_191_68, 1e-15);
    close(s.loss_after, 0.000_718_686_021_222_4, 1e-17);
    close(
        1.0 - s.loss_after / s.forward.loss,
        0.990_833_086_464_0,
        1e-12,
    ); // "a 99% reduction"
}

#[test]
fn operation_counts() {
    for (n, fd, bp, r) in [
        (2, 4, 4, 1.0),
        (5, 25, 10, 2.5),
        (10, 100, 20, 5.0),
        (100, 10_000, 200, 50.0),
    ] {
        assert_eq!((fd_ops(n), backprop_ops(n), ratio(n)), (fd, bp, r));
        let chain = Chain::new(n as usize);
        assert_eq!(chain.finite_difference(0.3, 0.1, 1e-6).ops, fd);
        assert_eq!(chain.backprop(0.3, 0.1).ops, bp);
    }
}
