//! The function library: the surfaces f(x, y) the widgets draw, and the 1-D curves for
//! one-dimensional descent. Every function is written once, generically, and evaluated
//! either on `f64` (values) or on [`Dual`] numbers (value plus exact gradient).

use super::dual::Dual;
use super::expr::{Custom, Expr};
use std::ops::{Add, Mul, Neg, Sub};

/// What a function body needs of its number type: `f64` and [`Dual`] both qualify.
pub trait Real:
    Copy + From<f64> + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    /// Integer power.
    #[must_use]
    fn powi(self, n: i32) -> Self;
    /// A typed expression at (x, y).
    #[must_use]
    fn expr(e: &Expr, x: Self, y: Self) -> Self;
}

impl Real for f64 {
    fn powi(self, n: i32) -> Self {
        f64::powi(self, n)
    }
    fn expr(e: &Expr, x: Self, y: Self) -> Self {
        e.value_unchecked(x, y)
    }
}

impl<const N: usize> Real for Dual<N> {
    fn powi(self, n: i32) -> Self {
        Dual::powi(self, n)
    }
    fn expr(e: &Expr, x: Self, y: Self) -> Self {
        e.dual(x, y)
    }
}

/// A rectangle of the (x, y) plane: the region a widget shows by default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    /// Smallest and largest x.
    pub x: (f64, f64),
    /// Smallest and largest y.
    pub y: (f64, f64),
}

impl Domain {
    /// The square [−r, r]².
    #[must_use]
    pub const fn square(r: f64) -> Self {
        Self {
            x: (-r, r),
            y: (-r, r),
        }
    }

    /// Clamps a point into the rectangle.
    #[must_use]
    pub fn clamp(&self, p: [f64; 2]) -> [f64; 2] {
        [
            p[0].clamp(self.x.0, self.x.1),
            p[1].clamp(self.y.0, self.y.1),
        ]
    }
}

/// The named surfaces f(x, y).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    /// x² + y²: the article's bowl.
    Bowl,
    /// x² + 10y²: a narrow valley (ill-conditioned; gradient descent zig-zags).
    Valley,
    /// x² − y²: a saddle, with a critical point that is neither a minimum nor a maximum.
    Saddle,
    /// (1 − x)² + 100(y − x²)²: Rosenbrock's banana valley, minimum at (1, 1).
    Rosenbrock,
    /// (x² + y − 11)² + (x + y² − 7)²: Himmelblau's function, four minima.
    Himmelblau,
    /// A function the reader typed (see [`super::expr`]); it may be undefined at places.
    Custom(Custom),
}

impl Function {
    /// Every function, in the order menus list them.
    pub const ALL: [Function; 5] = [
        Self::Bowl,
        Self::Valley,
        Self::Saddle,
        Self::Rosenbrock,
        Self::Himmelblau,
    ];

    /// The name used in `data-fn` and in `data-state`: a typed function's is its expression.
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Self::Custom(c) => c.text(),
            named => named.named().to_owned(),
        }
    }

    /// A named function's name ("" for a typed one).
    #[must_use]
    pub const fn named(self) -> &'static str {
        match self {
            Self::Custom(_) => "",
            Self::Bowl => "bowl",
            Self::Valley => "valley",
            Self::Saddle => "saddle",
            Self::Rosenbrock => "rosenbrock",
            Self::Himmelblau => "himmelblau",
        }
    }

    /// The formula, for captions.
    #[must_use]
    pub fn formula(self) -> String {
        match self {
            Self::Custom(c) => c.text(),
            named => named.named_formula().to_owned(),
        }
    }

    const fn named_formula(self) -> &'static str {
        match self {
            Self::Custom(_) => "",
            Self::Bowl => "x² + y²",
            Self::Valley => "x² + 10y²",
            Self::Saddle => "x² − y²",
            Self::Rosenbrock => "(1 − x)² + 100(y − x²)²",
            Self::Himmelblau => "(x² + y − 11)² + (x + y² − 7)²",
        }
    }

    /// Looks a function up by its [`name`](Self::name).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.named() == name)
    }

    /// A named function, or else an expression in x and y.
    ///
    /// # Errors
    /// The expression's [`super::expr::ParseError`].
    pub fn parse(text: &str) -> Result<Self, super::expr::ParseError> {
        match Self::from_name(text.trim()) {
            Some(f) => Ok(f),
            None => Custom::parse(text).map(Self::Custom),
        }
    }

    /// The formula as one would type it (what the text field shows): a typed function's
    /// expression, or the named function's in ASCII.
    #[must_use]
    pub fn formula_ascii(self) -> String {
        match self {
            Self::Bowl => "x^2 + y^2".to_owned(),
            Self::Valley => "x^2 + 10*y^2".to_owned(),
            Self::Saddle => "x^2 - y^2".to_owned(),
            Self::Rosenbrock => "(1 - x)^2 + 100*(y - x^2)^2".to_owned(),
            Self::Himmelblau => "(x^2 + y - 11)^2 + (x + y^2 - 7)^2".to_owned(),
            Self::Custom(c) => c.text(),
        }
    }

    /// `p` if the function and its gradient are defined there, else the nearest point of a
    /// 21 × 21 grid over the domain where they are; `None` if there is none.
    #[must_use]
    pub fn defined_near(self, p: [f64; 2]) -> Option<[f64; 2]> {
        if self.check(p[0], p[1]).is_none() {
            return Some(p);
        }
        let d = self.domain();
        let at = |r: (f64, f64), k: usize| r.0 + (r.1 - r.0) * k as f64 / 20.0;
        (0..21 * 21)
            .map(|k| [at(d.x, k % 21), at(d.y, k / 21)])
            .filter(|q| self.check(q[0], q[1]).is_none())
            .min_by(|a, b| {
                let da = (a[0] - p[0]).hypot(a[1] - p[1]);
                let db = (b[0] - p[0]).hypot(b[1] - p[1]);
                da.total_cmp(&db)
            })
    }

    /// True for a typed function (which may be undefined at places; see [`Self::check`]).
    #[must_use]
    pub fn is_custom(self) -> bool {
        matches!(self, Self::Custom(_))
    }

    /// Why the function or its gradient has no value at (x, y), if it has none.
    #[must_use]
    pub fn check(self, x: f64, y: f64) -> Option<String> {
        match self {
            Self::Custom(c) => c.expr().gradient(x, y).err().map(|e| e.to_string()),
            _ => None,
        }
    }

    /// The region a plot of this function shows by default.
    #[must_use]
    pub const fn domain(self) -> Domain {
        match self {
            Self::Bowl | Self::Valley | Self::Saddle => Domain::square(5.0),
            Self::Rosenbrock => Domain {
                x: (-2.0, 2.0),
                y: (-1.0, 3.0),
            },
            Self::Himmelblau => Domain::square(6.0),
            Self::Custom(_) => Domain::square(5.0),
        }
    }

    /// The function body, for any number type.
    #[must_use]
    pub fn eval<T: Real>(self, x: T, y: T) -> T {
        let c = |v: f64| T::from(v);
        match self {
            Self::Bowl => x.powi(2) + y.powi(2),
            Self::Valley => x.powi(2) + c(10.0) * y.powi(2),
            Self::Saddle => x.powi(2) - y.powi(2),
            Self::Rosenbrock => (c(1.0) - x).powi(2) + c(100.0) * (y - x.powi(2)).powi(2),
            Self::Himmelblau => {
                (x.powi(2) + y - c(11.0)).powi(2) + (x + y.powi(2) - c(7.0)).powi(2)
            }
            Self::Custom(e) => T::expr(&e.expr(), x, y),
        }
    }

    /// f(x, y).
    #[must_use]
    pub fn value(self, x: f64, y: f64) -> f64 {
        self.eval(x, y)
    }

    /// f(x, y) and its exact gradient (f_x, f_y), by forward-mode dual numbers.
    #[must_use]
    pub fn value_and_gradient(self, x: f64, y: f64) -> (f64, [f64; 2]) {
        let d = self.eval(Dual::<2>::variable(x, 0), Dual::variable(y, 1));
        (d.value, d.grad)
    }

    /// The exact gradient ∇f(x, y).
    #[must_use]
    pub fn gradient(self, x: f64, y: f64) -> [f64; 2] {
        self.value_and_gradient(x, y).1
    }
}

/// The named curves f(x) for one-dimensional descent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function1d {
    /// x²: one minimum at 0; a learning rate above 1 diverges.
    Parabola,
    /// x⁴/4 − x² + x/2: two valleys of different depth, so the start decides where descent ends.
    DoubleWell,
}

impl Function1d {
    /// Every 1-D function.
    pub const ALL: [Function1d; 2] = [Self::Parabola, Self::DoubleWell];

    /// The name used in `data-fn`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Parabola => "parabola",
            Self::DoubleWell => "double-well",
        }
    }

    /// Looks a function up by name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The function body, for any number type.
    #[must_use]
    pub fn eval<T: Real>(self, x: T) -> T {
        let c = |v: f64| T::from(v);
        match self {
            Self::Parabola => x.powi(2),
            Self::DoubleWell => c(0.25) * x.powi(4) - x.powi(2) + c(0.5) * x,
        }
    }

    /// f(x) and its exact derivative f′(x).
    #[must_use]
    pub fn value_and_slope(self, x: f64) -> (f64, f64) {
        let d = self.eval(Dual::<1>::variable(x, 0));
        (d.value, d.grad[0])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_named_functions_typed_formula_is_the_same_function() {
        for f in Function::ALL {
            let typed = Function::parse(&f.formula_ascii()).unwrap();
            assert!(typed.is_custom());
            for &(x, y) in &[(0.3, -1.2), (2.0, 1.5), (-1.0, 0.0)] {
                assert!(
                    (typed.value(x, y) - f.value(x, y)).abs() < 1e-12,
                    "{}",
                    f.named()
                );
                let (a, b) = (typed.gradient(x, y), f.gradient(x, y));
                assert!(
                    (a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12,
                    "{}",
                    f.named()
                );
            }
        }
        assert_eq!(Function::parse(" valley "), Ok(Function::Valley));
    }

    #[test]
    fn a_start_is_moved_to_the_nearest_defined_point() {
        let f = Function::parse("ln(x - 2)").unwrap();
        // Defined for x > 2; the grid over [−5, 5] has x = 2.5 as its nearest column.
        assert_eq!(f.defined_near([1.0, 1.0]), Some([2.5, 1.0]));
        assert_eq!(f.defined_near([3.0, 1.0]), Some([3.0, 1.0]));
        assert_eq!(
            Function::parse("sqrt(-1 - x^2)")
                .unwrap()
                .defined_near([0.0, 0.0]),
            None
        );
    }

    use super::*;

    #[test]
    fn hand_derived_gradients() {
        // Bowl: (2x, 2y).
        assert_eq!(
            Function::Bowl.value_and_gradient(3.0, 4.0),
            (25.0, [6.0, 8.0])
        );
        assert_eq!(Function::Bowl.gradient(1.5, 2.0), [3.0, 4.0]);
        // Valley: (2x, 20y).
        assert_eq!(Function::Valley.gradient(1.0, -0.5), [2.0, -10.0]);
        // Saddle: (2x, −2y).
        assert_eq!(Function::Saddle.gradient(1.0, 2.0), [2.0, -4.0]);
        // Rosenbrock: (−2(1−x) − 400x(y−x²), 200(y−x²)); at (0, 0): (−2, 0); at (1,1): 0.
        assert_eq!(Function::Rosenbrock.gradient(0.0, 0.0), [-2.0, 0.0]);
        assert_eq!(
            Function::Rosenbrock.value_and_gradient(1.0, 1.0),
            (0.0, [0.0, 0.0])
        );
        // Himmelblau at (3, 2) is a minimum: value 0, gradient 0.
        assert_eq!(
            Function::Himmelblau.value_and_gradient(3.0, 2.0),
            (0.0, [0.0, 0.0])
        );
        // Himmelblau at (0, 0): f = 121 + 49 = 170; f_x = 4x(..)+2(..) = 2(−7) = −14; f_y = 2(−11) = −22.
        assert_eq!(
            Function::Himmelblau.value_and_gradient(0.0, 0.0),
            (170.0, [-14.0, -22.0])
        );
    }

    #[test]
    fn names_round_trip() {
        for f in Function::ALL {
            assert_eq!(Function::from_name(&f.name()), Some(f));
        }
        for f in Function1d::ALL {
            assert_eq!(Function1d::from_name(f.name()), Some(f));
        }
        assert_eq!(Function::from_name("Bowl"), None);
    }

    #[test]
    fn one_dimensional_slopes_by_hand() {
        assert_eq!(Function1d::Parabola.value_and_slope(-1.5), (2.25, -3.0));
        // x⁴/4 − x² + x/2 at 2: 4 − 4 + 1 = 1; slope x³ − 2x + 1/2 = 8 − 4 + 0.5 = 4.5.
        assert_eq!(Function1d::DoubleWell.value_and_slope(2.0), (1.0, 4.5));
    }
}
