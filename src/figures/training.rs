//! The training run shared by the `mlp` and `loss-slice` widgets: the tiny network, its one
//! example, the learning rate, and the steps taken so far. Widgets in one `data-group` share
//! one run, so a step pressed in one is seen by the other.

use super::format::sig;
use super::json::{Fields, Json, ListCache, Object};
use super::motion::{Player, Stop};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::widget::{Env, Outcome};
use crate::math::mlp::{Network, Step};
use std::cell::RefCell;

/// Number of weights of the 1→3→1 network.
pub const WEIGHTS: usize = 6;

/// Names of the weights in the article's order, for labels.
pub const WEIGHT_NAMES: [&str; WEIGHTS] = ["w₁⁽¹⁾", "w₂⁽¹⁾", "w₃⁽¹⁾", "w₁⁽²⁾", "w₂⁽²⁾", "w₃⁽²⁾"];

/// The options of a run: `data-x`, `data-target`, `data-lr`, `data-weights`.
#[derive(Clone, Debug, PartialEq)]
pub struct RunConfig {
    /// The training input.
    pub x: f64,
    /// The target y*.
    pub target: f64,
    /// The learning rate η (≥ 0).
    pub lr: f64,
    /// w₁⁽¹⁾, w₂⁽¹⁾, w₃⁽¹⁾, w₁⁽²⁾, w₂⁽²⁾, w₃⁽²⁾.
    pub weights: [f64; WEIGHTS],
    /// SGD steps taken at once when the run starts (`data-steps`, to reopen a shared view).
    pub steps: usize,
}

impl Default for RunConfig {
    /// The article's worked example.
    fn default() -> Self {
        let net = Network::article();
        let mut weights = [0.0; WEIGHTS];
        weights.copy_from_slice(&net.flat());
        Self {
            x: 2.0,
            target: 1.0,
            lr: 0.1,
            weights,
            steps: 0,
        }
    }
}

/// Checks a learning rate: finite and not negative (a negative rate climbs the loss).
///
/// # Errors
/// [`OptionErrorKind::OutOfRange`] for a negative rate.
pub fn check_lr(key: &str, raw: &str, lr: f64) -> Result<f64, OptionError> {
    if lr < 0.0 {
        return Err(OptionError::new(
            key,
            raw,
            OptionErrorKind::OutOfRange("the learning rate must be 0 or more".to_owned()),
        ));
    }
    Ok(lr)
}

/// Parses six comma-separated weights.
///
/// # Errors
/// A count other than six, or an entry that is not a finite number.
pub fn parse_weights(key: &str, raw: &str) -> Result<[f64; WEIGHTS], OptionError> {
    let parts: Vec<&str> = raw.split(',').collect();
    if parts.len() != WEIGHTS {
        return Err(OptionError::new(
            key,
            raw,
            OptionErrorKind::OutOfRange(format!(
                "it needs {WEIGHTS} comma-separated numbers (w₁⁽¹⁾, w₂⁽¹⁾, w₃⁽¹⁾, w₁⁽²⁾, w₂⁽²⁾, w₃⁽²⁾), not {}",
                parts.len()
            )),
        ));
    }
    let mut out = [0.0; WEIGHTS];
    for (o, part) in out.iter_mut().zip(parts) {
        *o = options::parse_number(key, part).map_err(|e| OptionError {
            value: raw.to_owned(),
            ..e
        })?;
    }
    Ok(out)
}

impl RunConfig {
    /// Reads the options, falling back to the article's values.
    ///
    /// # Errors
    /// The first unusable option, with the attribute and its value.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let d = Self::default();
        let x = options::number(opts, "data-x", d.x)?;
        let target = options::number(opts, "data-target", d.target)?;
        let lr = options::number(opts, "data-lr", d.lr)?;
        let lr = check_lr("data-lr", &opts.get("data-lr").unwrap_or_default(), lr)?;
        let weights = match opts.get("data-weights") {
            Some(raw) => parse_weights("data-weights", &raw)?,
            None => d.weights,
        };
        let steps = steps_option(opts)?;
        let config = Self {
            x,
            target,
            lr,
            weights,
            steps,
        };
        if !TrainingRun::new(config.clone()).start_is_finite() {
            let (key, raw) = ["data-x", "data-target", "data-weights"]
                .into_iter()
                .find_map(|k| opts.get(k).map(|v| (k, v)))
                .unwrap_or(("data-x", String::new()));
            return Err(OptionError::new(
                key,
                &raw,
                OptionErrorKind::OutOfRange(
                    "with these values the loss at the start overflows".to_owned(),
                ),
            ));
        }
        Ok(config)
    }
}

/// Reads `data-steps`: a whole number of steps from 0 to 10 000.
///
/// # Errors
/// Anything else, named.
pub fn steps_option(opts: &(impl Options + ?Sized)) -> Result<usize, OptionError> {
    let v = options::number(opts, "data-steps", 0.0)?;
    if v.fract() != 0.0 || !(0.0..=10_000.0).contains(&v) {
        return Err(OptionError::new(
            "data-steps",
            &opts.get("data-steps").unwrap_or_default(),
            OptionErrorKind::OutOfRange("a whole number of steps from 0 to 10000".to_owned()),
        ));
    }
    Ok(v as usize)
}

/// Which weights the other four are held at on the loss slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceAt {
    /// Where the last step started (the article's picture).
    StepStart,
    /// The current weights.
    Current,
}

/// A run of SGD on one example.
#[derive(Clone, Debug)]
pub struct TrainingRun {
    initial: RunConfig,
    /// The training input.
    pub x: f64,
    /// The target.
    pub target: f64,
    /// The learning rate.
    pub lr: f64,
    net: Network,
    losses: Vec<f64>,
    last: Option<Step>,
    diverged_at: Option<usize>,
    /// The weights the current run started from.
    start: [f64; WEIGHTS],
    /// Which weights the loss slice holds.
    pub slice_at: SliceAt,
    /// True while a widget of the group trains the run (*Train*): the others show it and
    /// keep quiet, and a press of their own *Train* or *Pause* stops it.
    pub training: bool,
    /// See [`TrainingRun::generation`].
    generation: u64,
    /// The losses as JSON text, written as they grow.
    json: RefCell<ListCache>,
}

/// What `data-state` reports for `mlp`.
#[derive(Clone, Debug, PartialEq)]
pub struct MlpState {
    /// Always `"mlp"`.
    pub kind: &'static str,
    /// Steps taken.
    pub step: usize,
    /// The input.
    pub x: f64,
    /// The target.
    pub target: f64,
    /// The learning rate.
    pub lr: f64,
    /// The current weights.
    pub weights: Vec<f64>,
    /// The prediction at the current weights.
    pub yhat: f64,
    /// The loss at the current weights.
    pub loss: f64,
    /// The gradient at the current weights; `null` if it overflows (see `error`).
    pub grad: Option<Vec<f64>>,
    /// The loss after each step, starting with step 0.
    pub losses: Vec<f64>,
    /// The step at which a number overflowed, if it did.
    pub diverged_at: Option<usize>,
    /// Why the run stopped, when it did.
    pub error: Option<String>,
}

impl Fields for MlpState {
    fn fields(&self, o: &mut Object<'_>) {
        self.fields_with(&self.losses, o);
    }
}

impl MlpState {
    /// The fields, `losses` written in place of [`MlpState::losses`].
    fn fields_with(&self, losses: &dyn Json, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("step", &self.step)
            .field("x", &self.x)
            .field("target", &self.target)
            .field("lr", &self.lr)
            .field("weights", &self.weights)
            .field("yhat", &self.yhat)
            .field("loss", &self.loss)
            .field("grad", &self.grad)
            .field("losses", losses)
            .some("diverged_at", &self.diverged_at)
            .some("error", &self.error);
    }
}

/// `mlp`'s `data-state` written from the run's kept text of its losses (see
/// [`TrainingRun::state_json`]).
pub struct MlpStateJson<'a> {
    state: MlpState,
    run: &'a TrainingRun,
}

impl Fields for MlpStateJson<'_> {
    fn fields(&self, o: &mut Object<'_>) {
        let run = self.run;
        run.json
            .borrow_mut()
            .with(run.generation, &run.losses, |raw| {
                self.state.fields_with(&raw, o);
            });
    }
}

impl TrainingRun {
    /// A run at step 0.
    #[must_use]
    pub fn new(config: RunConfig) -> Self {
        let net = Network::from_flat(&config.weights).unwrap_or_else(Network::article);
        let mut run = Self {
            x: config.x,
            target: config.target,
            lr: config.lr,
            net,
            losses: Vec::new(),
            last: None,
            diverged_at: None,
            start: config.weights,
            slice_at: SliceAt::StepStart,
            training: false,
            initial: config,
            generation: 0,
            json: RefCell::default(),
        };
        run.restart();
        for _ in 0..run.initial.steps {
            if !run.step() {
                break;
            }
        }
        run
    }

    fn restart(&mut self) {
        self.start = self.weights();
        let loss = self.net.loss(self.x, self.target);
        self.losses = vec![loss];
        self.last = None;
        self.diverged_at = if loss.is_finite() { None } else { Some(0) };
        self.generation = super::new_generation();
    }

    /// Changes whenever the run starts again, never while it only grows (see
    /// [`new_generation`](super::new_generation)).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The current network.
    #[must_use]
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Steps taken since the run (re)started.
    #[must_use]
    pub fn step_count(&self) -> usize {
        self.losses.len() - 1
    }

    /// The loss after each step, from step 0.
    #[must_use]
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// The last step taken, with every intermediate.
    #[must_use]
    pub fn last_step(&self) -> Option<&Step> {
        self.last.as_ref()
    }

    /// The step the next press of "Step SGD" would take, computed at the current weights.
    #[must_use]
    pub fn next_step(&self) -> Step {
        self.net.sgd_step(self.x, self.target, self.lr)
    }

    /// False if the loss at the current weights is already not finite (the values are so
    /// large that it overflows); widgets refuse such values.
    #[must_use]
    pub fn start_is_finite(&self) -> bool {
        self.losses.last().is_some_and(|l| l.is_finite())
    }

    /// The step at which the run diverged (a number overflowed), if it did.
    #[must_use]
    pub fn diverged_at(&self) -> Option<usize> {
        self.diverged_at
    }

    /// Takes one SGD step. A step that would produce a non-finite number is not applied: the
    /// run stops and reports the step at which it diverged. Returns true if a step was taken.
    pub fn step(&mut self) -> bool {
        if self.diverged_at.is_some() {
            return false;
        }
        let s = self.next_step();
        if s.diverged() {
            self.diverged_at = Some(self.step_count() + 1);
            return false;
        }
        self.net = s.after.clone();
        self.losses.push(s.loss_after);
        self.last = Some(s);
        true
    }

    /// Returns to the configured start (the page's options).
    pub fn reset(&mut self) {
        *self = Self {
            slice_at: self.slice_at,
            ..Self::new(self.initial.clone())
        };
    }

    /// Sets all six weights and restarts the run from them.
    pub fn set_weights(&mut self, weights: &[f64; WEIGHTS]) {
        if let Some(net) = Network::from_flat(weights) {
            self.net = net;
            self.restart();
        }
    }

    /// Sets one weight (index in the article's order) and restarts the run from there.
    pub fn set_weight(&mut self, index: usize, value: f64) {
        let mut w = self.weights();
        if index < WEIGHTS {
            w[index] = value;
            self.set_weights(&w);
        }
    }

    /// Sets the example (x, y*) and restarts the run: the loss surface itself changed.
    pub fn set_example(&mut self, x: f64, target: f64) {
        self.x = x;
        self.target = target;
        self.restart();
    }

    /// Sets the learning rate for the steps to come; a run stopped by divergence may go on.
    /// A run has one learning rate: setting it starts a new run from the current weights (so
    /// a run is always reproduced by its start, example, rate and step count).
    pub fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
        self.restart();
    }

    /// The options that reopen this run exactly: the start of the current run, the example,
    /// the rate and the number of steps, as `data-*` option names without the prefix.
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        let w: Vec<String> = self.start.iter().map(f64::to_string).collect();
        vec![
            ("x", self.x.to_string()),
            ("target", self.target.to_string()),
            ("lr", self.lr.to_string()),
            ("weights", w.join(",")),
            ("steps", self.step_count().to_string()),
        ]
    }

    /// The current weights in the article's order.
    #[must_use]
    pub fn weights(&self) -> [f64; WEIGHTS] {
        let mut w = [0.0; WEIGHTS];
        w.copy_from_slice(&self.net.flat());
        w
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn mlp_state(&self) -> MlpState {
        MlpState {
            losses: self.losses.clone(),
            ..self.state_without_losses()
        }
    }

    /// [`TrainingRun::mlp_state`] written as the same JSON from kept text of the losses:
    /// a frame writes only the losses added since.
    #[must_use]
    pub fn state_json(&self) -> MlpStateJson<'_> {
        MlpStateJson {
            state: self.state_without_losses(),
            run: self,
        }
    }

    fn state_without_losses(&self) -> MlpState {
        let fwd = self.net.forward(self.x, self.target);
        let grad = self.net.backward(&fwd, self.x, self.target).gradient();
        let grad = grad.iter().all(|g| g.is_finite()).then_some(grad);
        MlpState {
            kind: "mlp",
            step: self.step_count(),
            x: self.x,
            target: self.target,
            lr: self.lr,
            weights: self.net.flat(),
            yhat: fwd.yhat,
            loss: fwd.loss,
            grad,
            losses: Vec::new(),
            diverged_at: self.diverged_at,
            error: self.diverged_at.map(|k| {
                format!("the run diverged at step {k}: a number overflowed, so the step was not applied")
            }),
        }
    }

    /// The six weights the loss slice holds (its two axes are overwritten by the slice).
    #[must_use]
    pub fn slice_base(&self) -> [f64; WEIGHTS] {
        match (&self.last, self.slice_at) {
            (Some(step), SliceAt::StepStart) => {
                let mut w = [0.0; WEIGHTS];
                w.copy_from_slice(&step.before.flat());
                w
            }
            _ => self.weights(),
        }
    }
}

/// *Train* stops once the loss is below this.
pub const TRAIN_BOUND: f64 = 1e-12;
/// *Train* stops after this many steps, at any loss.
pub const TRAIN_LIMIT: usize = 1000;
/// The first [`TRAIN_SLOW`] steps of *Train* come this far apart, milliseconds, so the
/// reader sees the loss fall step by step; after them, one step per frame.
pub const TRAIN_STEP_MS: f64 = 150.0;
/// How many steps of *Train* are paced at [`TRAIN_STEP_MS`].
pub const TRAIN_SLOW: usize = 20;

/// *Train* for `mlp` and `loss-slice`: SGD steps until the loss is below [`TRAIN_BOUND`],
/// [`TRAIN_LIMIT`] steps, divergence, or Pause.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Trainer {
    player: Player,
    /// Steps taken since Train was pressed.
    taken: usize,
    /// How the last training stopped (for its one announcement).
    stopped: Option<Stop>,
}

impl Trainer {
    /// True while training.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// Train or Pause. A run already below the bound, or diverged, starts again from its
    /// start. Under reduced motion every step is taken at once. When another widget of the
    /// group is training the run, this stops it.
    pub fn toggle(&mut self, run: &mut TrainingRun, env: &Env<'_>) {
        if self.player.playing() || run.training {
            self.stop(run, Stop::Paused);
            return;
        }
        if run.diverged_at().is_some() || Self::below(run) {
            run.reset();
        }
        self.taken = 0;
        self.stopped = None;
        if (env.reduced_motion)() {
            let why = loop {
                if let Some(why) = self.step(run) {
                    break why;
                }
            };
            self.stop(run, why);
        } else {
            self.player.play();
            run.training = true;
        }
    }

    /// The reader did something else to the run (a step, a reset, an edit): training stops
    /// (and is said to have paused only if it was running).
    pub fn take_over(&mut self, run: &mut TrainingRun) {
        if self.player.playing() || run.training {
            self.stop(run, Stop::Paused);
        } else {
            self.stopped = None;
        }
    }

    /// The widget is going away: if it was training, the run stops (true: the group must be
    /// told, or its other members would show a training that no one runs).
    pub fn stop_here(&mut self, run: &mut TrainingRun) -> bool {
        let was = self.player.playing();
        if was {
            self.stop(run, Stop::Paused);
        }
        was
    }

    /// The group's run arrived: if this widget was training and another member stopped it,
    /// it stops too, quietly (the member that stopped it says so). Either way its last
    /// message is over: the run has moved on.
    pub fn received(&mut self, run: &TrainingRun) {
        if self.player.playing() && !run.training {
            self.player.pause();
        }
        self.stopped = None;
    }

    /// True while the run trains, here or in another widget of the group.
    #[must_use]
    pub fn training(&self, run: &TrainingRun) -> bool {
        self.player.playing() || run.training
    }

    /// The steps due this frame: [`Outcome::Shared`] if one was taken, else
    /// [`Outcome::Waiting`] (or [`Outcome::Ignored`] when not training).
    pub fn tick(&mut self, run: &mut TrainingRun, env: &Env<'_>) -> Outcome {
        if !self.player.playing() {
            return Outcome::Ignored;
        }
        let interval = if self.taken < TRAIN_SLOW {
            TRAIN_STEP_MS
        } else {
            0.0
        };
        if self.player.due((env.now)(), interval) == 0 {
            return Outcome::Waiting;
        }
        if let Some(why) = self.step(run) {
            self.stop(run, why);
        }
        Outcome::Shared
    }

    fn below(run: &TrainingRun) -> bool {
        run.losses().last().is_some_and(|&l| l < TRAIN_BOUND)
    }

    /// One step; `Some` with why training ends, if it does.
    fn step(&mut self, run: &mut TrainingRun) -> Option<Stop> {
        if !run.step() {
            return Some(Stop::Diverged);
        }
        self.taken += 1;
        if Self::below(run) {
            Some(Stop::Done)
        } else if self.taken >= TRAIN_LIMIT {
            Some(Stop::Limit)
        } else {
            None
        }
    }

    fn stop(&mut self, run: &mut TrainingRun, why: Stop) {
        self.player.pause();
        run.training = false;
        self.stopped = Some(why);
    }

    /// What to announce: once when training starts, once when it stops.
    #[must_use]
    pub fn said(&self, run: &TrainingRun) -> Option<String> {
        let k = run.step_count();
        let loss = run.losses().last().copied().unwrap_or(f64::NAN);
        if self.player.playing() {
            return Some(format!(
                "Training: SGD steps until the loss is below 10⁻¹², {TRAIN_LIMIT} steps, or divergence."
            ));
        }
        Some(match self.stopped? {
            Stop::Paused => format!("Training paused at step {k}; the loss is {}.", sig(loss, 6)),
            Stop::Done => format!(
                "Trained: the loss fell below 10⁻¹² at step {k} ({}).",
                sig(loss, 4)
            ),
            Stop::Limit => format!(
                "Training stopped after {TRAIN_LIMIT} steps at step {k}; the loss is {}.",
                sig(loss, 6)
            ),
            Stop::Diverged => format!(
                "Training stopped: the run diverged at step {}. Lower η or press Reset.",
                run.diverged_at().unwrap_or(k)
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_with_defaults_and_errors() {
        let none: &[(&str, &str)] = &[];
        assert_eq!(RunConfig::from_options(none), Ok(RunConfig::default()));
        let c =
            RunConfig::from_options(&[("data-lr", "0.05"), ("data-weights", "1, 2,3,4,5 , 6")][..])
                .unwrap();
        assert_eq!((c.lr, c.weights), (0.05, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
        let e = RunConfig::from_options(&[("data-weights", "1,2,3")][..]).unwrap_err();
        assert!(
            e.to_string().contains("needs 6 comma-separated numbers")
                && e.to_string().contains("not 3"),
            "{e}"
        );
        let e = RunConfig::from_options(&[("data-weights", "1,2,x,4,5,6")][..]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data-weights=\"1,2,x,4,5,6\" is not a number"
        );
        let e = RunConfig::from_options(&[("data-lr", "-0.1")][..]).unwrap_err();
        assert!(e.to_string().contains("must be 0 or more"));
        let e = RunConfig::from_options(&[("data-target", "1e400")][..]).unwrap_err();
        assert_eq!(e.kind, OptionErrorKind::NotFinite);
        let e = RunConfig::from_options(&[("data-x", "1e200")][..]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data-x=\"1e200\" is out of range: with these values the loss at the start overflows"
        );
    }

    #[test]
    fn steps_reset_and_edits() {
        let mut run = TrainingRun::new(RunConfig::default());
        assert_eq!(run.step_count(), 0);
        assert!(run.step());
        let w = run.weights();
        for (got, want) in w.iter().zip([0.5448, -0.3, 0.8224, 0.456, -0.6, 0.2896]) {
            assert!((got - want).abs() < 1e-12);
        }
        assert_eq!(run.losses().len(), 2);
        // The slice holds the weights where the step started, unless asked otherwise.
        assert_eq!(run.slice_base(), RunConfig::default().weights);
        run.slice_at = SliceAt::Current;
        assert_eq!(run.slice_base(), w);
        run.reset();
        assert_eq!(
            (run.step_count(), run.weights()),
            (0, RunConfig::default().weights)
        );
        assert_eq!(run.slice_at, SliceAt::Current);
        run.step();
        run.set_weight(3, 1.0);
        assert_eq!(run.step_count(), 0, "editing a weight restarts the run");
        run.set_lr(0.2);
        assert_eq!((run.step_count(), run.lr), (0, 0.2));
    }

    #[test]
    fn url_options_reopen_the_same_run() {
        let mut run = TrainingRun::new(RunConfig::default());
        run.step();
        run.set_lr(0.05);
        run.step();
        run.step();
        let opts: Vec<(String, String)> = run
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        let map: std::collections::HashMap<String, String> = opts.into_iter().collect();
        let again = TrainingRun::new(RunConfig::from_options(&map).unwrap());
        assert_eq!(again.weights(), run.weights());
        assert_eq!(again.mlp_state().loss, run.mlp_state().loss);
        assert_eq!(again.step_count(), 2);
        assert!(RunConfig::from_options(&[("data-steps", "2.5")][..]).is_err());
    }

    #[test]
    fn overflow_stops_the_run_and_says_when() {
        let mut run = TrainingRun::new(RunConfig {
            x: 2e154,
            ..RunConfig::default()
        });
        // ŷ = 0.36x = 7.2e153 and L = 5.2e307 are finite, but ∂L/∂w₃⁽²⁾ = 2ŷ·h₃ = 2.3e308 overflows.
        assert_eq!(run.diverged_at(), None);
        assert!(!run.step());
        assert_eq!(run.diverged_at(), Some(1));
        assert_eq!(run.step_count(), 0, "the overflowing step is not applied");
        assert!(run.losses().iter().all(|l| l.is_finite()));
        assert!(!run.step(), "a diverged run does not step");
        assert_eq!(run.mlp_state().diverged_at, Some(1));
        // A smaller learning rate lets it go on.
        run.set_lr(1e-320);
        assert_eq!(run.diverged_at(), None);
    }

    #[test]
    fn the_kept_state_text_is_the_state_written_whole() {
        use super::super::json::to_string;
        let mut run = TrainingRun::new(RunConfig::default());
        let same = |run: &TrainingRun| {
            assert_eq!(to_string(&run.state_json()), to_string(&run.mlp_state()));
        };
        same(&run);
        for i in 0..40 {
            run.step();
            if i % 9 == 0 {
                same(&run);
            }
        }
        same(&run);
        // Started again at other weights, fewer steps: the text is written anew.
        run.set_weights(&[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
        run.step();
        same(&run);
        run.reset();
        same(&run);
    }
}
