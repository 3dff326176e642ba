//! Browser tests (wasm-bindgen-test in headless Chromium): mount widgets into created
//! elements and check what they draw and report.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement,
};

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
    // (The gradient's norm is checked in data-state below; "10" alone would also match the
    // estimate's error, printed as "…×10⁻¹¹".)
    assert!(text.contains("(3, 4)") && text.contains("(6, 8)"), "{text}");
    let s = state(&el);
    assert_eq!(s["f"], 25.0);
    assert_eq!(s["norm"], 10.0);

    // A second mount of the same element gives the same widget's handle (no second widget),
    // and destroy empties it.
    let count = gdviz::mounted();
    let again = gdviz::mount(&el).expect("the mounted widget's handle");
    assert_eq!(gdviz::mounted(), count);
    again.destroy();
    assert_eq!(el.child_element_count(), 0);
    assert_eq!(gdviz::mounted(), count - 1);
    // Its first handle is now a handle on nothing: destroying again does nothing.
    handle.destroy();
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

/// Resolves after two animation frames, when every requested redraw has happened.
async fn frames() {
    for _ in 0..2 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

fn click(el: &Element, selector: &str) {
    el.query_selector(selector)
        .unwrap()
        .expect(selector)
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn step_sgd_in_an_mlp_moves_the_linked_slice() {
    let net = host(&[("data-gdviz", "mlp"), ("data-group", "wasm-test")]);
    let slice = host(&[("data-gdviz", "loss-slice"), ("data-group", "wasm-test")]);
    gdviz::mount(&net).unwrap();
    gdviz::mount(&slice).unwrap();
    assert_eq!(state(&net)["step"], 0);
    assert!((state(&net)["loss"].as_f64().unwrap() - 0.0784).abs() < 1e-15);
    // Before any step the slice's start and end are the article's (w₁⁽²⁾, w₃⁽²⁾) = (0.4, 0.2).
    assert_eq!(state(&slice)["end"], serde_json::json!([0.4, 0.2]));
    assert_eq!(state(&slice)["start"], serde_json::json!([0.4, 0.2]));

    click(&net, ".gdviz-primary");
    frames().await;
    let s = state(&net);
    assert_eq!(s["step"], 1);
    let w: Vec<f64> = s["weights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    for (got, want) in w.iter().zip([0.5448, -0.3, 0.8224, 0.456, -0.6, 0.2896]) {
        assert!((got - want).abs() < 1e-12, "{w:?}");
    }
    assert!((s["loss"].as_f64().unwrap() - 0.000_718_686_021_222_4).abs() < 1e-15);
    // The tables were recomputed at the new weights: the update row of w₁⁽¹⁾ starts at 0.5448.
    let update = net
        .query_selector("[data-table=update] tbody tr")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(update.contains("0.5448"), "{update}");
    // The slice in the same group followed.
    let t = state(&slice);
    assert_eq!(t["step"], 1);
    assert_eq!(t["start"], serde_json::json!([0.4, 0.2]));
    assert!((t["end"][0].as_f64().unwrap() - 0.456).abs() < 1e-12);

    // Editing a weight restarts the run from it, in both widgets.
    let input: HtmlInputElement = net
        .query_selector_all(".gdviz-inputs input")
        .unwrap()
        .item(6)
        .unwrap()
        .unchecked_into();
    input.set_value("0.5");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    frames().await;
    assert_eq!(state(&net)["step"], 0);
    assert_eq!(state(&net)["weights"][3], 0.5);
    assert_eq!(state(&slice)["end"][0], 0.5);

    // A value that is not a number is refused with a message, and nothing changes.
    input.set_value("zero point five");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    frames().await;
    let alert = net.query_selector(".gdviz-error").unwrap().unwrap();
    assert!(
        alert.text_content().unwrap().contains("is not a number"),
        "{:?}",
        alert.text_content()
    );
    assert_eq!(state(&net)["weights"][3], 0.5);
}

#[wasm_bindgen_test]
async fn a_lone_loss_slice_steps_by_itself() {
    let slice = host(&[("data-gdviz", "loss-slice")]);
    gdviz::mount(&slice).unwrap();
    click(&slice, ".gdviz-primary");
    frames().await;
    let s = state(&slice);
    assert_eq!(s["step"], 1);
    assert_eq!(s["held"], "step-start");
    click(&slice, ".gdviz-button:last-child");
    frames().await;
    assert_eq!(state(&slice)["held"], "current");
}

/// The allocator (src/alloc.rs) serves from its arena, which the linker places below
/// `__heap_base` (dlmalloc's heap starts there and can only be above it): allocating and freeing
/// megabytes does not grow the memory. Requests past the arena still succeed, by growing it,
/// including one with a large alignment.
#[wasm_bindgen_test]
fn allocations_stay_in_the_arena_until_it_is_full() {
    extern "C" {
        static __heap_base: u8;
    }
    #[allow(unused_unsafe)] // taking an extern static's address is safe from Rust 1.82 on
    let heap_base = unsafe { core::ptr::addr_of!(__heap_base) } as usize;
    let pages = || core::arch::wasm32::memory_size(0);
    let start = pages();
    // Over 4 MiB live at once, in blocks of mixed sizes, then freed and allocated again.
    for round in 0..3u8 {
        let blocks: Vec<Vec<u8>> = (0..256usize)
            .map(|i| vec![round ^ i as u8; 8192 + (i % 7) * 4096])
            .collect();
        let live: usize = blocks.iter().map(Vec::len).sum();
        assert!(live > 4 << 20, "{live} bytes live");
        for (i, b) in blocks.iter().enumerate() {
            assert!(
                (b.as_ptr() as usize) + b.len() <= heap_base,
                "round {round}: block {i} at {:p} is not in the arena (below {heap_base:#x})",
                b.as_ptr()
            );
            assert!(
                b.iter().all(|&x| x == round ^ i as u8),
                "block {i} kept its bytes"
            );
        }
        assert_eq!(pages(), start, "round {round}: the memory did not grow");
    }
    // Past the arena (16 MiB): the memory grows by at least the request, and all of it is usable.
    let big = vec![7u8; 20 << 20];
    assert!(
        pages() >= start + 320,
        "{} pages after a 20 MiB request, from {start}",
        pages()
    );
    assert_eq!((big[0], big[big.len() / 2], big[big.len() - 1]), (7, 7, 7));
    // 17 MiB aligned to 1 MiB: the grown heap has room for the alignment too.
    let layout = std::alloc::Layout::from_size_align(17 << 20, 1 << 20).unwrap();
    // SAFETY: the layout's size is not zero; the block is written within it and freed once.
    unsafe {
        let p = std::alloc::alloc(layout);
        assert!(!p.is_null(), "17 MiB aligned to 1 MiB");
        assert_eq!(p as usize % (1 << 20), 0);
        p.write(1);
        p.add(layout.size() - 1).write(2);
        assert_eq!((p.read(), p.add(layout.size() - 1).read()), (1, 2));
        std::alloc::dealloc(p, layout);
    }
}
