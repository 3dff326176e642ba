//! The `data-state` JSON writer, in place of serde + serde_json: the same text for the same
//! values (key order, `null` for a non-finite number, the shortest digits that read back as
//! the number, laid out as serde_json lays them: `2.0`, `0.001234`, `1e-7`, `1.5e+300`),
//! numbers through zmij, the float printer serde_json itself uses (a small crate: the module
//! grew by 245 bytes gzip), without serde's generic code.

use std::collections::BTreeMap;
use std::fmt::Write;

/// A value written as JSON.
pub trait Json {
    /// Appends `self` as JSON to `out`.
    fn write_json(&self, out: &mut String);
}

/// A struct written as a JSON object: its fields in order (a struct that flattens another
/// writes the other's fields first).
pub trait Fields {
    /// Adds each field to `o`.
    fn fields(&self, o: &mut Object<'_>);
}

/// An object being written: `{` on creation, `}` on [`Object::close`].
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    fn close(self) {
        self.out.push('}');
    }

    /// Writes `"key":value`.
    pub fn field(&mut self, key: &str, value: &dyn Json) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        key.write_json(self.out);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Writes `"key":value` when `value` is `Some` (serde's `skip_serializing_if`).
    pub fn some<T: Json>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.field(key, v);
        }
        self
    }
}

impl<T: Fields + ?Sized> Json for T {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::open(out);
        self.fields(&mut o);
        o.close();
    }
}

/// `value` as a JSON string.
#[must_use]
pub fn to_string(value: &dyn Json) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

impl Json for f64 {
    fn write_json(&self, out: &mut String) {
        number(*self, out);
    }
}

impl Json for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Json for usize {
    fn write_json(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Json for u64 {
    fn write_json(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Json for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if c < ' ' => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl Json for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl Json for &str {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: Json> Json for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Json> Json for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<T: Json, const N: usize> Json for [T; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: Json> Json for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// A value already written as JSON (e.g. a [`ListCache`]'s text), written as it is.
pub struct Raw<'a>(pub &'a str);

impl Json for Raw<'_> {
    fn write_json(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

/// The JSON text of a list that only grows (a run's path or losses), written item by item as
/// it grows: a run's `data-state` costs what its new items cost, not its whole history.
#[derive(Clone, Debug, Default)]
pub struct ListCache {
    key: u64,
    written: usize,
    /// `[` and the items written so far, with their commas (no closing `]`).
    text: String,
}

impl ListCache {
    /// Calls `f` with the JSON text of `items` (the same as `items.write_json`). `key` names
    /// the list: items `..written` are taken as unchanged while it holds and the list has not
    /// got shorter (a new key, or a shorter list, writes it again from the start).
    pub fn with<T: Json, R>(&mut self, key: u64, items: &[T], f: impl FnOnce(Raw<'_>) -> R) -> R {
        if key != self.key || items.len() < self.written || self.text.is_empty() {
            self.key = key;
            self.written = 0;
            self.text.clear();
            self.text.push('[');
        }
        for v in &items[self.written..] {
            if self.text.len() > 1 {
                self.text.push(',');
            }
            v.write_json(&mut self.text);
        }
        self.written = items.len();
        self.text.push(']');
        let r = f(Raw(&self.text));
        self.text.pop();
        r
    }
}

impl<T: Json> Json for BTreeMap<&'static str, T> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::open(out);
        for (k, v) in self {
            o.field(k, v);
        }
        o.close();
    }
}

/// Writes `v` as serde_json does, with serde_json's own float formatter (the zmij crate):
/// `null` if not finite, else the shortest digits that read back as `v`, laid out as
/// `12340000000.0`, `12.34`, `0.001234`, `1e+30`, `1.234e+33` (plain decimals for
/// 10⁻⁵ ≤ |v| < 10¹⁶).
///
/// Why not core's `{:e}`, as before: every number of every data-state write goes through here,
/// and core's shortest digits are Grisu with a Dragon4 fallback (big-number arithmetic on the
/// stack) for a few numbers in a thousand. WebKit once trapped inside that fallback while a
/// page mounted (an "Out of bounds memory access" no other engine shows, like the ones in
/// `alloc.rs`): this takes that path off data-state's way, not the engine's fault away, and
/// the readouts' fixed-precision formatting still uses core's.
fn number(v: f64, out: &mut String) {
    if v.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(v));
    } else {
        out.push_str("null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> String {
        to_string(&v)
    }

    #[test]
    fn numbers_are_laid_out_as_serde_json_writes_them() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -2.0,
            0.1,
            0.3,
            12.34,
            100.0,
            1e15,
            1e16,
            1e17,
            1.5e16,
            123456789012345680.0,
            0.001234,
            1e-5,
            1e-6,
            1.5e-7,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            std::f64::consts::PI,
            -std::f64::consts::E * 1e-10,
            9007199254740993.0,
            0.1 + 0.2,
        ] {
            assert_eq!(num(v), serde_json::to_string(&v).unwrap(), "{v:e}");
        }
        assert_eq!(num(f64::NAN), "null");
        assert_eq!(num(f64::INFINITY), "null");
        assert_eq!(num(f64::NEG_INFINITY), "null");
    }

    #[test]
    fn random_bit_patterns_read_back_in_the_fewest_digits() {
        // A fixed xorshift stream: every exponent and mantissa shape. Each number reads back
        // as itself, in as few digits as core's shortest form.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            let ours = num(v);
            if !v.is_finite() {
                assert_eq!(ours, "null");
                continue;
            }
            assert_eq!(
                ours.parse::<f64>().unwrap().to_bits(),
                v.to_bits(),
                "{ours}"
            );
            // As few digits as core's shortest form (an independent printer) needs.
            let digits = |t: &str| {
                let mantissa = t.split(['e', 'E']).next().unwrap_or(t);
                let d: String = mantissa.chars().filter(char::is_ascii_digit).collect();
                d.trim_start_matches('0').trim_end_matches('0').len()
            };
            assert_eq!(digits(&ours), digits(&format!("{:e}", v.abs())), "{ours}");
        }
    }

    #[test]
    fn numbers_have_serde_jsons_layout_written_out() {
        for (v, text) in [
            (100.0, "100.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (12.34, "12.34"),
            (0.001234, "0.001234"),
            (1e-5, "0.00001"),
            (1e-6, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (5e-324, "5e-324"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (f64::MAX, "1.7976931348623157e+308"),
        ] {
            assert_eq!(num(v), text);
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let s = "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}k—θ∇";
        assert_eq!(to_string(&s), serde_json::to_string(&s).unwrap());
    }

    #[test]
    fn containers_and_objects() {
        struct S {
            a: Option<f64>,
            b: Option<Vec<[f64; 2]>>,
            m: BTreeMap<&'static str, usize>,
        }
        impl Fields for S {
            fn fields(&self, o: &mut Object<'_>) {
                o.field("a", &self.a).some("b", &self.b).field("m", &self.m);
            }
        }
        let s = S {
            a: None,
            b: Some(vec![[1.0, 0.5]]),
            m: BTreeMap::from([("y", 2), ("x", 1)]),
        };
        assert_eq!(
            to_string(&s),
            r#"{"a":null,"b":[[1.0,0.5]],"m":{"x":1,"y":2}}"#
        );
        let none = S { b: None, ..s };
        assert_eq!(to_string(&none), r#"{"a":null,"m":{"x":1,"y":2}}"#);
    }
}
