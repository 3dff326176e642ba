//! Browser tests (wasm-bindgen-test in headless Chromium): mount widgets into created
//! elements and check what they draw and report.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn host(attrs: &[(&str, &str)]) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    el.set_attribute("style", "width: 480px").unwrap();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn state(el: &Element) -> serde_json::Value {
    serde_json::from_str(&el.get_attribute("data-state").expect("data-state is set"))
        .expect("valid JSON")
}

#[wasm_bindgen_test]
fn contour_draws_pixels_and_reports_its_state() {
    let el = host(&[("data-gdviz", "contour"), ("data-x", "3"), ("data-y", "4")]);
    let handle = gdviz::mount(&el).expect("mounted");
    let s = state(&el);
    assert_eq!(s["kind"], "contour");
    assert_eq!(s["fn"], "bowl");
    assert_eq!(s["grad"], serde_json::json!([6.0, 8.0]));
    assert_eq!(s["norm"], 10.0);

    let canvas: HtmlCanvasElement = el
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(
        canvas.width() >= 480,
        "backing store at least the CSS width"
    );
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let w = f64::from(canvas.width());
    let h = f64::from(canvas.height());
    let data = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data();
    let painted = data
        .chunks(4)
        .filter(|p| p[3] > 0 && !(p[0] == 255 && p[1] == 255 && p[2] == 255))
        .count();
    assert!(
        painted > (w * h / 4.0) as usize,
        "the fill and lines cover the plot: {painted} pixels"
    );
    // The readouts show the computed values.
    let text = el.text_content().unwrap();
    assert!(text.contains("(6, 8)") && text.contains("10"), "{text}");

    // A second mount of the same element is refused, and destroy empties it.
    assert!(gdviz::mount(&el).is_none());
    let mut handle = handle;
    handle.destroy();
    assert_eq!(el.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn bad_options_show_a_message_and_leave_other_widgets_alone() {
    let bad = host(&[("data-gdviz", "contour"), ("data-x", "abc")]);
    let unknown = host(&[("data-gdviz", "nope<b>")]);
    let good = host(&[("data-gdviz", "contour"), ("data-fn", "saddle")]);
    gdviz::mount(&bad).unwrap();
    gdviz::mount(&unknown).unwrap();
    gdviz::mount(&good).unwrap();

    let alert = bad
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("data-x=\"abc\" is not a number"));
    assert_eq!(state(&bad)["kind"], "contour");
    assert!(state(&bad)["error"].as_str().unwrap().contains("data-x"));

    let alert = unknown
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(
        alert.text_content().unwrap().contains("nope<b>"),
        "markup shown as text"
    );
    assert!(
        unknown.query_selector("b").unwrap().is_none(),
        "never parsed as HTML"
    );

    assert_eq!(state(&good)["fn"], "saddle");
    assert!(state(&good).get("error").is_none());
}
