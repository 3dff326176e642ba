//! The text field where a reader types their own f(x, y), shared by every widget that takes
//! `data-fn` (contour, sinusoid, trajectory). Enter (or leaving the field) applies it; a typo
//! is pointed at in a message beside the field and the widget keeps its last function.

use super::dom::create;
use crate::math::functions::Function;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

pub struct ExprField {
    /// The whole field (caption, input, message), to place in the widget.
    pub label: HtmlElement,
    /// The input; listen to its "change".
    pub input: HtmlInputElement,
    message: HtmlElement,
}

impl ExprField {
    /// A field showing `initial` as one would type it.
    pub fn new(initial: Function) -> Result<Self, String> {
        let label = create("label", "gdviz-field gdviz-expr")?;
        let caption = create("span", "")?;
        caption.set_text_content(Some(
            "Your own f(x, y), then Enter — e.g. sin(x)*cos(y) + x^2/10",
        ));
        let input: HtmlInputElement = create("input", "")?.unchecked_into();
        input.set_type("text");
        for (k, v) in [
            ("spellcheck", "false"),
            ("autocomplete", "off"),
            ("autocapitalize", "off"),
        ] {
            let _ = input.set_attribute(k, v);
        }
        let message = create("span", "gdviz-hint gdviz-expr-message")?;
        let _ = message.set_attribute("aria-live", "polite");
        let _ = label.append_child(&caption);
        let _ = label.append_child(&input);
        let _ = label.append_child(&message);
        let field = Self {
            label,
            input,
            message,
        };
        field.show(initial);
        Ok(field)
    }

    /// Shows `f` (after a menu choice or a linked widget's change) and clears any message.
    pub fn show(&self, f: Function) {
        self.input.set_value(&f.formula_ascii());
        let _ = self.input.remove_attribute("aria-invalid");
        self.message.set_text_content(Some(""));
    }

    /// A newly typed function (not `current`) with the point it starts at: `preferred` if it is
    /// defined there, else the nearest point where it is; `None` after saying what is wrong.
    pub fn read_new(
        &self,
        current: Function,
        preferred: impl Fn(Function) -> [f64; 2],
    ) -> Option<(Function, [f64; 2])> {
        let function = self.read()?;
        if function == current {
            return None;
        }
        let start = function.defined_near(function.domain().clamp(preferred(function)));
        if start.is_none() {
            self.say("It has no point in the plot where it and its gradient are defined.");
        }
        start.map(|p| (function, p))
    }

    /// Says why a function that parsed cannot be used.
    pub fn say(&self, why: &str) {
        let _ = self.input.set_attribute("aria-invalid", "true");
        self.message
            .set_text_content(Some(&format!("{why} The plot keeps the last one.")));
    }

    /// The typed function, or `None` after saying what is wrong with the text.
    pub fn read(&self) -> Option<Function> {
        match Function::parse(&self.input.value()) {
            Ok(f) => {
                let _ = self.input.remove_attribute("aria-invalid");
                self.message.set_text_content(Some(""));
                Some(f)
            }
            Err(e) => {
                let _ = self.input.set_attribute("aria-invalid", "true");
                self.message.set_text_content(Some(&format!(
                    "Not a function of x and y {e}. The plot keeps the last one."
                )));
                None
            }
        }
    }
}
