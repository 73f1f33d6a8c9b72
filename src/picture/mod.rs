//! A picture of what the map shows, drawn from the scene (not copied from
//! the page): the basemap, the features of the moment in their grades'
//! lines, units on their way, units where they were last seen, place
//! labels, and a caption with the title, the date, a legend of what is
//! shown, the sources, the attribution and the link back.
//!
//! [`compose`] turns a [`Scene`] and a [`Frame`] into a [`Picture`]: a
//! list of [`Mark`]s in CSS pixels, which the page paints on a 2-D canvas
//! (`crate::web::share`) for a PNG, or for each frame of a video. Nothing
//! here touches a browser, so what a picture holds is tested natively.

pub mod basemap;
pub mod caption;
pub mod frame;
pub mod legend;
pub mod marks;
pub mod png_text;
pub mod points;
pub mod sources;

use crate::scene::Scene;

use basemap::Basemap;
use caption::Caption;
use frame::Frame;

/// A colour with its opacity.
#[derive(Debug, Clone, PartialEq)]
pub struct Paint {
    /// A CSS colour (`#rrggbb`).
    pub color: String,
    pub alpha: f64,
}

impl Paint {
    /// `color`, opaque.
    pub fn solid(color: &str) -> Paint {
        Paint {
            color: color.to_owned(),
            alpha: 1.0,
        }
    }

    /// `color` at `alpha`.
    pub fn faint(color: &str, alpha: f64) -> Paint {
        Paint {
            color: color.to_owned(),
            alpha,
        }
    }
}

/// How a line is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Pen {
    pub paint: Paint,
    /// Its width in CSS pixels.
    pub width: f64,
    /// Lengths on and off, in CSS pixels; empty for a solid line.
    pub dash: Vec<f64>,
}

impl Pen {
    /// A solid line of `color`, `width` pixels wide.
    pub fn solid(color: &str, width: f64) -> Pen {
        Pen {
            paint: Paint::solid(color),
            width,
            dash: Vec::new(),
        }
    }
}

/// What the marks of a picture show, for its legend and source line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    /// The features drawn (on the map and inside the frame), in data order.
    pub features: Vec<usize>,
    /// The grades of the features drawn (`None`: not given), each once.
    pub grades: Vec<Option<crate::model::statement::Grade>>,
    /// Their kinds, each once.
    pub kinds: Vec<crate::model::Kind>,
    /// Whether a unit is drawn on its way.
    pub movers: bool,
    /// The sides of the units drawn where they were last seen (by their
    /// place in [`crate::space::sightings::Units::sides`]; `None`: none
    /// given).
    pub sides: std::collections::BTreeSet<Option<usize>>,
    /// Whether a unit is drawn by its symbol code.
    pub symbols: bool,
}

/// How text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Its size in CSS pixels.
    pub size: f64,
    pub bold: bool,
}

/// Where text stands from its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The point is the text's left end (on the middle of its height).
    Left,
    /// The point is the text's right end.
    Right,
    /// The point is the text's centre.
    Center,
}

/// One thing drawn, in CSS pixels from the picture's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// The whole picture in one colour.
    Background(Paint),
    /// Polygons (rings, even-odd), filled and maybe outlined.
    Area {
        rings: Vec<Vec<[f64; 2]>>,
        fill: Option<Paint>,
        pen: Option<Pen>,
    },
    /// A line through the points, with round ends and joins.
    Line { points: Vec<[f64; 2]>, pen: Pen },
    /// A circle, filled and maybe outlined.
    Dot {
        at: [f64; 2],
        radius: f64,
        fill: Option<Paint>,
        pen: Option<Pen>,
    },
    /// A rectangle, with rounded corners of `round` pixels.
    Box {
        at: [f64; 2],
        size: [f64; 2],
        round: f64,
        fill: Paint,
        pen: Option<Pen>,
    },
    /// A unit where it was last seen, drawn as the map draws it: by its
    /// symbol code when it has one and a symbol can be drawn, else a dot
    /// of its side's colour; faded to `opacity` with the sighting's age.
    Unit {
        at: [f64; 2],
        position: crate::space::sightings::Position,
        opacity: f64,
    },
    /// A line of text.
    Text {
        at: [f64; 2],
        text: String,
        font: Font,
        align: Align,
        paint: Paint,
    },
}

/// The width of `text` set in `font`, in CSS pixels. The page measures
/// with its canvas; [`estimate`] stands in elsewhere.
pub type Measure<'a> = &'a dyn Fn(&str, Font) -> f64;

/// A width for `text` in a sans-serif `font`, near enough to lay out by
/// when no canvas can measure it.
///
/// ```
/// use troopmap::picture::{estimate, Font};
/// let font = Font { size: 10.0, bold: false };
/// assert!(estimate("Vladivostok", font) > estimate("Kursk", font));
/// ```
pub fn estimate(text: &str, font: Font) -> f64 {
    let per = if font.bold { 0.62 } else { 0.56 };
    text.chars().count() as f64 * font.size * per
}

/// Everything a picture is drawn from, besides the scene.
pub struct Setting<'a> {
    pub frame: Frame,
    /// The countries, when the bundled basemap could be read.
    pub basemap: Option<&'a Basemap>,
    /// Whether the online OpenStreetMap layer is on (its tiles are not in
    /// the picture; the attribution names it).
    pub online_tiles: bool,
    /// The link that reopens this view.
    pub link: String,
}

/// What is drawn, and the words a PNG keeps as text beside its pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub frame: Frame,
    pub marks: Vec<Mark>,
    /// Keyword and text pairs (`Title`, `Date`, `Source`, …) for the PNG's
    /// text chunks.
    pub text: Vec<(String, String)>,
}

/// The picture of `scene` as `setting` frames it.
pub fn compose(scene: &Scene, setting: &Setting, measure: Measure) -> Picture {
    let frame = setting.frame;
    let mut marks = vec![Mark::Background(Paint::solid(basemap::SEA))];
    if let Some(countries) = setting.basemap {
        countries.draw(&frame, &mut marks);
    }
    let drawn = marks::draw(scene, &frame, measure, &mut marks);
    let caption = Caption::of(scene, &drawn, setting);
    caption.draw(&frame, measure, &mut marks);
    let mut text = caption.text();
    text.push(("View".to_owned(), view_text(&frame)));
    Picture { frame, marks, text }
}

/// Where the picture is on Earth, for a reader that would place it again
/// (GIS): Leaflet's Web Mercator, the zoom, the centre, the size.
///
/// ```
/// use troopmap::picture::{frame::Frame, view_text};
/// let frame = Frame::of_view(geo::coord! { x: 131.5, y: 42.25 }, 5.5, (1280.0, 800.0), 2.0, None);
/// assert_eq!(view_text(&frame), "EPSG:3857 zoom=5.5 center=131.5,42.25 css=1280x800 ratio=2");
/// ```
pub fn view_text(frame: &Frame) -> String {
    format!(
        "EPSG:3857 zoom={} center={},{} css={}x{} ratio={}",
        frame.zoom, frame.center.x, frame.center.y, frame.width, frame.height, frame.ratio
    )
}

/// `link` with the date of its fragment set to `when` and, when given, its
/// view set to `frame`'s: the link of one frame of a video.
///
/// ```
/// use troopmap::picture::{frame::Frame, link_at};
/// assert_eq!(link_at("https://x.org/#date=2024-10-01&map=5/42/131", "2024-10-11", None), "https://x.org/#date=2024-10-11&map=5/42/131");
/// assert_eq!(link_at("https://x.org/?embed=1", "2024-10-11", None), "https://x.org/?embed=1#date=2024-10-11");
/// let frame = Frame::of_view(geo::coord! { x: 36.19, y: 51.73 }, 4.5, (800.0, 600.0), 1.0, None);
/// assert_eq!(link_at("https://x.org/#date=2024-10-01&map=5/42/131&speed=8", "2024-11-20", Some(&frame)),
///            "https://x.org/#date=2024-11-20&map=4.5/51.73/36.19&speed=8");
/// ```
pub fn link_at(link: &str, when: &str, frame: Option<&Frame>) -> String {
    let (page, fragment) = link.split_once('#').unwrap_or((link, ""));
    let mut parts: Vec<String> = fragment
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("date="))
        .map(str::to_owned)
        .collect();
    if let Some(frame) = frame {
        let view = format!(
            "map={}/{}/{}",
            crate::number::decimal(frame.zoom, 2),
            crate::number::decimal(frame.center.y, 5),
            crate::number::decimal(frame.center.x, 5)
        );
        match parts.iter_mut().find(|p| p.starts_with("map=")) {
            Some(part) => *part = view,
            None => parts.push(view),
        }
    }
    parts.insert(0, format!("date={when}"));
    format!("{page}#{}", parts.join("&"))
}

/// The name of the PNG of the moment `when` (a day `2024-10-10`, or a
/// time `2024-03-02T14:00Z`): `troopmap-2024-10-10.png`,
/// `troopmap-2024-03-02T14-00Z.png`.
///
/// ```
/// use troopmap::picture::image_name;
/// assert_eq!(image_name("2024-10-10"), "troopmap-2024-10-10.png");
/// assert_eq!(image_name("2024-03-02T14:00Z"), "troopmap-2024-03-02T14-00Z.png");
/// ```
pub fn image_name(when: &str) -> String {
    format!("troopmap-{}.png", when.replace(':', "-"))
}

/// The name of the video from `from` to `to`:
/// `troopmap-2024-10-01-to-2024-12-20.webm`.
///
/// ```
/// use troopmap::picture::video_name;
/// assert_eq!(video_name("2024-10-01", "2024-12-20"), "troopmap-2024-10-01-to-2024-12-20.webm");
/// ```
pub fn video_name(from: &str, to: &str) -> String {
    format!(
        "troopmap-{}-to-{}.webm",
        from.replace(':', "-"),
        to.replace(':', "-")
    )
}
