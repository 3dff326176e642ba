//! Reading a widget's options (`data-*` attributes) with errors that name the attribute and
//! the value it got, so the widget can say exactly what is wrong.

use std::collections::HashMap;
use std::fmt;

/// Where options come from: `key` is the full attribute name, e.g. `"data-x"`.
pub trait Options {
    /// The raw value of the attribute, if present.
    fn get(&self, key: &str) -> Option<String>;
}

impl Options for HashMap<String, String> {
    fn get(&self, key: &str) -> Option<String> {
        HashMap::get(self, key).cloned()
    }
}

impl<T: Options + ?Sized> Options for &T {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }
}

impl Options for [(&str, &str)] {
    fn get(&self, key: &str) -> Option<String> {
        self.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    }
}

/// A shared link's fragment entries (`widget.option` = value) for the widget `id`, as
/// (`data-…` attribute, value) pairs; an entry that names no widget, or an option that is not
/// a valid name, makes the whole fragment unusable (the message says which).
///
/// # Errors
/// The first malformed entry, described.
pub fn link_options(
    entries: &[(String, String)],
    id: &str,
) -> Result<Vec<(String, String)>, String> {
    let shorten = |s: &str| {
        if s.chars().count() > 40 {
            format!("{}…", s.chars().take(37).collect::<String>())
        } else {
            s.to_owned()
        }
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some((widget, option)) = key.split_once('.') else {
            return Err(format!(
                "the link's fragment has an entry \"{}\" that names no figure",
                shorten(key)
            ));
        };
        let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if option.is_empty() || !option.chars().all(valid) {
            return Err(format!(
                "the link's fragment has an option \"{}\" that is not a valid name",
                shorten(option)
            ));
        }
        if widget == id {
            out.push((format!("data-{option}"), value.clone()));
        }
    }
    Ok(out)
}

/// What is wrong with an option's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionErrorKind {
    /// `data-gdviz` names no widget kind.
    UnknownKind,
    /// `data-fn` names no function; the payload lists the names that exist.
    UnknownFunction(String),
    /// The value does not parse as a number (or is empty).
    NotANumber,
    /// The value parses but is NaN or infinite (`inf`, `1e309`).
    NotFinite,
    /// The value is a number outside the allowed range, described by the payload.
    OutOfRange(String),
    /// The value is none of the words the option takes (listed in the payload).
    NotOneOf(String),
    /// The value is not an expression: the payload says where and what was expected.
    BadExpression(String),
}

/// An option that could not be used: the attribute, the value it had, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The attribute, e.g. `data-x`.
    pub key: String,
    /// The value as given (shown shortened if long).
    pub value: String,
    /// What is wrong.
    pub kind: OptionErrorKind,
}

impl OptionError {
    /// A new error for `key` with `value`.
    #[must_use]
    pub fn new(key: &str, value: &str, kind: OptionErrorKind) -> Self {
        Self {
            key: key.to_owned(),
            value: value.to_owned(),
            kind,
        }
    }
}

/// Shortens a value for a message: at most 40 characters, control characters made visible.
fn shown(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_control() { '�' } else { c })
        .collect();
    if cleaned.chars().count() > 40 {
        let head: String = cleaned.chars().take(37).collect();
        format!("{head}… ({} characters)", value.chars().count())
    } else {
        cleaned
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = shown(&self.value);
        match &self.kind {
            OptionErrorKind::UnknownKind => write!(f, "{}=\"{v}\" is not a gdviz figure", self.key),
            OptionErrorKind::UnknownFunction(known) => {
                write!(
                    f,
                    "{}=\"{v}\" is not a known function (try one of: {known})",
                    self.key
                )
            }
            OptionErrorKind::NotANumber if self.value.trim().is_empty() => {
                write!(f, "{} is empty: it needs a number", self.key)
            }
            OptionErrorKind::NotANumber => write!(f, "{}=\"{v}\" is not a number", self.key),
            OptionErrorKind::NotFinite => {
                write!(
                    f,
                    "{}=\"{v}\" is not a finite number (it overflows or is not a value)",
                    self.key
                )
            }
            OptionErrorKind::OutOfRange(range) => {
                write!(f, "{}=\"{v}\" is out of range: {range}", self.key)
            }
            OptionErrorKind::BadExpression(why) => {
                write!(
                    f,
                    "{}=\"{v}\" is not a function of x and y: {why}",
                    self.key
                )
            }
            OptionErrorKind::NotOneOf(words) => {
                write!(f, "{}=\"{v}\" is not one of: {words}", self.key)
            }
        }
    }
}

impl std::error::Error for OptionError {}

/// `data-theme`, which every kind takes: `auto` (the default: dark when the reader's system
/// prefers it), `light` or `dark`. The stylesheet does the rest; this only refuses other words.
///
/// # Errors
/// [`OptionErrorKind::NotOneOf`] for any other value.
pub fn theme(opts: &(impl Options + ?Sized)) -> Result<&'static str, OptionError> {
    match opts.get("data-theme") {
        None => Ok("auto"),
        Some(raw) => match raw.trim() {
            "" | "auto" => Ok("auto"),
            "light" => Ok("light"),
            "dark" => Ok("dark"),
            _ => Err(OptionError::new(
                "data-theme",
                &raw,
                OptionErrorKind::NotOneOf("auto, light, dark".to_owned()),
            )),
        },
    }
}

/// Parses one number the way every option does: surrounding spaces allowed, and the value
/// must be finite.
///
/// # Errors
/// [`OptionErrorKind::NotANumber`] or [`OptionErrorKind::NotFinite`], naming `key`.
pub fn parse_number(key: &str, raw: &str) -> Result<f64, OptionError> {
    let t = raw.trim();
    // Rust accepts "inf", "infinity" and "nan" as numbers; a reader meant none of them.
    let v: f64 = t
        .parse()
        .map_err(|_| OptionError::new(key, raw, OptionErrorKind::NotANumber))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(OptionError::new(key, raw, OptionErrorKind::NotFinite))
    }
}

/// The number in option `key`, or `default` when the attribute is absent.
///
/// # Errors
/// As [`parse_number`].
pub fn number(opts: &(impl Options + ?Sized), key: &str, default: f64) -> Result<f64, OptionError> {
    opts.get(key)
        .map_or(Ok(default), |raw| parse_number(key, &raw))
}

/// An angle in degrees (`data-theta`), if given: a number within ±10⁶.
///
/// # Errors
/// Not a number, or out of that range.
pub fn degrees(opts: &(impl Options + ?Sized), key: &str) -> Result<Option<f64>, OptionError> {
    let Some(raw) = opts.get(key) else {
        return Ok(None);
    };
    let v = parse_number(key, &raw)?;
    if v.abs() > 1e6 {
        return Err(OptionError::new(
            key,
            &raw,
            OptionErrorKind::OutOfRange("an angle in degrees, between −1000000 and 1000000".into()),
        ));
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_their_errors() {
        let opts: &[(&str, &str)] = &[
            ("data-a", " 3.5 "),
            ("data-b", "abc"),
            ("data-c", "1e309"),
            ("data-d", ""),
            ("data-e", "NaN"),
            ("data-f", "-inf"),
        ];
        assert_eq!(number(opts, "data-a", 0.0), Ok(3.5));
        assert_eq!(number(opts, "data-z", 7.0), Ok(7.0));
        let e = number(opts, "data-b", 0.0).unwrap_err();
        assert_eq!(e.to_string(), "data-b=\"abc\" is not a number");
        assert_eq!(
            number(opts, "data-c", 0.0).unwrap_err().kind,
            OptionErrorKind::NotFinite
        );
        assert_eq!(
            number(opts, "data-d", 0.0).unwrap_err().to_string(),
            "data-d is empty: it needs a number"
        );
        assert_eq!(
            number(opts, "data-e", 0.0).unwrap_err().kind,
            OptionErrorKind::NotFinite
        );
        assert_eq!(
            number(opts, "data-f", 0.0).unwrap_err().kind,
            OptionErrorKind::NotFinite
        );
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let long = "9".repeat(5000);
        let e = parse_number("data-x", &long).unwrap_err();
        let msg = e.to_string();
        assert!(msg.chars().count() < 140, "{msg}");
        assert!(msg.contains("5000 characters"));
    }
}
