//! Test support for the end-to-end tests: a static file server for `dist/`
//! on 127.0.0.1, chromedriver, and a headless Chromium session that is
//! always closed, also when a check fails.

use std::future::Future;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub mod bench;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// The result of a scenario: `Err` carries what a person would have seen.
pub type Outcome = Result<(), String>;

/// Fails with `message` unless `condition` holds.
pub fn check(condition: bool, message: impl Into<String>) -> Outcome {
    if condition {
        Ok(())
    } else {
        Err(message.into())
    }
}

const TIMEOUT: Duration = Duration::from_secs(20);

/// A browser on the served map.
pub struct Browser {
    client: Client,
    origin: String,
    downloads: PathBuf,
    served: Arc<Mutex<Vec<String>>>,
    /// The folders served, by path prefix.
    mounts: Arc<Vec<(String, PathBuf)>>,
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Browser {
    /// Serves `dist/`, starts chromedriver and Chromium, runs `scenario`,
    /// closes everything, and fails the test with the scenario's message.
    pub async fn run<F, Fut>(scenario: F)
    where
        F: FnOnce(Arc<Browser>) -> Fut,
        Fut: Future<Output = Outcome>,
    {
        Browser::run_with(&[], scenario).await
    }

    /// [`Browser::run`], with more folders served: each `(prefix, folder)`
    /// serves `folder` under the path `prefix` (which ends with `/`).
    pub async fn run_with<F, Fut>(mounts: &[(&str, &Path)], scenario: F)
    where
        F: FnOnce(Arc<Browser>) -> Fut,
        Fut: Future<Output = Outcome>,
    {
        let mut mounts: Vec<(String, PathBuf)> = mounts
            .iter()
            .map(|(prefix, dir)| (prefix.to_string(), dir.to_path_buf()))
            .collect();
        mounts.push(("/".into(), PathBuf::from("dist")));
        let mounts = Arc::new(mounts);
        let (origin, served) = serve(Arc::clone(&mounts));
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Driver(
            Command::new(&chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}")),
        );
        let work = std::env::temp_dir().join(format!("troopmap-e2e-{}-{port}", std::process::id()));
        let downloads = work.join("downloads");
        std::fs::create_dir_all(&downloads).expect("a temporary folder");
        let capabilities = json!({
            "goog:chromeOptions": {
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,800",
                    format!("--user-data-dir={}", work.join("profile").display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false
                }
            },
            // The page's network requests, read by `page_requests`.
            "goog:loggingPrefs": {"performance": "ALL"}
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a json! object literal")
        };
        let started = Instant::now();
        let client = loop {
            let mut builder = ClientBuilder::new(HttpConnector::new());
            match builder
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() > TIMEOUT => panic!("chromedriver did not start: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        // Before any page script runs, record the page's policy violations.
        let listen =
            "window.cspViolations = []; document.addEventListener('securitypolicyviolation', \
                      e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";
        let _ = client
            .issue_cmd(Cdp(json!({"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": listen}})))
            .await;
        let browser = Arc::new(Browser {
            client,
            origin,
            downloads,
            served,
            mounts,
        });
        let outcome = scenario(Arc::clone(&browser)).await;
        let browser =
            Arc::try_unwrap(browser).unwrap_or_else(|_| panic!("the scenario kept the browser"));
        let _ = browser.client.close().await;
        drop(driver);
        let _ = std::fs::remove_dir_all(&work);
        if let Err(message) = outcome {
            panic!("{message}");
        }
    }

    /// Runs a DevTools command (`method`, `params`) and returns its result.
    pub async fn cdp(&self, method: &str, params: Value) -> Result<Value, String> {
        self.client
            .issue_cmd(Cdp(json!({"cmd": method, "params": params})))
            .await
            .map_err(|e| format!("{method}: {e}"))
    }

    /// `http://127.0.0.1:PORT` of the served map.
    pub fn origin(&self) -> String {
        self.origin.clone()
    }

    /// Paths the server was asked for.
    /// The file the server answers `path` (no query) with.
    pub fn local_file(&self, path: &str) -> Option<PathBuf> {
        file_for(&self.mounts, path)
    }

    pub fn served(&self) -> Vec<String> {
        self.served.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Every URL the map's page has requested since the last call, from
    /// Chromium's network log: requests made by a document served from
    /// [`Browser::origin`], not the browser's own traffic or its new-tab page.
    pub async fn page_requests(&self) -> Result<Vec<String>, String> {
        let log = self
            .client
            .issue_cmd(PerformanceLog)
            .await
            .map_err(|e| format!("reading the network log: {e}"))?;
        let mut urls = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let Ok(event) = serde_json::from_str::<Value>(message) else {
                continue;
            };
            let params = &event["message"]["params"];
            let from_map = params["documentURL"]
                .as_str()
                .is_some_and(|d| d.starts_with(&self.origin));
            if event["message"]["method"] == "Network.requestWillBeSent" && from_map {
                if let Some(url) = params["request"]["url"].as_str() {
                    urls.push(url.to_owned());
                }
            }
        }
        Ok(urls)
    }

    /// Content-Security-Policy violations the page met since it opened
    /// (recorded by a listener installed before any of its scripts ran).
    pub async fn csp_violations(&self) -> Result<Vec<String>, String> {
        let found = self
            .js("return window.cspViolations || ['the violation listener was not installed']")
            .await?;
        serde_json::from_value(found).map_err(|e| e.to_string())
    }

    /// Opens the map and waits until the data is on it.
    pub async fn open_map(&self) -> Outcome {
        self.client
            .goto(&format!("{}/", self.origin))
            .await
            .map_err(|e| e.to_string())?;
        self.wait_for_status().await
    }

    /// Opens the map with `fragment` in its address (`#follow=0`) and
    /// waits until the data is on it.
    pub async fn open_map_at(&self, fragment: &str) -> Outcome {
        self.goto(&format!("{}/{fragment}", self.origin)).await
    }

    /// Waits until the map shows its data, or fails with the page's alert.
    async fn wait_for_status(&self) -> Outcome {
        let started = Instant::now();
        loop {
            let status = self.text("#status").await.unwrap_or_default();
            if status.contains(" on ") {
                return Ok(());
            }
            let alert = self.js("const a = document.getElementById('alert'); return a.hidden ? '' : a.textContent").await?;
            if alert.as_str().is_some_and(|a| !a.is_empty()) {
                return Err(format!("the page shows an alert: {alert}"));
            }
            if started.elapsed() > TIMEOUT {
                return Err(format!("the map did not load; status is {status:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens `url` and returns once it has loaded, without waiting for the map.
    pub async fn navigate(&self, url: &str) -> Outcome {
        self.client.goto(url).await.map_err(|e| e.to_string())
    }

    /// Opens `url` and waits until the map has loaded.
    pub async fn goto(&self, url: &str) -> Outcome {
        // Through a blank page, so that the map loads anew even when only
        // the fragment differs from the address it is at.
        self.client
            .goto("about:blank")
            .await
            .map_err(|e| e.to_string())?;
        self.client.goto(url).await.map_err(|e| e.to_string())?;
        self.wait_for_status().await
    }

    /// Resizes the browser window (the page's viewport is a little smaller).
    pub async fn resize(&self, width: u32, height: u32) -> Outcome {
        self.client
            .set_window_size(width, height)
            .await
            .map_err(|e| e.to_string())
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn js(&self, script: &str) -> Result<Value, String> {
        self.js_with(script, vec![]).await
    }

    /// Runs `script` with `arguments`.
    pub async fn js_with(&self, script: &str, arguments: Vec<Value>) -> Result<Value, String> {
        self.client
            .execute(script, arguments)
            .await
            .map_err(|e| format!("script failed: {e}\n{script}"))
    }

    /// The text of the element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String, String> {
        self.find(css)
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())
    }

    /// The element matching `css`.
    async fn find(&self, css: &str) -> Result<fantoccini::elements::Element, String> {
        self.client
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("{css}: {e}"))
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) -> Outcome {
        self.find(css)
            .await?
            .click()
            .await
            .map_err(|e| format!("clicking {css}: {e}"))
    }

    /// Sends a key to the element matching `css`.
    pub async fn key_on(&self, css: &str, key: fantoccini::key::Key) -> Outcome {
        self.find(css)
            .await?
            .send_keys(&key.to_string())
            .await
            .map_err(|e| e.to_string())
    }

    /// Presses the mouse at `(x, y)` of the viewport and moves it by
    /// `(dx, dy)` over `ms` milliseconds, holding the button down: a
    /// person dragging, who has not let go. [`Browser::let_go`] lets go.
    pub async fn drag_and_hold(
        &self,
        (x, y): (f64, f64),
        (dx, dy): (f64, f64),
        ms: u64,
    ) -> Outcome {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x,
                y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(ms)),
                x: dx,
                y: dy,
            });
        self.client
            .perform_actions(mouse)
            .await
            .map_err(|e| format!("dragging: {e}"))
    }

    /// Lets go of the mouse button [`Browser::drag_and_hold`] held.
    pub async fn let_go(&self) -> Outcome {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client
            .perform_actions(mouse)
            .await
            .map_err(|e| format!("letting go: {e}"))?;
        self.client
            .release_actions()
            .await
            .map_err(|e| format!("letting go: {e}"))
    }

    /// Chooses `files` (paths) in the file input matching `css`, as a
    /// person picking them in the file dialog would.
    pub async fn choose_files(&self, css: &str, files: &[&Path]) -> Outcome {
        let mut paths = Vec::new();
        for file in files {
            let path =
                std::fs::canonicalize(file).map_err(|e| format!("{}: {e}", file.display()))?;
            paths.push(path.display().to_string());
        }
        self.find(css)
            .await?
            .send_keys(&paths.join("\n"))
            .await
            .map_err(|e| e.to_string())
    }

    /// Opens the import dialog from the toolbar's "Import…", unless it is
    /// open.
    pub async fn open_import(&self) -> Outcome {
        if self
            .js("return document.getElementById('import-dialog').open")
            .await?
            != Value::Bool(true)
        {
            self.click("#import-open").await?;
        }
        Ok(())
    }

    /// Chooses "add to the map" or "replace what is on it" (`mode`: `add`
    /// or `replace`) in the import dialog, opening it first.
    pub async fn import_mode(&self, mode: &str) -> Outcome {
        self.open_import().await?;
        self.click(&format!("input[name=import-mode][value={mode}]"))
            .await
    }

    /// Chooses `files` in the import dialog's file field, opening the
    /// dialog first, as a person would.
    pub async fn import_files(&self, files: &[&Path]) -> Outcome {
        self.open_import().await?;
        self.choose_files("#import", files).await
    }

    /// Turns every later command to the page in the page's frame number
    /// `index` (an `<iframe>`), until [`Browser::leave_frame`].
    pub async fn enter_frame(&self, index: u16) -> Outcome {
        self.client
            .enter_frame(index)
            .await
            .map_err(|e| format!("entering frame {index}: {e}"))
    }

    /// Turns later commands back to the page around the frame.
    pub async fn leave_frame(&self) -> Outcome {
        self.client
            .enter_parent_frame()
            .await
            .map_err(|e| e.to_string())
    }

    /// Sets the page's viewport to `width` × `height` CSS pixels exactly
    /// (the window's own size leaves a little less), for pages opened
    /// after.
    pub async fn viewport(&self, width: u32, height: u32) -> Outcome {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await
        .map(|_| ())
    }

    /// Moves the date slider to `day` as a person's click or key on it
    /// would: sets its value and fires `input`, then `change`.
    pub async fn set_date(&self, day: &str) -> Outcome {
        let day = troopmap::Day::parse(day).map_err(|e| e.to_string())?;
        let min = self
            .js("return document.getElementById('date-output').value")
            .await?;
        let current =
            troopmap::Day::parse(min.as_str().unwrap_or_default()).map_err(|e| e.to_string())?;
        let value = self
            .js("return Number(document.getElementById('date').value)")
            .await?;
        let first = current.0 - value.as_i64().unwrap_or(0) as i32;
        let step = day.0 - first;
        // As a click or a key on the slider: its value changes (`input`),
        // and the step is done (`change`).
        self.js(&format!(
            "const s = document.getElementById('date'); s.value = '{step}'; s.dispatchEvent(new Event('input', {{bubbles: true}})); s.dispatchEvent(new Event('change', {{bubbles: true}}));"
        ))
        .await
        .map(|_| ())
    }

    /// Waits until the element matching `css` has exactly `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Outcome {
        let started = Instant::now();
        loop {
            let now = self.text(css).await?;
            if now == text {
                return Ok(());
            }
            if started.elapsed() > TIMEOUT {
                return Err(format!("{css} says {now:?}, expected {text:?}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the JavaScript expression `condition` is true in the
    /// page. Fails with `failure` (what a person would see if it never came
    /// true) once it has stayed false for [`TIMEOUT`].
    pub async fn wait_until(&self, condition: &str, failure: &str) -> Outcome {
        let script = format!("return !!({condition});");
        let started = Instant::now();
        loop {
            if self.js(&script).await? == Value::Bool(true) {
                return Ok(());
            }
            if started.elapsed() > TIMEOUT {
                return Err(format!(
                    "{failure} (still so after {} s)",
                    TIMEOUT.as_secs()
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every URL the page requests (as [`Browser::page_requests`]) until it
    /// has made none for `quiet`: what it asks for once what it was doing
    /// has settled. Fails if it has not settled after [`TIMEOUT`].
    pub async fn requests_until_quiet(&self, quiet: Duration) -> Result<Vec<String>, String> {
        let started = Instant::now();
        let mut requests = self.page_requests().await?;
        let mut last = Instant::now();
        loop {
            let more = self.page_requests().await?;
            if !more.is_empty() {
                requests.extend(more);
                last = Instant::now();
            } else if last.elapsed() >= quiet {
                return Ok(requests);
            }
            if started.elapsed() > TIMEOUT {
                return Err(format!(
                    "the page kept making requests for {} s: {requests:?}",
                    TIMEOUT.as_secs()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for a finished download named `name` and returns its path.
    pub async fn downloaded(&self, name: &str) -> Result<PathBuf, String> {
        let path = self.downloads.join(name);
        let started = Instant::now();
        while !path.exists() || std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == 0 {
            if started.elapsed() > TIMEOUT {
                let found: Vec<_> = std::fs::read_dir(&self.downloads)
                    .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
                    .unwrap_or_default();
                return Err(format!(
                    "{name} was not downloaded; the folder holds {found:?}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(path)
    }

    /// What the page shows now, as a PNG.
    pub async fn png(&self) -> Result<Vec<u8>, String> {
        self.client.screenshot().await.map_err(|e| e.to_string())
    }

    /// Saves a screenshot under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) -> Outcome {
        let png = self.client.screenshot().await.map_err(|e| e.to_string())?;
        let dir = Path::new("target/screenshots");
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        std::fs::write(dir.join(name), png).map_err(|e| e.to_string())
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// Serves the files under `root` on 127.0.0.1 and records each path asked
/// for. The server lives until the test process ends.
fn serve(mounts: Arc<Vec<(String, PathBuf)>>) -> (String, Arc<Mutex<Vec<String>>>) {
    assert!(
        Path::new("dist/index.html").exists(),
        "dist/ has no index.html: run `make test` (it builds dist/ first)"
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let origin = format!("http://{}", listener.local_addr().expect("an address"));
    let served = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&served);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mounts = Arc::clone(&mounts);
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let _ = answer(stream, &mounts, &log);
            });
        }
    });
    (origin, served)
}

/// chromedriver's log of DevTools events (`goog:loggingPrefs`).
#[derive(Debug)]
struct PerformanceLog;

impl fantoccini::wd::WebDriverCompatibleCommand for PerformanceLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type": "performance"}"#.to_owned()),
        )
    }
}

/// A DevTools command run through chromedriver.
#[derive(Debug)]
struct Cdp(Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// The file a served path names: under the mount with the longest prefix
/// of the path; `None` for a path that climbs out with `..`.
fn file_for(mounts: &[(String, PathBuf)], path: &str) -> Option<PathBuf> {
    if path.contains("..") {
        return None;
    }
    let relative = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    let (prefix, dir) = mounts
        .iter()
        .filter(|(prefix, _)| relative.starts_with(prefix.as_str()))
        .max_by_key(|(prefix, _)| prefix.len())?;
    Some(dir.join(&relative[prefix.len()..]))
}

fn answer(
    mut stream: TcpStream,
    mounts: &[(String, PathBuf)],
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
    }
    let path = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    if let Ok(mut log) = log.lock() {
        log.push(path.clone());
    }
    let file = file_for(mounts, &path);
    let (status, body, mime) = match file.as_ref().map(|f| (std::fs::read(f), f)) {
        Some((Ok(body), file)) => ("200 OK", body, mime(file)),
        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(&body)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "json" | "geojson" => "application/json",
        _ => "application/octet-stream",
    }
}
