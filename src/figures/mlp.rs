//! `mlp`: the tiny 1→3→1 ReLU network of the worked example, drawn as a graph in a forward
//! view (values) or a backward view (gradients), with the article's tables computed from the
//! recorded passes and a chart of the loss per step.

use super::draw;
use super::format::{num, sig};
use super::loss_chart;
use super::model::Shared;
use super::motion::WithPlaying;
use super::options::parse_number;
use super::options::{OptionError, OptionErrorKind, Options};
use super::style::{self, px};
use super::training::{check_lr, RunConfig, Trainer, WEIGHTS};
use super::training::{TrainingRun, WEIGHT_NAMES};
use super::widget::{self, CanvasPart, Env, Input, Outcome, Paint, Part, Pass, Trail, Ui, Widget};
use super::DrawError;
use super::PlotArea;
use super::{Drawn, Layer, Root};
use crate::math::mlp::Step;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::cell::RefCell;

/// Which pass the graph shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Values flowing left to right: z, h, ŷ, L.
    Forward,
    /// Gradients flowing right to left: ∂L/∂ŷ, ∂L/∂h, ∂L/∂z, ∂L/∂w.
    Backward,
}

/// Significant digits in tables and on the graph.
const DIGITS: usize = 6;

fn n(v: f64) -> String {
    sig(v, DIGITS)
}

/// A number inside a calculation, bracketed when negative: "(−0.6)".
fn b(v: f64) -> String {
    if v < 0.0 {
        format!("({})", n(v))
    } else {
        n(v)
    }
}

pub use super::widget::Table;

/// The article's tables for `step`, the step computed at the current weights.
#[must_use]
pub fn tables(step: &Step, x: f64, target: f64, lr: f64) -> Vec<Table> {
    let f = &step.forward;
    let bw = &step.backward;
    let net = &step.before;
    let hidden = net.hidden();
    let dead: Vec<bool> = (0..hidden).map(|j| f.dead(j)).collect();
    let sub = |j: usize| {
        ["₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
            .get(j)
            .copied()
            .unwrap_or("ⱼ")
    };
    let mut out = Vec::new();
    out.push(Table {
        id: "forward",
        caption: format!("Forward pass, layer 1 (x = {})", n(x)),
        headers: vec!["neuron", "w⁽¹⁾", "z = w⁽¹⁾·x", "h = ReLU(z)"],
        rows: (0..hidden)
            .map(|j| {
                let h = if dead[j] {
                    format!("{} (dead)", n(f.h[j]))
                } else {
                    n(f.h[j])
                };
                vec![
                    format!("h{}", sub(j)),
                    n(net.w1[j]),
                    format!("{} × {} = {}", b(net.w1[j]), b(x), n(f.z[j])),
                    h,
                ]
            })
            .collect(),
        dead: dead.clone(),
    });
    let terms: Vec<String> = (0..hidden)
        .map(|j| format!("{} × {}", b(net.w2[j]), b(f.h[j])))
        .collect();
    out.push(Table {
        id: "output",
        caption: format!("Output and loss (target y* = {})", n(target)),
        headers: vec!["quantity", "value", "calculation"],
        rows: vec![
            vec!["ŷ = Σ w⁽²⁾ h".into(), n(f.yhat), terms.join(" + ")],
            vec![
                "L = (ŷ − y*)²".into(),
                n(f.loss),
                format!("({} − {})²", b(f.yhat), b(target)),
            ],
            vec![
                "∂L/∂ŷ = 2(ŷ − y*)".into(),
                n(bw.dl_dyhat),
                format!("2 × ({} − {})", b(f.yhat), b(target)),
            ],
        ],
        dead: vec![false; 3],
    });
    out.push(Table {
        id: "grad-w2",
        caption: "Gradients of the output weights: ∂L/∂w⁽²⁾ = ∂L/∂ŷ · h".into(),
        headers: vec!["weight", "∂L/∂w", "calculation"],
        rows: (0..hidden)
            .map(|j| {
                vec![
                    format!("w{}⁽²⁾", sub(j)),
                    n(bw.dl_dw2[j]),
                    format!("{} × {}", b(bw.dl_dyhat), b(f.h[j])),
                ]
            })
            .collect(),
        dead: dead.clone(),
    });
    out.push(Table {
        id: "grad-h",
        caption: "Back into the hidden layer: ∂L/∂h = ∂L/∂ŷ · w⁽²⁾".into(),
        headers: vec!["neuron", "∂L/∂h", "calculation"],
        rows: (0..hidden)
            .map(|j| {
                vec![
                    format!("h{}", sub(j)),
                    n(bw.dl_dh[j]),
                    format!("{} × {}", b(bw.dl_dyhat), b(net.w2[j])),
                ]
            })
            .collect(),
        dead: dead.clone(),
    });
    out.push(Table {
        id: "relu",
        caption: "Through the ReLU gate: ∂L/∂z = ∂L/∂h · ReLU′(z)".into(),
        headers: vec!["neuron", "z", "ReLU′(z)", "∂L/∂z"],
        rows: (0..hidden)
            .map(|j| {
                let gate = if dead[j] {
                    format!("{} (z ≤ 0: blocked)", n(bw.relu_grad[j]))
                } else {
                    n(bw.relu_grad[j])
                };
                vec![format!("h{}", sub(j)), n(f.z[j]), gate, n(bw.dl_dz[j])]
            })
            .collect(),
        dead: dead.clone(),
    });
    out.push(Table {
        id: "grad-w1",
        caption: "Gradients of the input weights: ∂L/∂w⁽¹⁾ = ∂L/∂z · x".into(),
        headers: vec!["weight", "∂L/∂w", "calculation"],
        rows: (0..hidden)
            .map(|j| {
                vec![
                    format!("w{}⁽¹⁾", sub(j)),
                    n(bw.dl_dw1[j]),
                    format!("{} × {}", b(bw.dl_dz[j]), b(x)),
                ]
            })
            .collect(),
        dead: dead.clone(),
    });
    let grad = bw.gradient();
    let before = net.flat();
    let after = step.after.flat();
    let names: Vec<String> = if hidden == 3 {
        WEIGHT_NAMES.iter().map(|s| (*s).to_owned()).collect()
    } else {
        (0..2 * hidden).map(|k| format!("w[{k}]")).collect()
    };
    out.push(Table {
        id: "update",
        caption: format!("The update θ ← θ − η∇L with η = {}", n(lr)),
        headers: vec!["weight", "before", "−η × gradient", "after"],
        rows: (0..2 * hidden)
            .map(|k| {
                vec![
                    names[k].clone(),
                    n(before[k]),
                    format!("−{} × {} = {}", n(lr), b(grad[k]), n(step.update[k])),
                    n(after[k]),
                ]
            })
            .collect(),
        dead: (0..2 * hidden).map(|k| dead[k % hidden]).collect(),
    });
    out
}

/// The graph's height for a canvas `width` device pixels wide.
#[must_use]
pub fn graph_height_for_width(width: u32, scale: f64) -> u32 {
    // Narrow screens get a taller graph, so the labels under the nodes keep clear of the edges.
    let css = f64::from(width) / scale;
    let aspect = if css < 560.0 { 1.0 } else { 0.6 };
    (f64::from(width) * aspect).max(290.0 * scale).round() as u32
}

/// Node centres in device pixels: input, hidden (top to bottom), output.
/// Node centres of the graph: input, hidden layer (top to bottom), output.
type NodeLayout = ((f64, f64), Vec<(f64, f64)>, (f64, f64));

fn layout(w: f64, h: f64, hidden: usize) -> NodeLayout {
    let top = 0.16 * h;
    let bottom = 0.80 * h;
    let ys: Vec<f64> = (0..hidden)
        .map(|j| {
            if hidden == 1 {
                (top + bottom) / 2.0
            } else {
                top + (bottom - top) * j as f64 / (hidden - 1) as f64
            }
        })
        .collect();
    let mid = (top + bottom) / 2.0;
    (
        (0.09 * w, mid),
        ys.into_iter().map(|y| (0.47 * w, y)).collect(),
        (0.8 * w, mid),
    )
}

/// A label's box in device pixels, `[x0, y0, x1, y1]`, as [`draw::label_sized`] draws it.
pub type Rect = [f64; 4];

/// The box [`draw::label_sized`] draws for text `tw` pixels wide at `size` CSS px, centred on
/// `at`.
fn label_rect(at: (f64, f64), tw: f64, size: f64, scale: f64) -> Rect {
    let h = size * scale * 1.25;
    [
        at.0 - tw / 2.0 - 3.0 * scale,
        at.1 - h / 2.0,
        at.0 + tw / 2.0 + 3.0 * scale,
        at.1 + h / 2.0,
    ]
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether the segment `a`–`b` passes through `r` (Liang–Barsky).
fn crosses(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    draw::clip_interval(a, b, *r).is_some_and(|(t0, t1)| t0 < t1)
}

/// One text of the graph, placed.
#[derive(Clone, Debug)]
pub struct Placed {
    /// The text.
    pub text: String,
    /// Its centre, device pixels.
    pub at: (f64, f64),
    /// Its size, CSS px.
    pub size: f64,
    /// Its measured width, device pixels.
    pub width: f64,
    /// Drawn in the alert colour (a dead neuron's).
    pub dead: bool,
}

impl Placed {
    /// The box drawn behind it.
    #[must_use]
    pub fn rect(&self, scale: f64) -> Rect {
        label_rect(self.at, self.width, self.size, scale)
    }
}

/// One edge of the graph: rim to rim, dead or not, and its arrowhead's ends.
#[derive(Clone, Debug)]
pub struct Edge {
    /// From the left node's rim …
    pub p: (f64, f64),
    /// … to the right node's.
    pub q: (f64, f64),
    /// Into or out of a dead neuron.
    pub dead: bool,
    /// The arrow's tail and tip.
    pub arrow: ((f64, f64), (f64, f64)),
}

/// Everything the graph draws, in device pixels: nodes, edges, and every text placed so that
/// none overlaps another, a node, an arrowhead or an edge it does not label, where the
/// canvas has room (the label with the fewest such clashes where it has not).
#[derive(Clone, Debug)]
pub struct GraphLayout {
    /// Node centres: input, hidden, output.
    pub nodes: NodeLayout,
    /// The nodes' radius.
    pub r: f64,
    /// Input → hidden j is edge `2j`, hidden j → output `2j + 1`.
    pub edges: Vec<Edge>,
    /// The title's box.
    pub title: Rect,
    /// The labels under the nodes, then the edges' labels.
    pub labels: Vec<Placed>,
}

/// The texts under one node: its centre, whether it is the output, whether it is dead, and
/// the forms to try (lines each).
type Block = ((f64, f64), bool, bool, Vec<Vec<String>>);

/// What placing one box would clash with.
struct Scene {
    w: f64,
    h: f64,
    /// Boxes, with what overlapping each costs (a node more than a text).
    rects: Vec<(Rect, usize)>,
    segs: Vec<((f64, f64), (f64, f64))>,
}

impl Scene {
    fn cost(&self, r: &Rect, own: Option<usize>) -> usize {
        let outside = usize::from(r[0] < 0.0 || r[1] < 0.0 || r[2] > self.w || r[3] > self.h);
        let boxes: usize = self
            .rects
            .iter()
            .filter(|(b, _)| overlaps(r, b))
            .map(|(_, c)| c)
            .sum();
        let lines = self
            .segs
            .iter()
            .enumerate()
            .filter(|&(k, s)| Some(k) != own && crosses(s.0, s.1, r))
            .count();
        3 * outside + boxes + lines
    }
}

/// Lays out the graph of the step computed at `run`'s weights on a `w` × `h` pixel canvas,
/// texts measured by `measure(text, size_css)` in device pixels.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn graph_layout(
    w: f64,
    h: f64,
    run: &TrainingRun,
    view: View,
    scale: f64,
    measure: &dyn Fn(&str, f64) -> f64,
) -> GraphLayout {
    let step = run.next_step();
    let f = &step.forward;
    let bw = &step.backward;
    let net = &step.before;
    let hidden = net.hidden();
    let (input, hid, output) = layout(w, h, hidden);
    let r = (0.04 * w).clamp(15.0 * scale, 24.0 * scale);
    let fs = 12.5;
    let efs = fs - 1.0;
    let title_w = measure(title(view), 14.0);
    let title = [
        10.0 * scale,
        8.0 * scale,
        10.0 * scale + title_w,
        8.0 * scale + 14.0 * scale * 1.2,
    ];
    let rim = |a: (f64, f64), b: (f64, f64)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let l = dx.hypot(dy).max(1e-9);
        (
            (a.0 + dx / l * r, a.1 + dy / l * r),
            (b.0 - dx / l * r, b.1 - dy / l * r),
        )
    };
    let mut edges = Vec::new();
    for (j, &node) in hid.iter().enumerate() {
        for (a, b) in [(input, node), (node, output)] {
            let (p, q) = rim(a, b);
            let (from, to) = if view == View::Forward {
                (p, q)
            } else {
                (q, p)
            };
            let at = |t: f64| (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            edges.push(Edge {
                p,
                q,
                dead: f.dead(j),
                arrow: (at(0.76), at(0.88)),
            });
        }
    }
    let mut scene = Scene {
        w,
        h,
        rects: vec![(title, 1)],
        segs: edges.iter().map(|e| (e.p, e.q)).collect(),
    };
    for c in std::iter::once(input)
        .chain(hid.iter().copied())
        .chain([output])
    {
        scene.rects.push(([c.0 - r, c.1 - r, c.0 + r, c.1 + r], 3));
    }
    for e in &edges {
        let (a, b) = e.arrow;
        let head = (11.0 * scale).min((b.0 - a.0).hypot(b.1 - a.1) * 0.6);
        let m = head * 0.45 + 1.0;
        scene.rects.push((
            [
                a.0.min(b.0) - m,
                a.1.min(b.1) - m,
                a.0.max(b.0) + m,
                a.1.max(b.1) + m,
            ],
            1,
        ));
    }
    let mut labels: Vec<Placed> = Vec::new();
    let below = |c: (f64, f64), line: usize| (c.0, c.1 + r + (9.0 + 15.0 * line as f64) * scale);
    // The edges that rise into the output from below: the labels under it keep right of them.
    let rising: Vec<((f64, f64), (f64, f64))> = hid
        .iter()
        .filter(|c| c.1 > output.1 + 1.0)
        .map(|&c| {
            let (p, q) = rim(c, output);
            (q, p)
        })
        .collect();
    // Where line `i` of a block under node `c` goes: under it, kept inside the canvas (and,
    // under the output, right of the rising edges).
    let place_line = |c: (f64, f64), i: usize, tw: f64, is_output: bool| {
        let at = below(c, i);
        let half = tw / 2.0 + 3.0 * scale;
        let mut x = at.0;
        if is_output {
            let box_top = at.1 - fs * scale * 0.625;
            let box_bottom = at.1 + fs * scale * 0.625;
            let clear = rising
                .iter()
                .filter(|(q, p)| box_top <= p.1 && box_bottom >= q.1)
                .map(|(q, p)| {
                    let y = box_top.max(q.1);
                    q.0 + (y - q.1) * (p.0 - q.0) / (p.1 - q.1)
                })
                .fold(f64::NEG_INFINITY, f64::max);
            x = x.max(clear + 5.0 * scale + half);
        }
        x = x.min(w - half - 4.0 * scale).max(half + 4.0 * scale);
        (x, at.1)
    };
    // Each node's texts, in the forms to try: the first that clashes with nothing, else the
    // one that clashes least.
    let mut blocks: Vec<Block> = Vec::new();
    let out_forms = match view {
        View::Forward => vec![vec![
            format!("ŷ = {}", n(f.yhat)),
            format!("y* = {}", n(run.target)),
            format!("L = {}", n(f.loss)),
        ]],
        View::Backward => vec![
            vec![
                format!("∂L/∂ŷ = {}", n(bw.dl_dyhat)),
                format!("= 2(ŷ − y*), ŷ = {}", n(f.yhat)),
            ],
            vec![
                format!("∂L/∂ŷ = {}", n(bw.dl_dyhat)),
                "= 2(ŷ − y*)".to_owned(),
                format!("ŷ = {}", n(f.yhat)),
            ],
            vec![
                "∂L/∂ŷ =".to_owned(),
                n(bw.dl_dyhat),
                "= 2(ŷ − y*)".to_owned(),
                format!("ŷ = {}", n(f.yhat)),
            ],
        ],
    };
    blocks.push((output, true, false, out_forms));
    for (j, &c) in hid.iter().enumerate() {
        let dead = f.dead(j);
        let forms = match view {
            View::Forward if dead => vec![
                vec![format!("z = {} ≤ 0: dead", n(f.z[j])), "h = 0".to_owned()],
                vec![format!("z = {} ≤ 0", n(f.z[j])), "dead: h = 0".to_owned()],
            ],
            View::Forward => vec![vec![
                format!("z = {}", n(f.z[j])),
                format!("h = {}", n(f.h[j])),
            ]],
            View::Backward if dead => vec![
                vec![
                    format!("∂L/∂h = {}", n(bw.dl_dh[j])),
                    format!("dead, gate 0: ∂L/∂z = {}", n(bw.dl_dz[j])),
                ],
                vec![
                    format!("∂L/∂h = {}", n(bw.dl_dh[j])),
                    "dead, gate 0:".to_owned(),
                    format!("∂L/∂z = {}", n(bw.dl_dz[j])),
                ],
            ],
            View::Backward => vec![vec![
                format!("∂L/∂h = {}", n(bw.dl_dh[j])),
                format!("∂L/∂z = {}", n(bw.dl_dz[j])),
            ]],
        };
        blocks.push((c, false, dead, forms));
    }
    blocks.push((
        input,
        false,
        false,
        vec![
            vec![format!("x = {}", n(run.x))],
            vec!["x =".to_owned(), n(run.x)],
        ],
    ));
    // Each form at the usual size, then a size smaller, until one is clear.
    for (c, is_output, dead, forms) in blocks {
        let mut best: Option<(usize, Vec<Placed>)> = None;
        'sizes: for form in &forms {
            for size in [fs, 11.0] {
                let placed: Vec<Placed> = form
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let width = measure(text, size);
                        let at = place_line(c, i, width, is_output);
                        Placed {
                            text: text.clone(),
                            at,
                            size,
                            width,
                            dead,
                        }
                    })
                    .collect();
                let cost: usize = placed
                    .iter()
                    .map(|p| scene.cost(&p.rect(scale), None))
                    .sum();
                if best.as_ref().map_or(true, |(b, _)| cost < *b) {
                    best = Some((cost, placed));
                }
                if cost == 0 {
                    break 'sizes;
                }
            }
        }
        for p in best.map(|(_, p)| p).unwrap_or_default() {
            scene.rects.push((p.rect(scale), 2));
            labels.push(p);
        }
    }
    // The edges' labels: where they went before if clear (input edges a little before the
    // middle; output edges, the top ones nearer the output, the bottom one nearer the hidden
    // node; the level one centred in the stretch clear of the rim and the arrowhead), else
    // elsewhere along the edge, on it or beside it.
    for (k, e) in edges.iter().enumerate() {
        let j = k / 2;
        let node = hid[j];
        let value = match (view, k % 2) {
            (View::Forward, 0) => net.w1[j],
            (View::Forward, _) => net.w2[j],
            (View::Backward, 0) => bw.dl_dw1[j],
            (View::Backward, _) => bw.dl_dw2[j],
        };
        let text = match view {
            View::Forward => format!("w = {}", n(value)),
            View::Backward => format!("∂L/∂w = {}", n(value)),
        };
        let (p, q) = (e.p, e.q);
        let len = (q.0 - p.0).hypot(q.1 - p.1).max(1e-9);
        let along = |d: f64| (p.0 + (q.0 - p.0) * d / len, p.1 + (q.1 - p.1) * d / len);
        let t0 = match (k % 2, (node.1 - output.1).signum()) {
            (0, _) => 0.38,
            (_, s) if s < 0.0 => 0.6,
            (_, s) if s > 0.0 => 0.3,
            _ => 0.38,
        };
        let level = k % 2 == 1 && (node.1 - output.1).abs() < 1.0;
        let (ux, uy) = ((q.0 - p.0) / len, (q.1 - p.1) / len);
        let (nx, ny) = (-uy, ux);
        // Where a box `tw` × `bh` may go: first where it went before, then elsewhere along
        // the edge, on it or beside it (far enough along the normal that it clears the edge).
        let cands = |tw: f64, bh: f64| {
            let mut first = along(t0 * len);
            if level {
                let head = (11.0 * scale).min(0.12 * len * 0.6);
                let (a, b) = if view == View::Forward {
                    (0.0, 0.88 * len - head)
                } else {
                    (0.12 * len + head, len)
                };
                let gap = 6.0 * scale;
                let lw = tw + 6.0 * scale;
                first = if lw + 2.0 * gap <= b - a {
                    along((a + b) / 2.0)
                } else {
                    let m = along(len / 2.0);
                    (m.0, m.1 - bh / 2.0 - 5.0 * scale)
                };
            }
            let off = (tw / 2.0 + 3.0 * scale) * nx.abs() + bh / 2.0 * ny.abs() + 3.0 * scale;
            let mut out = vec![first];
            let ts = [0.5, 0.3, 0.62, 0.22, 0.7, 0.15, 0.8];
            out.extend(ts.iter().map(|t| along(t * len)));
            for t in std::iter::once(t0).chain(ts) {
                let m = along(t * len);
                for s in [-1.0, 1.0] {
                    out.push((m.0 + s * nx * off, m.1 + s * ny * off));
                }
            }
            out
        };
        // The label on one line, then a size smaller; else split after "=" (on two lines).
        let (head, tail) = text.split_once("= ").map_or_else(
            || (text.clone(), String::new()),
            |(a, b)| (format!("{a}="), b.to_owned()),
        );
        let forms: [(Vec<String>, f64); 4] = [
            (vec![text.clone()], efs),
            (vec![text.clone()], 10.0),
            (vec![head.clone(), tail.clone()], efs),
            (vec![head, tail], 10.0),
        ];
        let mut best: Option<(usize, Vec<Placed>)> = None;
        'forms: for (lines, size) in forms {
            let widths: Vec<f64> = lines.iter().map(|t| measure(t, size)).collect();
            let tw = widths.iter().copied().fold(0.0, f64::max);
            let lh = size * scale * 1.25;
            let bh = lh * lines.len() as f64;
            for at in cands(tw, bh) {
                let placed: Vec<Placed> = lines
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (t, &width))| Placed {
                        text: t.clone(),
                        at: (
                            at.0,
                            at.1 + (i as f64 - (lines.len() - 1) as f64 / 2.0) * lh,
                        ),
                        size,
                        width,
                        dead: e.dead,
                    })
                    .collect();
                let cost = placed
                    .iter()
                    .map(|l| scene.cost(&l.rect(scale), Some(k)))
                    .sum();
                if best.as_ref().map_or(true, |(b, _)| cost < *b) {
                    best = Some((cost, placed));
                }
                if cost == 0 {
                    break 'forms;
                }
            }
        }
        for placed in best.map(|(_, p)| p).unwrap_or_default() {
            scene.rects.push((placed.rect(scale), 2));
            labels.push(placed);
        }
    }
    GraphLayout {
        nodes: (input, hid, output),
        r,
        edges,
        title,
        labels,
    }
}

fn title(view: View) -> &'static str {
    match view {
        View::Forward => "Forward pass: values flow left to right",
        View::Backward => "Backward pass: gradients flow right to left",
    }
}

/// What the graph's static layer shows (see [`draw_graph`]): the view and which hidden
/// neurons are dead; the rest of it holds still from step to step.
#[must_use]
pub fn graph_revision(run: &TrainingRun, view: View) -> u64 {
    let f = run.next_step().forward;
    (0..3).fold(u64::from(view == View::Backward), |m, j| {
        m | (u64::from(f.dead(j)) << (j + 1))
    })
}

/// Draws the network as a graph for the step computed at the current weights: `layer`
/// picks the part that holds still while the weights change (the title, edges and nodes,
/// which change only with the view and the dead neurons: [`graph_revision`]), the value
/// labels at the edges and nodes, or both.
///
/// # Errors
/// If the backend fails.
pub fn draw_graph<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &TrainingRun,
    view: View,
    layer: Layer,
    scale: f64,
) -> Result<(), DrawError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let g = graph_layout(w, h, run, view, scale, &|t, size| {
        draw::measure(root, t, size, scale)
    });
    if matches!(layer, Layer::Background | Layer::All) {
        draw_graph_still(root, run, view, &g, scale)?;
    }
    if matches!(layer, Layer::Overlay | Layer::All) {
        for l in &g.labels {
            let color = if l.dead { style::ALERT } else { style::INK };
            draw::label_sized(root, &l.text, l.width, l.at, l.size, color, scale)?;
        }
    }
    Ok(())
}

/// The graph's static layer: background, title, edges with their arrows, and nodes.
fn draw_graph_still<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &TrainingRun,
    view: View,
    g: &GraphLayout,
    scale: f64,
) -> Result<(), DrawError> {
    root.fill(&WHITE)?;
    let f = run.next_step().forward;
    let (input, hid, output) = &g.nodes;
    let r = g.r;
    let title_font = style::font(14.0, scale);
    root.draw(&Text::new(
        title(view),
        ((10.0 * scale) as i32, (8.0 * scale) as i32),
        title_font,
    ))?;

    let live = ShapeStyle::from(&style::INK.mix(0.8)).stroke_width(px(1.6, scale));
    let dead_style = ShapeStyle::from(&style::ALERT).stroke_width(px(1.6, scale));
    let flow = match view {
        View::Forward => style::GRADIENT,
        View::Backward => style::TANGENT,
    };
    for e in &g.edges {
        if e.dead {
            draw::dashed(root, e.p, e.q, dead_style, 7.0 * scale, 5.0 * scale)?;
        } else {
            root.draw(&PathElement::new(vec![ipt(e.p), ipt(e.q)], live))?;
        }
        // A small arrowhead in the direction of flow, near the end it flows into.
        let color = if e.dead { style::ALERT } else { flow };
        draw::arrow(root, e.arrow.0, e.arrow.1, color, 1.6, scale)?;
    }
    // Nodes.
    let node = |c: (f64, f64), name: &str, dead: bool| -> Result<(), DrawError> {
        let fill = if dead {
            RGBColor(0xfd, 0xe8, 0xe8)
        } else {
            RGBColor(0xee, 0xf3, 0xfb)
        };
        root.draw(&Circle::new(
            ipt(c),
            r as i32,
            ShapeStyle::from(&fill).filled(),
        ))?;
        let ring = ShapeStyle::from(&if dead { style::ALERT } else { style::INK })
            .stroke_width(px(2.0, scale));
        root.draw(&Circle::new(ipt(c), r as i32, ring))?;
        if dead {
            // A cross as well as the colour, so the dead neuron reads without colour vision.
            let d = r * 0.55;
            for (a, bb) in [
                ((c.0 - d, c.1 - d), (c.0 + d, c.1 + d)),
                ((c.0 - d, c.1 + d), (c.0 + d, c.1 - d)),
            ] {
                root.draw(&PathElement::new(
                    vec![ipt(a), ipt(bb)],
                    ShapeStyle::from(&style::ALERT.mix(0.35)).stroke_width(px(2.0, scale)),
                ))?;
            }
        }
        draw::centered(
            root,
            name,
            c,
            14.0,
            if dead { style::ALERT } else { style::INK },
            scale,
        )
    };
    node(*input, "x", false)?;
    for (j, &c) in hid.iter().enumerate() {
        node(
            c,
            &format!("h{}", ["₁", "₂", "₃"].get(j).copied().unwrap_or("")),
            f.dead(j),
        )?;
    }
    node(*output, "ŷ", false)
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Reads `data-view`: `forward` (the default: values) or `backward` (gradients).
///
/// # Errors
/// [`OptionErrorKind::NotOneOf`] for any other word.
pub fn view_option(opts: &(impl Options + ?Sized)) -> Result<View, OptionError> {
    match opts.get("data-view").as_deref().map(str::trim) {
        None | Some("forward") => Ok(View::Forward),
        Some("backward") => Ok(View::Backward),
        Some(other) => Err(OptionError::new(
            "data-view",
            other,
            OptionErrorKind::NotOneOf("forward, backward".to_owned()),
        )),
    }
}

impl View {
    /// The word `data-view` takes for this view.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            View::Forward => "forward",
            View::Backward => "backward",
        }
    }
}

/// The loss chart's height for a canvas `width` device pixels wide.
#[must_use]
pub fn chart_height_for_width(width: u32, scale: f64) -> u32 {
    (f64::from(width) * 0.28).max(150.0 * scale).round() as u32
}

/// The loss chart's axes for `losses` of `extent`: steps 0 to 10, then to the next of 20,
/// 50, 100, 200, … (so a growing run rescales now and then, not every step, and the first
/// steps of a run share one scale).
#[must_use]
pub fn loss_axes(losses: &[f64], extent: loss_chart::Extent) -> loss_chart::Axes {
    let last = (losses.len().max(2) - 1) as f64;
    loss_chart::Axes::new(extent, loss_chart::nice_ceil(last.max(10.0)), losses.len())
}

/// Draws the loss per step, from step 0: `layer` picks the axes, the line from a step on,
/// or both.
///
/// # Errors
/// If the backend fails.
pub fn draw_losses<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    losses: &[f64],
    axes: &loss_chart::Axes,
    layer: Layer,
    scale: f64,
) -> Result<(), DrawError> {
    let series = [loss_chart::Series {
        losses,
        color: style::POINT,
    }];
    if matches!(layer, Layer::Background | Layer::All) {
        loss_chart::draw_axes(root, axes, ("step", "loss"), scale)?;
    }
    match layer.trail_from() {
        Some(from) => loss_chart::draw_lines(root, axes, &series, from, scale),
        None => Ok(()),
    }
}

/// The editable fields, in input order (their ids and captions): x, y*, η, then the six
/// weights.
pub const FIELDS: [&str; 3 + WEIGHTS] = [
    "x",
    "y*",
    "η",
    WEIGHT_NAMES[0],
    WEIGHT_NAMES[1],
    WEIGHT_NAMES[2],
    WEIGHT_NAMES[3],
    WEIGHT_NAMES[4],
    WEIGHT_NAMES[5],
];

/// The `mlp` widget: "Step SGD" and "Reset", the forward/backward toggle, a summary of the
/// last step, the network graph, editable example and weights, the loss chart and every
/// table of the next step, all computed from the (group's) training run.
#[derive(Clone, Debug)]
pub struct MlpWidget {
    run: TrainingRun,
    view: View,
    /// The message shown, if any.
    alert: Option<String>,
    /// Fields whose text was refused.
    invalid: [bool; FIELDS.len()],
    /// The divergence the alert last reported.
    shown_divergence: Option<usize>,
    /// *Train*.
    trainer: Trainer,
    /// The losses' extent, read as they grow.
    losses: RefCell<loss_chart::Tracker>,
}

impl Default for MlpWidget {
    fn default() -> Self {
        Self::new(TrainingRun::new(RunConfig::default()), View::Forward)
    }
}

impl MlpWidget {
    /// The loss chart's axes now.
    fn loss_axes(&self) -> loss_chart::Axes {
        let losses = self.run.losses();
        let extent = self
            .losses
            .borrow_mut()
            .update(self.run.generation(), &[losses]);
        loss_axes(losses, extent)
    }

    /// The widget showing `run` in `view`.
    #[must_use]
    pub fn new(run: TrainingRun, view: View) -> Self {
        let mut w = Self {
            run,
            view,
            alert: None,
            invalid: [false; FIELDS.len()],
            shown_divergence: None,
            trainer: Trainer::default(),
            losses: RefCell::default(),
        };
        w.check_divergence();
        w
    }

    /// Reads the run's options and `data-view`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Ok(Self::new(
            TrainingRun::new(RunConfig::from_options(opts)?),
            view_option(opts)?,
        ))
    }

    /// The run.
    #[must_use]
    pub fn run(&self) -> &TrainingRun {
        &self.run
    }

    /// Says so once when the run diverges (or stops diverging); other messages stay put.
    fn check_divergence(&mut self) {
        if self.run.diverged_at() != self.shown_divergence {
            self.shown_divergence = self.run.diverged_at();
            self.alert = self.run.diverged_at().map(|k| format!(
                "The run diverged at step {k}: the step produced a number too large to represent, so it was not applied. Lower η or press Reset."
            ));
        }
    }

    /// Field `k` was set to `raw`: [`Outcome::Shared`] if the run took it, else
    /// [`Outcome::Changed`] (the refusal is shown).
    fn edit(&mut self, k: usize, raw: &str) -> Outcome {
        let name = FIELDS[k];
        let key = format!("the {name} field");
        let parsed = parse_number(&key, raw).and_then(|v| {
            if k == 2 {
                check_lr(&key, raw, v)
            } else {
                Ok(v)
            }
        });
        let v = match parsed {
            Ok(v) => v,
            Err(e) => {
                self.invalid[k] = true;
                self.alert = Some(format!("Not applied: {e}."));
                return Outcome::Changed;
            }
        };
        let apply = |run: &mut TrainingRun| match k {
            0 => run.set_example(v, run.target),
            1 => run.set_example(run.x, v),
            2 => run.set_lr(v),
            _ => run.set_weight(k - 3, v),
        };
        // Try the change on a copy first: values whose loss overflows are refused.
        let mut trial = self.run.clone();
        apply(&mut trial);
        if !trial.start_is_finite() {
            self.invalid[k] = true;
            self.alert = Some(format!(
                "Not applied: with {name}={raw} the loss overflows."
            ));
            return Outcome::Changed;
        }
        self.invalid[k] = false;
        self.alert = None;
        self.run = trial;
        self.check_divergence();
        Outcome::Shared
    }
}

impl Widget for MlpWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            widget::toolbar(vec![
                widget::button("train", "Train", false),
                widget::button("step", "Step SGD", true),
                widget::button("reset", "Reset", false),
                Part::Toggles {
                    label: "Show the pass",
                    items: vec![
                        widget::button("forward", "Forward", false),
                        widget::button("backward", "Backward", false),
                    ],
                },
            ]),
            // Spoken through the live region (once per step, not every frame while training).
            Part::Text {
                id: "summary",
                class: "gdviz-summary",
                text: "",
                polite: false,
            },
            Part::Alert { id: "alert" },
            Part::Canvas(CanvasPart {
                focusable: false,
                ..widget::canvas("graph", "The network", Paint::Layered)
            }),
            Part::Fieldset {
                legend: "Example, learning rate and weights (edit and press Enter)",
                items: FIELDS
                    .iter()
                    .map(|name| Part::Field {
                        id: name,
                        caption: name,
                        inline: false,
                    })
                    .collect(),
            },
            Part::Canvas(widget::chart("chart", "Loss per step", Paint::Layered)),
            Part::Tables {
                id: "tables",
                summary: "Every number of the next step, table by table",
            },
            Part::Live,
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            graph_height_for_width(width, ratio)
        } else {
            chart_height_for_width(width, ratio)
        }
    }

    /// The graph's value labels change with every step, over its nodes and edges, which
    /// hold still; the loss chart keeps its line and adds each step's segment (its axes hold
    /// until a loss leaves them).
    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            canvas,
            ratio,
            layer,
            ..
        } = pass;
        if canvas == 0 {
            draw_graph(root, &self.run, self.view, layer, ratio)?;
        } else {
            draw_losses(root, self.run.losses(), &self.loss_axes(), layer, ratio)?;
        }
        Ok(None)
    }

    fn revision(&self, canvas: usize) -> u64 {
        if canvas == 0 {
            graph_revision(&self.run, self.view)
        } else {
            self.loss_axes().key()
        }
    }

    fn trail(&self, canvas: usize) -> Option<Trail> {
        (canvas == 1).then(|| Trail {
            revision: self.run.generation(),
            len: self.run.losses().len(),
        })
    }

    /// SGD steps while training.
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        let out = self.trainer.tick(&mut self.run, env);
        if out == Outcome::Shared {
            self.check_divergence();
        }
        out
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        if matches!(input, Input::Click("step" | "reset") | Input::Change(..)) {
            self.trainer.take_over(&mut self.run);
        }
        match *input {
            Input::Click("train") => {
                self.trainer.toggle(&mut self.run, env);
                self.check_divergence();
            }
            Input::Click("step") => {
                self.run.step();
                self.check_divergence();
            }
            Input::Click("reset") => {
                self.alert = None;
                self.run.reset();
                self.check_divergence();
            }
            Input::Click("forward") => self.view = View::Forward,
            Input::Click("backward") => self.view = View::Backward,
            Input::Change(id, raw) => {
                return FIELDS
                    .iter()
                    .position(|f| *f == id)
                    .map_or(Outcome::Ignored, |k| self.edit(k, raw))
            }
            _ => return Outcome::Ignored,
        }
        // The view is this widget's own; a step or reset changes the shared run.
        if matches!(input, Input::Click("forward" | "backward")) {
            Outcome::Changed
        } else {
            Outcome::Shared
        }
    }

    fn ui(&self, ui: &mut Ui) {
        let run = &self.run;
        ui.pressed("forward", self.view == View::Forward)
            .pressed("backward", self.view == View::Backward);
        let values = [run.x, run.target, run.lr];
        let weights = run.weights();
        for (k, id) in FIELDS.iter().enumerate() {
            let v = if k < 3 { values[k] } else { weights[k - 3] };
            ui.invalid(id, self.invalid[k]).value(id, sig(v, 15));
        }
        let training = self.trainer.training(run);
        ui.playing("train", "Train", training);
        // While training (here or in the group), only its start and end are spoken.
        match self.trainer.said(run) {
            Some(said) => {
                ui.live(said);
            }
            None if !training => {
                ui.live(summary(run));
            }
            None => {}
        }
        ui.disabled("step", run.diverged_at().is_some())
            .text("summary", summary(run))
            .text("alert", self.alert.clone().unwrap_or_default())
            .hidden("alert", self.alert.is_none())
            .label("graph", graph_label(run, self.view))
            .label("chart", chart_label(run.losses()));
        let step = run.next_step();
        ui.tables("tables", tables(&step, run.x, run.target, run.lr));
        // The losses of every step, gathered only for a frame that writes them.
        if ui.wants_state() {
            ui.state(&WithPlaying {
                state: &run.state_json(),
                playing: training,
            });
        }
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        let mut v = self.run.url_options();
        v.push(("view", self.view.name().to_owned()));
        v
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Run(Box::new(self.run.clone())))
    }

    fn stop(&mut self) -> bool {
        self.trainer.stop_here(&mut self.run)
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        if let Shared::Run(r) = shared {
            self.run = (**r).clone();
            self.trainer.received(&self.run);
            self.check_divergence();
        }
        false
    }
}

/// The summary of the last step, with the exact losses (and what a hand calculation that
/// rounds ŷ would print instead, when that differs).
#[must_use]
pub fn summary(run: &TrainingRun) -> String {
    let k = run.step_count();
    let losses = run.losses();
    let Some(step) = run.last_step() else {
        return format!(
            "Step {k}. The loss at these weights is {}. Press Step SGD to apply the update in the last table.",
            sig(losses[k], 10)
        );
    };
    let (before, after) = (step.forward.loss, step.loss_after);
    let change = if before > 0.0 {
        (before - after) / before * 100.0
    } else {
        0.0
    };
    let direction = if change >= 0.0 {
        format!("down {}%", sig(change, 6))
    } else {
        format!("up {}%", sig(-change, 6))
    };
    // What a hand calculation that rounds ŷ to three decimals first would print.
    let yhat = step.forward_after.yhat;
    let rounded_yhat = (yhat * 1000.0).round() / 1000.0;
    let rounded = (rounded_yhat - run.target).powi(2);
    let rounding = if sig(rounded, 2) == sig(after, 2) {
        String::new()
    } else {
        format!(
            " These are exact values: rounding ŷ to {} before squaring, as a hand calculation does, would give ({} − {})² = {}.",
            num(rounded_yhat, 3),
            num(rounded_yhat, 3),
            num(run.target, 3),
            sig(rounded, 3)
        )
    };
    format!(
        "Step {k}. The last step took the loss from {} to {} ({direction}); ŷ is now {}.{rounding}",
        sig(before, 10),
        sig(after, 10),
        sig(yhat, 10)
    )
}

/// The loss chart in words: the first and latest losses and the lowest, not every step's
/// (a list that grew by one number a step, reformatted on every draw).
#[must_use]
pub fn chart_label(losses: &[f64]) -> String {
    match losses {
        [] => "Loss per step: no steps yet".to_owned(),
        [only] => format!("Loss per step: {} before any step", sig(*only, 4)),
        [first, .., last] => {
            let lowest = losses.iter().copied().fold(f64::INFINITY, f64::min);
            let steps = losses.len() - 1;
            format!(
                "Loss per step over {steps} step{}: {} at the start, {} now, lowest {}",
                if steps == 1 { "" } else { "s" },
                sig(*first, 4),
                sig(*last, 4),
                sig(lowest, 4)
            )
        }
    }
}

/// The network graph in words: the pass's values and which neurons are dead.
#[must_use]
pub fn graph_label(run: &TrainingRun, view: View) -> String {
    let s = run.next_step();
    let dead: Vec<String> = (0..s.forward.z.len())
        .filter(|&j| s.forward.dead(j))
        .map(|j| format!("h{}", j + 1))
        .collect();
    let dead = if dead.is_empty() {
        "no neuron is dead".to_owned()
    } else {
        format!("dead (z ≤ 0): {}", dead.join(", "))
    };
    let list = |v: &[f64]| v.iter().map(|v| sig(*v, 6)).collect::<Vec<_>>().join(", ");
    match view {
        View::Forward => format!(
            "Network 1→3→1, forward pass: x = {}, z = ({}), ŷ = {}, loss {}; {dead}.",
            sig(run.x, 6),
            list(&s.forward.z),
            sig(s.forward.yhat, 6),
            sig(s.forward.loss, 6)
        ),
        View::Backward => format!(
            "Network 1→3→1, backward pass: ∂L/∂ŷ = {}, gradient ({}); {dead}.",
            sig(s.backward.dl_dyhat, 6),
            list(&s.backward.gradient())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::training::RunConfig;

    fn cell(tables: &[Table], id: &str, row: usize, col: usize) -> String {
        tables.iter().find(|t| t.id == id).unwrap().rows[row][col].clone()
    }

    #[test]
    fn the_articles_tables_computed() {
        let run = TrainingRun::new(RunConfig::default());
        let step = run.next_step();
        let t = tables(&step, run.x, run.target, run.lr);
        assert_eq!(cell(&t, "forward", 0, 2), "0.5 × 2 = 1");
        assert_eq!(cell(&t, "forward", 1, 2), "(−0.3) × 2 = −0.6");
        assert_eq!(cell(&t, "forward", 1, 3), "0 (dead)");
        assert_eq!(cell(&t, "output", 0, 1), "0.72");
        assert_eq!(cell(&t, "output", 1, 1), "0.0784");
        assert_eq!(cell(&t, "output", 2, 1), "−0.56");
        assert_eq!(cell(&t, "grad-w2", 2, 1), "−0.896");
        assert_eq!(cell(&t, "grad-w2", 2, 2), "(−0.56) × 1.6");
        assert_eq!(cell(&t, "grad-h", 1, 1), "0.336");
        assert_eq!(cell(&t, "relu", 1, 2), "0 (z ≤ 0: blocked)");
        assert_eq!(cell(&t, "relu", 0, 3), "−0.224");
        assert_eq!(cell(&t, "grad-w1", 0, 1), "−0.448");
        assert_eq!(cell(&t, "grad-w1", 2, 2), "(−0.112) × 2");
        assert_eq!(cell(&t, "update", 0, 2), "−0.1 × (−0.448) = 0.0448");
        assert_eq!(cell(&t, "update", 5, 3), "0.2896");
        assert_eq!(
            t.iter().find(|t| t.id == "update").unwrap().dead,
            vec![false, true, false, false, true, false]
        );
    }

    /// At phone widths and on the desktop, with the default weights and with long values,
    /// the graph's texts (with the width estimate the fallback uses) stay inside the canvas
    /// and overlap neither each other nor the nodes.
    #[test]
    fn graph_texts_stay_apart_and_inside() {
        let opts: &[(&str, &str)] = &[
            ("data-x", "-123.456"),
            ("data-target", "0.000123"),
            ("data-weights", "12.5,-33.3,0.0001,-99.9,7.77,-0.00042"),
        ];
        let big = RunConfig::from_options(opts).unwrap();
        for (name, config) in [("default", RunConfig::default()), ("long values", big)] {
            let run = TrainingRun::new(config);
            for view in [View::Forward, View::Backward] {
                for css in [288.0, 304.0, 358.0, 868.0] {
                    let scale = 2.0;
                    let w = css * scale;
                    let h = f64::from(graph_height_for_width(w as u32, scale));
                    let measure = |t: &str, size: f64| draw::text_width(t, size * scale);
                    let g = graph_layout(w, h, &run, view, scale, &measure);
                    let rects: Vec<(String, Rect)> = g
                        .labels
                        .iter()
                        .map(|l| {
                            // The lines under a node are 15 px apart, their boxes 15.6 px
                            // tall: boxes a line apart may touch, their texts do not.
                            let r = l.rect(scale);
                            (l.text.clone(), [r[0], r[1] + scale, r[2], r[3] - scale])
                        })
                        .collect();
                    let (input, hid, output) = &g.nodes;
                    let nodes: Vec<Rect> = std::iter::once(*input)
                        .chain(hid.iter().copied())
                        .chain([*output])
                        .map(|c| [c.0 - g.r, c.1 - g.r, c.0 + g.r, c.1 + g.r])
                        .collect();
                    let at = format!("{name}, {view:?}, {css} px");
                    for (i, (t, r)) in rects.iter().enumerate() {
                        assert!(
                            r[0] >= 0.0 && r[1] >= 0.0 && r[2] <= w && r[3] <= h,
                            "{at}: {t:?} {r:?} leaves the {w}×{h} canvas"
                        );
                        assert!(!overlaps(r, &g.title), "{at}: {t:?} under the title");
                        for n in &nodes {
                            assert!(!overlaps(r, n), "{at}: {t:?} over a node");
                        }
                        for (u, s) in &rects[i + 1..] {
                            assert!(!overlaps(r, s), "{at}: {t:?} overlaps {u:?}");
                        }
                    }
                    for l in &g.labels {
                        assert!(l.size >= 9.0);
                    }
                }
            }
        }
    }

    #[test]
    fn graph_and_chart_render_to_svg() {
        let run = TrainingRun::new(RunConfig::default());
        for view in [View::Forward, View::Backward] {
            let svg = super::super::render_svg(
                640,
                |w| graph_height_for_width(w, 1.0),
                |root| draw_graph(root, &run, view, Layer::All, 1.0),
            )
            .unwrap();
            assert!(svg.contains("dead"), "the dead neuron is labelled in words");
            let expect = if view == View::Forward {
                "L = 0.0784"
            } else {
                "∂L/∂ŷ = −0.56"
            };
            assert!(svg.contains(expect), "{view:?}");
        }
        let svg = super::super::render_svg(
            640,
            |w| chart_height_for_width(w, 1.0),
            |root| {
                let losses = [0.0784, 0.0007];
                let axes = loss_axes(&losses, loss_chart::Extent::of(losses));
                draw_losses(root, &losses, &axes, Layer::All, 1.0)
            },
        )
        .unwrap();
        assert!(svg.contains("loss"));
    }
}
