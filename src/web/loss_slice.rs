//! The `loss-slice` widget: the loss over (w₁⁽²⁾, w₃⁽²⁾) with the last step drawn on it.
//! Dragging on the slice sets those two weights; its own buttons step, reset and re-slice.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::group::Group;
use super::mlp::button;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::sig;
use crate::figures::loss_slice::{LossSlice, AXES};
use crate::figures::training::{RunConfig, SliceAt, TrainingRun};
use crate::figures::PlotArea;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

struct Inner {
    root: Element,
    group: Rc<Group>,
    view: LayeredCanvas,
    slice: Option<LossSlice>,
    area: Option<PlotArea>,
    reslice: HtmlButtonElement,
    step_button: HtmlButtonElement,
    summary: HtmlElement,
    live: shell::LiveRegion,
}

/// Builds the widget in `root`, joining its group's training run.
pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let config = RunConfig::from_options(&ElementOptions(root))?;
    let held = crate::figures::loss_slice::held_option(&ElementOptions(root))?;
    let group = Group::join(root.get_attribute("data-group"));
    group.init_run(|| TrainingRun::new(config));
    if let Some(held) = held {
        if let Ok(mut run) = group.run.try_borrow_mut() {
            if let Some(run) = run.as_mut() {
                run.slice_at = held;
            }
        }
    }
    let err = MountError::Dom;
    root.set_inner_html("");
    let view = LayeredCanvas::new("Loss slice").map_err(err)?;
    view.canvas.set_tab_index(0);
    let figure = create("div", "gdviz-figure").map_err(err)?;
    let _ = figure.append_child(&view.canvas);
    let toolbar = create("div", "gdviz-toolbar").map_err(err)?;
    let step_button = button("Step SGD", "gdviz-button gdviz-primary")?;
    let reset = button("Reset", "gdviz-button")?;
    let reslice = button("Slice at the current weights", "gdviz-button")?;
    for b in [&step_button, &reset, &reslice] {
        let _ = toolbar.append_child(b);
    }
    let summary = create("p", "gdviz-summary").map_err(err)?;
    for el in [&figure, &toolbar, &summary] {
        let _ = root.append_child(el);
    }

    let live = shell::LiveRegion::new(root).map_err(MountError::Dom)?;
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        group: Rc::clone(&group),
        view,
        slice: None,
        area: None,
        reslice: reslice.clone(),
        step_button: step_button.clone(),
        summary,
        live,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "loss-slice", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    group.subscribe(&frame);

    let g = Rc::clone(&group);
    shell.listen(&step_button, "click", move |_| {
        g.update_run(|run| {
            run.step();
        })
    });
    let g = Rc::clone(&group);
    shell.listen(&reset, "click", move |_| g.update_run(TrainingRun::reset));
    let g = Rc::clone(&group);
    shell.listen(&reslice, "click", move |_| {
        g.update_run(|run| {
            run.slice_at = match run.slice_at {
                SliceAt::StepStart => SliceAt::Current,
                SliceAt::Current => SliceAt::StepStart,
            };
        });
    });
    let (state, g) = (Rc::clone(&inner), Rc::clone(&group));
    let (state2, g2) = (Rc::clone(&inner), Rc::clone(&group));
    shell.drag(
        &canvas,
        move |px, py| {
            let point = state.try_borrow().ok().and_then(|s| {
                let (area, slice) = (s.area?, s.slice.as_ref()?);
                slice.point_at(&area, px, py, 6.0 * super::canvas::pixel_ratio())
            });
            match point {
                Some(p) => {
                    g.update_run(|run| set_axes(run, p));
                    true
                }
                None => false,
            }
        },
        move |px, py| {
            let point = state2.try_borrow().ok().and_then(|s| {
                let (area, slice) = (s.area?, s.slice.as_ref()?);
                Some(slice.domain().clamp(area.to_data(px, py)))
            });
            if let Some(p) = point {
                g2.update_run(|run| set_axes(run, p));
            }
        },
    );
    // The keyboard moves the point too: arrows by 1% of the slice's width (Shift: 10%).
    let (state, g) = (Rc::clone(&inner), Rc::clone(&group));
    shell.keys(&canvas, move |key, shift| {
        let point = state.try_borrow().ok().and_then(|s| {
            let slice = s.slice.as_ref()?;
            let d = slice.domain();
            let step = (d.x.1 - d.x.0) * if shift { 0.1 } else { 0.01 };
            // From the run, not the slice: several keys may come before the next redraw.
            let w = g.run.try_borrow().ok()?.as_ref()?.weights();
            let here = [w[AXES[0]], w[AXES[1]]];
            let p = match key {
                "ArrowLeft" => [here[0] - step, here[1]],
                "ArrowRight" => [here[0] + step, here[1]],
                "ArrowUp" => [here[0], here[1] + step],
                "ArrowDown" => [here[0], here[1] - step],
                _ => return None,
            };
            Some(d.clamp(p))
        });
        match point {
            Some(p) => {
                g.update_run(|run| set_axes(run, p));
                true
            }
            None => false,
        }
    });
    shell
        .offer(root, "loss-slice", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

/// Sets w₁⁽²⁾ and w₃⁽²⁾ to the slice point `p` (a new start for the run).
fn set_axes(run: &mut TrainingRun, p: [f64; 2]) {
    let mut w = run.weights();
    w[AXES[0]] = p[0];
    w[AXES[1]] = p[1];
    run.set_weights(&w);
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let group = Rc::clone(&self.group);
        let run_ref = group
            .run
            .try_borrow()
            .map_err(|_| "the training run is busy")?;
        let run = run_ref.as_ref().ok_or("no training run")?;
        let changed = match self.slice.as_mut() {
            Some(slice) => slice.refresh(run),
            None => {
                self.slice = Some(LossSlice::new(run));
                true
            }
        };
        if changed {
            self.view.invalidate();
        }
        let slice = self.slice.as_ref().ok_or("no slice")?;
        self.area = Some(self.view.plot(
            shell::css_width(&self.root),
            |w, r| slice.height_for_width(w, r),
            |a, w, h| slice.fill_rgba(a, w, h),
            |root, layer, fill, ratio| slice.draw(root, layer, fill, ratio),
        )?);

        let state = slice.state(run);
        self.reslice.set_text_content(Some(match run.slice_at {
            SliceAt::StepStart => "Slice at the current weights",
            SliceAt::Current => "Slice where the step started",
        }));
        self.reslice.set_disabled(run.last_step().is_none());
        self.step_button.set_disabled(run.diverged_at().is_some());
        let text = match run.last_step() {
            None => format!(
                "Step {}. The point is (w₁⁽²⁾, w₃⁽²⁾) = ({}, {}) with loss {}; drag it to move those two weights, or take a step.",
                state.step,
                sig(state.end[0], 6),
                sig(state.end[1], 6),
                sig(state.loss, 10)
            ),
            Some(_) if state.held == "step-start" => format!(
                "Step {}. The step went from the red dot ({}, {}) to the green dot ({}, {}). This slice holds the other four weights where the step started, so it shows the loss at the green dot as {}; the true loss after the step is {}, because the first-layer weights moved too.",
                state.step,
                sig(state.start[0], 6),
                sig(state.start[1], 6),
                sig(state.end[0], 6),
                sig(state.end[1], 6),
                sig(state.slice_loss_at_end, 10),
                sig(state.loss, 10)
            ),
            Some(_) => format!(
                "Step {}. Sliced at the current weights: the green dot's loss on this slice, {}, is the true loss. The red dot is where the step started, on a slice that has since moved.",
                state.step,
                sig(state.loss, 10)
            ),
        };
        self.summary.set_text_content(Some(&text));
        self.live.announce(&text);
        let _ = self.view.canvas.set_attribute(
            "aria-label",
            &format!("Loss over w₁⁽²⁾ and w₃⁽²⁾ with a dashed valley where the prediction equals the target. {text}"),
        );
        dom::set_state(&self.root, &state);
        Ok(())
    }
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.clone()]
    }
    fn svg(&self) -> Result<String, String> {
        self.slice
            .as_ref()
            .ok_or("no slice")?
            .svg_for::<Canvas>(720)
            .map_err(|e| e.to_string())
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.group
            .run
            .try_borrow()
            .ok()
            .and_then(|r| r.as_ref().map(crate::figures::loss_slice::url_options))
            .unwrap_or_default()
    }
}
