//! The CSS width a widget's figures get: its root's content width, remembered for roots a
//! resize observer watches (measuring forces a layout when the page changed since the last
//! one — a readout's text, a table).

use super::dom;
use std::cell::RefCell;
use web_sys::Element;

thread_local! {
    /// Widths of observed widget roots (NaN: measure again).
    static WIDTHS: RefCell<Vec<(Element, f64)>> = const { RefCell::new(Vec::new()) };
    /// A root's width measured before its widget was built in it (see [`measure_ahead`]).
    static AHEAD: RefCell<Option<(Element, f64)>> = const { RefCell::new(None) };
}

/// Measures `root`'s width now, before its widget's elements go into it, for the next
/// [`css_width`] of it: measured after, the page must first lay out the new widget whole, in
/// the task that builds it (its tables, controls and captions: 10–30 ms for the first widget
/// of a page that is loading); measured before, that layout is left to the browser's next
/// rendering step, and the page has usually just been laid out (the scheduler measured its
/// figures' places). It is measured with the root's `gdviz` class on, so with the box the
/// widget will have; a block's width does not depend on what is in it (if a page makes it so,
/// its resize observer measures again and the widget is redrawn at the right width).
pub fn measure_ahead(root: &Element) {
    let width = measure(root);
    AHEAD.with(|a| *a.borrow_mut() = Some((root.clone(), width)));
}

/// Drops a width measured ahead and not used (the widget could not start): it is good only
/// for the task that measured it.
pub fn drop_ahead() {
    AHEAD.with(|a| a.borrow_mut().take());
}

/// The CSS width available to a widget's figure: its root's content width (a host page may
/// pad the element), within sane bounds.
pub fn css_width(root: &Element) -> f64 {
    let remembered = remembered(root);
    if let Some(width) = remembered.filter(|w| w.is_finite()) {
        return width;
    }
    let ahead = AHEAD.with(|a| {
        let mut a = a.borrow_mut();
        a.as_ref()
            .is_some_and(|(el, _)| el == root)
            .then(|| a.take().map(|(_, w)| w))
            .flatten()
    });
    let width = ahead.unwrap_or_else(|| measure(root));
    if remembered.is_some() {
        WIDTHS.with(|w| {
            if let Some(entry) = w.borrow_mut().iter_mut().find(|(e, _)| e == root) {
                entry.1 = width;
            }
        });
    }
    width
}

/// The width remembered for an observed root (NaN: to measure), if it is observed.
fn remembered(root: &Element) -> Option<f64> {
    WIDTHS.with(|w| {
        w.borrow()
            .iter()
            .find(|(e, _)| e == root)
            .map(|&(_, width)| width)
    })
}

/// `root` is observed: its width may be remembered until [`forget`].
pub fn remember(root: &Element) {
    WIDTHS.with(|w| w.borrow_mut().push((root.clone(), f64::NAN)));
}

/// The root's width must be measured again (it resized).
pub fn forget(root: &Element) {
    WIDTHS.with(|w| {
        if let Some(entry) = w.borrow_mut().iter_mut().find(|(e, _)| e == root) {
            entry.1 = f64::NAN;
        }
    });
}

/// The root resized (its observer says so): measures it again; true if its width changed
/// (an observer's first call, made when it starts observing, usually reports the width the
/// widget was just drawn at: no redraw is needed for it).
pub fn changed(root: &Element) -> bool {
    let before = remembered(root);
    forget(root);
    let now = css_width(root);
    !before.is_some_and(|b| (b - now).abs() < 1e-3)
}

/// The root is no longer observed.
pub fn drop_root(root: &Element) {
    WIDTHS.with(|w| w.borrow_mut().retain(|(e, _)| e != root));
}

fn measure(root: &Element) -> f64 {
    let padding = dom::window()
        .and_then(|w| w.get_computed_style(root).ok().flatten())
        .map_or(0.0, |style| {
            [
                "padding-left",
                "padding-right",
                "border-left-width",
                "border-right-width",
            ]
            .iter()
            .filter_map(|p| style.get_property_value(p).ok())
            .filter_map(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .sum()
        });
    let measured = root.get_bounding_client_rect().width() - padding;
    if measured.is_finite() {
        measured.clamp(160.0, 4000.0)
    } else {
        600.0
    }
}
