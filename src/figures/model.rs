//! The model several figures share: a function of two variables and a point on it (contour,
//! sinusoid, norms, trajectory's surface), and what the widgets of one `data-group` hold in
//! common ([`Shared`]).

use super::options::{self, OptionError, OptionErrorKind, Options};
use super::training::TrainingRun;
use crate::math::functions::Function;

/// What the widgets of one group share. The first widget of a group to mount sets it from its
/// own options; a widget that joins later takes the group's value over its own options (so a
/// page's linked figures can never disagree), and every change any member makes is shown by
/// all of them. The only rule about precedence between a group and a widget's options is
/// this one, applied by the web host when a widget joins.
#[derive(Clone, Debug)]
pub enum Shared {
    /// The function and point of `contour`, `sinusoid` and `norms`.
    Point(Config),
    /// The training run of `mlp` and `loss-slice`.
    Run(Box<TrainingRun>),
    /// The optimizer race of `trajectory` and `landscape`, at the iteration it stands.
    Race(Box<super::race::Config>),
    /// The quadratic, η and β of momentum-map.
    Momentum(crate::math::momentum::Setting),
    /// `sinusoid`'s direction θ (radians): a `contour` of its group draws u(θ).
    Direction(f64),
}

/// The widget's options: `data-fn`, `data-x`, `data-y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The surface.
    pub function: Function,
    /// The starting point.
    pub point: [f64; 2],
}

impl Default for Config {
    /// The article's example: the bowl at (3, 4).
    fn default() -> Self {
        Self {
            function: Function::Bowl,
            point: default_point(Function::Bowl),
        }
    }
}

/// A point worth looking at first on each surface.
#[must_use]
pub fn default_point(f: Function) -> [f64; 2] {
    match f {
        Function::Bowl | Function::Valley => [3.0, 4.0],
        Function::Saddle => [2.0, 1.0],
        Function::Rosenbrock => [-1.0, 2.0],
        Function::Himmelblau => [-1.0, 1.0],
        Function::Custom(_) => [1.0, 1.0],
    }
}

/// Reads `data-fn`: a function name, or an expression in x and y.
///
/// # Errors
/// [`OptionErrorKind::UnknownFunction`] listing the names that exist, for a lone unknown
/// word; [`OptionErrorKind::BadExpression`] with the position for any other text that does
/// not parse.
pub fn function_option(opts: &(impl Options + ?Sized)) -> Result<Function, OptionError> {
    match opts.get("data-fn") {
        None => Ok(Function::Bowl),
        Some(text) => Function::parse(&text).map_err(|e| {
            let word = text.trim();
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                let known: Vec<&str> = Function::ALL.iter().map(|f| f.named()).collect();
                OptionError::new(
                    "data-fn",
                    &text,
                    OptionErrorKind::UnknownFunction(format!(
                        "{}, or an expression in x and y",
                        known.join(", ")
                    )),
                )
            } else {
                OptionError::new(
                    "data-fn",
                    &text,
                    OptionErrorKind::BadExpression(e.to_string()),
                )
            }
        }),
    }
}

/// Reads a coordinate option and checks it lies in `range`.
pub(crate) fn coordinate(
    opts: &(impl Options + ?Sized),
    key: &str,
    default: f64,
    range: (f64, f64),
    f: Function,
) -> Result<f64, OptionError> {
    let v = options::number(opts, key, default)?;
    if v < range.0 || v > range.1 {
        let axis = key.trim_start_matches("data-");
        let msg = format!(
            "{} is shown for {axis} from {} to {}",
            f.name(),
            range.0,
            range.1
        );
        return Err(OptionError::new(
            key,
            &opts.get(key).unwrap_or_default(),
            OptionErrorKind::OutOfRange(msg),
        ));
    }
    Ok(v)
}

impl Config {
    /// Reads the options, falling back to the defaults for absent ones.
    ///
    /// # Errors
    /// The first option that is unusable, with the attribute and its value.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let function = function_option(opts)?;
        let d = function.domain();
        let [x0, y0] = default_point(function);
        let x = coordinate(opts, "data-x", x0, d.x, function)?;
        let y = coordinate(opts, "data-y", y0, d.y, function)?;
        Ok(Self {
            function,
            point: [x, y],
        })
    }
}

/// The text field where a reader types their own f(x, y) (`contour`, `sinusoid`,
/// `trajectory`): the text it holds and what it says about it. Enter (or leaving the field)
/// applies it; a typo is pointed at and the widget keeps its last function.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprInput {
    /// The text in the field.
    pub text: String,
    /// Why the text was refused, if it was.
    pub message: Option<String>,
}

/// The field's id.
pub const EXPR: &str = "expr";
/// Its message's id.
pub const EXPR_MESSAGE: &str = "expr-message";

impl ExprInput {
    /// A field showing `f` as one would type it.
    #[must_use]
    pub fn new(f: Function) -> Self {
        Self {
            text: f.formula_ascii(),
            message: None,
        }
    }

    /// The field's DOM part.
    #[must_use]
    pub fn part() -> super::widget::Part {
        super::widget::Part::Expr {
            id: EXPR,
            message: EXPR_MESSAGE,
        }
    }

    /// Shows `f` (after a menu choice or a linked widget's change) and clears any message.
    pub fn show(&mut self, f: Function) {
        self.text = f.formula_ascii();
        self.message = None;
    }

    /// Reads the typed `raw` text: the function, or `None` after saying what is wrong.
    pub fn read(&mut self, raw: &str) -> Option<Function> {
        raw.clone_into(&mut self.text);
        match Function::parse(raw) {
            Ok(f) => {
                self.message = None;
                Some(f)
            }
            Err(e) => {
                self.message = Some(format!(
                    "Not a function of x and y {e}. The plot keeps the last one."
                ));
                None
            }
        }
    }

    /// A newly typed function (not `current`) with the point it starts at: `preferred` if it
    /// is defined there, else the nearest point where it is; `None` after saying what is wrong.
    pub fn read_new(
        &mut self,
        raw: &str,
        current: Function,
        preferred: impl Fn(Function) -> [f64; 2],
    ) -> Option<(Function, [f64; 2])> {
        let function = self.read(raw)?;
        if function == current {
            return None;
        }
        let start = function.defined_near(function.domain().clamp(preferred(function)));
        if start.is_none() {
            self.say("It has no point in the plot where it and its gradient are defined.");
        }
        start.map(|p| (function, p))
    }

    /// Says why a function that parsed cannot be used.
    pub fn say(&mut self, why: &str) {
        self.message = Some(format!("{why} The plot keeps the last one."));
    }

    /// The field's state for this frame.
    pub fn ui(&self, ui: &mut super::widget::Ui) {
        ui.invalid(EXPR, self.message.is_some())
            .value(EXPR, self.text.clone())
            .text(EXPR_MESSAGE, self.message.clone().unwrap_or_default());
    }
}
