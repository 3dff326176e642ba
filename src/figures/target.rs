//! One backend type for the screen and for SVG documents.
//!
//! Every figure draws through plotters, generic over the backend, and the compiler makes a
//! copy of a figure's drawing code (and of the plotters code under it) for each backend type
//! it is used with. In the browser a figure draws on a canvas and exports SVG from the same
//! code: with two backend types the module held two copies of every figure. [`Target`] is
//! either, so the browser build uses one type for both and keeps one copy; the match per
//! drawing call costs nothing measurable.

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Draws on the screen's backend `S`, or into an SVG document.
pub enum Target<'a, S> {
    /// The page's backend (the canvas, in the browser).
    Screen(S),
    /// An SVG document being written.
    Svg(SVGBackend<'a>),
}

/// A backend's error, as its message.
#[derive(Debug)]
pub struct TargetError(pub String);

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetError {}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<TargetError>>;

/// A backend's error, with its message kept.
fn lift<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<TargetError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(TargetError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is.
macro_rules! either {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Target::Screen($b) => $call.map_err(lift),
            Target::Svg($b) => $call.map_err(lift),
        }
    };
}

impl<S: DrawingBackend> DrawingBackend for Target<'_, S> {
    type ErrorType = TargetError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Target::Screen(b) => b.get_size(),
            Target::Svg(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result {
        either!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result {
        either!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        either!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<T: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &T,
    ) -> Result {
        either!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<T: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &T,
        fill: bool,
    ) -> Result {
        either!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<T: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &T,
    ) -> Result {
        either!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<T: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &T,
        fill: bool,
    ) -> Result {
        either!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<T: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &T,
    ) -> Result {
        either!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        either!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32)> {
        match self {
            Target::Screen(b) => b.estimate_text_size(text, style).map_err(lift),
            Target::Svg(_) => Ok(svg_text_size(text, style.size())),
        }
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, (w, h): (u32, u32), src: &[u8]) -> Result {
        either!(self, b => b.blit_bitmap(pos, (w, h), src))
    }
}

/// The size an SVG document gives `text` at `size` pixels: plotters' own estimate for
/// documents (its `naive` font data, what it uses natively without a font library), on every
/// platform. In the browser plotters would measure with the page's fonts, so the same
/// figure's SVG would differ between the download button and the native renderer (and
/// between readers): a legend box sized to the reader's fonts. A document drawn for anyone's
/// fonts cannot know them anyway.
fn svg_text_size(text: &str, size: f64) -> (u32, u32) {
    let em = size / 1.24 / 1.24;
    let width = (em * 0.7 * text.len() as f64).round();
    let height = (em * 0.24).round() + em.round();
    (width.max(0.0) as u32, height.max(0.0) as u32)
}

/// The screen type of a plain SVG export, which never draws on a screen.
pub type Plain = SVGBackend<'static>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::contour::{Config, ContourFigure};
    use crate::figures::contour_plot::{Fill, OnContours};
    use crate::figures::DrawError;
    use crate::figures::{render_svg, Layer};
    use plotters::coord::Shift;
    use plotters::prelude::{DrawingArea, IntoDrawingArea, IntoFont};

    fn draw<DB: DrawingBackend>(
        figure: &ContourFigure,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError> {
        figure
            .draw(root, Layer::All, Fill::Cells(12), 1.0)
            .map(|_| ())
    }

    /// The SVG variant's text size is plotters' native estimate, on every platform (natively
    /// the two agree by construction; in the browser plotters would measure with the page's fonts).
    #[test]
    fn svg_text_is_sized_as_plotters_sizes_it_natively() {
        let mut out = String::new();
        let svg = SVGBackend::with_string(&mut out, (100, 100));
        for (text, size) in [
            ("D_θ f", 9.677),
            ("gradient descent (L2)", 13.0),
            ("", 11.0),
        ] {
            let font: plotters::style::TextStyle<'_> =
                (crate::figures::style::FONT, size).into_font().into();
            assert_eq!(
                svg.estimate_text_size(text, &font).unwrap(),
                svg_text_size(text, size),
                "{text}"
            );
        }
    }

    /// Both variants pass every call through unchanged: the same figure drawn on an SVG
    /// "screen" and exported as SVG gives the same document.
    #[test]
    fn screen_and_svg_variants_draw_the_same() {
        let figure = ContourFigure::new(Config::default());
        let (w, h) = (400, figure.height_for_width(400, 1.0));
        let exported = render_svg(w, |_| h, |root| draw(&figure, root)).unwrap();
        let mut on_screen = String::new();
        {
            let screen = SVGBackend::with_string(&mut on_screen, (w, h));
            let root = Target::<SVGBackend<'_>>::Screen(screen).into_drawing_area();
            draw(&figure, &root).unwrap();
            root.present().unwrap();
        }
        assert!(exported.len() > 10_000 && exported.contains("<polyline"));
        assert_eq!(on_screen, exported);
    }
}
