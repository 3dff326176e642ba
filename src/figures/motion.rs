//! Play and Pause for the widgets that animate (`sinusoid`'s θ sweep, `descent-1d`'s steps,
//! `mlp`'s and `loss-slice`'s training): a clock that turns the page's frames into elapsed
//! time, so motion runs at the same speed on a 60 Hz phone and a 144 Hz monitor.
//!
//! The web host ticks a widget only while it is on screen and its tab is shown; when it comes
//! back, [`Player::elapsed`] caps the gap at [`MAX_FRAME_MS`], so nothing jumps ahead.

use super::json::{Fields, Object};

/// The longest time one frame may advance the motion, milliseconds (a frame after a pause
/// off screen, or after a long task, moves on by at most this).
pub const MAX_FRAME_MS: f64 = 100.0;

/// The time a frame is taken to last when the page has no clock, milliseconds.
const NO_CLOCK_MS: f64 = 1000.0 / 60.0;

/// Whether a widget's motion runs, and the time it last advanced.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Player {
    playing: bool,
    /// The clock at the last tick (`None` until the first tick after Play).
    last: Option<f64>,
    /// Time gathered towards the next fixed-interval step, milliseconds.
    banked: f64,
}

/// Why a run stopped by itself, for the one announcement it makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The reader paused it (or moved something).
    Paused,
    /// It reached its goal (converged, or the loss bound).
    Done,
    /// It ran out of steps.
    Limit,
    /// It diverged.
    Diverged,
}

impl Player {
    /// True while the motion runs.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Starts the motion (its clock starts at the next tick).
    pub fn play(&mut self) {
        *self = Self {
            playing: true,
            last: None,
            banked: 0.0,
        };
    }

    /// Stops the motion.
    pub fn pause(&mut self) {
        self.playing = false;
        self.last = None;
    }

    /// The milliseconds to advance by in the frame at clock `now` (0 on the first frame after
    /// Play, at most [`MAX_FRAME_MS`]), or `None` when not playing.
    pub fn elapsed(&mut self, now: f64) -> Option<f64> {
        if !self.playing {
            return None;
        }
        let dt = match (self.last, now.is_finite()) {
            (_, false) => NO_CLOCK_MS,
            (None, true) => 0.0,
            (Some(last), true) => (now - last).clamp(0.0, MAX_FRAME_MS),
        };
        if now.is_finite() {
            self.last = Some(now);
        }
        Some(dt)
    }

    /// How many steps of `interval_ms` each are due in the frame at clock `now`: the first
    /// at once on Play, then one per interval (at most one per frame, so a slow frame never
    /// makes the motion leap). 0 when not playing.
    pub fn due(&mut self, now: f64, interval_ms: f64) -> usize {
        let first = self.playing && self.last.is_none() && self.banked == 0.0;
        let Some(dt) = self.elapsed(now) else {
            return 0;
        };
        if first {
            // Marks the first step as taken: the next comes a whole interval later.
            self.banked = f64::MIN_POSITIVE;
            return 1;
        }
        self.banked += dt;
        if self.banked >= interval_ms {
            self.banked = (self.banked - interval_ms).min(interval_ms);
            1
        } else {
            0
        }
    }
}

/// A widget's `data-state` with `"playing"` added (true while its motion runs).
pub struct WithPlaying<'a, S: Fields> {
    /// The widget's own state.
    pub state: &'a S,
    /// True while Play (or Train) runs.
    pub playing: bool,
}

impl<'a, S: Fields> Fields for WithPlaying<'a, S> {
    fn fields(&self, o: &mut Object<'_>) {
        self.state.fields(o);
        o.field("playing", &self.playing);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_time_is_the_clock_between_frames_capped() {
        let mut p = Player::default();
        assert_eq!(p.elapsed(0.0), None);
        p.play();
        assert_eq!(p.elapsed(1000.0), Some(0.0));
        assert_eq!(p.elapsed(1016.0), Some(16.0));
        // Back on screen after 5 s: one frame's worth at most.
        assert_eq!(p.elapsed(6016.0), Some(MAX_FRAME_MS));
        assert_eq!(p.elapsed(f64::NAN), Some(NO_CLOCK_MS));
        p.pause();
        assert_eq!(p.elapsed(7000.0), None);
        assert!(!p.playing());
    }

    #[test]
    fn steps_come_once_per_interval_starting_at_once() {
        let mut p = Player::default();
        p.play();
        // 16 ms frames at 250 ms a step: the first step at once, then at the first frame
        // a whole interval later: t = 0, 256, 512, 752 (the 6 ms and 12 ms left over carry),
        // and none more by t = 992.
        let at: Vec<i32> = (0..=62)
            .filter(|k| p.due(f64::from(k * 16), 250.0) == 1)
            .map(|k| k * 16)
            .collect();
        assert_eq!(at, [0, 256, 512, 752]);
        let mut q = Player::default();
        assert_eq!(q.due(0.0, 250.0), 0, "not playing");
        q.play();
        assert_eq!(q.due(0.0, 250.0), 1);
        // A 100 ms frame cap: a long gap gives one step, never a burst.
        assert_eq!(q.due(10_000.0, 50.0), 1);
        assert_eq!(q.due(10_001.0, 50.0), 1, "the capped gap banked one more");
        assert_eq!(q.due(10_002.0, 50.0), 0);
    }
}
