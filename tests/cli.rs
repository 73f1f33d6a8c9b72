//! The command line as a user calls it: each subcommand runs, a call it
//! does not understand is refused with exit code 2 and says why, and a
//! command that fails exits 1.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

const DATA: &str = "assets/data/nk-deployment-2024.geojson";

fn troopmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troopmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the troopmap binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `args` are refused before anything runs: exit 2, nothing
/// on stdout, and `message` first on stderr.
fn assert_refused(args: &[&str], message: &str) {
    let output = troopmap(args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?}: {}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "", "{args:?}");
    let first = stderr(&output)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(first, format!("troopmap: {message}"), "{args:?}");
}

#[test]
fn validate_checks_the_bundled_data() {
    let output = troopmap(&["validate", DATA]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let verdict = stdout(&output);
    assert!(verdict.starts_with(&format!("{DATA}: ")), "{verdict}");
    assert!(verdict.contains(" features loaded"), "{verdict}");
}

#[test]
fn validate_with_an_order_runs_too() {
    let output = troopmap(&["validate", "--day-first", DATA]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn validate_refuses_at_naming_the_option() {
    let output = troopmap(&["validate", "--at", "2024-10-18", DATA]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "", "nothing is validated");
    let message = stderr(&output);
    assert!(
        message.starts_with("troopmap: --at does not apply to validate\nusage:"),
        "{message}"
    );
}

#[test]
fn options_of_other_subcommands_are_refused() {
    assert_refused(
        &["validate", "--all", DATA],
        "--all does not apply to validate",
    );
    assert_refused(
        &["export", "--all", "--lat", "N", DATA],
        "--lat does not apply to export",
    );
    assert_refused(
        &["convert", "--at", "2024-10-18", "x.csv"],
        "--at does not apply to convert",
    );
    assert_refused(
        &["basemap", "--seed", "3", "in.json", "out.geojson"],
        "--seed does not apply to basemap",
    );
    assert_refused(
        &["synth", "--features", "3", "--day-first"],
        "--day-first does not apply to synth",
    );
}

#[test]
fn an_unknown_option_is_refused() {
    assert_refused(&["validate", "--strict", DATA], "unknown option --strict");
    assert_refused(&["export", "-x", "--all", DATA], "unknown option -x");
}

#[test]
fn a_missing_value_is_refused() {
    assert_refused(&["export", DATA, "--at"], "--at needs a value");
    assert_refused(&["export", "--at", "--all", DATA], "--at needs a value");
    assert_refused(&["synth", "--features"], "--features needs a value");
    assert_refused(&["convert", "--lat"], "--lat needs a value");
}

#[test]
fn an_unknown_command_or_none_is_refused() {
    assert_refused(&["check", DATA], "unknown command \"check\"");
    assert_refused(&[], "usage:");
}

#[test]
fn wrong_operands_and_values_are_refused() {
    assert_refused(&["validate"], "validate wants at least one FILE");
    assert_refused(
        &["export", "--all", DATA, DATA],
        &format!("unexpected argument {DATA:?}: export wants one FILE"),
    );
    assert_refused(&["export", DATA], "export wants --at YYYY-MM-DD or --all");
    assert_refused(
        &["export", "--at", "2024-10-18", "--all", DATA],
        "give --at YYYY-MM-DD or --all, not both",
    );
    assert_refused(
        &["validate", "--day-first", "--month-first", DATA],
        "--day-first and --month-first contradict each other: give one",
    );
    assert_refused(
        &["export", "--at", "18/10/2024", DATA],
        "\"18/10/2024\" is not a valid time: expected a date as YYYY-MM-DD",
    );
    assert_refused(
        &["synth", "--features", "ten"],
        "--features wants a whole number, not \"ten\"",
    );
}

#[test]
fn export_prints_the_day_or_every_feature() {
    let on_the_day = troopmap(&["export", "--at", "2024-10-10", DATA]);
    let all = troopmap(&["export", "--all", DATA]);
    let equals = troopmap(&["export", "--at=2024-10-10", DATA]);
    for output in [&on_the_day, &all, &equals] {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
        assert!(stdout(output).starts_with("{\"type\":\"FeatureCollection\""));
    }
    assert_eq!(stdout(&equals), stdout(&on_the_day));
    assert!(stdout(&on_the_day).len() < stdout(&all).len());
}

#[test]
fn convert_prints_geojson() {
    let dir = std::env::temp_dir().join(format!("troopmap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let csv = dir.join("seen.csv");
    std::fs::write(&csv, "N,E,seen\n43.1,131.9,2024-10-10\n").expect("a CSV file");
    let path = csv.to_string_lossy().into_owned();
    let output = troopmap(&[
        "convert", "--lat", "N", "--lon", "E", "--date", "seen", &path,
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("\"FeatureCollection\""));
    assert!(stdout(&output).contains("131.9"));
}

const TABLES: &str = "tests/fixtures/import";

#[test]
fn convert_tells_every_bad_row_one_per_line_and_exits_1() {
    let output = troopmap(&["convert", &format!("{TABLES}/err-csv-bad-rows.csv")]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let lines: Vec<String> = stderr(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let file = format!("{TABLES}/err-csv-bad-rows.csv");
    assert_eq!(
        lines[0],
        format!("troopmap: {file}: line 3, column \"lat\": 131.885 is outside -90..90")
    );
    assert_eq!(
        lines[1],
        format!("{file}: line 5, column \"lat\": no value")
    );
    assert!(
        lines[2].starts_with(&format!("{file}: line 6, column \"date\": \"18/10/24\"")),
        "{lines:?}"
    );
}

#[test]
fn convert_says_in_one_line_that_a_file_is_no_table() {
    let file = format!("{TABLES}/err-records-in-an-object.json");
    let output = troopmap(&["convert", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "troopmap: {file}: not a CSV table or a JSON array of records: \
             it begins with \"{{\\\"source\\\": \\\"an events export\\\", \\\"…\"\n"
        )
    );
}

#[test]
fn convert_reads_a_json_array_of_records_and_notes_renamed_columns() {
    let output = troopmap(&["convert", &format!("{TABLES}/ok-records.json")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("GeoJSON");
    assert_eq!(
        json["features"][1]["properties"]["name"],
        "Convoy seen on the highway"
    );
    assert_eq!(
        json["features"][1]["properties"]["start"],
        "2022-05-01T00:00:00Z"
    );
    assert_eq!(json["features"][1]["properties"]["tags"][1], "road");
    let file = format!("{TABLES}/warn-csv-renamed-columns.csv");
    let output = troopmap(&["convert", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("{\"type\":\"FeatureCollection\""));
    assert_eq!(
        stderr(&output).lines().next(),
        Some(
            format!(
                "{file}: warning: column \"kind\" is kept as \"csv:kind\": the map reads \"kind\" itself"
            )
            .as_str()
        )
    );
}

#[test]
fn validate_and_export_read_tables() {
    let file = format!("{TABLES}/warn-csv-renamed-columns.csv");
    let output = troopmap(&["validate", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(&format!("{file}: 2 features loaded, 3 warnings")));
    let output = troopmap(&["export", "--at", "2024-10-19", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("GeoJSON");
    let features = json["features"].as_array().cloned().unwrap_or_default();
    assert_eq!(features.len(), 1);
    assert_eq!(features[0]["properties"]["csv:kind"], "train");
}

#[test]
fn basemap_writes_its_output() {
    let dir = std::env::temp_dir().join(format!("troopmap-basemap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let input = dir.join("in.json");
    // One square country in a TopoJSON topology, without a transform.
    std::fs::write(
        &input,
        r#"{"type":"Topology","objects":{"countries":{"type":"GeometryCollection",
            "geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"name":"Square"}}]}},
            "arcs":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]}"#,
    )
    .expect("a TopoJSON file");
    let output_path = dir.join("out").join("basemap.geojson");
    let output = troopmap(&[
        "basemap",
        &input.to_string_lossy(),
        &output_path.to_string_lossy(),
        "0.5",
    ]);
    let written = std::fs::read_to_string(&output_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(written.contains("Square"), "{written}");
}

#[test]
fn basemap_draws_its_land_at_the_opening_view() {
    let dir = std::env::temp_dir().join(format!("troopmap-picture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let input = dir.join("in.json");
    // Two countries: a square around the map's opening centre (42° N
    // 130° E), and one far from it, out of the picture.
    std::fs::write(
        &input,
        r#"{"type":"Topology","objects":{"countries":{"type":"GeometryCollection",
            "geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"name":"Near"}},
                          {"type":"Polygon","arcs":[[1]],"properties":{"name":"Far"}}]}},
            "arcs":[[[129,41],[129,43],[131,43],[131,41],[129,41]],
                    [[-71,41],[-71,43],[-69,43],[-69,41],[-71,41]]]}"#,
    )
    .expect("a TopoJSON file");
    let picture = dir.join("out").join("land.svg");
    let output = troopmap(&[
        "basemap",
        &input.to_string_lossy(),
        &dir.join("basemap.geojson").to_string_lossy(),
        "--picture",
        &picture.to_string_lossy(),
    ]);
    let written = std::fs::read_to_string(&picture).unwrap_or_default();
    // The same picture as the page's style sheet takes it.
    let sheet = dir.join("land.css");
    let as_css = troopmap(&[
        "basemap",
        &input.to_string_lossy(),
        &dir.join("basemap.geojson").to_string_lossy(),
        "--picture",
        &sheet.to_string_lossy(),
    ]);
    let css = std::fs::read_to_string(&sheet).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(as_css.status.code(), Some(0), "{}", stderr(&as_css));
    assert!(
        css.starts_with(":root{--opening-land:url(\"data:image/svg+xml,%3Csvg ")
            && css.contains("d=%22m1897 1230l0-61l46 0l0 61l-46 0z%22"),
        "{css}"
    );
    assert!(written.starts_with("<svg "), "{written}");
    // The square alone, at zoom 5: its south-west corner (129° E, 41° N)
    // 23 pixels west and 30 south of the middle of a 3840 × 2400 picture,
    // 46 pixels wide (a degree of longitude is 22.8) and 61 high.
    assert_eq!(written.matches("<path").count(), 1, "{written}");
    assert!(
        written.contains(" d=\"m1897 1230l0-61l46 0l0 61l-46 0z\""),
        "{written}"
    );
}

#[test]
fn synth_prints_the_same_features_for_the_same_seed() {
    let first = troopmap(&["synth", "--features", "5", "--seed", "7"]);
    let again = troopmap(&["synth", "--seed", "7", "--features", "5"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(stdout(&first), stdout(&again));
    assert!(stdout(&first).contains("FeatureCollection"));
}

#[test]
fn help_prints_the_usage() {
    for args in [&["help"][..], &["--help"], &["-h"], &["validate", "--help"]] {
        let output = troopmap(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).starts_with("usage:\n  troopmap validate"));
    }
}

#[test]
fn a_failed_command_exits_1() {
    let output = troopmap(&["validate", "no-such-file.geojson"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("no-such-file.geojson: cannot read: "));
    assert_eq!(stderr(&output), "troopmap: 1 of 1 files refused\n");
}

const SIGHTINGS: &str = "assets/examples/sightings.geojson";

/// The positions `positions` prints: `(source_id, age_days, observed,
/// interpolated)` of each.
fn positions(args: &[&str]) -> Vec<(String, i64, bool, bool)> {
    let output = troopmap(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let collection: serde_json::Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => panic!("{e}: {text}"),
    };
    collection["features"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let p = &f["properties"];
            (
                p["source_id"].as_str().unwrap_or_default().to_owned(),
                p["age_days"].as_i64().unwrap_or(-1),
                p["observed"].as_bool().unwrap_or_default(),
                p["interpolated"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn issue_13_positions_shows_each_unit_at_its_last_sighting_until_stale() {
    let at = |day: &str| positions(&["positions", "--at", day, SIGHTINGS]);
    // Between snapshots: both units at their last position, five days old;
    // the battalion seen on March 1 went stale after 30 days.
    assert_eq!(
        at("2022-04-30"),
        [
            ("s1".into(), 5, false, false),
            ("s3".into(), 5, false, false)
        ]
    );
    // A unit reported in two places at once is shown in both.
    assert_eq!(
        at("2022-05-09"),
        [
            ("s2".into(), 0, true, false),
            ("s4".into(), 0, true, false),
            ("s5".into(), 0, true, false)
        ]
    );
    assert_eq!(at("2022-06-08").len(), 3);
    assert_eq!(at("2022-06-09"), []);
    let never = positions(&[
        "positions",
        "--stale-after",
        "never",
        "--at",
        "2022-04-30",
        SIGHTINGS,
    ]);
    assert_eq!(never.len(), 3);
    // Gliding moves only the unit with one sighting at each end.
    let glide = positions(&["positions", "--glide", "--at", "2022-05-02", SIGHTINGS]);
    assert_eq!(
        glide,
        [
            ("s1".into(), 7, false, true),
            ("s3".into(), 7, false, false)
        ]
    );
}

#[test]
fn issue_13_positions_wants_a_day_and_refuses_options_of_others() {
    assert_refused(&["positions", SIGHTINGS], "positions wants --at YYYY-MM-DD");
    assert_refused(
        &["positions", "--at", "2022-04-30", "--all", SIGHTINGS],
        "--all does not apply to positions",
    );
    assert_refused(
        &["validate", "--unit-property", "x", SIGHTINGS],
        "--unit-property does not apply to validate",
    );
}

#[test]
fn issue_13_synth_writes_sightings_of_units_at_snapshots() {
    let output = troopmap(&["synth", "--units", "5", "--sightings", "10", "--seed", "3"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let data = match troopmap::read_collection("synth", &text) {
        Ok(data) => data,
        Err(e) => panic!("{e}"),
    };
    let rule = troopmap::space::sightings::UnitRule::default();
    let units = troopmap::space::sightings::Units::of(&data.features, &rule);
    assert_eq!(units.len(), 5);
    assert_eq!(units.sides(), ["side A", "side B"]);
    // Nine in ten snapshots see each unit: about 45 sightings.
    assert!(
        (30..=50).contains(&data.features.len()),
        "{}",
        data.features.len()
    );
    assert!(units.iter().all(|u| u.sightings.len() <= 10));
    let again = troopmap(&["synth", "--units", "5", "--sightings", "10", "--seed", "3"]);
    assert_eq!(stdout(&again), text);
    assert_refused(
        &["synth", "--units", "5", "--features", "10"],
        "synth wants --features N, or --units N and --sightings M",
    );
}
