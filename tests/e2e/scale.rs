//! Large data in the page: the memory it takes is given back when other
//! data replaces it.

use std::path::Path;

use crate::support::{self, Browser};

/// The bytes of the map module's memory.
async fn memory(browser: &Browser) -> Result<f64, String> {
    browser
        .js("return window.wasmBindings.memory_bytes();")
        .await?
        .as_f64()
        .ok_or_else(|| "no memory figure".to_owned())
}

/// Replacing the data on the map returns the old data's memory: the same
/// 20,000 synthetic features imported in place of what is on the map, ten
/// times over, do not take the page's memory up each time. (The wasm
/// module's memory never shrinks, and a new file is read whole before the
/// data it replaces is let go, so that a refused file changes nothing: a
/// replacement needs room for both. The allocator reuses what the old data
/// took, though not always in the first rounds, and now and then a round
/// finds no hole big enough and grows by a fraction of a file. So the test
/// holds the last five imports to the first five's most plus half a file,
/// where a leak of a file each time would add five, and all ten to three
/// files' worth and a half, where ten files kept would take ten.)
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run `make test`"]
async fn replacing_data_returns_its_memory() {
    let dir = Path::new("target/bench/data");
    let file = support::bench::synthetic_data(dir, 20_000).expect("synthetic data");
    Browser::run(|browser| async move {
        browser.open_map().await?;
        let before = memory(&browser).await?;
        browser.import_mode("replace").await?;
        let mut after = Vec::new();
        for time in 0..10 {
            browser
                .js("document.getElementById('status').textContent = 'replacing';")
                .await?;
            browser.import_files(&[file.as_path()]).await?;
            browser
                .wait_until(
                    "/^\\d+ features? on /.test(document.getElementById('status').textContent)",
                    &format!("import {time} of the synthetic features did not finish"),
                )
                .await?;
            after.push(memory(&browser).await?);
        }
        let taken = after[0] - before;
        let most = |imports: &[f64]| imports.iter().copied().fold(0.0, f64::max);
        let (first, last) = after.split_at(5);
        let megabytes: Vec<String> = after.iter().map(|m| format!("{:.1}", m / 1e6)).collect();
        eprintln!(
            "wasm memory: {:.1} MB with the story; after each import: {} MB",
            before / 1e6,
            megabytes.join(", ")
        );
        if taken <= 0.0 {
            return Err(format!(
                "the first import took no memory ({:.1} MB before, {:.1} MB after)",
                before / 1e6,
                after[0] / 1e6
            ));
        }
        if most(last) > most(first) + 0.5 * taken {
            return Err(format!(
                "the memory kept growing: {:.1} MB at most after the first five imports, {:.1} MB after the last five, more than half a file's {:.1} MB more",
                most(first) / 1e6,
                most(last) / 1e6,
                taken / 1e6
            ));
        }
        if most(&after) > before + 3.5 * taken {
            return Err(format!(
                "ten imports took the memory to {:.1} MB, past the story's {:.1} MB and three and a half times the first import's {:.1} MB",
                most(&after) / 1e6,
                before / 1e6,
                taken / 1e6
            ));
        }
        Ok(())
    })
    .await;
}
