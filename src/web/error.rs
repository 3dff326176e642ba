//! Why a widget could not start or stopped: one error type for the web layer.

use crate::figures::{DrawError, OptionError};

/// A widget's failure, shown inside its element.
#[derive(Debug)]
pub enum Error {
    /// An option was unusable.
    Option(OptionError),
    /// The browser refused something (no 2-D context, an element it would not create, …).
    Dom(String),
    /// plotters failed to draw.
    Draw(DrawError),
}

impl Error {
    /// A browser failure described by `what`.
    pub fn dom(what: impl Into<String>) -> Self {
        Error::Dom(what.into())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Option(e) => write!(f, "{e}"),
            Error::Dom(e) => f.write_str(e),
            Error::Draw(e) => write!(f, "{e}"),
        }
    }
}

impl From<OptionError> for Error {
    fn from(e: OptionError) -> Self {
        Error::Option(e)
    }
}

impl From<DrawError> for Error {
    fn from(e: DrawError) -> Self {
        Error::Draw(e)
    }
}

/// The web layer's results.
pub type Result<T = ()> = std::result::Result<T, Error>;
