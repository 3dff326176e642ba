//! # gdviz — gradient descent you can touch
//!
//! Interactive figures for an article on gradient descent, written in Rust, compiled to
//! WebAssembly and drawn with plotters on an HTML canvas.
//!
//! The crate has three layers, and arrows point down only:
//!
//! - [`math`]: pure numerics (dual numbers, the function library, directional derivatives,
//!   steepest directions under several norms, marching squares, the tiny network, the cost
//!   of finite differences against backprop). No drawing, no DOM.
//! - [`figures`]: each widget's state, what an input means, and its drawing through
//!   plotters, generic over the `DrawingBackend` (an HTML canvas in the browser, SVG in tests).
//! - `web` (wasm32 only): the only code that touches the DOM — mounting, canvas sizing,
//!   pointer and keyboard listeners, readouts, `data-state`, error messages.
//!
//! Beside them, `alloc` (wasm32 only) is the module's memory allocator: an arena in the initial
//! memory, so a page of widgets does not grow it.
//!
//! ## Embedding
//!
//! ```html
//! <script type="module" src="PATH/gdviz-embed.js"></script>
//! <div data-gdviz="contour" data-fn="bowl" data-x="3" data-y="4"></div>
//! ```
//!
//! ## Using the math natively
//!
//! ```
//! use gdviz::math::{directional, functions::Function};
//! let grad = Function::Bowl.gradient(3.0, 4.0);
//! assert_eq!(grad, [6.0, 8.0]);
//! let peak = directional::try_peak(grad).unwrap();
//! assert_eq!(peak.amplitude, 10.0);
//! assert!((peak.theta.to_degrees() - 53.13).abs() < 0.01);
//! ```

pub mod figures;
pub mod math;

#[cfg(target_arch = "wasm32")]
mod alloc;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::{mount, mount_all, mounted, unmount, Handle};
