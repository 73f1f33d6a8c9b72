//! The page's pictures and videos: a wasm module of its own, loaded the
//! first time a person saves an image or records a video, so that the
//! map's own module stays small. The page hands it the data on the map
//! (as the GeoJSON "Export" would write it, once for each change of the
//! data) and, for each picture, the link's state and the view; it builds
//! the same scene from them and draws it ([`troopmap::picture`],
//! `troopmap::web::share`).

#[cfg(target_arch = "wasm32")]
mod page {
    use std::cell::RefCell;
    use std::rc::Rc;

    use serde_json::Value;
    use troopmap::scene::action::Action;
    use troopmap::scene::fragment;
    use troopmap::scene::Scene;
    use troopmap::web::dispatch::Dispatch;
    use troopmap::web::render::positions::symbols::{Script, Symbols};
    use troopmap::web::share::{self, record::Recording, Countries, Request};
    use troopmap::{read_collection_shared, read_collection_with, DateOrder, ReadOptions};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// The scene the pictures are drawn from, and the video being
    /// recorded.
    struct State {
        scene: Scene,
        countries: Countries,
        recording: Option<Recording>,
        /// The units' symbols (milsymbol), loaded once the data has codes.
        symbols: Symbols,
        /// The request a picture or video waits on while the basemap is
        /// read.
        waiting: Option<(Request, bool)>,
    }

    impl Default for State {
        fn default() -> State {
            State {
                scene: Scene::default(),
                countries: Countries::default(),
                recording: None,
                symbols: Symbols::new(&dispatch()),
                waiting: None,
            }
        }
    }

    thread_local! {
        static STATE: Rc<RefCell<State>> = Rc::default();
        static DISPATCH: Dispatch = Dispatch::new(|action, _| carry_out(action));
    }

    fn state() -> Rc<RefCell<State>> {
        STATE.with(Rc::clone)
    }

    fn dispatch() -> Dispatch {
        DISPATCH.with(Clone::clone)
    }

    /// Takes the data on the map: `text`, a FeatureCollection as the
    /// page's export writes it, and `files`, a JSON array of the files it
    /// came from (`name`, `linked`, `date_order`). Returns what went wrong,
    /// or "".
    #[wasm_bindgen]
    pub fn open(text: String, files: &str) -> String {
        let listed: Vec<Value> = serde_json::from_str(files).unwrap_or_default();
        // One reading for the whole: the order of the first file that has one.
        let date_order = listed
            .iter()
            .find_map(|f| f["date_order"].as_str().and_then(DateOrder::parse));
        let options = ReadOptions { date_order };
        let mut data = match read_collection_shared("the map's data", text, options) {
            Ok(data) => data,
            Err(error) => return error.to_string(),
        };
        data.files = listed
            .iter()
            .map(|f| troopmap::model::LoadedFile {
                name: f["name"].as_str().unwrap_or_default().to_owned(),
                features: 0,
                warnings: 0,
                linked: f["linked"].as_bool().unwrap_or(false),
                date_order: None,
            })
            .collect();
        let scene = Scene::new(data, Default::default());
        let units = scene.units_seen();
        let codes = if units.has_symbols() {
            units.code_count()
        } else {
            0
        };
        let state = state();
        let mut state = state.borrow_mut();
        state.symbols.reset(codes);
        state.scene = scene;
        String::new()
    }

    /// The content of the popup of feature `index`, from `feature`, its
    /// JSON text as loaded: as a map replaying what was made public by
    /// `as_of` shows it (empty: not replaying); `order` is how its file's
    /// dates like `03/04/2024` were read. A text when it cannot be read.
    #[wasm_bindgen]
    pub fn popup(feature: &str, index: u32, as_of: &str, order: &str) -> JsValue {
        let options = ReadOptions {
            date_order: DateOrder::parse(order),
        };
        let text = format!(r#"{{"type": "FeatureCollection", "features": [{feature}]}}"#);
        let mut data = match read_collection_with("the feature", &text, options) {
            Ok(data) => data,
            Err(error) => return JsValue::from_str(&error.to_string()),
        };
        let Some(feature) = data.features.pop() else {
            return JsValue::from_str("the feature could not be read again");
        };
        let as_of = troopmap::Day::parse(as_of).ok();
        match troopmap::web::panels::popup::content_on(index as usize, &feature, as_of) {
            Ok(content) => content.into(),
            Err(error) => JsValue::from_str(&troopmap::web::page::dom::describe_js_error(&error)),
        }
    }

    /// What changed between the dates the link `fragment` compares, as
    /// GeoJSON (see [`troopmap::geojson::changes`]); else why not.
    #[wasm_bindgen]
    pub fn export_changes(fragment: &str) -> String {
        on_link(fragment, |scene| match scene.comparison() {
            Some(comparison) => troopmap::geojson::changes::export_changes(
                scene.data(),
                scene.units_seen(),
                &comparison,
            ),
            None => "no date is compared".to_owned(),
        })
    }

    /// The units' positions shown as the link `fragment` says, as GeoJSON
    /// (see [`troopmap::geojson::positions`]).
    #[wasm_bindgen]
    pub fn export_positions(fragment: &str) -> String {
        on_link(fragment, |scene| {
            troopmap::geojson::positions::export_positions(
                scene.data(),
                scene.units_seen(),
                &scene.positions(),
            )
        })
    }

    /// Lists what changed between the dates the link `fragment` compares
    /// in the page's panel, and draws the arrows of the units that moved and
    /// the features gone and in between in the two layer groups `groups`
    /// (see [`troopmap::web::render::moved`]); answers why not, or nothing.
    #[wasm_bindgen]
    pub fn changes(fragment: &str, groups: JsValue) -> String {
        on_link(fragment, |scene| {
            let Some(comparison) = scene.comparison() else {
                return "no date is compared".to_owned();
            };
            let group = |n: u32| -> leaflet::LayerGroup {
                js_sys::Reflect::get_u32(&groups, n)
                    .unwrap_or(JsValue::UNDEFINED)
                    .unchecked_into()
            };
            let (arrows, features) = (group(0), group(1));
            use troopmap::web::render::moved::{draw, draw_features};
            answer(
                troopmap::web::panels::changes::fill(scene, &comparison)
                    .and_then(|()| draw_features(&features, scene, &comparison))
                    .and_then(|()| draw(&arrows, &comparison)),
            )
        })
    }

    /// What `then` answers of the scene as the link `fragment` shows it
    /// (its day, mode, filters, units and date compared).
    fn on_link(fragment: &str, then: impl FnOnce(&Scene) -> String) -> String {
        let state = state();
        let mut state = state.borrow_mut();
        state.scene.act(&Action::Restore(fragment::parse(fragment)));
        then(&state.scene)
    }

    /// Saves a picture of the view `request` describes (JSON, see
    /// [`Request`]). Returns what went wrong, or "".
    #[wasm_bindgen]
    pub fn save_image(request: &str) -> String {
        match Request::read(request) {
            Some(request) => answer(act(request, false)),
            None => "the page's request could not be read".to_owned(),
        }
    }

    /// Starts recording the video `request` describes, or, while one is
    /// recorded, cancels it. Returns what went wrong, or "".
    #[wasm_bindgen]
    pub fn record(request: &str) -> String {
        let state = state();
        let recording = state.borrow_mut().recording.take();
        if let Some(recording) = recording {
            return answer(recording.cancel());
        }
        match Request::read(request) {
            Some(request) => answer(act(request, true)),
            None => "the page's request could not be read".to_owned(),
        }
    }

    fn answer(result: Result<(), JsValue>) -> String {
        match result {
            Ok(()) => String::new(),
            Err(error) => troopmap::web::page::dom::describe_js_error(&error),
        }
    }

    /// Shows the request's moment, and saves its picture or starts its
    /// video once the basemap is read.
    fn act(request: Request, video: bool) -> Result<(), JsValue> {
        let state = state();
        let mut state = state.borrow_mut();
        let link = fragment::parse(&request.fragment);
        let scene = &mut state.scene;
        scene.act(&Action::Restore(link));
        scene.act(&Action::GoToMoment(request.moment));
        let land = state.countries.get(&dispatch(), || Action::Draw);
        // The symbols, when the data has them, once milsymbol has loaded
        // (or failed to: then dots).
        let loading = state.symbols.script() == Script::Loading;
        let Some(land) = land.filter(|_| !loading) else {
            state.waiting = Some((request, video));
            return Ok(());
        };
        let State {
            scene,
            symbols,
            recording,
            ..
        } = &mut *state;
        if video {
            *recording = Some(share::start_video(scene, &request, land, &dispatch())?);
            Ok(())
        } else {
            share::save_image(scene, &request, &land, symbols)
        }
    }

    /// What the module's own clock and loads ask for: a frame of the
    /// video, or the picture that waited on the basemap.
    fn carry_out(action: Action) {
        let state = state();
        let result = match action {
            Action::RecordFrame => frame(&state),
            Action::Draw => {
                let waiting = state.borrow_mut().waiting.take();
                match waiting {
                    Some((request, video)) => act(request, video),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        };
        if let Err(error) = result {
            troopmap::web::page::dom::show_alert(&troopmap::web::page::dom::describe_js_error(
                &error,
            ));
        }
    }

    /// The video's next frame: its moment, drawn; after the last, saved.
    fn frame(state: &Rc<RefCell<State>>) -> Result<(), JsValue> {
        let mut state = state.borrow_mut();
        let State {
            scene,
            recording,
            symbols,
            ..
        } = &mut *state;
        let Some(video) = recording else {
            return Ok(());
        };
        let (moment, last) = video.moment();
        let step = Action::GoToMoment(moment);
        let update = scene.act(&step);
        // As the map follows the story while playing, so does the video.
        if let Some(target) = scene.follow_target(&step, &update) {
            video.follow(target);
        }
        video.draw(scene, symbols)?;
        if last {
            if let Some(video) = recording.take() {
                video.finish()?;
            }
            return Ok(());
        }
        video.again()
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("troopmap-extras runs in the page only: it builds popups and saves pictures and videos of the map");
    std::process::exit(2);
}
