//! Pure numerics: no plotters, no web-sys, no js-sys. Everything a figure shows is computed
//! here and tested natively against hand-derived values and finite differences.

pub mod contour;
pub mod cost;
pub mod directional;
pub mod dual;
pub mod expr;
pub mod finite_diff;
pub mod functions;
pub mod isorings;
pub mod minibatch;
pub mod mlp;
pub mod momentum;
pub mod norms;
pub mod optimizers;
pub mod regularization;
