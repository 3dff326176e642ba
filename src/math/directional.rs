//! The directional derivative D_θ f = f_x cos θ + f_y sin θ as the direction rotates.
//!
//! As a function of θ it is the sinusoid ‖∇f‖ cos(θ − θ*), with θ* = atan2(f_y, f_x): one
//! peak (the gradient direction) and one trough, 180° apart. At a critical point (∇f = 0)
//! it is zero for every θ and there is no steepest direction.

use std::f64::consts::TAU;

/// D_θ f for the gradient `grad` = (f_x, f_y).
#[must_use]
pub fn directional_derivative(grad: [f64; 2], theta: f64) -> f64 {
    grad[0] * theta.cos() + grad[1] * theta.sin()
}

/// The two components whose sum is D_θ f: (f_x cos θ, f_y sin θ).
#[must_use]
pub fn components(grad: [f64; 2], theta: f64) -> [f64; 2] {
    [grad[0] * theta.cos(), grad[1] * theta.sin()]
}

/// d/dθ D_θ f = −f_x sin θ + f_y cos θ: zero at the peak and the trough.
#[must_use]
pub fn rate_of_turn(grad: [f64; 2], theta: f64) -> f64 {
    -grad[0] * theta.sin() + grad[1] * theta.cos()
}

/// The unit vector u(θ) = (cos θ, sin θ).
#[must_use]
pub fn unit(theta: f64) -> [f64; 2] {
    [theta.cos(), theta.sin()]
}

/// The sinusoid's amplitude ‖∇f‖ (its maximum over θ).
#[must_use]
pub fn amplitude(grad: [f64; 2]) -> f64 {
    grad[0].hypot(grad[1])
}

/// The peak of the sinusoid: the direction of steepest ascent and the rate there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Peak {
    /// θ* = atan2(f_y, f_x), in [0, 2π).
    pub theta: f64,
    /// ‖∇f‖, the largest directional derivative.
    pub amplitude: f64,
}

/// The steepest-ascent angle and rate, or `None` at a critical point, where every direction
/// has rate zero and no direction is steepest.
#[must_use]
pub fn try_peak(grad: [f64; 2]) -> Option<Peak> {
    let amplitude = amplitude(grad);
    if amplitude == 0.0 || !amplitude.is_finite() {
        return None;
    }
    Some(Peak {
        theta: grad[1].atan2(grad[0]).rem_euclid(TAU),
        amplitude,
    })
}

/// `n` samples (θ, D_θ f) with θ evenly spaced over [0, 2π].
#[must_use]
pub fn samples(grad: [f64; 2], n: usize) -> Vec<(f64, f64)> {
    let last = n.saturating_sub(1).max(1) as f64;
    (0..n)
        .map(|i| {
            let theta = TAU * i as f64 / last;
            (theta, directional_derivative(grad, theta))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::FRAC_PI_2;

    #[test]
    fn the_articles_example_at_three_four() {
        let g = [6.0, 8.0];
        assert_eq!(directional_derivative(g, 0.0), 6.0);
        assert!((directional_derivative(g, FRAC_PI_2) - 8.0).abs() < 1e-12);
        let peak = try_peak(g).unwrap();
        assert_eq!(peak.amplitude, 10.0);
        // arctan(8/6) = 53.1301…°
        assert!((peak.theta.to_degrees() - 53.130_102_354_155_98).abs() < 1e-9);
        assert!((directional_derivative(g, peak.theta) - 10.0).abs() < 1e-12);
        assert!(rate_of_turn(g, peak.theta).abs() < 1e-12);
        // The trough is half a turn away, at −‖∇f‖.
        assert!(
            (directional_derivative(g, peak.theta + std::f64::consts::PI) + 10.0).abs() < 1e-12
        );
        let [a, b] = components(g, peak.theta);
        assert!((a - 3.6).abs() < 1e-12 && (b - 6.4).abs() < 1e-12);
    }

    #[test]
    fn critical_point_has_no_peak_and_a_flat_curve() {
        assert_eq!(try_peak([0.0, 0.0]), None);
        assert!(samples([0.0, 0.0], 50).iter().all(|&(_, d)| d == 0.0));
    }

    #[test]
    fn peak_angle_is_in_zero_to_two_pi() {
        let p = try_peak([0.0, -1.0]).unwrap();
        assert!((p.theta - 1.5 * std::f64::consts::PI).abs() < 1e-12);
        let s = samples([1.0, 0.0], 5);
        assert_eq!(s.len(), 5);
        assert_eq!(s[0], (0.0, 1.0));
        assert!((s[4].0 - TAU).abs() < 1e-12);
    }
}
