//! Finite-difference estimates of derivatives: nudge the input by `h`, measure the change.
//! Used beside the exact (dual-number) gradient to show the estimate and its error.

/// Which finite-difference formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// (f(x + h) − f(x)) / h: error O(h).
    Forward,
    /// (f(x + h) − f(x − h)) / 2h: error O(h²).
    Central,
}

/// Estimates f′(x) with step `h`.
#[must_use]
pub fn derivative(f: impl Fn(f64) -> f64, x: f64, h: f64, scheme: Scheme) -> f64 {
    match scheme {
        Scheme::Forward => (f(x + h) - f(x)) / h,
        Scheme::Central => (f(x + h) - f(x - h)) / (2.0 * h),
    }
}

/// Estimates ∇f(x, y) with step `h` in each coordinate.
#[must_use]
pub fn gradient(f: impl Fn(f64, f64) -> f64, x: f64, y: f64, h: f64, scheme: Scheme) -> [f64; 2] {
    [
        derivative(|t| f(t, y), x, h, scheme),
        derivative(|t| f(x, t), y, h, scheme),
    ]
}

/// A finite-difference estimate beside the exact gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// The estimate.
    pub estimate: [f64; 2],
    /// The exact gradient it is compared with.
    pub exact: [f64; 2],
    /// ‖estimate − exact‖₂.
    pub error: f64,
}

/// Compares the estimate with step `h` against `exact`.
#[must_use]
pub fn compare(
    f: impl Fn(f64, f64) -> f64,
    exact: [f64; 2],
    x: f64,
    y: f64,
    h: f64,
    scheme: Scheme,
) -> Comparison {
    let estimate = gradient(f, x, y, h, scheme);
    let error = (estimate[0] - exact[0]).hypot(estimate[1] - exact[1]);
    Comparison {
        estimate,
        exact,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_difference_of_a_square_has_error_exactly_h() {
        // ((x+h)² − x²)/h = 2x + h: the forward estimate is off by exactly h.
        let est = derivative(|x| x * x, 3.0, 0.5, Scheme::Forward);
        assert_eq!(est, 6.5);
        // The central difference of a quadratic is exact.
        assert_eq!(derivative(|x| x * x, 3.0, 0.5, Scheme::Central), 6.0);
        // Of a cube it is off by h²: ((x+h)³ − (x−h)³)/2h = 3x² + h².
        assert_eq!(derivative(|x| x * x * x, 2.0, 0.5, Scheme::Central), 12.25);
    }

    #[test]
    fn gradient_of_the_bowl_with_the_articles_step() {
        // h = 0.0001 as in the article: forward estimate (6 + h, 8 + h).
        let c = compare(
            |x, y| x * x + y * y,
            [6.0, 8.0],
            3.0,
            4.0,
            1e-4,
            Scheme::Forward,
        );
        assert!((c.estimate[0] - 6.0001).abs() < 1e-9);
        assert!((c.estimate[1] - 8.0001).abs() < 1e-9);
        assert!((c.error - 1e-4 * 2f64.sqrt()).abs() < 1e-9);
    }
}
