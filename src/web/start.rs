//! Starting the page: its mode (the full map, or embedded), the legend,
//! the map, the basemap, the data, the app, and every input wired to send
//! the app its actions.

use leaflet::{Map, MapOptions};
use wasm_bindgen::prelude::*;

use crate::draw::land::OPENING;
use crate::formats::read_converted;
use crate::scene::embed::PageMode;
use crate::web::app::App;
use crate::web::input::{controls, import, link, play_options, readers, units};
use crate::web::page::bindings::{self, object};
use crate::web::page::loading::{painted, Loaded, Loading};
use crate::web::page::{basemap, dom, embed};
use crate::web::panels::{self, chronology, legend};
use crate::web::{data_url, mark, BASEMAP_URL};

/// Builds the page: legend, map, basemap, data and controls, in the mode
/// the address asks for (the full map, or embedded in another page).
pub async fn run() -> Result<(), JsValue> {
    let mode = embed::mode()?;
    embed::apply(mode)?;
    wire_alert()?;
    // Folded on a phone, where the map needs the room, and in another
    // page; open beside a wide map.
    let folded = dom::narrow() || mode == PageMode::Embed;
    let options = MapOptions::new();
    let _ = js_sys::Reflect::set(&options, &"minZoom".into(), &2.into());
    let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &10.into());
    // Without fading, a removed label leaves the page at once, and cannot
    // hide the label that replaces it (see labels::declutter).
    let _ = js_sys::Reflect::set(&options, &"fadeAnimation".into(), &false.into());
    let map = Map::new("map", &options)?;
    let ([lat, lon], zoom) = OPENING;
    map.set_view(&leaflet::LatLng::new(lat, lon), zoom);
    bindings::scale_control(&object(&[
        ("imperial", false.into()),
        ("maxWidth", 150.into()),
    ]))
    .add_to(&map);
    // The data is on its way while the basemap is drawn.
    let url = data_url()?;
    let pending = basemap::start_fetch(&url)?;
    if let Err(error) = basemap::add(&map, BASEMAP_URL).await {
        dom::show_alert(&format!(
            "The basemap could not be drawn: {}",
            dom::describe_js_error(&error)
        ));
    }
    // The picture of the land at the opening view, the map's background
    // since the page's first paint (assets/style.css), goes: the land is
    // drawn over it in this same task, or could not be drawn, and no move
    // of the map must show the picture under it.
    map.get_container()
        .style()
        .set_property("background-image", "none")?;
    let loading = Loading::start(&url)?;
    // The land and the progress bar are painted first; the legend and the
    // other controls in the next frame, before the data is read, however
    // large it is. (A picture of the land at the opening view was shown
    // since the page's first paint: its mark is "basemap", early.js.)
    painted().await?;
    mark("land");
    legend::build(!folded)?;
    panels::units::build()?;
    let loaded = loading.load(&url, pending, Default::default()).await?;
    let mut data = match loaded {
        Loaded::Read(read) => read,
        // A KML, GPX or CSV file given by `?data=` goes through the readers.
        Loaded::Other(text) => match readers::convert(&url, &text, None).await {
            Ok(converted) => converted.and_then(|c| read_converted(&url, c, Default::default())),
            Err(message) => return Err(JsValue::from_str(&format!("{url}: {message}"))),
        },
    }
    .map_err(|e| JsValue::from_str(&e.to_string()))?;
    loading.done();
    // The link reopens this file, unlike one imported later.
    for file in &mut data.files {
        file.linked = true;
    }
    mark("read");
    // Inputs hold only a way to send actions, not the app.
    let (app, dispatch) = App::start(map.clone(), data)?;
    controls::wire(&dispatch)?;
    play_options::wire(&dispatch)?;
    units::wire(&dispatch)?;
    crate::web::panels::unit_list::wire(&dispatch)?;
    // An embedded map imports nothing.
    if mode == PageMode::Full {
        import::wire(&dispatch)?;
        crate::web::panels::files::wire(&dispatch)?;
    }
    chronology::wire(&dispatch, folded)?;
    crate::web::panels::changes::wire(&dispatch)?;
    link::wire(&map, &dispatch)?;
    crate::web::input::share::explain_recording()?;
    // The app lives as long as the page: inputs and timers reach it
    // through weak handles, which must not outlive it.
    std::mem::forget(app);
    // The page has drawn its data once the frame after loading is painted.
    painted().await?;
    mark("rendered");
    Ok(())
}

/// The alert's Dismiss button hides it.
fn wire_alert() -> Result<(), JsValue> {
    let dismiss: web_sys::HtmlElement = dom::by_id("alert-dismiss")?;
    let on_dismiss = Closure::<dyn FnMut()>::new(|| {
        if let Ok(alert) = dom::by_id::<web_sys::HtmlElement>("alert") {
            alert.set_hidden(true);
        }
    });
    dismiss.add_event_listener_with_callback("click", on_dismiss.as_ref().unchecked_ref())?;
    on_dismiss.forget();
    Ok(())
}
