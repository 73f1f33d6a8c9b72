//! The packer worker: the text of the file the page reads is packed on
//! another thread (`src/web/page/packer.rs`), and without the worker the
//! page packs it itself, to the same effect.

use std::path::Path;

use serde_json::{json, Value};

use crate::support::{bench, Browser};

/// Where the generated file is written and served from.
const DIR: &str = "target/e2e-data";
const DAY: &str = "2024-06-01";

/// Opens the map on 5,000 synthetic features (3 MB, some 190 blocks)
/// with the packer worker, or with it blocked; gives whether the
/// `packed` mark was set, the status line, and the export of the day.
async fn load_and_export(worker: bool) -> Result<(bool, String, String), String> {
    bench::synthetic_data(Path::new(DIR), 5_000)?;
    let served = [("/synth/", Path::new(DIR))];
    let (sender, receiver) = std::sync::mpsc::channel();
    Browser::run_with(&served, |browser| async move {
        if !worker {
            browser.cdp("Network.enable", json!({})).await?;
            browser
                .cdp(
                    "Network.setBlockedURLs",
                    json!({"urls": ["*troopmap-packer.js"]}),
                )
                .await?;
        }
        browser
            .goto(&format!(
                "{}/?data=/synth/synth-5000.geojson#date={DAY}",
                browser.origin()
            ))
            .await?;
        browser
            .wait_until(
                "performance.getEntriesByName('rendered').length > 0",
                "the map was never rendered",
            )
            .await?;
        let packed = browser
            .js("return performance.getEntriesByName('packed').length > 0")
            .await?;
        let status = browser
            .js("return document.getElementById('status').textContent")
            .await?;
        browser.click("#export").await?;
        let file = browser
            .downloaded(&format!("troopmap-{DAY}.geojson"))
            .await?;
        let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        let _ = sender.send((
            packed == json!(true),
            status.as_str().unwrap_or_default().to_owned(),
            text,
        ));
        Ok(())
    })
    .await;
    receiver
        .try_recv()
        .map_err(|_| "the scenario gave nothing".to_owned())
}

/// With the worker, it packs the whole file, and the export of a day is
/// each feature shown exactly as the file has it; with the worker
/// blocked, the page packs the file itself and exports the same bytes.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_worker_packs_the_file_and_without_it_nothing_changes() {
    let (packed, status, export) = load_and_export(true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        packed,
        "the worker did not pack the file (no `packed` mark)"
    );
    let exported: Value = serde_json::from_str(&export).unwrap_or_else(|e| panic!("{e}"));
    let features = exported["features"].as_array().cloned().unwrap_or_default();
    assert!(
        status.starts_with(&format!("{} features on {DAY}", features.len()))
            && !features.is_empty(),
        "the status says {status:?}; the export holds {} features",
        features.len()
    );
    let source = std::fs::read_to_string(Path::new(DIR).join("synth-5000.geojson"))
        .unwrap_or_else(|e| panic!("{e}"));
    let source: Value = serde_json::from_str(&source).unwrap_or_else(|e| panic!("{e}"));
    for feature in &features {
        let same = source["features"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["id"] == feature["id"]);
        assert_eq!(same, Some(feature), "exported as it was not loaded");
    }
    let (packed_here, status_here, export_here) = load_and_export(false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !packed_here,
        "the worker packed, though its script was blocked"
    );
    assert_eq!(status_here, status);
    assert!(
        export_here == export,
        "without the worker, the export differs"
    );
}
