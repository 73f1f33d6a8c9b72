#[allow(dead_code)]
mod support;
use std::path::Path;
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn probe() {
    let script = std::fs::read_to_string("/tmp/probe.js").unwrap();
    let url = std::env::var("PROBE_URL").unwrap();
    support::Browser::run_with(
        &[
            ("/bench/", Path::new("bench")),
            ("/node_modules/", Path::new("node_modules")),
            ("/synth/", Path::new("target/bench/data")),
        ],
        |b| async move {
            b.navigate(&format!("{}{}", b.origin(), url)).await?;
            for _ in 0..600 {
                let v = b.js(&script).await?;
                if !v.is_null() {
                    println!("RESULT {v}");
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Ok(())
        },
    )
    .await;
}
