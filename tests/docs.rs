//! docs/data.md against the bundled data: its counts, dates and sources
//! are computed here from the file and must be the doc's, word for word; it
//! names the file's version and "as of" date; and the licences it points to
//! exist.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use troopmap::model::statement::Grade;
use troopmap::{read_collection, Dataset, Kind};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DATA: &str = "assets/data/nk-deployment-2024.geojson";
const DOC: &str = "docs/data.md";

/// The columns of the doc's table, in order: each drawn grade, then the
/// features the data gives no grade.
const COLUMNS: [&str; 7] = [
    "confirmed",
    "reported",
    "claimed",
    "denied",
    "inferred",
    "unasserted",
    "not graded",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn data() -> Dataset {
    match read_collection(DATA, &read(DATA)) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    }
}

fn doc() -> String {
    read(DOC)
}

/// A text member of the collection.
fn member(data: &Dataset, key: &str) -> String {
    match data.members.get(key) {
        Some(Value::String(text)) => text.clone(),
        other => panic!("{DATA}: the collection's {key:?} is {other:?}, not text"),
    }
}

/// Fails unless `doc` holds `expected` as a line of its own, showing the
/// lines that hold `near` instead.
fn assert_line(doc: &str, expected: &str, near: &str) {
    if doc.lines().any(|line| line.trim_end() == expected) {
        return;
    }
    let found: Vec<&str> = doc.lines().filter(|line| line.contains(near)).collect();
    panic!(
        "{DOC} lacks the line computed from {DATA}\n  expected: {expected}\n  found:    {found:#?}"
    );
}

/// `N features: P places, R routes and E events, dated from A to B.`: the
/// dates are the earliest and latest day any feature's `start` or `end`
/// gives.
fn summary(data: &Dataset) -> String {
    let count = |kind: Kind| data.features.iter().filter(|f| f.kind == kind).count();
    let days: BTreeSet<String> = data
        .features
        .iter()
        .flat_map(|f| {
            let properties = f.properties();
            ["start", "end"]
                .into_iter()
                .filter_map(|key| properties.get(key)?.as_str().map(day_part))
                .collect::<Vec<_>>()
        })
        .collect();
    let (first, last) = match (days.first(), days.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => panic!("{DATA}: no feature has a start or an end"),
    };
    format!(
        "{} features: {} places, {} routes and {} events, dated from {first} to {last}.",
        data.features.len(),
        count(Kind::Place),
        count(Kind::Route),
        count(Kind::Event),
    )
}

/// The day of a date or date-time as written: what comes before a `T` or a
/// space.
fn day_part(written: &str) -> String {
    written
        .split(['T', 't', ' '])
        .next()
        .unwrap_or(written)
        .to_owned()
}

/// The table's header and one row per kind, counting each feature by the
/// grade it is drawn with.
fn table(data: &Dataset) -> Vec<String> {
    let mut lines = vec![format!("| kind | {} |", COLUMNS.join(" | "))];
    for kind in Kind::ALL {
        let mut counts: BTreeMap<&str, usize> = COLUMNS.iter().map(|c| (*c, 0)).collect();
        for feature in data.features.iter().filter(|f| f.kind == kind) {
            let column = feature.grade.map_or("not graded", Grade::as_str);
            match counts.get_mut(column) {
                Some(n) => *n += 1,
                None => panic!("grade {column:?} has no column in {DOC}'s table"),
            }
        }
        let cells: Vec<String> = COLUMNS.iter().map(|c| counts[c].to_string()).collect();
        lines.push(format!("| {} | {} |", kind.as_str(), cells.join(" | ")));
    }
    lines
}

/// `Sources: S numbered sources, U of them undated (each with a reason), M
/// cited through a mirror.`: sources by their number (`ref`); one is
/// undated when no citation of it gives a date, through a mirror when one
/// says `mirror`.
fn sources_line(data: &Dataset) -> String {
    let mut numbered: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    let sources: Vec<_> = data
        .features
        .iter()
        .flat_map(troopmap::geojson::read::shown::sources)
        .collect();
    for source in &sources {
        if let Some(reference) = source.reference.as_deref() {
            let (dated, mirror) = numbered.entry(reference).or_default();
            *dated |= source.date.is_some();
            *mirror |= source.mirror().is_some();
        }
    }
    let undated = numbered.values().filter(|(dated, _)| !dated).count();
    let mirrors = numbered.values().filter(|(_, mirror)| *mirror).count();
    format!(
        "Sources: {} numbered sources, {undated} of them undated (each with a reason), {mirrors} cited through a mirror.",
        numbered.len()
    )
}

#[test]
fn the_doc_gives_the_files_counts_and_dates() {
    assert_line(&doc(), &summary(&data()), " features: ");
}

#[test]
fn the_doc_counts_each_kind_by_its_drawn_grade() {
    let doc = doc();
    let expected = table(&data());
    let lines: Vec<&str> = doc.lines().map(str::trim_end).collect();
    let headers: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i] == expected[0])
        .collect();
    let [header] = headers[..] else {
        panic!(
            "{DOC} must hold the table header once, found {} times\n  expected: {}",
            headers.len(),
            expected[0]
        );
    };
    // The table: the header, its separator, then the rows, up to the
    // first line that is not a table row.
    let found: Vec<&str> = std::iter::once(lines[header])
        .chain(
            lines[header + 1..]
                .iter()
                .copied()
                .take_while(|line| line.starts_with('|'))
                .filter(|line| !line.starts_with("|---") && !line.starts_with("| ---")),
        )
        .collect();
    if found != expected {
        panic!(
            "{DOC}'s table of kinds by grade is not the one computed from {DATA}\n  expected:\n{}\n  found:\n{}",
            expected.join("\n"),
            found.join("\n")
        );
    }
}

#[test]
fn the_doc_counts_the_sources() {
    assert_line(&doc(), &sources_line(&data()), "Sources:");
}

#[test]
fn every_undated_citation_says_why() {
    // The doc says the undated sources each have a reason: a `date_note`.
    for feature in &data().features {
        for source in &troopmap::geojson::read::shown::sources(feature) {
            assert!(
                source.date.is_some() || source.date_note().is_some(),
                "{:?}: source {:?} has neither a date nor a date_note",
                feature.id,
                source.title
            );
        }
    }
}

#[test]
fn the_doc_names_the_files_version_and_as_of_date() {
    let data = data();
    let doc = doc();
    let version = member(&data, "version");
    let as_of = member(&data, "as_of");
    for expected in [format!("version {version}"), format!("as of {as_of}")] {
        assert!(
            doc.contains(&expected),
            "{DOC} does not say {expected:?}, which the collection's members give"
        );
    }
    // The changelog has an entry for this version.
    let heading = format!("### {version}");
    assert!(
        doc.lines().any(|line| line.starts_with(&heading)),
        "{DOC}'s changes have no heading {heading:?}"
    );
}

#[test]
fn the_doc_claims_no_more_than_the_data_holds() {
    let doc = doc();
    assert!(
        !doc.contains("Nothing in it is invented"),
        "{DOC} must say what the map maker drew, not that nothing is invented"
    );
}

#[test]
fn the_code_and_the_data_each_have_their_licence() {
    let code = read("LICENSE");
    let first = code.lines().next().unwrap_or_default();
    let declared = env!("CARGO_PKG_LICENSE");
    assert!(
        first.contains(declared),
        "LICENSE's first line {first:?} does not name {declared:?}, the licence Cargo.toml declares"
    );
    let data_licence = read("assets/data/LICENSE");
    for expected in [
        "CC BY 4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ] {
        assert!(
            data_licence.contains(expected),
            "assets/data/LICENSE does not say {expected:?}"
        );
    }
    // The file's own member says the same licence, in SPDX's spelling.
    assert_eq!(member(&data(), "license"), "CC-BY-4.0");
    assert!(
        doc().contains("CC BY 4.0"),
        "{DOC} does not name the data's licence"
    );
}
