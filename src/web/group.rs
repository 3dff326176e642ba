//! Linked widgets: every widget with the same `data-group` shares one model, and a change
//! made in any of them redraws all of them. Widgets without a group get a model of their own.

use super::shell::FrameLoop;
use crate::figures::contour::Config;
use crate::figures::training::TrainingRun;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// What the widgets of one group share.
pub struct Group {
    /// The training run of `mlp` and `loss-slice`, once a widget that needs one has joined.
    pub run: RefCell<Option<TrainingRun>>,
    /// The function and point of `contour`, `sinusoid` and `norms`, once one has joined.
    pub point: RefCell<Option<Config>>,
    frames: RefCell<Vec<Weak<FrameLoop>>>,
}

thread_local! {
    static GROUPS: RefCell<HashMap<String, Rc<Group>>> = RefCell::new(HashMap::new());
}

impl Group {
    fn new() -> Rc<Self> {
        Rc::new(Self {
            run: RefCell::new(None),
            point: RefCell::new(None),
            frames: RefCell::new(Vec::new()),
        })
    }

    /// The group named `name`, created on first use; a private group when `name` is `None`
    /// or blank.
    pub fn join(name: Option<String>) -> Rc<Self> {
        match name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) {
            None => Self::new(),
            Some(name) => {
                GROUPS.with(|g| Rc::clone(g.borrow_mut().entry(name).or_insert_with(Self::new)))
            }
        }
    }

    /// Sets the run unless a widget of the group already did (the first widget's options win).
    pub fn init_run(&self, make: impl FnOnce() -> TrainingRun) {
        let mut run = self.run.borrow_mut();
        if run.is_none() {
            *run = Some(make());
        }
    }

    /// Sets the shared point unless a widget of the group already did; returns the point in force.
    pub fn init_point(&self, config: Config) -> Config {
        let mut point = self.point.borrow_mut();
        point.get_or_insert(config).clone()
    }

    /// The shared point, if any widget set one.
    pub fn current_point(&self) -> Option<Config> {
        self.point.try_borrow().ok().and_then(|p| p.clone())
    }

    /// Moves the shared point and redraws the group (no-op if unchanged).
    pub fn set_point(&self, config: Config) {
        let changed = match self.point.try_borrow_mut() {
            Ok(mut p) if p.as_ref() != Some(&config) => {
                *p = Some(config);
                true
            }
            _ => false,
        };
        if changed {
            self.changed();
        }
    }

    /// Redraws `frame`'s widget whenever the group changes.
    pub fn subscribe(&self, frame: &Rc<FrameLoop>) {
        let mut frames = self.frames.borrow_mut();
        frames.retain(|f| f.strong_count() > 0);
        frames.push(Rc::downgrade(frame));
    }

    /// Asks every widget of the group for a redraw.
    pub fn changed(&self) {
        let frames: Vec<Rc<FrameLoop>> = self
            .frames
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for f in frames {
            f.request();
        }
    }

    /// Runs `f` on the shared training run, if there is one, then redraws the group.
    pub fn update_run(&self, f: impl FnOnce(&mut TrainingRun)) {
        let done = match self.run.try_borrow_mut() {
            Ok(mut run) => run.as_mut().map(f).is_some(),
            Err(_) => false,
        };
        if done {
            self.changed();
        }
    }
}
