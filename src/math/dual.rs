//! Forward-mode dual numbers: a value carried together with its exact gradient.
//!
//! A [`Dual<N>`] is `v + Σ dᵢ εᵢ` with `εᵢ εⱼ = 0`. Evaluating a function on duals seeded
//! with [`Dual::variable`] yields the value and all `N` partial derivatives in one pass,
//! exact to rounding — no step size, unlike a finite difference.
//!
//! ```
//! use gdviz::math::dual::Dual;
//! let x = Dual::<2>::variable(3.0, 0);
//! let y = Dual::<2>::variable(4.0, 1);
//! let f = x * x + y * y;
//! assert_eq!(f.value, 25.0);
//! assert_eq!(f.grad, [6.0, 8.0]);
//! ```

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A number with `N` infinitesimal parts: `value` and the gradient `grad` with respect to
/// `N` seeded variables.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual<const N: usize> {
    /// The ordinary value.
    pub value: f64,
    /// ∂value/∂variableᵢ for each seeded variable.
    pub grad: [f64; N],
}

impl<const N: usize> Dual<N> {
    /// A constant: its gradient is zero.
    #[must_use]
    pub const fn constant(value: f64) -> Self {
        Self {
            value,
            grad: [0.0; N],
        }
    }

    /// The `index`-th independent variable at `value` (its own partial derivative is 1).
    ///
    /// # Panics
    /// If `index >= N`.
    #[must_use]
    pub fn variable(value: f64, index: usize) -> Self {
        let mut grad = [0.0; N];
        grad[index] = 1.0;
        Self { value, grad }
    }

    /// Chain rule for a scalar function `g`: value `g(v)`, derivative `g'(v)`.
    #[must_use]
    fn chain(self, value: f64, derivative: f64) -> Self {
        Self {
            value,
            grad: self.grad.map(|d| d * derivative),
        }
    }

    /// `self` raised to an integer power.
    #[must_use]
    pub fn powi(self, n: i32) -> Self {
        let derivative = if n == 0 {
            0.0
        } else {
            f64::from(n) * self.value.powi(n - 1)
        };
        self.chain(self.value.powi(n), derivative)
    }

    /// `self` raised to a real power `p` (for `self > 0`, or integral `p`).
    #[must_use]
    pub fn powf(self, p: f64) -> Self {
        let derivative = if p == 0.0 {
            0.0
        } else {
            p * self.value.powf(p - 1.0)
        };
        self.chain(self.value.powf(p), derivative)
    }

    /// `self ^ other` with both sides differentiated: `d(a^b) = a^b (b' ln a + b a'/a)`.
    #[must_use]
    pub fn pow(self, other: Self) -> Self {
        if other.grad.iter().all(|&d| d == 0.0) {
            return self.powf(other.value);
        }
        let value = self.value.powf(other.value);
        let ln_a = self.value.ln();
        let mut grad = [0.0; N];
        for (i, g) in grad.iter_mut().enumerate() {
            *g = value * (other.grad[i] * ln_a + other.value * self.grad[i] / self.value);
        }
        Self { value, grad }
    }

    /// Sine.
    #[must_use]
    pub fn sin(self) -> Self {
        self.chain(self.value.sin(), self.value.cos())
    }
    /// Cosine.
    #[must_use]
    pub fn cos(self) -> Self {
        self.chain(self.value.cos(), -self.value.sin())
    }
    /// Tangent.
    #[must_use]
    pub fn tan(self) -> Self {
        let t = self.value.tan();
        self.chain(t, 1.0 + t * t)
    }
    /// Exponential.
    #[must_use]
    pub fn exp(self) -> Self {
        let e = self.value.exp();
        self.chain(e, e)
    }
    /// Natural logarithm.
    #[must_use]
    pub fn ln(self) -> Self {
        self.chain(self.value.ln(), 1.0 / self.value)
    }
    /// Square root.
    #[must_use]
    pub fn sqrt(self) -> Self {
        let s = self.value.sqrt();
        self.chain(s, 0.5 / s)
    }
    /// Absolute value (derivative taken as 0 at 0, the subgradient nearest zero).
    #[must_use]
    pub fn abs(self) -> Self {
        let sign = if self.value > 0.0 {
            1.0
        } else if self.value < 0.0 {
            -1.0
        } else {
            0.0
        };
        self.chain(self.value.abs(), sign)
    }
    /// Hyperbolic tangent.
    #[must_use]
    pub fn tanh(self) -> Self {
        let t = self.value.tanh();
        self.chain(t, 1.0 - t * t)
    }
}

impl<const N: usize> From<f64> for Dual<N> {
    fn from(value: f64) -> Self {
        Self::constant(value)
    }
}

impl<const N: usize> Add for Dual<N> {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        let mut grad = self.grad;
        for (g, r) in grad.iter_mut().zip(rhs.grad) {
            *g += r;
        }
        Self {
            value: self.value + rhs.value,
            grad,
        }
    }
}

impl<const N: usize> Sub for Dual<N> {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        self + (-rhs)
    }
}

impl<const N: usize> Neg for Dual<N> {
    type Output = Self;
    fn neg(self) -> Self {
        Self {
            value: -self.value,
            grad: self.grad.map(|d| -d),
        }
    }
}

impl<const N: usize> Mul for Dual<N> {
    type Output = Self;
    fn mul(self, rhs: Self) -> Self {
        let mut grad = [0.0; N];
        for (i, g) in grad.iter_mut().enumerate() {
            *g = self.grad[i] * rhs.value + self.value * rhs.grad[i];
        }
        Self {
            value: self.value * rhs.value,
            grad,
        }
    }
}

impl<const N: usize> Div for Dual<N> {
    type Output = Self;
    fn div(self, rhs: Self) -> Self {
        let value = self.value / rhs.value;
        let mut grad = [0.0; N];
        for (i, g) in grad.iter_mut().enumerate() {
            *g = (self.grad[i] - value * rhs.grad[i]) / rhs.value;
        }
        Self { value, grad }
    }
}

macro_rules! scalar_ops {
    ($($tr:ident $f:ident),*) => {$(
        impl<const N: usize> $tr<f64> for Dual<N> {
            type Output = Self;
            fn $f(self, rhs: f64) -> Self { self.$f(Self::constant(rhs)) }
        }
        impl<const N: usize> $tr<Dual<N>> for f64 {
            type Output = Dual<N>;
            fn $f(self, rhs: Dual<N>) -> Dual<N> { Dual::constant(self).$f(rhs) }
        }
    )*};
}
scalar_ops!(Add add, Sub sub, Mul mul, Div div);

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * (1.0 + b.abs())
    }

    #[test]
    fn product_quotient_and_chain_rules_by_hand() {
        // f(x, y) = x·y / (x + y) at (2, 3): f = 6/5; f_x = y²/(x+y)² = 9/25; f_y = 4/25.
        let x = Dual::<2>::variable(2.0, 0);
        let y = Dual::<2>::variable(3.0, 1);
        let f = x * y / (x + y);
        assert!(close(f.value, 1.2));
        assert!(close(f.grad[0], 9.0 / 25.0));
        assert!(close(f.grad[1], 4.0 / 25.0));
    }

    #[test]
    fn elementary_functions_have_their_textbook_derivatives() {
        let x = 0.7;
        let d = |g: fn(Dual<1>) -> Dual<1>| g(Dual::variable(x, 0)).grad[0];
        assert!(close(d(Dual::sin), x.cos()));
        assert!(close(d(Dual::cos), -x.sin()));
        assert!(close(d(Dual::tan), 1.0 / (x.cos() * x.cos())));
        assert!(close(d(Dual::exp), x.exp()));
        assert!(close(d(Dual::ln), 1.0 / x));
        assert!(close(d(Dual::sqrt), 0.5 / x.sqrt()));
        assert!(close(d(Dual::abs), 1.0));
        assert!(close(d(Dual::tanh), 1.0 - x.tanh() * x.tanh()));
        assert!(close(d(|v| v.powi(3)), 3.0 * x * x));
        assert!(close(d(|v| v.powf(2.5)), 2.5 * x.powf(1.5)));
        // x^x: derivative x^x (ln x + 1).
        assert!(close(d(|v| v.pow(v)), x.powf(x) * (x.ln() + 1.0)));
        assert!(close(d(|v| -v - 1.0 + 2.0 * v), 1.0));
    }
}
