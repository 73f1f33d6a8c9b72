//! The words around a picture: its title and date, a legend of only what
//! it shows, the sources of what it shows, the attribution, and the link
//! that reopens the view (with a note when imported data is not in it).

use crate::draw::style::SIDE_COLORS;
use crate::model::Kind;
use crate::picture::frame::Frame;
pub use crate::picture::legend::Key;
use crate::picture::legend::{grade_order, label, sample};
use crate::picture::sources::sources_line;
use crate::picture::{Align, Drawn, Font, Mark, Measure, Paint, Pen, Setting};
use crate::scene::selection::{Replay, Selection};
use crate::scene::Scene;

const MARGIN: f64 = 12.0;
const TITLE: Font = Font {
    size: 17.0,
    bold: true,
};
const DATE: Font = Font {
    size: 15.0,
    bold: true,
};
const SMALL: Font = Font {
    size: 11.5,
    bold: false,
};
const SMALL_BOLD: Font = Font {
    size: 11.5,
    bold: true,
};
const INK: &str = "#222222";

/// The caption of a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub title: String,
    /// The moment shown, as the slider writes it.
    pub when: String,
    /// How the map reads the dates, and whether filters leave some out.
    pub mode: String,
    pub legend: Vec<Key>,
    /// "Sources: …, N in all".
    pub sources: String,
    pub attribution: String,
    pub link: String,
    /// Said when imported files are shown: the link does not hold them.
    pub note: Option<String>,
}

impl Caption {
    /// The caption of `scene` with `drawn` in the frame.
    pub fn of(scene: &Scene, drawn: &Drawn, setting: &Setting) -> Caption {
        let data = scene.data();
        let title = data
            .members
            .get("name")
            .and_then(|n| n.as_str())
            .filter(|n| !n.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| data.files.first().map(|f| file_title(&f.name)))
            .unwrap_or_else(|| "troopmap".to_owned());
        let mut legend: Vec<Key> = drawn.grades.iter().map(|&g| Key::Grade(g)).collect();
        legend.sort_by_key(grade_order);
        legend.extend(
            Kind::ALL
                .iter()
                .filter(|k| drawn.kinds.contains(k))
                .map(|&k| Key::Kind(k)),
        );
        if drawn.movers {
            legend.push(Key::Mover);
        }
        if drawn.symbols {
            legend.push(Key::Symbols);
        }
        let sides = scene.units_seen().sides();
        for side in &drawn.sides {
            let (name, color) = match side {
                Some(s) => (
                    sides.get(*s).cloned().unwrap_or_default(),
                    SIDE_COLORS[s % SIDE_COLORS.len()],
                ),
                None => ("side not given".to_owned(), "#444444"),
            };
            legend.push(Key::Side(name, color));
        }
        let imported: Vec<&str> = data
            .files
            .iter()
            .filter(|f| !f.linked)
            .map(|f| f.name.as_str())
            .collect();
        let note = (!imported.is_empty()).then(|| {
            format!(
                "The link does not hold imported data ({}): open those files again with it.",
                imported.join(", ")
            )
        });
        let mut attribution = "Basemap: Natural Earth".to_owned();
        if setting.online_tiles {
            attribution.push_str(" (OpenStreetMap tiles, © OpenStreetMap contributors, are on in the map, not drawn here)");
        }
        Caption {
            title,
            when: scene.when(),
            mode: mode(scene.selection()),
            legend,
            sources: sources_line(
                drawn
                    .features
                    .iter()
                    .filter_map(|&i| data.features.get(i))
                    .flat_map(crate::geojson::read::shown::sources)
                    .collect::<Vec<_>>()
                    .iter(),
            ),
            attribution: format!("{attribution} · made with troopmap"),
            link: setting.link.clone(),
            note,
        }
    }

    /// The keyword–text pairs a PNG keeps: what a reader of the file's
    /// text (or a test) finds without looking at the pixels.
    pub fn text(&self) -> Vec<(String, String)> {
        let mut text = vec![
            ("Title".to_owned(), self.title.clone()),
            ("Date".to_owned(), self.when.clone()),
            (
                "Description".to_owned(),
                format!("{}, {}. {}", self.when, self.mode, self.sources),
            ),
            ("Source".to_owned(), self.link.clone()),
            ("Copyright".to_owned(), self.attribution.clone()),
            ("Software".to_owned(), "troopmap".to_owned()),
        ];
        if let Some(note) = &self.note {
            text.push(("Comment".to_owned(), note.clone()));
        }
        text
    }

    /// Lays the caption over the map: title and date at the top left, the
    /// legend at the top right (under the title when the frame is
    /// narrow), sources, attribution and link along the foot.
    pub fn draw(&self, frame: &Frame, measure: Measure, marks: &mut Vec<Mark>) {
        let room = frame.width - 2.0 * MARGIN;
        // The title box.
        let title = fit(&self.title, TITLE, room - 20.0, measure);
        let mode = fit(&self.mode, SMALL, room - 20.0, measure);
        let width = [
            measure(&title, TITLE),
            measure(&self.when, DATE),
            measure(&mode, SMALL),
        ]
        .into_iter()
        .fold(0.0, f64::max)
            + 20.0;
        let height = 72.0;
        panel(marks, [MARGIN, MARGIN], [width, height]);
        text(marks, [MARGIN + 10.0, MARGIN + 18.0], title, TITLE);
        text(
            marks,
            [MARGIN + 10.0, MARGIN + 40.0],
            self.when.clone(),
            DATE,
        );
        text(marks, [MARGIN + 10.0, MARGIN + 59.0], mode, SMALL);
        let title_right = MARGIN + width;
        let title_bottom = MARGIN + height;
        // The foot.
        let mut lines = vec![(self.sources.clone(), SMALL)];
        if let Some(note) = &self.note {
            lines.push((note.clone(), SMALL_BOLD));
        }
        lines.push((format!("{} · {}", self.attribution, self.link), SMALL));
        let line_height = 16.0;
        let foot = lines.len() as f64 * line_height + 8.0;
        marks.push(Mark::Box {
            at: [0.0, frame.height - foot],
            size: [frame.width, foot],
            round: 0.0,
            fill: Paint::faint("#ffffff", 0.9),
            pen: None,
        });
        for (i, (line, font)) in lines.into_iter().enumerate() {
            let y = frame.height - foot + 4.0 + line_height * (i as f64 + 0.5);
            text(marks, [MARGIN, y], fit(&line, font, room, measure), font);
        }
        // The legend.
        if self.legend.is_empty() {
            return;
        }
        let row = 18.0;
        let labels: Vec<String> = self.legend.iter().map(label).collect();
        let width = labels.iter().map(|l| measure(l, SMALL)).fold(0.0, f64::max) + 58.0;
        let width = width.min(room);
        let height = row * labels.len() as f64 + 30.0;
        let beside = title_right + MARGIN + width <= frame.width - MARGIN;
        let at = if beside {
            [frame.width - MARGIN - width, MARGIN]
        } else {
            [MARGIN, title_bottom + 8.0]
        };
        if at[1] + height > frame.height - foot {
            // No room for it: the picture is too small to explain itself
            // beside the map; the file's text still holds the sources.
            return;
        }
        panel(marks, at, [width, height]);
        text(
            marks,
            [at[0] + 10.0, at[1] + 14.0],
            "Shown".to_owned(),
            SMALL_BOLD,
        );
        for (i, (key, label)) in self.legend.iter().zip(labels).enumerate() {
            let y = at[1] + 30.0 + row * i as f64 + row / 2.0 - 2.0;
            sample(marks, key, [at[0] + 10.0, y]);
            text(
                marks,
                [at[0] + 48.0, y],
                fit(&label, SMALL, width - 58.0, measure),
                SMALL,
            );
        }
    }
}

/// A file's name without its folders, as a title.
fn file_title(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned()
}

/// The mode, as the page's menu words it, and the filters in force.
fn mode(selection: &Selection) -> String {
    let mut mode = match selection.replay {
        Replay::OnTheDay => "under way that day",
        Replay::HappenedBy => "happened by then",
        Replay::MadePublicBy => "made public by then",
    }
    .to_owned();
    let mut only = Vec::new();
    if let Some(grades) = &selection.confidence {
        only.push(
            grades
                .iter()
                .map(|g| g.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(who) = &selection.who {
        only.push(
            who.iter()
                .map(|w| w.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(kinds) = &selection.kinds {
        only.push(
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !only.is_empty() {
        mode.push_str(&format!(" · only {}", only.join("; ")));
    }
    mode
}

fn panel(marks: &mut Vec<Mark>, at: [f64; 2], size: [f64; 2]) {
    marks.push(Mark::Box {
        at,
        size,
        round: 4.0,
        fill: Paint::faint("#ffffff", 0.93),
        pen: Some(Pen::solid("#b8b8b8", 1.0)),
    });
}

fn text(marks: &mut Vec<Mark>, at: [f64; 2], text: String, font: Font) {
    marks.push(Mark::Text {
        at,
        text,
        font,
        align: Align::Left,
        paint: Paint::solid(INK),
    });
}

/// `text`, cut short with "…" to fit `width`.
fn fit(text: &str, font: Font, width: f64, measure: Measure) -> String {
    if measure(text, font) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>() + "…";
        if measure(&cut, font) <= width {
            return cut;
        }
    }
    String::new()
}
