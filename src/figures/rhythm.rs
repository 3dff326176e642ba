//! When a frame writes `data-state` (and dispatches `gdviz-change`): at once for anything
//! the reader or the page did, at most every [`STATE_INTERVAL_MS`] while a motion runs on its
//! own, and at once again when the motion stops. Serialising a long run's state (a
//! 1,000-iteration race is 270 KB of JSON) every frame would make each frame cost O(run
//! length); this keeps it to a few writes a second, and the state a script reads during a
//! motion at most about [`STATE_INTERVAL_MS`] old. Pure, with the clock passed in: the web
//! host (`src/web/host.rs`) asks it once per frame.

/// The least time between two writes of `data-state` during a motion, milliseconds.
pub const STATE_INTERVAL_MS: f64 = 100.0;

/// Why a frame runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The reader or the page asked for it: a pointer, a key, a control, an action called
    /// from script, a resize, a theme, the widget coming into view, a group member's change
    /// made by the reader, or the frame after a motion stopped (its tick changed nothing).
    Other,
    /// Only a motion moved it on: its own tick (Play, Train, a sweep) or a group member's.
    Motion,
    /// A motion waiting for its next step: nothing changed and nothing is drawn.
    Waiting,
}

/// The rhythm of one widget's `data-state` writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateRhythm {
    /// The clock at the last write.
    last: Option<f64>,
    /// A frame since the last write skipped its state: what is written is behind.
    owed: bool,
    /// The widget was moving in the last frame built ([`super::widget::Ui::moving`]).
    moving: bool,
}

impl StateRhythm {
    /// Whether the frame at clock `now` (milliseconds) for `cause` writes `data-state`,
    /// decided before its [`super::widget::Ui`] is built (so a frame that does not write it
    /// does not serialise it either).
    #[must_use]
    pub fn wants(&self, now: f64, cause: Cause) -> bool {
        match cause {
            Cause::Other => true,
            Cause::Motion => !self.recent(now),
            Cause::Waiting => self.owed && !self.recent(now),
        }
    }

    /// True if the frame built without its state must build it after all: the widget moved
    /// in the last frame and does not any more (this frame's tick ended or paused the
    /// motion), so the final state is written in the frame that shows it.
    #[must_use]
    pub fn stopped(&self, wrote: bool, moving: bool) -> bool {
        !wrote && self.moving && !moving
    }

    /// The frame at `now` was built: `wrote` whether it wrote its state, `moving` whether a
    /// motion runs ([`super::widget::Ui::moving`]). True if the motion stopped in this frame
    /// (it was moving and is not): the host then tells the widget's group, whose members
    /// write their final state too.
    pub fn built(&mut self, now: f64, wrote: bool, moving: bool) -> bool {
        if wrote {
            self.last = Some(now);
            self.owed = false;
        } else {
            self.owed = true;
        }
        std::mem::replace(&mut self.moving, moving) && !moving
    }

    /// True if a frame since the last write skipped its state.
    #[must_use]
    pub fn owed(&self) -> bool {
        self.owed
    }

    /// True if the last write was less than [`STATE_INTERVAL_MS`] before `now`. A clock that
    /// is not a number (no `performance`), or one that went back, never holds a write back.
    fn recent(&self, now: f64) -> bool {
        self.last
            .is_some_and(|t| now.is_finite() && now >= t && now - t < STATE_INTERVAL_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame as the host runs it: wants, build (moving as given), stopped, built. Returns
    /// whether it wrote.
    fn frame(r: &mut StateRhythm, now: f64, cause: Cause, moving: bool) -> bool {
        let mut wrote = r.wants(now, cause);
        if r.stopped(wrote, moving) {
            wrote = true;
        }
        r.built(now, wrote, moving);
        wrote
    }

    #[test]
    fn a_motion_at_60_fps_writes_at_most_every_100_ms() {
        let mut r = StateRhythm::default();
        // Play is a click: written at once.
        assert!(frame(&mut r, 0.0, Cause::Other, true));
        let mut writes = vec![0.0];
        for k in 1..=60 {
            let now = f64::from(k) * 16.7;
            if frame(&mut r, now, Cause::Motion, true) {
                writes.push(now);
            }
        }
        // One second of frames: every 6th is written (6 frames are 100.2 ms), 11 in all.
        for w in writes.windows(2) {
            assert!(w[1] - w[0] >= STATE_INTERVAL_MS, "{writes:?}");
            assert!(w[1] - w[0] <= STATE_INTERVAL_MS + 16.7, "{writes:?}");
        }
        assert!((9..=11).contains(&writes.len()), "{writes:?}");
        assert!(r.owed() || writes.last() == Some(&(60.0 * 16.7)));
    }

    #[test]
    fn the_reader_acting_during_a_motion_writes_at_once() {
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, 0.0, Cause::Other, true));
        assert!(!frame(&mut r, 16.7, Cause::Motion, true));
        // A toggle clicked, a key, a resize: the next frame writes, 33 ms after the last.
        assert!(frame(&mut r, 33.4, Cause::Other, true));
        assert!(!r.owed());
        // And the interval runs from there.
        assert!(!frame(&mut r, 50.1, Cause::Motion, true));
        assert!(frame(&mut r, 133.6, Cause::Motion, true));
    }

    #[test]
    fn a_motion_that_ends_or_pauses_writes_in_the_frame_that_shows_it() {
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, 0.0, Cause::Other, true));
        assert!(!frame(&mut r, 16.7, Cause::Motion, true));
        // The last step: the tick moved it and the motion stopped (Play shows again).
        assert!(!r.wants(33.4, Cause::Motion));
        assert!(r.stopped(false, false));
        assert!(r.built(33.4, true, false), "the group is told");
        // The frame after (its tick changed nothing) is an ordinary one.
        assert!(frame(&mut r, 50.1, Cause::Other, false));
        assert!(!r.stopped(false, false));
    }

    #[test]
    fn a_follower_writes_behind_a_motion_it_only_shows() {
        // A group member another member's motion moves: never moving itself, it writes at the
        // rhythm, and at once when the group tells it the motion stopped (an Other frame).
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, 0.0, Cause::Other, false));
        let writes = (1..=13)
            .filter(|&k| frame(&mut r, f64::from(k) * 16.7, Cause::Motion, false))
            .count();
        assert_eq!(writes, 2);
        assert!(r.owed());
        assert!(frame(&mut r, 14.0 * 16.7, Cause::Other, false));
    }

    #[test]
    fn a_waiting_motion_writes_what_it_owes_once_the_interval_is_over() {
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, 0.0, Cause::Other, true));
        // A step 60 ms later is held back; frames wait for the next step, 250 ms on.
        assert!(!frame(&mut r, 60.0, Cause::Motion, true));
        assert!(!r.wants(83.0, Cause::Waiting));
        assert!(r.wants(100.0, Cause::Waiting));
        assert!(frame(&mut r, 100.0, Cause::Waiting, true));
        // Nothing owed: waiting frames write nothing.
        assert!(!r.wants(300.0, Cause::Waiting));
        // Steps slower than the interval are each written.
        assert!(frame(&mut r, 350.0, Cause::Motion, true));
        assert!(frame(&mut r, 600.0, Cause::Motion, true));
    }

    #[test]
    fn without_a_clock_every_frame_writes() {
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, f64::NAN, Cause::Other, true));
        assert!(frame(&mut r, f64::NAN, Cause::Motion, true));
        // A clock that went back (another page's timeline) does not hold writes back.
        let mut r = StateRhythm::default();
        assert!(frame(&mut r, 500.0, Cause::Other, true));
        assert!(frame(&mut r, 10.0, Cause::Motion, true));
    }
}
