//! The browser benchmark: troopmap and the pages built on the Leaflet time
//! plugins (`bench/`), on the same synthetic data, stepped through the same
//! days in the same headless Chromium. Used by `benches/browser.rs` (`make
//! bench`) and, small, by the end-to-end tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::Browser;

/// A page under test.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub name: &'static str,
    /// The page, given the data's URL.
    page: &'static str,
}

pub const TOOLS: [Tool; 3] = [
    Tool {
        name: "troopmap",
        page: "/?data=",
    },
    Tool {
        name: "Leaflet.timeline 1.6.0",
        page: "/bench/timeline.html?data=",
    },
    Tool {
        name: "Leaflet.TimeDimension 1.1.1",
        page: "/bench/timedimension.html?data=",
    },
];

/// What one tool measured on one dataset.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Record {
    pub tool: String,
    pub features: usize,
    /// Navigation start to the first complete render (the page's
    /// "rendered" mark, set once the frame after loading was painted).
    pub first_render_ms: f64,
    /// Navigation start to the basemap's first paint (the page's
    /// "basemap" mark), whatever the data's size. troopmap's page shows a
    /// picture of the land at the map's opening view from its first paint.
    pub basemap_ms: f64,
    /// troopmap only: navigation start to its module's own drawing of the
    /// land (the page's "land" mark), which replaces the picture.
    pub land_ms: f64,
    pub steps: usize,
    /// One day forward on the slider, to the end of the next frame.
    pub step_median_ms: f64,
    pub step_p95_ms: f64,
    /// The same measure of a step that does nothing: the wait for the next
    /// frame, which no page can beat.
    pub idle_frame_ms: f64,
    /// Building the GeoJSON of the features shown on a day, as a Blob to
    /// download (median of 5).
    pub export_ms: f64,
    /// After load and a garbage collection (DevTools `Runtime.getHeapUsage`).
    pub js_heap_bytes: f64,
    /// The wasm module's memory (troopmap only), which the JS heap leaves out.
    pub wasm_memory_bytes: f64,
    pub wasm_bytes: u64,
    pub wasm_gzip_bytes: u64,
    pub js_bytes: u64,
    pub js_gzip_bytes: u64,
    /// troopmap's own JS glue (the rest of its JS is Leaflet and the loader).
    pub glue_gzip_bytes: u64,
    /// (slider step, features shown) every few steps: the correctness check.
    pub counts: Vec<(usize, i64)>,
    /// Why the page could not be measured (it could not load the data, or
    /// gave up): its figures are then `null`.
    pub error: Option<String>,
}

impl Record {
    /// The record of a page that could not be measured, and why.
    pub fn failed(tool: &str, features: usize, why: String) -> Record {
        Record {
            tool: tool.to_owned(),
            features,
            first_render_ms: f64::NAN,
            basemap_ms: f64::NAN,
            land_ms: f64::NAN,
            step_median_ms: f64::NAN,
            step_p95_ms: f64::NAN,
            idle_frame_ms: f64::NAN,
            export_ms: f64::NAN,
            js_heap_bytes: f64::NAN,
            wasm_memory_bytes: f64::NAN,
            error: Some(why),
            ..Record::default()
        }
    }
}

/// Writes `count` synthetic features (seed 1) to `dir`, unless there; the
/// file's path.
pub fn synthetic_data(dir: &Path, count: usize) -> Result<PathBuf, String> {
    let path = dir.join(format!("synth-{count}.geojson"));
    if path.exists() {
        return Ok(path);
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    troopmap::native::synth::write(count, 1, &mut out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Writes synthetic sightings of `units` units at `sightings` snapshots
/// (seed 1, with symbol codes or without) to `dir`, unless there; the
/// file's path and how many features it holds.
pub fn synthetic_sightings(
    dir: &Path,
    units: usize,
    sightings: usize,
    symbols: bool,
) -> Result<(PathBuf, usize), String> {
    let tail = if symbols { "-symbols" } else { "" };
    let path = dir.join(format!("sightings-{units}x{sightings}{tail}.geojson"));
    if !path.exists() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        troopmap::native::synth::write_sightings(units, sightings, symbols, 1, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // One feature a line, after the collection's first line.
    let features = text.lines().filter(|l| l.contains("\"Feature\"")).count();
    Ok((path, features))
}

/// Measures troopmap alone on synthetic sightings of `units` units at
/// `sightings` snapshots: units where they were last seen, at every step.
#[allow(dead_code)] // by the benchmark, not the end-to-end tests
pub async fn run_units(
    data_dir: &Path,
    units: usize,
    sightings: usize,
    steps: usize,
    every: usize,
) -> Result<Record, String> {
    let (path, features) = synthetic_sightings(data_dir, units, sightings, false)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("a file name")?
        .to_owned();
    let found: Arc<Mutex<Option<Result<Record, String>>>> = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&found);
    let served: [(&str, &Path); 1] = [("/synth/", data_dir)];
    Browser::run_with(&served, |browser| async move {
        let url = format!("/synth/{name}");
        let result = measure(&browser, TOOLS[0], &url, features, steps, every).await;
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(result);
        }
        Ok(())
    })
    .await;
    let result = found.lock().ok().and_then(|mut s| s.take());
    let mut record = result.unwrap_or_else(|| Err("no result".into()))?;
    record.tool = "troopmap (sightings)".into();
    Ok(record)
}

/// Makes troopmap's page answer the harness as the peer pages do, through
/// its controls: the slider, the status line and the export button.
const TROOPMAP_ADAPTER: &str = r#"
window.bench = {
  step(i) {
    const slider = document.getElementById('date');
    slider.value = String(i);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  },
  count() {
    const m = document.getElementById('status').textContent.match(/^(\d+) features?/);
    return m ? Number(m[1]) : -1;
  },
  exportText() {
    document.getElementById('export').click();
    return null;
  },
};
"#;

/// Steps the page forward `steps` days, timing each to the end of the next
/// frame, then exports on the last day stepped to; results in
/// `window.benchResult`.
const RUN: &str = r#"
const [steps, every] = arguments;
window.benchResult = null;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(0);
}));
(async () => {
  await frame();
  await frame();
  // The floor of this measure: a step that does nothing still waits for
  // the next frame.
  const idle = [];
  for (let k = 0; k < 30; k++) {
    const t0 = performance.now();
    await frame();
    idle.push(performance.now() - t0);
  }
  const latencies = [];
  const counts = [[0, window.bench.count()]];
  for (let k = 1; k <= steps; k++) {
    const t0 = performance.now();
    window.bench.step(k);
    await frame();
    latencies.push(performance.now() - t0);
    if (k % every === 0) counts.push([k, window.bench.count()]);
  }
  const exports = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const text = window.bench.exportText();
    if (text !== null) new Blob([text], { type: 'application/geo+json' });
    exports.push(performance.now() - t0);
    await frame();
  }
  window.benchResult = { idle, latencies, counts, exports };
})().catch((e) => { window.benchResult = { error: String(e && e.stack || e) }; });
"#;

fn median(sorted: &[f64]) -> f64 {
    percentile(sorted, 0.5)
}

/// The value below which `p` of the sorted values fall (nearest rank).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn numbers(value: &Value) -> Vec<f64> {
    let mut v: Vec<f64> = value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    v.sort_by(f64::total_cmp);
    v
}

fn gzip_size(bytes: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len() as u64)
}

async fn wait_for(browser: &Browser, script: &str, limit: Duration) -> Result<Value, String> {
    let started = Instant::now();
    loop {
        let value = browser.js(script).await?;
        if !value.is_null() {
            return Ok(value);
        }
        if started.elapsed() > limit {
            return Err(format!(
                "gave up after {} s waiting for {script}",
                limit.as_secs()
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens `tool`'s page on the data at `data_url` and measures it.
pub async fn measure(
    browser: &Browser,
    tool: Tool,
    data_url: &str,
    features: usize,
    steps: usize,
    every: usize,
) -> Result<Record, String> {
    let limit = Duration::from_secs(600);
    browser
        .navigate(&format!("{}{}{data_url}", browser.origin(), tool.page))
        .await?;
    let rendered = wait_for(
        browser,
        "const m = performance.getEntriesByName('rendered')[0]; \
         const alert = document.getElementById('alert'); \
         if (alert && !alert.hidden && alert.textContent.trim()) return 'alert: ' + alert.textContent; \
         return m ? m.startTime : null;",
        limit,
    )
    .await?;
    let first_render_ms = rendered
        .as_f64()
        .ok_or_else(|| format!("{}: {rendered}", tool.name))?;
    if tool.name == "troopmap" {
        browser.js(TROOPMAP_ADAPTER).await?;
    }
    let mark = |name: &str| {
        format!(
            "const m = performance.getEntriesByName('{name}')[0]; return m ? m.startTime : null;"
        )
    };
    let basemap_ms = browser
        .js(&mark("basemap"))
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);
    let land_ms = browser
        .js(&mark("land"))
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);

    browser
        .cdp("HeapProfiler.collectGarbage", json!({}))
        .await?;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await?;
    let js_heap_bytes = heap["usedSize"].as_f64().unwrap_or(f64::NAN);
    let wasm_memory_bytes = browser
        .js("const b = window.wasmBindings; return b && b.memory_bytes ? b.memory_bytes() : 0;")
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);

    let mut record = Record {
        tool: tool.name.into(),
        features,
        first_render_ms,
        basemap_ms,
        land_ms,
        js_heap_bytes,
        wasm_memory_bytes,
        steps,
        ..Record::default()
    };
    let scripts = browser
        .js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        .await?;
    // Each file once: troopmap's packer script is asked for by the page
    // and again by the worker it starts (from the browser's cache).
    let mut seen = std::collections::HashSet::new();
    for path in scripts
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|path| seen.insert(*path))
    {
        let is_wasm = path.ends_with(".wasm");
        if !(is_wasm || path.ends_with(".js")) {
            continue;
        }
        let Some(bytes) = browser.local_file(path).and_then(|f| std::fs::read(f).ok()) else {
            return Err(format!("{}: cannot size {path}", tool.name));
        };
        let (raw, gzip) = (bytes.len() as u64, gzip_size(&bytes));
        if is_wasm {
            record.wasm_bytes += raw;
            record.wasm_gzip_bytes += gzip;
        } else {
            record.js_bytes += raw;
            record.js_gzip_bytes += gzip;
            if path.starts_with("/troopmap-") {
                record.glue_gzip_bytes += gzip;
            }
        }
    }

    let script = format!("{RUN}\nreturn true;");
    browser
        .js_with(&script, vec![json!(steps), json!(every)])
        .await?;
    let result = wait_for(browser, "return window.benchResult;", limit).await?;
    if let Some(error) = result.get("error") {
        return Err(format!("{}: {error}", tool.name));
    }
    let latencies = numbers(&result["latencies"]);
    record.step_median_ms = median(&latencies);
    record.step_p95_ms = percentile(&latencies, 0.95);
    record.idle_frame_ms = median(&numbers(&result["idle"]));
    record.export_ms = median(&numbers(&result["exports"]));
    record.counts = result["counts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_u64()? as usize, pair[1].as_i64()?)))
        .collect();
    Ok(record)
}

/// Measures every tool on `features` synthetic features, each in a new
/// browser; a tool that fails is reported in the returned errors.
pub async fn run_size(
    data_dir: &Path,
    features: usize,
    steps: usize,
    every: usize,
) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    if let Err(e) = synthetic_data(data_dir, features) {
        return (records, vec![e]);
    }
    let only = std::env::var("BENCH_TOOLS").unwrap_or_default();
    for tool in TOOLS {
        if !only.is_empty() && !tool.name.to_lowercase().contains(&only.to_lowercase()) {
            continue;
        }
        let found: Arc<Mutex<Option<Result<Record, String>>>> = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&found);
        let served: [(&str, &Path); 3] = [
            ("/bench/", Path::new("bench")),
            ("/node_modules/", Path::new("node_modules")),
            ("/synth/", data_dir),
        ];
        Browser::run_with(&served, |browser| async move {
            let url = format!("/synth/synth-{features}.geojson");
            let result = measure(&browser, tool, &url, features, steps, every).await;
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(result);
            }
            Ok(())
        })
        .await;
        let result = found.lock().ok().and_then(|mut s| s.take());
        match result {
            Some(Ok(record)) => records.push(record),
            // A peer that cannot load the data is recorded so, with why;
            // troopmap failing is an error of the run.
            Some(Err(e)) if tool.name != TOOLS[0].name => {
                records.push(Record::failed(tool.name, features, e));
            }
            Some(Err(e)) => errors.push(format!("{} at {features}: {e}", tool.name)),
            None => errors.push(format!("{} at {features}: no result", tool.name)),
        }
    }
    (records, errors)
}
