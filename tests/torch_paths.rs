//! Every torch.optim rule of `trajectory` against PyTorch itself: the points that
//! `torch.optim` visits (float64, autograd) on the bowl, the valley, Rosenbrock and a typed
//! function, with PyTorch's defaults and with every hyperparameter changed, at iterations 1
//! to 100, stored in `tests/fixtures/torch_paths.json` by `tests/fixtures/torch_paths.py`
//! (PyTorch is too big for `make test`, so the numbers are kept, with the script that made
//! them). The paths agree to rounding: PyTorch's CPU kernels fuse multiply-adds and take
//! `sqrt` from MKL, and Rosenbrock magnifies one rounding a step, so 1e-10 of the point's
//! size is allowed (the largest difference seen is 2e-12).
#![cfg(not(target_arch = "wasm32"))]

use gdviz::math::functions::Function;
use gdviz::math::optimizers::{Hyper, Optimizer, Path};
use serde_json::Value;

#[test]
fn every_rule_follows_pytorch_for_100_iterations() {
    let text = include_str!("fixtures/torch_paths.json");
    let fixture: Value = serde_json::from_str(text).expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert_eq!(
        cases.len(),
        4 * 2 * 5,
        "four functions, two settings, five optimizers"
    );
    let mut compared = 0;
    for case in cases {
        let f = Function::parse(case["fn"].as_str().unwrap()).expect("a function");
        let o = Optimizer::ALL
            .into_iter()
            .find(|o| o.key() == case["optimizer"])
            .expect("an optimizer");
        let h = &case["hyper"];
        let hyper = Hyper {
            beta: h["beta"].as_f64().unwrap(),
            alpha: h["alpha"].as_f64().unwrap(),
            beta1: h["beta1"].as_f64().unwrap(),
            beta2: h["beta2"].as_f64().unwrap(),
            eps: h["eps"].as_f64(),
        };
        let start = [
            case["start"][0].as_f64().unwrap(),
            case["start"][1].as_f64().unwrap(),
        ];
        let lr = case["lr"].as_f64().unwrap();
        let mut path = Path::new(o, start, f.value(start[0], start[1]));
        for _ in 0..100 {
            path.step(lr, &hyper, |x, y| f.value_and_gradient(x, y));
        }
        for (k, want) in case["points"].as_object().unwrap() {
            let k: usize = k.parse().unwrap();
            // Where PyTorch's path went past 1e12 in loss, gdviz's stopped (diverged).
            let Some(got) = path.points.get(k) else {
                assert!(
                    path.diverged_at.is_some_and(|d| d <= k),
                    "{case}: stopped early"
                );
                continue;
            };
            let want = [want[0].as_f64().unwrap(), want[1].as_f64().unwrap()];
            let size = want[0].abs().max(want[1].abs()).max(1.0);
            for i in 0..2 {
                assert!(
                    (got[i] - want[i]).abs() <= 1e-10 * size,
                    "{} {} {} step {k}: {got:?} against PyTorch's {want:?}",
                    case["fn"],
                    case["variant"],
                    case["optimizer"]
                );
            }
            compared += 1;
        }
    }
    assert!(compared > 250, "{compared} points compared");
}
