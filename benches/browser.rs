//! The browser benchmark (`make bench`): troopmap against pages built on
//! Leaflet.timeline 1.6.0 and Leaflet.TimeDimension 1.1.1, on the same
//! synthetic data, in the same headless Chromium, in one run.
//!
//! Writes `target/bench/results.json` (one record per tool and size, every
//! figure in milliseconds or bytes) and `target/bench/results.md` (the
//! table with each figure and the ratio troopmap / peer).
//!
//! Then troopmap alone on synthetic sightings (2,000 units × 100 snapshots,
//! about 180,000 points): units where they were last seen, against the
//! floor of a step that does nothing, in the same run.
//!
//! `BENCH_SIZES=1000,10000`, `BENCH_STEPS=200`, `BENCH_TOOLS=troopmap`
//! (a part of a tool's name) and `BENCH_UNITS=2000,100` (units, snapshots;
//! `0` for none) change what is run.

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod run {
    use std::fmt::Write as _;
    use std::path::Path;

    use serde_json::json;

    use crate::support::bench::{run_size, run_units, Record, TOOLS};

    fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
        std::env::var(name)
            .ok()
            .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .filter(|v: &Vec<usize>| !v.is_empty())
            .unwrap_or_else(|| default.to_vec())
    }

    fn machine() -> serde_json::Value {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .map_or("unknown".into(), |s| s.trim().to_owned());
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let memory = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("MemTotal"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024 / 1024);
        let chromium = std::process::Command::new("chromium")
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        json!({"cpu": cpu, "cores": cores, "memory_gib": memory, "browser": chromium,
               "headless": true})
    }

    fn ratio(ours: f64, theirs: f64) -> String {
        if theirs > 0.0 && ours.is_finite() && theirs.is_finite() {
            format!("{:.2}", ours / theirs)
        } else {
            "–".into()
        }
    }

    fn figure(value: f64, unit: &str) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        match unit {
            "ms" if value < 10.0 => format!("{value:.2} ms"),
            "ms" => format!("{value:.0} ms"),
            "MB" => format!("{:.1} MB", value / 1e6),
            "KB" => format!("{:.0} KB", value / 1e3),
            _ => format!("{value}"),
        }
    }

    type Metric = (&'static str, &'static str, fn(&Record) -> f64);

    const METRICS: [Metric; 13] = [
        ("first render", "ms", |r| r.first_render_ms),
        ("basemap painted", "ms", |r| r.basemap_ms),
        ("troopmap: land drawn by its module", "ms", |r| r.land_ms),
        ("step, median", "ms", |r| r.step_median_ms),
        ("step, 95th percentile", "ms", |r| r.step_p95_ms),
        ("a step doing nothing (the floor)", "ms", |r| {
            r.idle_frame_ms
        }),
        ("export of a day", "ms", |r| r.export_ms),
        ("JS heap after load", "MB", |r| r.js_heap_bytes),
        ("wasm memory after load", "MB", |r| r.wasm_memory_bytes),
        ("JS heap + wasm memory", "MB", |r| {
            r.js_heap_bytes + r.wasm_memory_bytes
        }),
        ("wasm + JS, raw", "KB", |r| {
            (r.wasm_bytes + r.js_bytes) as f64
        }),
        ("wasm + JS, gzip", "KB", |r| {
            (r.wasm_gzip_bytes + r.js_gzip_bytes) as f64
        }),
        ("troopmap wasm + glue, gzip", "KB", |r| {
            (r.wasm_gzip_bytes + r.glue_gzip_bytes) as f64
        }),
    ];

    fn table(records: &[Record], sizes: &[usize], machine: &serde_json::Value) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "Measured on {} ({} cores, {} GiB), {}, headless.\n",
            machine["cpu"].as_str().unwrap_or("?"),
            machine["cores"],
            machine["memory_gib"],
            machine["browser"].as_str().unwrap_or("Chromium")
        );
        let names: Vec<&str> = TOOLS.iter().map(|t| t.name).collect();
        let _ = write!(md, "| features | figure | {} |", names[0]);
        for peer in &names[1..] {
            let _ = write!(md, " {peer} | troopmap / peer |");
        }
        md.push_str("\n|---:|---|---:|");
        for _ in &names[1..] {
            md.push_str("---:|---:|");
        }
        md.push('\n');
        for &size in sizes {
            let of = |tool: &str| {
                records
                    .iter()
                    .find(|r| r.features == size && r.tool == tool)
            };
            let Some(ours) = of(names[0]) else { continue };
            for (label, unit, get) in METRICS {
                if label.starts_with("troopmap") {
                    let _ = writeln!(
                        md,
                        "| {size} | {label} | {} |{}",
                        figure(get(ours), unit),
                        " | |".repeat(names.len() - 1)
                    );
                    continue;
                }
                let _ = write!(md, "| {size} | {label} | {} |", figure(get(ours), unit));
                for peer in &names[1..] {
                    match of(peer) {
                        Some(theirs) if theirs.error.is_some() => {
                            md.push_str(" could not load | – |");
                        }
                        Some(theirs) => {
                            let _ = write!(
                                md,
                                " {} | {} |",
                                figure(get(theirs), unit),
                                ratio(get(ours), get(theirs))
                            );
                        }
                        None => md.push_str(" failed | – |"),
                    }
                }
                md.push('\n');
            }
        }
        md
    }

    /// The targets at 100,000 and 1,000,000 features, each met or missed by
    /// how much.
    fn targets(records: &[Record]) -> String {
        let check = |name: &str, value: f64, limit: f64, unit: &str| {
            let verdict = if value <= limit {
                "met".to_owned()
            } else if value.is_finite() {
                format!("**missed** by {:.2}×", value / limit)
            } else {
                "not measured".to_owned()
            };
            format!("- {name}: {value:.2} {unit} against ≤ {limit:.2} {unit}: {verdict}\n")
        };
        let mut text = String::new();
        let of = |size: usize, tool: &str| {
            records
                .iter()
                .find(|r| r.features == size && r.tool == tool && r.error.is_none())
        };
        if let (Some(ours), Some(timeline)) =
            (of(100_000, TOOLS[0].name), of(100_000, TOOLS[1].name))
        {
            let frame = ours.idle_frame_ms;
            text += "Targets at 100000 features:\n\n";
            text += &check(
                "first render / Leaflet.timeline's",
                ours.first_render_ms / timeline.first_render_ms,
                0.8,
                "",
            );
            text += &check("basemap painted", ours.basemap_ms, 300.0, "ms");
            text += &check(
                "step median / the floor",
                ours.step_median_ms / frame,
                1.05,
                "",
            );
            text += &format!("  (a step that does nothing measures {frame:.2} ms here: the wait for the next frame)\n");
            text += &check(
                "step, 95th percentile, in frames",
                ours.step_p95_ms / frame,
                2.0,
                "",
            );
            text += &check(
                "JS heap + wasm memory / Leaflet.timeline's JS heap",
                (ours.js_heap_bytes + ours.wasm_memory_bytes) / timeline.js_heap_bytes,
                1.0,
                "",
            );
            text += &check("export of a day", ours.export_ms, 1000.0, "ms");
            text += &check(
                "wasm + JS glue before first render, gzip",
                (ours.wasm_gzip_bytes + ours.glue_gzip_bytes) as f64 / 1e3,
                250.0,
                "KB",
            );
            text.push('\n');
        }
        if let Some(ours) = of(1_000_000, TOOLS[0].name) {
            let frame = ours.idle_frame_ms;
            text += "Targets at 1000000 features:\n\n";
            text += &check(
                "step median, in frames",
                ours.step_median_ms / frame,
                2.0,
                "",
            );
            text += &check("export of a day", ours.export_ms, 1000.0, "ms");
            text += &check("wasm memory", ours.wasm_memory_bytes / 1e9, 1.0, "GB");
            text.push('\n');
        }
        for r in records.iter().filter(|r| r.error.is_some()) {
            let why = r.error.as_deref().unwrap_or_default();
            let why: String = why.chars().take(300).collect();
            text += &format!(
                "- {} could not be measured at {} features: {why}\n",
                r.tool, r.features
            );
        }
        text
    }

    /// Units from sightings: troopmap's figures, and the step against the
    /// floor of a step that does nothing, measured in the same page.
    fn units_table(records: &[Record]) -> String {
        let mut md = String::new();
        for r in records {
            let _ = writeln!(md, "{} ({} features):\n", r.tool, r.features);
            md.push_str("| figure | troopmap |\n|---|---:|\n");
            for (label, unit, get) in &METRICS[..6] {
                let _ = writeln!(md, "| {label} | {} |", figure(get(r), unit));
            }
            let _ = writeln!(
                md,
                "| wasm memory after load | {} |",
                figure(r.wasm_memory_bytes, "MB")
            );
            let over = r.step_median_ms / r.idle_frame_ms;
            let verdict = if over <= 1.1 {
                "met".to_owned()
            } else {
                format!("**missed** by {:.3}×", over / 1.1)
            };
            let _ = writeln!(
                md,
                "\n- step median / the floor: {over:.3} against ≤ 1.10: {verdict}"
            );
        }
        md
    }

    pub async fn main() {
        let sizes = env_list("BENCH_SIZES", &[1_000, 10_000, 100_000, 1_000_000]);
        let steps = env_list("BENCH_STEPS", &[200])[0];
        let out = Path::new("target/bench");
        let mut records = Vec::new();
        let mut errors = Vec::new();
        for &size in &sizes {
            eprintln!(
                "benchmark: {size} features, {steps} steps, {} tools",
                TOOLS.len()
            );
            let (mut found, mut failed) = run_size(&out.join("data"), size, steps, 10).await;
            for r in &found {
                eprintln!(
                    "  {:<30} first render {:>8.0} ms, step median {:>7.2} ms, p95 {:>7.2} ms, export {:>7.1} ms",
                    r.tool, r.first_render_ms, r.step_median_ms, r.step_p95_ms, r.export_ms
                );
            }
            for e in &failed {
                eprintln!("  failed: {e}");
            }
            records.append(&mut found);
            errors.append(&mut failed);
        }
        let units = env_list("BENCH_UNITS", &[2_000, 100]);
        let mut unit_records = Vec::new();
        if let [units, sightings] = units[..] {
            eprintln!("benchmark: {units} units × {sightings} sightings, troopmap, {steps} steps");
            match run_units(&out.join("data"), units, sightings, steps, 10).await {
                Ok(r) => {
                    eprintln!(
                        "  {:<30} first render {:>8.0} ms, step median {:>7.2} ms (floor {:.2} ms), p95 {:>7.2} ms",
                        r.tool, r.first_render_ms, r.step_median_ms, r.idle_frame_ms, r.step_p95_ms
                    );
                    unit_records.push(r);
                }
                Err(e) => errors.push(format!("troopmap on {units} units: {e}")),
            }
        }
        let machine = machine();
        // The peers must show what troopmap shows, or the timings compare
        // different work.
        for &size in &sizes {
            let ours = records
                .iter()
                .find(|r| r.features == size && r.tool == TOOLS[0].name);
            for r in records
                .iter()
                .filter(|r| r.features == size && r.error.is_none())
            {
                if let Some(ours) = ours {
                    if r.counts != ours.counts {
                        errors.push(format!(
                            "{} at {size}: shows other counts than troopmap: {:?} against {:?}",
                            r.tool, r.counts, ours.counts
                        ));
                    }
                }
            }
        }
        // The sightings run is one more record, its tool "troopmap (sightings)".
        let all: Vec<&Record> = records.iter().chain(&unit_records).collect();
        let json = json!({"machine": machine, "records": all, "errors": errors});
        let md = format!(
            "{}\n{}\n{}",
            table(&records, &sizes, &machine),
            targets(&records),
            units_table(&unit_records)
        );
        let written = std::fs::create_dir_all(out)
            .and_then(|()| std::fs::write(out.join("results.json"), format!("{json:#}\n")))
            .and_then(|()| std::fs::write(out.join("results.md"), &md));
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
        println!("{md}");
        println!("written: target/bench/results.json, target/bench/results.md");
        if !errors.is_empty() {
            for e in &errors {
                eprintln!("error: {e}");
            }
            std::process::exit(1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    run::main().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
