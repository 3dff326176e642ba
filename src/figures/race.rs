//! A race of optimizers down one surface from one start: the run `trajectory` draws on its
//! contour plot and `landscape` on the 3-D surface, and what a `data-group` links them by.

use super::format::{num, short, sig};
use super::json::{Fields, ListCache, Object};
use super::model::default_point;
use super::model::{coordinate, function_option};
use super::options::{self, parse_number, OptionError, OptionErrorKind, Options};
use super::style;
use super::widget::{Env, Outcome, Part};
use crate::math::functions::Function;
use crate::math::momentum::Setting;
use crate::math::optimizers::{Hyper, Optimizer, Path, Step};
use plotters::style::RGBColor;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// How many optimizers race.
pub const COUNT: usize = Optimizer::ALL.len();

/// Each optimizer's colour; the paths also differ by marker shape, for colour-blind readers.
pub const COLORS: [RGBColor; COUNT] = [
    style::GRADIENT,
    RGBColor(0xd4, 0x6a, 0x00),
    RGBColor(0x7b, 0x2f, 0xbe),
    style::TANGENT,
    RGBColor(0x00, 0x9c, 0xb0),
    RGBColor(0x8d, 0x55, 0x24),
    RGBColor(0xc2, 0x18, 0x5b),
    RGBColor(0xb0, 0x8a, 0x00),
];

/// The ids of the path buttons (action names authors use: keep them), which are also the
/// legend's words for each optimizer with PyTorch's default hyperparameters (see [`label`]).
pub const NAMES: [&str; COUNT] = [
    "gradient descent (L2)",
    "coordinate descent (L1)",
    "sign descent (L∞)",
    "momentum (β = 0.9)",
    "Nesterov",
    "Adagrad",
    "RMSprop",
    "Adam",
];

/// The legend's words for optimizer `k` with hyperparameters `h`.
#[must_use]
pub fn label(k: usize, h: &Hyper) -> String {
    match Optimizer::ALL.get(k) {
        Some(Optimizer::Momentum) => format!("momentum (β = {})", sig(h.beta, 3)),
        Some(Optimizer::Nesterov) => format!("Nesterov (β = {})", sig(h.beta, 3)),
        _ => NAMES.get(k).copied().unwrap_or_default().to_owned(),
    }
}

/// The optimizer a path button or action name means: its id in [`NAMES`] or its key
/// (`gd`, `momentum`, `adam`, …).
#[must_use]
pub fn path_index(name: &str) -> Option<usize> {
    NAMES
        .iter()
        .position(|n| *n == name)
        .or_else(|| Optimizer::ALL.iter().position(|o| o.key() == name))
}

/// The row of path buttons, one per optimizer with its colour's swatch (`trajectory`,
/// `landscape`).
#[must_use]
pub fn path_toggles() -> Part {
    Part::Row {
        class: "gdviz-toolbar gdviz-paths",
        group: Some("paths shown"),
        items: NAMES
            .iter()
            .zip(COLORS)
            .map(|(name, c)| Part::Button {
                id: name,
                text: name,
                class: "gdviz-button gdviz-path-toggle",
                swatch: Some((c.0, c.1, c.2)),
            })
            .collect(),
    }
}

/// Every optimizer's `data-paths` key (`gd`, …, `adam`): also action names toggling its path.
#[must_use]
pub fn path_keys() -> Vec<&'static str> {
    Optimizer::ALL.iter().map(|o| o.key()).collect()
}

/// The legend's entries: each shown path's words (with where it diverged), colour and
/// marker shape.
#[must_use]
pub fn legend_entries(race: &Race) -> Vec<(String, RGBColor, usize)> {
    let c = race.config();
    (0..COUNT)
        .filter(|&k| c.enabled[k])
        .map(|k| {
            let text = match race.paths()[k].diverged_at {
                Some(at) => format!("{}: diverged at step {at}", label(k, &c.hyper)),
                None => label(k, &c.hyper),
            };
            (text, COLORS[k], k)
        })
        .collect()
}

/// One sentence on where the run stands: the iteration, η, the start and each shown path's
/// loss (or where it diverged).
#[must_use]
pub fn summary(race: &Race) -> String {
    let c = race.config();
    let parts: Vec<String> = (0..COUNT)
        .filter(|&k| c.enabled[k])
        .map(|k| {
            let p = &race.paths()[k];
            let name = NAMES[k].split(' ').next().unwrap_or("");
            match p.diverged_at {
                Some(at) => format!("{name} diverged at step {at}"),
                None => format!(
                    "{name} f = {}",
                    p.losses.last().map_or_else(String::new, |l| short(*l, 3))
                ),
            }
        })
        .collect();
    format!(
        "Iteration {} of {}, η = {}, from ({}, {}): {}.",
        race.iter(),
        c.iters,
        sig(c.lr, 3),
        num(c.start[0], 2),
        num(c.start[1], 2),
        parts.join("; ")
    )
}

/// The paths shown when `data-paths` is absent: the four steepest-descent relatives.
pub const DEFAULT_PATHS: [bool; COUNT] = [true, true, true, true, false, false, false, false];

/// Largest number of iterations a run may ask for.
pub const MAX_ITERS: usize = 1000;

/// The hyperparameters an author or reader may set: option name (without `data-`), what it
/// is, and the range it must lie in.
pub const HYPER: [(&str, &str); 5] = [
    ("beta", "β (momentum)"),
    ("alpha", "α (RMSprop)"),
    ("beta1", "β₁ (Adam)"),
    ("beta2", "β₂ (Adam)"),
    ("eps", "ε (empty: PyTorch's)"),
];

/// The quadratic ½(x² + κy²) of `momentum-map`, as a typed function (so its text shows in
/// the field and in links).
#[must_use]
pub fn quadratic(kappa: f64) -> Option<Function> {
    Function::parse(&format!("0.5*(x^2 + {kappa}*y^2)")).ok()
}

/// What a run is.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The surface.
    pub function: Function,
    /// Where every path starts.
    pub start: [f64; 2],
    /// The learning rate η, one for every path.
    pub lr: f64,
    /// How many iterations a run takes.
    pub iters: usize,
    /// Which of [`Optimizer::ALL`] are shown.
    pub enabled: [bool; COUNT],
    /// Iterations taken (when the figure opens: `data-iter`, to reopen a shared view).
    pub iter: usize,
    /// β, α, β₁, β₂, ε.
    pub hyper: Hyper,
}

/// A start that shows each surface's character: a long valley to cross, Rosenbrock's bend.
#[must_use]
pub fn default_start(f: Function) -> [f64; 2] {
    match f {
        Function::Valley => [-4.0, 1.5],
        Function::Saddle => [-3.0, 0.5],
        Function::Rosenbrock => [-1.5, 2.5],
        Function::Himmelblau => [-0.5, 0.5],
        f => default_point(f),
    }
}

/// A learning rate at which gradient descent converges on the surface but its character
/// shows (the valley's zig-zag, Rosenbrock's crawl).
#[must_use]
pub fn default_lr(f: Function) -> f64 {
    match f {
        Function::Bowl => 0.1,
        Function::Valley => 0.09,
        Function::Saddle => 0.05,
        Function::Rosenbrock => 0.0015,
        Function::Himmelblau => 0.01,
        Function::Custom(_) => 0.05,
    }
}

/// Checks hyperparameter `name` (one of [`HYPER`]): β, α, β₁, β₂ in [0, 1), ε above 0 (and
/// at most 1). The error says what the value must be.
///
/// # Errors
/// The range, in words.
pub fn check_hyper(name: &str, v: f64) -> Result<f64, String> {
    let ok = if name == "eps" {
        v > 0.0 && v <= 1.0
    } else {
        (0.0..1.0).contains(&v)
    };
    if ok {
        Ok(v)
    } else if name == "eps" {
        Err("ε (Adagrad, RMSprop, Adam) must be above 0 (and at most 1)".to_owned())
    } else {
        let what = match name {
            "beta" => "β (momentum, Nesterov)",
            n => HYPER.iter().find(|(h, _)| *h == n).map_or("it", |h| h.1),
        };
        Err(format!("{what} must be at least 0 and below 1"))
    }
}

impl Hyper {
    /// The value of hyperparameter `name` (one of [`HYPER`]; ε `None` when not overridden).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<f64> {
        match name {
            "beta" => Some(self.beta),
            "alpha" => Some(self.alpha),
            "beta1" => Some(self.beta1),
            "beta2" => Some(self.beta2),
            _ => self.eps,
        }
    }

    /// Sets hyperparameter `name` (already checked; `None` puts ε back to the defaults).
    pub fn set(&mut self, name: &str, v: Option<f64>) {
        match (name, v) {
            ("beta", Some(v)) => self.beta = v,
            ("alpha", Some(v)) => self.alpha = v,
            ("beta1", Some(v)) => self.beta1 = v,
            ("beta2", Some(v)) => self.beta2 = v,
            ("eps", v) => self.eps = v,
            _ => {}
        }
    }
}

impl Config {
    /// Reads `data-fn`, `data-x`, `data-y`, `data-lr`, `data-iters`, `data-paths`,
    /// `data-iter`, `data-beta`, `data-alpha`, `data-beta1`, `data-beta2` and `data-eps`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        // The narrow valley unless told otherwise: it is where the optimizers differ most.
        let function = if opts.get("data-fn").is_none() {
            Function::Valley
        } else {
            function_option(opts)?
        };
        let d = function.domain();
        let [x0, y0] = default_start(function);
        let x = coordinate(opts, "data-x", x0, d.x, function)?;
        let y = coordinate(opts, "data-y", y0, d.y, function)?;
        let raw = |key: &str| opts.get(key).unwrap_or_default();
        let lr = options::number(opts, "data-lr", default_lr(function))?;
        if !(lr > 0.0 && lr <= 10.0) {
            return Err(OptionError::new(
                "data-lr",
                &raw("data-lr"),
                OptionErrorKind::OutOfRange("a learning rate above 0, at most 10".into()),
            ));
        }
        let iters = options::number(opts, "data-iters", 100.0)?;
        if !(1.0..=MAX_ITERS as f64).contains(&iters) || iters.fract() != 0.0 {
            return Err(OptionError::new(
                "data-iters",
                &raw("data-iters"),
                OptionErrorKind::OutOfRange(format!("a whole number from 1 to {MAX_ITERS}")),
            ));
        }
        let iter = options::number(opts, "data-iter", 0.0)?;
        if !(0.0..=iters).contains(&iter) || iter.fract() != 0.0 {
            return Err(OptionError::new(
                "data-iter",
                &raw("data-iter"),
                OptionErrorKind::OutOfRange(format!(
                    "a whole number of iterations from 0 to data-iters ({iters})"
                )),
            ));
        }
        let enabled = match opts.get("data-paths") {
            None => DEFAULT_PATHS,
            Some(text) => paths_option(&text)?,
        };
        let mut hyper = Hyper::default();
        for (name, _) in HYPER {
            let key = format!("data-{name}");
            if let Some(text) = opts.get(&key) {
                let v = parse_number(&key, &text)?;
                let v = check_hyper(name, v).map_err(|why| {
                    OptionError::new(&key, &text, OptionErrorKind::OutOfRange(why))
                })?;
                hyper.set(name, Some(v));
            }
        }
        if let Some(why) = function.check(x, y) {
            return Err(OptionError::new(
                "data-fn",
                &raw("data-fn"),
                OptionErrorKind::OutOfRange(format!("the start ({x}, {y}): {why}")),
            ));
        }
        Ok(Self {
            function,
            start: [x, y],
            lr,
            iters: iters as usize,
            enabled,
            iter: iter as usize,
            hyper,
        })
    }

    /// The options that reopen this run at `iter` (`data-*` names without the prefix);
    /// hyperparameters only when they differ from PyTorch's defaults.
    #[must_use]
    pub fn url_options(&self, iter: usize) -> Vec<(&'static str, String)> {
        let shown: Vec<&str> = Optimizer::ALL
            .iter()
            .zip(self.enabled)
            .filter(|(_, on)| *on)
            .map(|(o, _)| o.key())
            .collect();
        let mut v = vec![
            ("fn", self.function.name()),
            ("x", self.start[0].to_string()),
            ("y", self.start[1].to_string()),
            ("lr", self.lr.to_string()),
            ("iters", self.iters.to_string()),
            ("paths", shown.join(",")),
            ("iter", iter.to_string()),
        ];
        let defaults = Hyper::default();
        for (name, _) in HYPER {
            if let Some(h) = self
                .hyper
                .get(name)
                .filter(|h| Some(*h) != defaults.get(name))
            {
                v.push((name, h.to_string()));
            }
        }
        v
    }
}

/// Reads `data-paths`: comma-separated keys, at least one.
fn paths_option(raw: &str) -> Result<[bool; COUNT], OptionError> {
    let keys = path_keys();
    let mut on = [false; COUNT];
    for word in raw.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let k = keys.iter().position(|k| *k == word).ok_or_else(|| {
            OptionError::new(
                "data-paths",
                raw,
                OptionErrorKind::NotOneOf(format!("{} (comma-separated)", keys.join(", "))),
            )
        })?;
        on[k] = true;
    }
    if !on.contains(&true) {
        return Err(OptionError::new(
            "data-paths",
            raw,
            OptionErrorKind::NotOneOf(format!("{} (at least one)", keys.join(", "))),
        ));
    }
    Ok(on)
}

impl Default for Config {
    fn default() -> Self {
        let function = Function::Valley;
        Self {
            function,
            start: default_start(function),
            lr: default_lr(function),
            iters: 100,
            enabled: DEFAULT_PATHS,
            iter: 0,
            hyper: Hyper::default(),
        }
    }
}

/// Each ε used, by optimizer key.
#[derive(Clone, Debug, PartialEq)]
pub struct Epsilons {
    /// Adagrad's ε.
    pub adagrad: f64,
    /// RMSprop's ε.
    pub rmsprop: f64,
    /// Adam's ε.
    pub adam: f64,
}

impl Fields for Epsilons {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("adagrad", &self.adagrad)
            .field("rmsprop", &self.rmsprop)
            .field("adam", &self.adam);
    }
}

/// What `data-state` reports (`trajectory`, `landscape`).
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The kind.
    pub kind: &'static str,
    /// The function's name (or typed expression).
    pub function: String,
    /// Where the paths start.
    pub start: [f64; 2],
    /// The learning rate.
    pub lr: f64,
    /// Iterations taken so far.
    pub iter: usize,
    /// Iterations a run takes.
    pub iters: usize,
    /// Each shown optimizer's points, by key (`gd`, `coordinate`, `sign`, `momentum`,
    /// `nesterov`, `adagrad`, `rmsprop`, `adam`).
    pub paths: BTreeMap<&'static str, Vec<[f64; 2]>>,
    /// Each shown optimizer's loss at each point.
    pub losses: BTreeMap<&'static str, Vec<f64>>,
    /// The iteration at which a path diverged (its loss overflowed), by key; absent if none.
    pub diverged: BTreeMap<&'static str, usize>,
    /// Momentum's and Nesterov's β.
    pub beta: f64,
    /// RMSprop's α.
    pub alpha: f64,
    /// Adam's β₁.
    pub beta1: f64,
    /// Adam's β₂.
    pub beta2: f64,
    /// The ε each adaptive optimizer uses.
    pub eps: Epsilons,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("fn", &self.function)
            .field("start", &self.start)
            .field("lr", &self.lr)
            .field("iter", &self.iter)
            .field("iters", &self.iters)
            .field("paths", &self.paths)
            .field("losses", &self.losses);
        if !self.diverged.is_empty() {
            o.field("diverged", &self.diverged);
        }
        o.field("beta", &self.beta)
            .field("alpha", &self.alpha)
            .field("beta1", &self.beta1)
            .field("beta2", &self.beta2)
            .field("eps", &self.eps);
    }
}

/// See [`Race::state_json`].
pub struct StateJson<'a> {
    race: &'a Race,
    kind: &'static str,
}

/// The shown paths' points (or losses) as an object by key, from the race's kept text.
struct Lists<'a> {
    race: &'a Race,
    losses: bool,
}

impl Fields for Lists<'_> {
    fn fields(&self, o: &mut Object<'_>) {
        let r = self.race;
        let mut shown: Vec<(&'static str, usize)> = (0..COUNT)
            .filter(|&k| r.config.enabled[k])
            .map(|k| (r.paths[k].optimizer.key(), k))
            .collect();
        shown.sort_unstable();
        let mut caches = r.json.borrow_mut();
        for (key, k) in shown {
            let p = &r.paths[k];
            if self.losses {
                caches[COUNT + k].with(r.generation, &p.losses, |raw| o.field(key, &raw));
            } else {
                caches[k].with(r.generation, &p.points, |raw| o.field(key, &raw));
            }
        }
    }
}

impl Fields for StateJson<'_> {
    fn fields(&self, o: &mut Object<'_>) {
        let r = self.race;
        let c = &r.config;
        let h = &c.hyper;
        o.field("kind", &self.kind)
            .field("fn", &c.function.name())
            .field("start", &c.start)
            .field("lr", &c.lr)
            .field("iter", &r.iter)
            .field("iters", &c.iters)
            .field(
                "paths",
                &Lists {
                    race: r,
                    losses: false,
                },
            )
            .field(
                "losses",
                &Lists {
                    race: r,
                    losses: true,
                },
            );
        let diverged: BTreeMap<&'static str, usize> = r
            .paths
            .iter()
            .zip(c.enabled)
            .filter_map(|(p, on)| Some((p.optimizer.key(), p.diverged_at.filter(|_| on)?)))
            .collect();
        if !diverged.is_empty() {
            o.field("diverged", &diverged);
        }
        o.field("beta", &h.beta)
            .field("alpha", &h.alpha)
            .field("beta1", &h.beta1)
            .field("beta2", &h.beta2)
            .field(
                "eps",
                &Epsilons {
                    adagrad: h.eps(Optimizer::Adagrad),
                    rmsprop: h.eps(Optimizer::Rmsprop),
                    adam: h.eps(Optimizer::Adam),
                },
            );
    }
}

/// The run: every optimizer's path so far.
#[derive(Clone, Debug)]
pub struct Race {
    config: Config,
    paths: Vec<Path>,
    iter: usize,
    generation: u64,
    /// Each path's points, then each path's losses, as JSON text written as they grow.
    json: RefCell<Vec<ListCache>>,
}

impl Race {
    /// The run of `config`, with `config.iter` iterations taken.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let mut race = Self {
            config,
            paths: Vec::new(),
            iter: 0,
            generation: 0,
            json: RefCell::new(vec![ListCache::default(); 2 * COUNT]),
        };
        race.reset();
        for _ in 0..race.config.iter {
            race.step();
        }
        race
    }

    /// What the run is (its `iter` is where it opened; see [`Race::iter`]).
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The run as it stands, for a group: its configuration with the iterations taken.
    #[must_use]
    pub fn now(&self) -> Config {
        Config {
            iter: self.iter,
            ..self.config.clone()
        }
    }

    /// Back to the start, no iterations taken.
    pub fn reset(&mut self) {
        let [x, y] = self.config.start;
        let f0 = self.config.function.value(x, y);
        self.paths = Optimizer::ALL
            .iter()
            .map(|&o| Path::new(o, self.config.start, f0))
            .collect();
        self.iter = 0;
        self.renumber();
    }

    /// Changes whenever the paths start again or one is shown or hidden, never while they
    /// only grow (unique over every run of the page): what is drawn of a run can be kept
    /// and added to while its generation holds.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn renumber(&mut self) {
        self.generation = super::new_generation();
    }

    /// The value and gradient the paths step with: none (NaN) where a typed function is
    /// undefined, so a path stepping there ends.
    fn value_and_gradient(f: Function) -> impl Fn(f64, f64) -> (f64, [f64; 2]) {
        move |x, y| {
            if f.check(x, y).is_some() {
                (f64::NAN, [f64::NAN; 2])
            } else {
                f.value_and_gradient(x, y)
            }
        }
    }

    /// One iteration of every shown optimizer. Returns false once the run is over.
    pub fn step(&mut self) -> bool {
        if self.finished() {
            return false;
        }
        let vg = Self::value_and_gradient(self.config.function);
        for (path, on) in self.paths.iter_mut().zip(self.config.enabled) {
            if on {
                path.step(self.config.lr, &self.config.hyper, &vg);
            }
        }
        self.iter += 1;
        true
    }

    /// Takes every remaining iteration.
    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    /// True when the run has taken its iterations, or every shown path has diverged.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.iter >= self.config.iters
            || self
                .paths
                .iter()
                .zip(self.config.enabled)
                .all(|(p, on)| !on || p.diverged_at.is_some())
    }

    /// Iterations taken.
    #[must_use]
    pub fn iter(&self) -> usize {
        self.iter
    }

    /// The paths (all of them; see [`Config::enabled`]).
    #[must_use]
    pub fn paths(&self) -> &[Path] {
        &self.paths
    }

    /// The step each shown path takes next, by index (`None` for hidden, diverged or
    /// finished paths).
    #[must_use]
    pub fn next_steps(&self) -> Vec<Option<Step>> {
        let vg = Self::value_and_gradient(self.config.function);
        let open = !self.finished();
        self.paths
            .iter()
            .zip(self.config.enabled)
            .map(|(p, on)| {
                (on && open)
                    .then(|| p.next_step(self.config.lr, &self.config.hyper, &vg))
                    .flatten()
            })
            .collect()
    }

    /// Moves the start (clamped to the plot) and resets. Points where a typed function is
    /// undefined are refused. Returns true if it moved.
    pub fn set_start(&mut self, p: [f64; 2]) -> bool {
        let p = self.config.function.domain().clamp(p);
        if p == self.config.start
            || !(p[0].is_finite() && p[1].is_finite())
            || self.config.function.check(p[0], p[1]).is_some()
        {
            return false;
        }
        self.config.start = p;
        self.reset();
        true
    }

    /// A new learning rate (a run is defined by it: back to the start). True if it changed.
    pub fn set_lr(&mut self, lr: f64) -> bool {
        if lr > 0.0 && lr.is_finite() && lr != self.config.lr {
            self.config.lr = lr;
            self.reset();
            return true;
        }
        false
    }

    /// New hyperparameters (back to the start). True if they changed.
    pub fn set_hyper(&mut self, hyper: Hyper) -> bool {
        if hyper == self.config.hyper {
            return false;
        }
        self.config.hyper = hyper;
        self.reset();
        true
    }

    /// Shows or hides optimizer `k` (at least one stays shown); keeps the run.
    pub fn toggle(&mut self, k: usize) {
        if k >= COUNT {
            return;
        }
        let mut on = self.config.enabled;
        on[k] = !on[k];
        if !on.contains(&true) {
            return;
        }
        if on[k] {
            // A path shown again catches up with the others.
            let f = self.config.function;
            let [x, y] = self.config.start;
            let vg = Self::value_and_gradient(f);
            self.paths[k] = Path::new(Optimizer::ALL[k], self.config.start, f.value(x, y));
            for _ in 0..self.iter {
                self.paths[k].step(self.config.lr, &self.config.hyper, &vg);
            }
        }
        self.config.enabled = on;
        self.renumber();
    }

    /// Takes a `momentum-map`'s setting: its quadratic (the start kept, clamped to the plot;
    /// the momentum path shown when the function changes), η and β; back to the start. True
    /// if the run changed.
    pub fn take_momentum(&mut self, s: &Setting) -> bool {
        let Some(function) = quadratic(s.kappa) else {
            return false;
        };
        let mut c = self.config.clone();
        if c.function != function {
            c.function = function;
            c.start = function.domain().clamp(c.start);
            c.enabled[Optimizer::ALL
                .iter()
                .position(|o| *o == Optimizer::Momentum)
                .unwrap_or(0)] = true;
        }
        if s.lr > 0.0 && s.lr.is_finite() {
            c.lr = s.lr;
        }
        if check_hyper("beta", s.beta).is_ok() {
            c.hyper.beta = s.beta;
        }
        // The same run (say the map took η from this one): it stays where it is.
        c.iter = 0;
        let same = Config {
            iter: 0,
            ..self.config.clone()
        };
        if c == same {
            return false;
        }
        *self = Self::new(c);
        true
    }

    /// Takes a group's run: the same run at `other.iter` iterations. True if anything changed.
    pub fn sync(&mut self, other: &Config) -> bool {
        let strip = |c: &Config| Config {
            iter: 0,
            enabled: [false; COUNT],
            ..c.clone()
        };
        if strip(other) != strip(&self.config) {
            *self = Self::new(other.clone());
            return true;
        }
        let mut changed = false;
        // Shown first, then hidden, so one path always stays shown.
        for want in [true, false] {
            for k in 0..COUNT {
                if other.enabled[k] == want && self.config.enabled[k] != want {
                    self.toggle(k);
                    changed = true;
                }
            }
        }
        if other.iter != self.iter {
            if other.iter < self.iter {
                self.reset();
            }
            while self.iter < other.iter && self.step() {}
            changed = true;
        }
        changed
    }

    /// The state for `data-state` as kind `kind`, written as [`Race::state`]'s is, from
    /// kept text of the paths and losses: a frame writes only what the run added since.
    #[must_use]
    pub fn state_json(&self, kind: &'static str) -> StateJson<'_> {
        StateJson { race: self, kind }
    }

    /// The state for `data-state`, as kind `kind`.
    #[must_use]
    pub fn state(&self, kind: &'static str) -> State {
        let mut paths = BTreeMap::new();
        let mut losses = BTreeMap::new();
        let mut diverged = BTreeMap::new();
        for (p, on) in self.paths.iter().zip(self.config.enabled) {
            if on {
                let key = p.optimizer.key();
                paths.insert(key, p.points.clone());
                losses.insert(key, p.losses.clone());
                if let Some(k) = p.diverged_at {
                    diverged.insert(key, k);
                }
            }
        }
        let h = &self.config.hyper;
        State {
            kind,
            function: self.config.function.name(),
            start: self.config.start,
            lr: self.config.lr,
            iter: self.iter,
            iters: self.config.iters,
            paths,
            losses,
            diverged,
            beta: h.beta,
            alpha: h.alpha,
            beta1: h.beta1,
            beta2: h.beta2,
            eps: Epsilons {
                adagrad: h.eps(Optimizer::Adagrad),
                rmsprop: h.eps(Optimizer::Rmsprop),
                adam: h.eps(Optimizer::Adam),
            },
        }
    }

    /// The options that reopen this run.
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        self.config.url_options(self.iter)
    }
}

/// *Play*, *Step* and *Reset* of a race, for `trajectory` and `landscape`: one iteration per
/// frame while playing; under reduced motion Play takes every iteration at once; Play on a
/// finished run starts it over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RacePlayer {
    playing: bool,
}

impl RacePlayer {
    /// True while Play runs.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Stops playing (the reader moved the start, or another widget changed the run).
    pub fn stop(&mut self) {
        self.playing = false;
    }

    /// One iteration, while playing.
    pub fn tick(&mut self, race: &mut Race) -> Outcome {
        if !self.playing {
            return Outcome::Ignored;
        }
        race.step();
        if race.finished() {
            self.playing = false;
        }
        Outcome::Shared
    }

    /// The button `id` if it is Play, Step or Reset: true if it was one of them.
    pub fn click(&mut self, id: &str, race: &mut Race, env: &Env<'_>) -> bool {
        match id {
            "play" if self.playing => self.playing = false,
            "play" => {
                if race.finished() {
                    race.reset();
                }
                if (env.reduced_motion)() {
                    race.run_to_end();
                } else {
                    self.playing = true;
                }
            }
            "step" => {
                self.playing = false;
                race.step();
            }
            "reset" => {
                self.playing = false;
                race.reset();
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperparameter_options_and_their_errors() {
        let c = Config::from_options(
            &[
                ("data-paths", "adam, nesterov"),
                ("data-beta", "0.5"),
                ("data-alpha", "0.9"),
                ("data-beta1", "0"),
                ("data-beta2", "0.99"),
                ("data-eps", "1e-6"),
            ][..],
        )
        .unwrap();
        assert_eq!(
            c.enabled,
            [false, false, false, false, true, false, false, true]
        );
        assert_eq!(
            c.hyper,
            Hyper {
                beta: 0.5,
                alpha: 0.9,
                beta1: 0.0,
                beta2: 0.99,
                eps: Some(1e-6)
            }
        );
        let e = |o: &[(&str, &str)]| Config::from_options(o).unwrap_err().to_string();
        assert!(e(&[("data-beta", "1")]).contains("data-beta=\"1\" is out of range"));
        assert!(e(&[("data-beta2", "-0.1")]).contains("at least 0 and below 1"));
        assert!(e(&[("data-eps", "0")]).contains("ε (Adagrad, RMSprop, Adam) must be above 0"));
        assert!(e(&[("data-alpha", "x")]).contains("data-alpha"));
        assert!(e(&[("data-paths", "gd,newton")]).contains(
            "is not one of: gd, coordinate, sign, momentum, nesterov, adagrad, rmsprop, adam"
        ));
        // Only what differs from PyTorch's defaults goes into a link.
        let race = Race::new(c);
        let url: Vec<&str> = race.url_options().iter().map(|(k, _)| *k).collect();
        assert!(url.ends_with(&["beta", "alpha", "beta1", "beta2", "eps"]));
        let plain: Vec<&str> = Config::default()
            .url_options(0)
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert!(!plain.contains(&"beta"));
    }

    #[test]
    fn a_group_member_follows_the_run() {
        let mut lead = Race::new(Config::default());
        let mut other = Race::new(Config::default());
        for _ in 0..7 {
            lead.step();
        }
        lead.toggle(7);
        lead.toggle(0);
        assert!(other.sync(&lead.now()));
        assert_eq!(other.state("x"), lead.state("x"));
        assert!(!other.sync(&lead.now()), "nothing new");
        lead.reset();
        lead.step();
        assert!(other.sync(&lead.now()));
        assert_eq!(other.state("x"), lead.state("x"));
        assert!(lead.set_lr(0.01));
        assert!(other.sync(&lead.now()));
        assert_eq!(other.config(), lead.config());
    }

    #[test]
    fn the_kept_state_text_is_the_state_written_whole() {
        use super::super::json::to_string;
        let mut race = Race::new(Config {
            enabled: [true, true, true, true, false, false, true, false],
            ..Config::default()
        });
        let same = |race: &Race| {
            assert_eq!(
                to_string(&race.state_json("trajectory")),
                to_string(&race.state("trajectory")),
                "at iteration {}",
                race.iter()
            );
        };
        same(&race);
        for i in 0..60 {
            race.step();
            if i % 7 == 0 {
                same(&race);
            }
            if i == 20 {
                race.toggle(2);
            }
            if i == 30 {
                race.toggle(5);
            }
            if i == 40 {
                race.set_lr(0.5);
            }
        }
        same(&race);
        // A run that diverges: its key in "diverged", its lists as far as they went.
        race.set_lr(40.0);
        race.run_to_end();
        assert!(to_string(&race.state("trajectory")).contains("diverged"));
        same(&race);
        race.reset();
        same(&race);
    }
}
