//! Native scaling benchmarks of the math kernels (`make bench` runs this and puts the table in
//! BENCHMARKS.md). Each kernel runs at growing sizes; the report gives the time per unit of
//! work and its ratio to the smallest size, so linear scaling reads as ratios near 1. Numbers
//! are from one run on one machine: compare ratios, not absolute times.

use gdviz::figures::contour_plot::ContourPlot;
use gdviz::figures::PlotArea;
use gdviz::math::contour::{nice_levels, Grid, Tracer};
use gdviz::math::cost::Chain;
use gdviz::math::functions::Function;
use gdviz::math::isorings;
use gdviz::math::mlp::Network;
use std::hint::black_box;
use std::time::Instant;

/// Seconds per call of `f`, repeated until at least 0.2 s have passed.
fn time(mut f: impl FnMut() -> f64) -> f64 {
    let mut reps = 1u32;
    loop {
        let start = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += black_box(f());
        }
        black_box(acc);
        let t = start.elapsed().as_secs_f64();
        if t >= 0.2 || reps >= 1 << 24 {
            return t / f64::from(reps);
        }
        reps *= 2;
    }
}

/// The grid the browser benchmark compares with d3-contour: log(1 + Himmelblau) on [-5, 5]²,
/// `n × n` samples.
fn smooth_grid(n: usize) -> Vec<f64> {
    let f = Function::Himmelblau;
    let at = |k: usize| -5.0 + 10.0 * k as f64 / (n - 1) as f64;
    (0..n * n)
        .map(|k| f.value(at(k % n), at(k / n)).ln_1p())
        .collect()
}

fn table(title: &str, unit: &str, rows: &[(String, f64, f64)]) {
    println!("\n#### {title}\n");
    println!("| size | time | per {unit} | ratio to the first row |");
    println!("|---|---|---|---|");
    let base = rows[0].2;
    for (size, t, per) in rows {
        println!(
            "| {size} | {:.3} ms | {:.2} ns | {:.2} |",
            t * 1e3,
            per * 1e9,
            per / base
        );
    }
}

fn main() {
    let f = Function::Himmelblau;
    let domain = f.domain();
    let rows: Vec<(String, f64, f64)> = [64usize, 128, 256, 512, 1024]
        .iter()
        .map(|&n| {
            let grid = Grid::sample(|x, y| f.value(x, y), domain, n + 1, n + 1);
            let levels = nice_levels(0.0, 500.0, 9);
            let t = time(|| {
                let mut tracer = Tracer::new(&grid);
                levels.iter().map(|&l| tracer.lines(l).len() as f64).sum()
            });
            (
                format!("{n}² cells, {} levels", levels.len()),
                t,
                t / (n * n) as f64,
            )
        })
        .collect();
    table(
        "Contour extraction (marching squares, Himmelblau)",
        "cell",
        &rows,
    );

    let rows: Vec<(String, f64, f64)> = [64usize, 128, 256, 512, 1024]
        .iter()
        .map(|&n| {
            let values = smooth_grid(n);
            let (lo, hi) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
            let thresholds: Vec<f64> = (0..20)
                .map(|k| lo + (f64::from(k) + 0.5) * (hi - lo) / 20.0)
                .collect();
            let t = time(|| {
                isorings::contours(&values, n, n, &thresholds)
                    .map_or(0.0, |m| m.iter().map(|p| p.polygons.len() as f64).sum())
            });
            (format!("{n}² cells, 20 thresholds"), t, t / (n * n) as f64)
        })
        .collect();
    table(
        "Filled contours with d3-contour's semantics (`contours()`, log(1 + Himmelblau))",
        "cell",
        &rows,
    );

    let rows: Vec<(String, f64, f64)> = [128usize, 256, 512, 1024]
        .iter()
        .map(|&px| {
            let plot = ContourPlot::new(&|x, y| f.value(x, y), domain, 9, ("x", "y"));
            let area = PlotArea {
                left: 0.0,
                right: px as f64,
                top: 0.0,
                bottom: px as f64,
                x: domain.x,
                y: domain.y,
            };
            let t = time(|| plot.fill_rgba(|x, y| f.value(x, y), &area, px, px).len() as f64);
            (format!("{px}² pixels"), t, t / (px * px) as f64)
        })
        .collect();
    table("Heat-map fill (RGBA buffer for ImageData)", "pixel", &rows);

    let rows: Vec<(String, f64, f64)> = [3usize, 30, 300, 3000]
        .iter()
        .map(|&h| {
            let w: Vec<f64> = (0..2 * h)
                .map(|k| ((k * 37 % 17) as f64 - 8.0) / 10.0)
                .collect();
            let net = Network::from_flat(&w).unwrap_or_else(Network::article);
            let t = time(|| net.sgd_step(2.0, 1.0, 0.1).loss_after);
            (format!("1→{h}→1"), t, t / h as f64)
        })
        .collect();
    table("One SGD step of the 1→H→1 network", "hidden neuron", &rows);

    let rows: Vec<(String, f64, f64)> = [10usize, 100, 1000, 10_000]
        .iter()
        .map(|&n| {
            let chain = Chain::new(n);
            let t = time(|| chain.backprop(0.5, 0.2).gradient[0]);
            (format!("n = {n}"), t, t / n as f64)
        })
        .collect();
    table(
        "Chain gradient by backprop (expect linear in n)",
        "layer",
        &rows,
    );

    let rows: Vec<(String, f64, f64)> = [10usize, 30, 100, 300]
        .iter()
        .map(|&n| {
            let chain = Chain::new(n);
            let t = time(|| chain.finite_difference(0.5, 0.2, 1e-6).gradient[0]);
            (format!("n = {n}"), t, t / (n * n) as f64)
        })
        .collect();
    table(
        "Chain gradient by finite differences (expect linear in n²)",
        "layer²",
        &rows,
    );
}
