//! The land at the map's opening view, shown as a picture from the page's
//! first paint until the map's module has drawn the land itself.

use serde_json::{json, Value};

use crate::support::{check, Browser};

/// The sea and the land, as the page paints them.
const SEA: [u8; 3] = [0xbc, 0xd6, 0xe8];
const LAND: [u8; 3] = [0xf4, 0xf1, 0xe8];

/// Where a point (latitude, longitude) is in the window at the opening
/// view (zoom 5 around 42° N 130° E), by Leaflet's own projection: for a
/// page whose map has not been made, from the middle of the map's box.
const OPENING_PIXEL: &str = "const box = document.getElementById('map').getBoundingClientRect();
    const crs = L.CRS.EPSG3857, centre = crs.latLngToPoint(L.latLng(42, 130), 5);
    const pixel = ([lat, lon]) => { const p = crs.latLngToPoint(L.latLng(lat, lon), 5);
      return [Math.round(box.left + box.width / 2 + p.x - centre.x),
              Math.round(box.top + box.height / 2 + p.y - centre.y)]; };";

/// The colour of the screenshot `png` at `[x, y]` (CSS pixels, at a device
/// pixel ratio of 1).
/// (Not `share::Png`, which takes the map's own 8-bit RGBA pictures: a
/// screenshot comes without alpha.)
fn colour(png: &[u8], at: &Value) -> Result<[u8; 3], String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .map_err(|e| e.to_string())?;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    let (x, y) = (
        at[0].as_u64().ok_or("no x")? as usize,
        at[1].as_u64().ok_or("no y")? as usize,
    );
    let channels = info.line_size / info.width as usize;
    let i = y * info.line_size + x * channels;
    pixels
        .get(i..i + 3)
        .and_then(|p| p.try_into().ok())
        .ok_or_else(|| {
            format!(
                "{at} is outside the {}×{} screenshot",
                info.width, info.height
            )
        })
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(a, b)| a.abs_diff(b) <= 3)
}

/// Before the map's module has run, the land is on the page: land under
/// Pyongyang and on Hokkaido, sea in the Sea of Japan and the Yellow Sea,
/// where the map puts them at its opening view; and the moment it was
/// painted is marked (`basemap`).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_land_shows_before_the_maps_module_runs() {
    Browser::run(|browser| async move {
        // As if the module were still on its way: it never comes.
        browser.cdp("Network.enable", json!({})).await?;
        browser
            .cdp("Network.setBlockedURLs", json!({"urls": ["*.wasm"]}))
            .await?;
        browser.navigate(&format!("{}/", browser.origin())).await?;
        browser
            .wait_until(
                "performance.getEntriesByName('basemap').length > 0",
                "the picture of the land was never marked as painted",
            )
            .await?;
        let places = [
            ("Pyongyang", [39.03, 125.75], LAND),
            ("Hokkaido", [43.5, 142.5], LAND),
            ("the Sea of Japan", [40.0, 134.0], SEA),
            ("the Yellow Sea", [36.0, 123.5], SEA),
        ];
        let at = browser
            .js_with(
                &format!(
                    "{OPENING_PIXEL}
                     return [arguments[0].map(pixel), !!document.querySelector('.land-canvas')];"
                ),
                vec![json!(places.iter().map(|p| p.1).collect::<Vec<_>>())],
            )
            .await?;
        check(
            at[1] == json!(false),
            "the map's module ran, though it was blocked",
        )?;
        let png = browser.png().await?;
        for (n, (name, _, wanted)) in places.iter().enumerate() {
            let found = colour(&png, &at[0][n])?;
            check(
                near(found, *wanted),
                format!("before the module runs, {name} is {found:?} on the page, not {wanted:?}"),
            )?;
        }
        Ok(())
    })
    .await;
}

/// The picture is the land the map then draws, at the same pixels: over the
/// whole map at its opening view, the picture and the land canvas differ in
/// few pixels (each composited over the sea), fewer than if either were a
/// pixel off. And once the land is drawn,
/// the picture is gone, so that a drag of the map shows no land of the
/// opening view under the map's own.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_picture_of_the_land_is_the_land_the_map_draws() {
    Browser::run(|browser| async move {
        // At the opening view, which the address keeps (the map would
        // otherwise fit the story once it is read).
        browser.open_map_at("#map=5/42/130&follow=0").await?;
        let compared = browser
            .js(
                "const map = document.getElementById('map'), box = map.getBoundingClientRect();
                 const land = document.querySelector('.land-canvas'), at = land.getBoundingClientRect();
                 const w = Math.round(box.width), h = Math.round(box.height);
                 const over = (draw) => { const c = document.createElement('canvas');
                   c.width = w; c.height = h; const x = c.getContext('2d');
                   x.fillStyle = '#bcd6e8'; x.fillRect(0, 0, w, h); draw(x);
                   return x.getImageData(0, 0, w, h).data; };
                 const picture = new Image();
                 // The picture's address, from the style sheet's url(\"…\").
                 const url = getComputedStyle(document.documentElement).getPropertyValue('--opening-land');
                 picture.src = url.slice(url.indexOf('\"') + 1, url.lastIndexOf('\"'));
                 return picture.decode().then(() => {
                   const a = over((x) => x.drawImage(picture, (w - picture.width) / 2, (h - picture.height) / 2));
                   const b = over((x) => x.drawImage(land, at.left - box.left, at.top - box.top, at.width, at.height));
                   let differ = 0, landPixels = 0;
                   for (let i = 0; i < a.length; i += 4) {
                     const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
                     if (d > 24) differ += 1;
                     if (b[i] === 0xf4 && b[i + 1] === 0xf1) landPixels += 1;
                   }
                   return [differ, w * h, landPixels, getComputedStyle(map).backgroundImage];
                 }, (e) => String(e));",
            )
            .await?;
        let (differ, pixels, land) = (
            compared[0].as_f64().ok_or(format!("{compared}"))?,
            compared[1].as_f64().unwrap_or(1.0),
            compared[2].as_f64().unwrap_or(0.0),
        );
        check(land > pixels / 4.0, format!("the land canvas holds little land: {compared}"))?;
        // Aligned, they differ in about 1.0 % of a 1280 × 657 map (edges
        // antialiased a little differently, and borders where the picture
        // outlines each country before filling the next); shifted by one
        // pixel, in 1.7 to 2.0 %.
        check(
            differ / pixels < 0.014,
            format!("the picture and the map's land differ in {differ} of {pixels} pixels"),
        )?;
        check(
            compared[3] == json!("none"),
            format!("the picture is still behind the map: {}", compared[3]),
        )
    })
    .await;
}

/// The page asks for the basemap and the data once each: its first
/// script asks for them, and the module takes those answers (a preload of
/// the basemap in the page's HTML, not taken by that script's fetch, made
/// two requests of it).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run through `make test`"]
async fn the_basemap_and_the_data_are_asked_for_once() {
    Browser::run(|browser| async move {
        browser.open_map().await?;
        let asked = browser
            .js("const names = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
                 return ['/basemap.geojson', '/data/nk-deployment-2024.geojson']
                   .map((path) => names.filter((n) => n === path).length);")
            .await?;
        check(
            asked == json!([1, 1]),
            format!("the basemap and the data were asked for {asked} times"),
        )
    })
    .await;
}
