//! The layering of `src/` holds: no import cycles between modules, and the rule
//! families' analyses do not depend on the rule engine's types.
//!
//! A module here is a top-level module of the library (`document`, `engine`, …), or a
//! rule family (`rules::footnotes`, …); `rules` itself is the registry. Edges are the
//! `crate::…` paths a module's files name outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to, or None for the binary's files.
fn module_of(rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["main.rs"] | ["cli.rs"] | ["lib.rs"] => None,
        ["rules", "mod.rs"] => Some("rules".into()),
        ["rules", family, ..] if parts.len() > 2 => Some(format!("rules::{family}")),
        [first, ..] => Some(first.trim_end_matches(".rs").to_string()),
        [] => None,
    }
}

/// The modules named by `crate::a::b` paths in code (comments skipped).
fn targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .collect();
            let first = path.first().copied().unwrap_or("");
            if first.is_empty() {
                // `use crate::{a, b}`: each name in the braces.
                if let Some(list) = rest.strip_prefix('{') {
                    let list = list.split('}').next().unwrap_or("");
                    for name in list.split(',') {
                        let name = name.trim().split("::").next().unwrap_or("").trim();
                        if !name.is_empty() {
                            out.insert(name.to_string());
                        }
                    }
                }
                continue;
            }
            if first == "rules" {
                match path.get(1) {
                    Some(family) if family.chars().next().is_some_and(|c| c.is_lowercase()) => {
                        out.insert(format!("rules::{family}"));
                    }
                    _ => {
                        out.insert("rules".to_string());
                    }
                }
            } else {
                out.insert(first.to_string());
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(module) = module_of(&rel) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("readable");
        let edges = graph.entry(module.clone()).or_default();
        for t in targets(&code) {
            // Macros exported at the crate root (`crate::declare_rule`) belong to `rule`.
            let t = if t == "declare_rule" {
                "rule".to_string()
            } else {
                t
            };
            if t != module {
                edges.insert(t);
            }
        }
    }
    graph
}

/// A cycle in the graph, as a path of modules, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_import_cycles_between_modules() {
    let graph = graph();
    assert!(graph.contains_key("rules::footnotes") && graph.contains_key("document"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn family_analyses_do_not_depend_on_the_rule_engine() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for entry in std::fs::read_dir(rules).expect("rules readable") {
        let dir = entry.expect("entry").path();
        let analysis = dir.join("mod.rs");
        // `meta` declares rules reported by the suppression and baseline passes; it
        // has no analysis.
        if !dir.is_dir() || !analysis.exists() || dir.ends_with("meta") {
            continue;
        }
        let code = std::fs::read_to_string(&analysis).expect("readable");
        let t = targets(&code);
        for engine_side in ["rule", "engine", "settings", "suppress", "report"] {
            assert!(
                !t.contains(engine_side),
                "{} depends on crate::{engine_side}",
                analysis.display()
            );
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&g).map(|c| c.len()), Some(4));
    assert_eq!(
        targets("use crate::{document::Document, pack::Pack};\n// crate::engine\nx(crate::rules::footnotes::shared)"),
        ["document", "pack", "rules::footnotes"].into_iter().map(String::from).collect()
    );
}
