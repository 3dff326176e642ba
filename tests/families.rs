//! The loader's families of kinds (`FAMILIES` and `MODULES` in `www/gdviz-embed.js`) are the
//! ones `Cargo.toml`'s features build (`www/family-modules.sh` builds one module per family of
//! the default features): a kind the loader routes to a module must be in that module.
#![cfg(not(target_arch = "wasm32"))]

use gdviz::figures::{Kind, KIND_NAMES};
use std::collections::BTreeMap;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted names in `list` (`"a", "b"` or `'a', 'b'`).
fn names(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Cargo.toml's families: each feature of `default`, with the kinds it turns on.
fn cargo_families() -> BTreeMap<String, Vec<String>> {
    let toml = read("Cargo.toml");
    let features = &toml[toml.find("[features]").expect("a [features] table")..];
    let features = &features[..features[1..].find("\n[").map_or(features.len(), |i| i + 1)];
    let value = |key: &str| -> Vec<String> {
        let line = features
            .lines()
            .find(|l| l.split('=').next().map(str::trim) == Some(key))
            .unwrap_or_else(|| panic!("feature {key}"));
        let list = &line[line.find('[').expect("[") + 1..line.rfind(']').expect("]")];
        names(list)
    };
    value("default")
        .into_iter()
        // Not a family: the module with every kind's contours() (www/family-modules.sh skips it too).
        .filter(|f| f != "contours-api")
        .map(|family| {
            let kinds = value(&family);
            (family, kinds)
        })
        .collect()
}

/// The loader's `FAMILIES` table.
fn loader_families(js: &str) -> BTreeMap<String, Vec<String>> {
    let start = js
        .find("const FAMILIES = {")
        .expect("FAMILIES in the loader");
    let body = &js[start..start + js[start..].find("};").expect("its end")];
    body.lines()
        .skip(1)
        .filter_map(|l| {
            let (name, list) = l.trim().split_once(':')?;
            let list = list.trim().trim_start_matches('[');
            let list = &list[..list.find(']')?];
            Some((name.trim().to_owned(), names(list)))
        })
        .collect()
}

#[test]
fn the_loader_has_cargos_families_and_every_kind_is_in_one() {
    let cargo = cargo_families();
    let js = read("www/gdviz-embed.js");
    let loader = loader_families(&js);
    assert_eq!(
        loader, cargo,
        "www/gdviz-embed.js's FAMILIES against Cargo.toml's features"
    );
    // Every kind of the full build in exactly one family, and the families name no other.
    let mut all: Vec<&str> = cargo.values().flatten().map(String::as_str).collect();
    all.sort_unstable();
    let mut kinds: Vec<&str> = KIND_NAMES.to_vec();
    kinds.sort_unstable();
    assert_eq!(all, kinds);
    assert_eq!(
        Kind::ALL.len(),
        KIND_NAMES.len(),
        "this test runs on the build with every kind"
    );
    // Each family's module is imported and fetched from its own folder, written literally.
    for family in cargo.keys() {
        let line = format!(
            "{family}: () => [import('./modules/{family}/gdviz.js'), new URL('./modules/{family}/gdviz_bg.wasm', import.meta.url)],"
        );
        assert!(js.contains(&line), "the loader's MODULES lacks: {line}");
    }
}

#[test]
fn kinds_a_group_links_are_in_one_family() {
    // Figures of one data-group share their Rust state, so they must run in one module. Kinds
    // that publish the same kind of shared value (their widgets' `shared()`/`also_shared()`)
    // are linked, and so are the groups README lists (a function and point; a training run;
    // an optimizer race with its momentum map), which also name kinds that only receive.
    let cargo = cargo_families();
    let family = |kind: &str| -> String {
        cargo
            .iter()
            .find(|(_, kinds)| kinds.iter().any(|k| k == kind))
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| panic!("{kind} in no family"))
    };
    let mut by_value: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for kind in Kind::ALL {
        let widget = kind.article::<gdviz::figures::Plain>();
        for value in [widget.shared(), widget.also_shared()]
            .into_iter()
            .flatten()
        {
            let variant = format!("{:?}", std::mem::discriminant(&value));
            by_value.entry(variant).or_default().push(kind.name());
        }
    }
    assert!(
        by_value.values().any(|k| k.len() > 1),
        "no two kinds share a value: {by_value:?}"
    );
    let listed: [&[&str]; 3] = [
        &["contour", "sinusoid", "norms"],
        &["mlp", "loss-slice"],
        &["trajectory", "landscape", "momentum-map"],
    ];
    for group in by_value.values().map(Vec::as_slice).chain(listed) {
        let families: std::collections::BTreeSet<String> =
            group.iter().map(|k| family(k)).collect();
        assert_eq!(families.len(), 1, "{group:?} spans {families:?}");
    }
}
