//! The `minibatch` widget: the full-batch loss contours of a line fit with each example's,
//! a random batch's and the full batch's gradient; a batch-size slider, Resample (once and
//! a hundred times), Reset; the data below with the batch marked.

use super::backend::Canvas;
use super::dom::{create, ElementOptions};
use super::mlp::button;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::{num, pair};
use crate::figures::minibatch::{Config, MinibatchFigure, EXAMPLES};
use crate::figures::PlotArea;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlElement, HtmlInputElement};

struct Inner {
    root: Element,
    figure: MinibatchFigure,
    view: LayeredCanvas,
    data: LayeredCanvas,
    area: Option<PlotArea>,
    slider: HtmlInputElement,
    size_value: HtmlElement,
    summary: HtmlElement,
    live: shell::LiveRegion,
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let config = Config::from_options(&ElementOptions(root))?;
    let figure = MinibatchFigure::new(config);
    let err = MountError::Dom;
    root.set_inner_html("");
    let wrap = create("div", "gdviz-figure").map_err(err)?;
    let view =
        LayeredCanvas::new("Loss contours of a line fit over slope and intercept").map_err(err)?;
    view.canvas.set_tab_index(0);
    let _ = wrap.append_child(&view.canvas);

    let toolbar = create("div", "gdviz-toolbar").map_err(err)?;
    let resample = button("Resample", "gdviz-button gdviz-primary")?;
    let many = button("Resample ×100", "gdviz-button")?;
    let reset = button("Reset", "gdviz-button")?;
    for b in [&resample, &many, &reset] {
        let _ = toolbar.append_child(b);
    }
    let (label, slider, size_value) = super::dom::slider(
        "batch size",
        ("1", &EXAMPLES.to_string(), "1"),
        &figure.state().batch_size.to_string(),
    )
    .map_err(err)?;
    let _ = toolbar.append_child(&label);
    let summary = create("p", "gdviz-summary").map_err(err)?;
    let data = LayeredCanvas::new("The data and the current line").map_err(err)?;
    let data_wrap = create("div", "gdviz-figure gdviz-chart").map_err(err)?;
    let _ = data_wrap.append_child(&data.canvas);
    let hint = create("p", "gdviz-hint").map_err(err)?;
    hint.set_text_content(Some(
        "Drag on the contours (or use the arrow keys) to move (w, b). Resample draws another batch: its step scatters around the full batch's, and the mean of many lands on it.",
    ));
    for el in [&wrap, &toolbar, &summary, &data_wrap, &hint] {
        let _ = root.append_child(el);
    }
    let live = shell::LiveRegion::new(root).map_err(MountError::Dom)?;
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        figure,
        view,
        data,
        area: None,
        slider: slider.clone(),
        size_value,
        summary,
        live,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "minibatch", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();

    for (b, times) in [(&resample, 1), (&many, 100)] {
        let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
        shell.listen(b, "click", move |_| {
            if let Ok(mut s) = state.try_borrow_mut() {
                for _ in 0..times {
                    s.figure.resample();
                }
                fr.request();
            }
        });
    }
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&reset, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.figure.reset();
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let field = slider.clone();
    shell.listen(&slider, "input", move |_| {
        if let (Ok(mut s), Ok(n)) = (state.try_borrow_mut(), field.value().parse::<usize>()) {
            s.figure.set_batch_size(n);
            fr.request();
        }
    });
    shell.point_input(&canvas, &inner, &frame);
    shell
        .offer(root, "minibatch", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let width = shell::css_width(&self.root);
        let figure = &self.figure;
        self.area = Some(self.view.plot(
            width,
            |w, r| figure.height_for_width(w, r),
            |a, w, h| figure.fill_rgba(a, w, h),
            |root, layer, fill, ratio| figure.draw(root, layer, fill, ratio),
        )?);
        let (_, _, ratio) = self.data.fit(width, MinibatchFigure::data_height_for_width);
        self.data
            .direct(|root| figure.draw_data(root, ratio).map_err(|e| e.to_string()))?;
        self.update_text();
        Ok(())
    }

    fn update_text(&self) {
        let s = self.figure.state();
        self.size_value
            .set_text_content(Some(&s.batch_size.to_string()));
        let size = s.batch_size.to_string();
        if self.slider.value() != size {
            self.slider.set_value(&size);
        }
        let off =
            (s.mean_batch_grad[0] - s.full_grad[0]).hypot(s.mean_batch_grad[1] - s.full_grad[1]);
        let text = format!(
            "At (w, b) = {}, loss {}: the full batch's gradient is {}; this batch of {} gives {}. Mean of {} batches: {}, off by {}.",
            pair([s.w, s.b], 3),
            num(s.loss, 4),
            pair(s.full_grad, 3),
            s.batch_size,
            pair(s.batch_grad, 3),
            s.resamples,
            pair(s.mean_batch_grad, 3),
            num(off, 3)
        );
        self.summary.set_text_content(Some(&text));
        let _ = self.view.canvas.set_attribute(
            "aria-label",
            &format!("Loss contours over slope w and intercept b, with gradients as steps. {text}"),
        );
        self.live.announce(&text);
        super::dom::set_state(&self.root, &s);
    }
}

impl shell::PointInput for Inner {
    type Figure = MinibatchFigure;
    fn area(&self) -> Option<PlotArea> {
        self.area
    }
    fn figure(&mut self) -> &mut MinibatchFigure {
        &mut self.figure
    }
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.clone(), self.data.canvas.clone()]
    }
    fn svg(&self) -> Result<String, String> {
        self.figure
            .svg_for::<Canvas>(720)
            .map_err(|e| e.to_string())
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }
}
