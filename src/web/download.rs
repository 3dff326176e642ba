//! "Save figure": the PNG (what the canvases show, at device resolution) and the SVG (the
//! same figure drawn by plotters' SVG backend, 720 pixels wide) buttons under every widget.

use super::canvas::context;
use super::dom;
use super::error::{Error, Result};
use super::hold::Hold;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement};

/// Starts a download of `href` named `name` (an object URL or a data URL).
fn download(href: &str, name: &str) -> Result {
    let a: web_sys::HtmlAnchorElement = dom::create("a", "")?.unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Saves `svg` as `name`.
pub fn download_svg(svg: &str, name: &str) -> Result {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| Error::dom("cannot make the SVG file"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| Error::dom("cannot make a link to the SVG file"))?;
    let result = download(&url, name);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Saves the canvases, stacked top to bottom at their device resolution, as a PNG `name`.
pub fn download_png(canvases: &[HtmlCanvasElement], name: &str) -> Result {
    let width = canvases
        .iter()
        .map(HtmlCanvasElement::width)
        .max()
        .unwrap_or(0);
    let height: u32 = canvases.iter().map(HtmlCanvasElement::height).sum();
    let sheet: HtmlCanvasElement = dom::create("canvas", "")?.unchecked_into();
    sheet.set_width(width.max(1));
    sheet.set_height(height.max(1));
    let ctx = context(&sheet)?;
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let mut y = 0.0;
    for c in canvases {
        ctx.draw_image_with_html_canvas_element(c, 0.0, y)
            .map_err(|_| Error::dom("cannot copy a canvas"))?;
        y += f64::from(c.height());
    }
    let url = sheet
        .to_data_url_with_type("image/png")
        .map_err(|_| Error::dom("cannot encode the PNG"))?;
    download(&url, name)
}

/// Adds the "PNG" and "SVG" download buttons under the widget in `root`: the PNG is what
/// the canvases show, at device resolution; the SVG is the same figure drawn by plotters'
/// SVG backend, 720 pixels wide.
pub fn downloads(
    hold: &mut Hold,
    root: &Element,
    kind: &'static str,
    canvases: impl Fn() -> Vec<HtmlCanvasElement> + 'static,
    svg: impl Fn() -> std::result::Result<String, Error> + 'static,
) -> Result {
    let button = |text: &str, label: &str| {
        let attributes = [("type", "button"), ("aria-label", label)];
        dom::make("button", "gdviz-button gdviz-small", &attributes, text)
    };
    let png = button("PNG", "Save the figure as a PNG image")?;
    let svg_button = button("SVG", "Save the figure as an SVG drawing")?;
    let bar = dom::make("div", "gdviz-downloads", &[], "")?;
    for el in [
        &dom::make("span", "", &[], "Save figure:")?,
        &png,
        &svg_button,
    ] {
        let _ = bar.append_child(el);
    }
    let _ = root.append_child(&bar);
    let name_png = format!("gdviz-{kind}.png");
    hold.listen(&png, "click", move |_| {
        if let Err(e) = download_png(&canvases(), &name_png) {
            web_sys::console::warn_1(&e.to_string().into());
        }
    });
    let name_svg = format!("gdviz-{kind}.svg");
    hold.listen(&svg_button, "click", move |_| {
        if let Err(e) = svg().and_then(|s| download_svg(&s, &name_svg)) {
            web_sys::console::warn_1(&e.to_string().into());
        }
    });
    Ok(())
}
