//! Sharing what the map shows: "Save image" writes a PNG of the view
//! drawn from the scene, with its date and words kept as text; "Record
//! video" writes a WebM that ffprobe reads.

use std::path::Path;

use geo::{Coord, Geometry};
use serde_json::json;
use troopmap::picture::frame::Frame;
use troopmap::read_collection;

use crate::support::{check, Browser};
use crate::{DATA, SEA_TRACK};

/// Whether the page has fetched the module that makes popups, pictures and
/// videos.
const SHARE_FETCHED: &str =
    "return performance.getEntriesByType('resource').some(e => e.name.includes('troopmap-extras'))";

/// A decoded PNG: its size, RGBA pixels and text chunks.
pub struct Png {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    pub text: Vec<(String, String)>,
}

impl Png {
    pub fn read(path: &Path) -> Result<Png, String> {
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut reader = png::Decoder::new(file)
            .read_info()
            .map_err(|e| e.to_string())?;
        let mut buffer = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
        if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
            return Err(format!(
                "a {:?} {:?} PNG, not 8-bit RGBA",
                frame.color_type, frame.bit_depth
            ));
        }
        buffer.truncate(frame.buffer_size());
        let text = reader
            .info()
            .utf8_text
            .iter()
            .map(|t| (t.keyword.clone(), t.get_text().unwrap_or_default()))
            .collect();
        Ok(Png {
            width: frame.width,
            height: frame.height,
            rgba: buffer,
            text,
        })
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, t)| t.as_str())
    }

    fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let at = ((y * self.width + x) * 4) as usize;
        let p = &self.rgba[at..at + 4];
        [p[0], p[1], p[2], p[3]]
    }

    /// The frame the picture says it shows (its `View` text).
    fn frame(&self) -> Result<Frame, String> {
        let view = self.text("View").ok_or("the PNG has no View text")?;
        let field = |name: &str| {
            view.split_whitespace()
                .find_map(|w| w.strip_prefix(name))
                .ok_or(format!("no {name} in {view:?}"))
        };
        let number = |s: &str| s.parse::<f64>().map_err(|e| format!("{s:?}: {e}"));
        let (lon, lat) = field("center=")?.split_once(',').ok_or("center=lon,lat")?;
        let (w, h) = field("css=")?.split_once('x').ok_or("css=WxH")?;
        Ok(Frame::of_view(
            Coord {
                x: number(lon)?,
                y: number(lat)?,
            },
            number(field("zoom=")?)?,
            (number(w)?, number(h)?),
            number(field("ratio=")?)?,
            None,
        ))
    }
}

/// Saves the picture of the map on `day` and reads it.
async fn save_image(browser: &Browser, day: &str) -> Result<Png, String> {
    browser.set_date(day).await?;
    browser.wait_for_text("#date-output", day).await?;
    browser.click("#save-image").await?;
    let name = format!("troopmap-{day}.png");
    let path = browser.downloaded(&name).await?;
    // The file is written whole before it is renamed into place.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Kept for people to look at.
    std::fs::create_dir_all("target/share").map_err(|e| e.to_string())?;
    std::fs::copy(&path, Path::new("target/share").join(&name)).map_err(|e| e.to_string())?;
    Png::read(&path)
}

/// Points every `step` CSS pixels along the sea track, in `frame`.
fn along_the_sea_track(frame: &Frame, step: f64) -> Result<Vec<[f64; 2]>, String> {
    let text = std::fs::read_to_string(DATA).map_err(|e| e.to_string())?;
    let data = read_collection(DATA, &text).map_err(|e| e.to_string())?;
    let track = data
        .features
        .iter()
        .find(|f| f.id.as_ref().is_some_and(|id| id.to_string() == SEA_TRACK))
        .ok_or("the sea track is in the data")?;
    let Some(Geometry::LineString(line)) = &track.geometry else {
        return Err("the sea track is a LineString".into());
    };
    let projected: Vec<[f64; 2]> = line.0.iter().map(|&c| frame.place(c)).collect();
    let mut points = Vec::new();
    for pair in projected.windows(2) {
        let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
        let length = (x1 - x0).hypot(y1 - y0);
        let n = (length / step).ceil().max(1.0) as usize;
        for i in 0..n {
            let t = i as f64 / n as f64;
            points.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
        }
    }
    Ok(points)
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_15_save_image_at_2024_10_10_draws_the_sea_track_and_keeps_the_date() {
    Browser::run(|browser| async move {
        // Near enough to the sea track to follow it.
        let view = "#date=2024-10-10&map=7/42.45/130.85";
        browser.goto(&format!("{}/{view}", browser.origin())).await?;
        check(
            browser.js(SHARE_FETCHED).await? == json!(false),
            "the extras module was loaded before a picture was asked for",
        )?;
        let view = browser
            .js("const m = document.getElementById('map'); return [m.clientWidth, m.clientHeight, devicePixelRatio]")
            .await?;
        let number = |i: usize| view[i].as_f64().unwrap_or(0.0);
        let image = save_image(&browser, "2024-10-10").await?;
        check(
            f64::from(image.width) >= number(0) * number(2) && f64::from(image.height) >= number(1) * number(2),
            format!("the picture is {}×{}, the view {}×{} at {}", image.width, image.height, number(0), number(1), number(2)),
        )?;
        check(browser.js(SHARE_FETCHED).await? == json!(true), "the extras module was not fetched")?;
        check(image.text("Date") == Some("2024-10-10"), format!("the picture's Date text is {:?}", image.text("Date")))?;
        let link = image.text("Source").unwrap_or_default();
        check(link.contains("date=2024-10-10"), format!("the picture's link is {link:?}"))?;
        let description = image.text("Description").unwrap_or_default();
        check(description.contains("Sources: "), format!("no source line in {description:?}"))?;
        check(
            image.text("Copyright").is_some_and(|c| c.contains("Natural Earth")),
            "the picture does not credit Natural Earth",
        )?;

        // The same view on a day before the voyage: the basemap alone
        // where the track runs.
        let before = save_image(&browser, "2024-10-01").await?;
        let frame = image.frame()?;
        check(frame == before.frame()?, "the two pictures frame different views")?;
        let ratio = frame.ratio;
        let (width, height) = (frame.width, frame.height);
        // Clear of the title, the legend and the foot.
        let clear = |[x, y]: [f64; 2]| {
            x >= 0.0 && y >= 0.0 && x < width && y < height - 80.0
                && !(x < 360.0 && y < 100.0)
                && !(x > width - 330.0 && y < 420.0)
        };
        // Pieces of the track 12 pixels long (longer than its dotted
        // pattern's period of 8), each with a pixel on it or beside it
        // that differs from the basemap in the picture of 2024-10-01.
        // Not under the rings of the ports at its ends, drawn on both days.
        let points = along_the_sea_track(&frame, 1.0)?;
        let ends = [points.first().copied(), points.last().copied()];
        let off_the_ports = |&[x, y]: &[f64; 2]| ends.iter().flatten().all(|[ex, ey]| (x - ex).hypot(y - ey) > 16.0);
        let pieces: Vec<&[[f64; 2]]> = points
            .chunks(12)
            .filter(|piece| piece.iter().all(|&p| clear(p) && off_the_ports(&p)))
            .collect();
        check(pieces.len() >= 8, format!("only {} pieces of the sea track are in the picture", pieces.len()))?;
        let inked = |&[x, y]: &[f64; 2]| {
            [-1.0, 0.0, 1.0].iter().any(|dx| {
                [-1.0, 0.0, 1.0].iter().any(|dy| {
                    let (px, py) = (((x + dx) * ratio) as u32, ((y + dy) * ratio) as u32);
                    let (a, b) = (image.pixel(px, py), before.pixel(px, py));
                    a.iter().zip(b).any(|(p, q)| p.abs_diff(q) > 40)
                })
            })
        };
        // A place's label, there on both days, may cover a piece or two.
        let drawn = pieces.iter().filter(|piece| piece.iter().any(inked)).count();
        check(
            drawn * 10 >= pieces.len() * 8,
            format!(
                "{drawn} of {} pieces of the sea track differ from the basemap; not: {:?}",
                pieces.len(),
                pieces.iter().filter(|piece| !piece.iter().any(inked)).map(|piece| piece[0]).collect::<Vec<_>>()
            ),
        )?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_15_record_video_from_2024_10_01_writes_a_webm_ffprobe_reads() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        check(
            browser
                .js("return document.getElementById('record-video').title")
                .await?
                == json!(""),
            "the Record button says this browser cannot record",
        )?;
        browser.set_date("2024-10-01").await?;
        browser.wait_for_text("#date-output", "2024-10-01").await?;
        let (_, last) = crate::last_days();
        browser.click("#record-video").await?;
        browser
            .wait_until(
                "!document.getElementById('recording').hidden",
                "no progress bar while recording",
            )
            .await?;
        let name = format!("troopmap-2024-10-01-to-{last}.webm");
        let path = wait_for_video(&browser, &name).await?;
        check(
            browser
                .js("return document.getElementById('recording').hidden")
                .await?
                == json!(true),
            "the progress bar stays after the video is saved",
        )?;
        let probe = std::process::Command::new("ffprobe")
            .args(["-v", "error", "-count_frames", "-select_streams", "v:0"])
            .args([
                "-show_entries",
                "stream=codec_name,width,height,nb_read_frames",
                "-of",
                "json",
            ])
            .arg(&path)
            .output()
            .map_err(|e| format!("cannot run ffprobe (Debian ffmpeg): {e}"))?;
        let report: serde_json::Value = serde_json::from_slice(&probe.stdout).map_err(|e| {
            format!(
                "ffprobe said {}: {e}",
                String::from_utf8_lossy(&probe.stderr)
            )
        })?;
        let stream = &report["streams"][0];
        let frames: u64 = stream["nb_read_frames"]
            .as_str()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        check(
            probe.status.success()
                && ["vp8", "vp9"].contains(&stream["codec_name"].as_str().unwrap_or_default()),
            format!("ffprobe reads no VP8/VP9 stream: {report}"),
        )?;
        check(frames >= 20, format!("the video has {frames} frames"))?;
        std::fs::create_dir_all("target/share").map_err(|e| e.to_string())?;
        std::fs::copy(&path, format!("target/share/{name}")).map_err(|e| e.to_string())?;
        Ok(())
    })
    .await;
}

/// Waits for the video, which takes as long as it plays.
async fn wait_for_video(browser: &Browser, name: &str) -> Result<std::path::PathBuf, String> {
    let started = std::time::Instant::now();
    loop {
        match browser.downloaded(name).await {
            Ok(path) => {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                return Ok(path);
            }
            Err(_) if started.elapsed().as_secs() < 240 => {
                let alert = browser.js("const a = document.getElementById('alert'); return a.hidden ? '' : a.textContent").await?;
                if alert.as_str().is_some_and(|a| !a.is_empty()) {
                    return Err(format!("the page shows an alert: {alert}"));
                }
            }
            Err(error) => return Err(error),
        }
    }
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_15_a_video_ends_on_the_day_chosen_and_can_be_cancelled() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        browser.set_date("2024-10-01").await?;
        browser.wait_for_text("#date-output", "2024-10-01").await?;
        // Cancelled: nothing is saved.
        browser.click("#record-video").await?;
        browser
            .wait_until("!document.getElementById('recording').hidden", "no progress bar while recording")
            .await?;
        browser.js("document.getElementById('record-cancel').click()").await?;
        browser
            .wait_until("document.getElementById('recording').hidden", "the progress bar stays after Cancel")
            .await?;
        // Until a day chosen beforehand.
        browser
            .js("const f = document.getElementById('record-until'); f.value = '2024-10-05'; f.dispatchEvent(new Event('change'));")
            .await?;
        browser.click("#record-video").await?;
        let path = wait_for_video(&browser, "troopmap-2024-10-01-to-2024-10-05.webm").await?;
        let found: Vec<String> = std::fs::read_dir(path.parent().ok_or("a folder")?)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        check(found.len() == 1, format!("the downloads are {found:?}: a cancelled video was saved"))
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn issue_15_imported_data_is_said_not_to_be_in_the_link_or_the_picture() {
    Browser::run(|browser| async move {
        browser.open_map_at("#date=2024-10-10&follow=0").await?;
        check(
            browser
                .js("return document.getElementById('link-note').hidden")
                .await?
                == json!(true),
            "a note about imported data shows before any import",
        )?;
        browser
            .import_files(&[&crate::fixture("ok-coordtimes.geojson")])
            .await?;
        browser
            .wait_until(
                "!document.getElementById('link-note').hidden",
                "no note that the link does not hold the imported file",
            )
            .await?;
        let note = browser.text("#link-note").await?;
        check(
            note.contains("ok-coordtimes.geojson"),
            format!("the note says {note:?}"),
        )?;
        browser
            .js("document.querySelector('#import-dialog')?.close?.()")
            .await?;
        browser.set_date("2024-10-10").await?;
        browser.wait_for_text("#date-output", "2024-10-10").await?;
        browser.click("#save-image").await?;
        let path = browser.downloaded("troopmap-2024-10-10.png").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let picture = Png::read(&path)?;
        let comment = picture.text("Comment").unwrap_or_default();
        check(
            comment.contains("ok-coordtimes.geojson") && comment.contains("does not hold"),
            format!("the picture's note is {comment:?}"),
        )
    })
    .await;
}
