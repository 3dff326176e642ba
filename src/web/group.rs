//! Linked widgets: every widget with the same `data-group` shares one model (a function and
//! point, a training run), and a change made in any of them redraws all of them.
//!
//! Precedence, defined here once: the first widget of a group to mount sets each shared value
//! from its own options; a widget that joins later takes the group's values over its own
//! options (see [`crate::figures::widget::Widget::join`]). Widgets without a group share
//! nothing.

use super::frame::FrameLoop;
use crate::figures::model::Shared;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::mem::discriminant;
use std::rc::{Rc, Weak};

/// What the widgets of one group share.
pub struct Group {
    /// Each value with the member that published it and the version it was published at.
    values: RefCell<Vec<(Shared, u64, u64)>>,
    /// Bumped by every change, so a member knows whether it has taken the latest.
    version: Cell<u64>,
    frames: RefCell<Vec<Weak<FrameLoop>>>,
}

thread_local! {
    static GROUPS: RefCell<HashMap<String, Rc<Group>>> = RefCell::new(HashMap::new());
    static MEMBERS: Cell<u64> = const { Cell::new(0) };
}

/// A new member's id, naming what it publishes (so it is never handed its own value back).
pub fn new_member() -> u64 {
    MEMBERS.with(|m| {
        m.set(m.get() + 1);
        m.get()
    })
}

impl Group {
    /// The group named `name`, created on first use; `None` when `name` is absent or blank.
    pub fn join(name: Option<String>) -> Option<Rc<Self>> {
        let name = name
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())?;
        Some(GROUPS.with(|g| {
            Rc::clone(g.borrow_mut().entry(name).or_insert_with(|| {
                Rc::new(Self {
                    values: RefCell::new(Vec::new()),
                    version: Cell::new(0),
                    frames: RefCell::new(Vec::new()),
                })
            }))
        }))
    }

    /// Every shared value, oldest first (what a member takes when it joins: where one value
    /// is derived from another, a `trajectory`'s run from a `momentum-map`'s setting, the
    /// newer one is taken last and wins).
    pub fn values(&self) -> Vec<Shared> {
        self.newer(0, 0)
    }

    /// The values published since version `since` by members other than `me`, oldest first.
    /// A member takes only these: never a value it has taken before (a copy still held that
    /// it has moved on from would undo its change), nor its own.
    pub fn newer(&self, me: u64, since: u64) -> Vec<Shared> {
        let Ok(values) = self.values.try_borrow() else {
            return Vec::new();
        };
        let mut out: Vec<&(Shared, u64, u64)> = values
            .iter()
            .filter(|(_, from, at)| *from != me && *at > since)
            .collect();
        out.sort_by_key(|(_, _, at)| *at);
        out.into_iter().map(|(s, _, _)| s.clone()).collect()
    }

    /// The version of the values.
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// True if the group already holds a value of `value`'s kind.
    pub fn has(&self, value: &Shared) -> bool {
        self.values
            .borrow()
            .iter()
            .any(|(v, _, _)| discriminant(v) == discriminant(value))
    }

    /// Replaces the value of `value`'s kind with member `from`'s and redraws the group
    /// (nothing happens if an equal point or run is already there). `motion`: a motion's tick
    /// changed it, not the reader (the members' `data-state` then follows the motion's
    /// rhythm).
    pub fn publish(&self, value: Shared, from: u64, motion: bool) {
        {
            let Ok(mut values) = self.values.try_borrow_mut() else {
                return;
            };
            let at = self.version.get() + 1;
            match values
                .iter_mut()
                .find(|(v, _, _)| discriminant(v) == discriminant(&value))
            {
                Some((Shared::Point(old), _, _)) if matches!(&value, Shared::Point(new) if new == old) =>
                {
                    return;
                }
                Some((Shared::Race(old), _, _)) if matches!(&value, Shared::Race(new) if new == old) =>
                {
                    return;
                }
                Some((Shared::Momentum(old), _, _)) if matches!(&value, Shared::Momentum(new) if new == old) =>
                {
                    return;
                }
                Some((Shared::Direction(old), _, _)) if matches!(&value, Shared::Direction(new) if new == old) =>
                {
                    return;
                }
                Some(slot) => *slot = (value, from, at),
                None => values.push((value, from, at)),
            }
        }
        self.version.set(self.version.get() + 1);
        let frames: Vec<Rc<FrameLoop>> = self
            .frames
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for f in frames {
            if motion {
                f.request_motion();
            } else {
                f.request();
            }
        }
    }

    /// True if the reader can see any member of the group: a member's motion (training that
    /// another member shows) goes on while any of them is seen.
    pub fn any_showing(&self) -> bool {
        self.frames
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .any(|f| f.showing())
    }

    /// Asks every member for a frame (one came into view: a member off screen that runs a
    /// motion goes on).
    pub fn wake(&self) {
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

    /// Asks every member but `me` for a frame that writes its `data-state` at once (`me`'s
    /// motion stopped: the others write the final state it left them).
    pub fn settle(&self, me: &Rc<FrameLoop>) {
        let frames: Vec<Rc<FrameLoop>> = self
            .frames
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .filter(|f| !Rc::ptr_eq(f, me))
            .collect();
        for f in frames {
            f.request();
        }
    }

    /// Redraws `frame`'s widget whenever the group changes (until the frame loop is dropped).
    pub fn subscribe(&self, frame: &Rc<FrameLoop>) {
        let mut frames = self.frames.borrow_mut();
        frames.retain(|f| f.strong_count() > 0);
        frames.push(Rc::downgrade(frame));
    }
}
