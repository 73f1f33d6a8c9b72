//! The state a link can carry in its fragment (`#date=…&map=…`): the day
//! (or, for data stepped by the clock, the time), the view, the selected
//! feature, the filters and the replay mode, and how the date plays (its
//! speed, the loop, following the story).
//! Reading is forgiving: a part that cannot be read is left at its default,
//! never an error.

use crate::model::statement::{Grade, SourceType};
use crate::model::Kind;
use crate::number::decimal;
use crate::scene::playback::{Playback, DEFAULT_SPEED};
use crate::scene::selection::{Replay, Selection};
use crate::space::sightings::UnitRule;
use crate::time::steps::minute;
use crate::time::{Day, TimeBound};

/// What the map shows, as a link records it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkState {
    pub day: Option<Day>,
    /// The moment shown (seconds since 1970), when the link gives a time of
    /// day (`date=2024-10-08T14:00Z`); `day` is then its day.
    pub moment: Option<i64>,
    /// Zoom, latitude, longitude.
    pub view: Option<(f64, f64, f64)>,
    /// The selected feature's id.
    pub feature: Option<String>,
    /// Only these grades (`confidence=`, as links have always written
    /// them); `None` is all.
    pub confidence: Option<Vec<Grade>>,
    /// Only these source types (`who=`); `None` is all.
    pub who: Option<Vec<SourceType>>,
    /// Only these kinds; `None` is all.
    pub kinds: Option<Vec<Kind>>,
    pub replay: Replay,
    /// How units are read from sightings (`units=`, `stale=`, `glide=1`);
    /// `None` is the default rule.
    pub units: Option<UnitRule>,
    /// The play speed in days (or steps) a second (`speed=`), one of
    /// [`crate::scene::playback::SPEEDS`]; `None` is the default, two.
    pub speed: Option<f64>,
    /// Playing starts again at the end (`loop=1`).
    pub looping: bool,
    /// Following the story (`follow=1`) or not (`follow=0`); `None` is the
    /// data's default (see [`crate::scene::playback::Playback::for_data`]).
    pub follow: Option<bool>,
    /// The date the map is compared with (`compare=YYYY-MM-DD`): what
    /// changed between it and the day shown.
    pub compare: Option<Day>,
}

impl LinkState {
    /// The mode and filters the link holds, as the map applies them. A
    /// filter that lets every value through is no filter, as when every
    /// box of its group in the legend is ticked.
    ///
    /// ```
    /// use troopmap::model::statement::Grade;
    /// use troopmap::scene::fragment::parse;
    /// let state = parse("#confidence=reported,confirmed,reported&kind=place,route,event&replay=known");
    /// let selection = state.selection();
    /// assert_eq!(selection.confidence, Some(vec![Grade::Confirmed, Grade::Reported]));
    /// assert_eq!(selection.kinds, None);
    /// assert_eq!(selection.replay, state.replay);
    /// ```
    pub fn selection(&self) -> Selection {
        // In the legend's order, once each, as the boxes would give them.
        fn only<T: PartialEq + Clone>(list: &Option<Vec<T>>, all: &[T]) -> Option<Vec<T>> {
            let list = list.as_ref()?;
            let kept: Vec<T> = all.iter().filter(|v| list.contains(v)).cloned().collect();
            (kept.len() < all.len()).then_some(kept)
        }
        Selection {
            replay: self.replay,
            confidence: only(&self.confidence, &Grade::ALL),
            who: only(&self.who, &SourceType::ALL),
            kinds: only(&self.kinds, &Kind::ALL),
        }
    }
}

/// Reads a fragment, with or without its `#`.
///
/// ```
/// use troopmap::{scene::fragment::parse, scene::selection::Replay};
/// let state = parse("#date=2024-10-18&map=6/43.1/131.9&feature=route%3Asea&kind=route,event&replay=known");
/// assert_eq!(state.day.unwrap().to_string(), "2024-10-18");
/// assert_eq!(state.view, Some((6.0, 43.1, 131.9)));
/// assert_eq!(state.feature.as_deref(), Some("route:sea"));
/// assert_eq!(state.replay, Replay::MadePublicBy);
/// assert_eq!(parse("#date=yesterday&map=far/away"), Default::default());
/// ```
pub fn parse(fragment: &str) -> LinkState {
    let mut state = LinkState::default();
    for pair in fragment.trim_start_matches('#').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match key {
            "date" => (state.day, state.moment) = date(&value),
            "compare" => state.compare = Day::parse(&value).ok(),
            "map" => state.view = view(&value),
            "feature" if !value.is_empty() => state.feature = Some(value),
            "confidence" => state.confidence = list(&value, Grade::parse),
            "who" => state.who = list(&value, SourceType::parse),
            "kind" => state.kinds = list(&value, Kind::parse),
            "replay" => state.replay = Replay::parse(&value).unwrap_or_default(),
            "units" => units(&mut state).property = value,
            "stale" if value == "never" => units(&mut state).stale_after = None,
            "stale" => {
                if let Ok(days) = value.parse() {
                    units(&mut state).stale_after = Some(days);
                }
            }
            "glide" => units(&mut state).glide = value == "1",
            "speed" => state.speed = speed(&value),
            "loop" => state.looping = value == "1",
            "follow" => state.follow = flag(&value),
            _ => {}
        }
    }
    state
}

/// A link's `date`: a day, or a date-time (its day and moment).
///
/// ```
/// use troopmap::scene::fragment::{format, parse};
/// let state = parse("#date=2024-10-08T14:00Z");
/// assert_eq!((state.day.unwrap().to_string(), state.moment), ("2024-10-08".to_owned(), Some(1_728_396_000)));
/// assert_eq!(format(&state), "#date=2024-10-08T14:00Z");
/// assert_eq!(parse("#date=2024-10-08").moment, None);
/// ```
fn date(value: &str) -> (Option<Day>, Option<i64>) {
    if let Ok(day) = Day::parse(value) {
        return (Some(day), None);
    }
    match TimeBound::parse(value) {
        Ok(time) => (Some(time.day()), Some(time.seconds())),
        Err(_) => (None, None),
    }
}

/// The link's unit rule, made the default one when first written to.
fn units(state: &mut LinkState) -> &mut UnitRule {
    state.units.get_or_insert_with(UnitRule::default)
}

/// Writes the state as a fragment, `#` included; [`parse`] reads it back.
///
/// ```
/// use troopmap::scene::fragment::{format, parse, LinkState};
/// let state = LinkState { feature: Some("event:a&b #1".into()), view: Some((5.0, 42.25, 130.5)), ..Default::default() };
/// assert_eq!(format(&state), "#map=5/42.25/130.5&feature=event%3Aa%26b%20%231");
/// assert_eq!(parse(&format(&state)), state);
/// ```
pub fn format(state: &LinkState) -> String {
    let mut parts = Vec::new();
    match (state.moment, state.day) {
        (Some(moment), _) => parts.push(format!("date={}", minute(moment))),
        (None, Some(day)) => parts.push(format!("date={day}")),
        (None, None) => {}
    }
    if let Some(day) = state.compare {
        parts.push(format!("compare={day}"));
    }
    if let Some((zoom, lat, lon)) = state.view {
        parts.push(format!(
            "map={}/{}/{}",
            decimal(zoom, 2),
            decimal(lat, 5),
            decimal(lon, 5)
        ));
    }
    // Whether the view follows the story, beside the view.
    if let Some(follow) = state.follow {
        parts.push(format!("follow={}", u8::from(follow)));
    }
    if let Some(feature) = &state.feature {
        parts.push(format!("feature={}", encode(feature)));
    }
    if let Some(confidence) = &state.confidence {
        parts.push(format!(
            "confidence={}",
            confidence
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if let Some(who) = &state.who {
        parts.push(format!(
            "who={}",
            who.iter()
                .map(|w| encode(w.as_str()))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if let Some(kinds) = &state.kinds {
        parts.push(format!(
            "kind={}",
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if state.replay != Replay::OnTheDay {
        parts.push(format!("replay={}", state.replay.as_str()));
    }
    if let Some(rule) = &state.units {
        let default = UnitRule::default();
        if rule.property != default.property {
            parts.push(format!("units={}", encode(&rule.property)));
        }
        if rule.stale_after != default.stale_after {
            let days = rule
                .stale_after
                .map_or("never".to_owned(), |d| d.to_string());
            parts.push(format!("stale={days}"));
        }
        if rule.glide {
            parts.push("glide=1".to_owned());
        }
    }
    if let Some(speed) = state.speed.filter(|&s| s != DEFAULT_SPEED) {
        parts.push(format!("speed={}", decimal(speed, 1)));
    }
    if state.looping {
        parts.push("loop=1".to_owned());
    }
    format!("#{}", parts.join("&"))
}

/// A link's `speed`: one of [`crate::scene::playback::SPEEDS`], as JSON reads numbers (`8`,
/// `8.0`, `0.5`); any other is no speed.
///
/// ```
/// use troopmap::scene::fragment::parse;
/// assert_eq!(parse("#speed=0.5").speed, Some(0.5));
/// assert_eq!(parse("#speed=8.0").speed, Some(8.0));
/// assert_eq!(parse("#speed=3").speed, None);
/// assert_eq!(parse("#speed=fast").speed, None);
/// ```
fn speed(value: &str) -> Option<f64> {
    serde_json::from_str::<f64>(value)
        .ok()
        .and_then(Playback::speed_of)
}

/// `1` is on, `0` off; anything else says nothing.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

fn view(value: &str) -> Option<(f64, f64, f64)> {
    let numbers: Vec<f64> = value
        .split('/')
        // Read as JSON reads numbers: the wasm then holds one number reader.
        .map(serde_json::from_str::<f64>)
        .collect::<Result<_, _>>()
        .ok()?;
    let [zoom, lat, lon] = numbers[..] else {
        return None;
    };
    let valid = (0.0..=20.0).contains(&zoom)
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon);
    valid.then_some((zoom, lat, lon))
}

/// A comma-separated list (empty: every box unticked); `None` when any
/// name is not known.
fn list<T>(value: &str, parse: fn(&str) -> Option<T>) -> Option<Vec<T>> {
    if value.is_empty() {
        return Some(Vec::new());
    }
    value.split(',').map(parse).collect()
}

/// Percent-encodes everything but letters, digits and `-._~`.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Percent-decodes; a broken escape is kept as written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::playback::SPEEDS;

    #[test]
    fn issue_13_a_unit_rule_round_trips_and_the_default_is_not_written() {
        let rule = |property: &str, stale_after, glide| LinkState {
            units: Some(UnitRule {
                property: property.into(),
                stale_after,
                glide,
            }),
            ..LinkState::default()
        };
        for state in [
            rule("formation", Some(7), true),
            rule("unit", None, false),
            rule("", Some(30), false),
            rule("a & b", Some(0), true),
        ] {
            assert_eq!(parse(&format(&state)), state, "{}", format(&state));
        }
        assert_eq!(format(&rule("unit", Some(30), false)), "#");
        assert_eq!(format(&rule("", Some(30), false)), "#units=");
        // A part that cannot be read is left at its default.
        assert_eq!(parse("#stale=soon").units, None);
    }

    #[test]
    fn every_part_round_trips() {
        let state = LinkState {
            day: Day::parse("2024-10-11").ok(),
            moment: None,
            view: Some((6.5, 43.115, 131.885)),
            feature: Some("route:sea-wave1-hamhung".into()),
            confidence: Some(vec![Grade::Confirmed, Grade::Unasserted]),
            who: Some(vec![SourceType::Official, SourceType::MapMaker]),
            kinds: Some(vec![Kind::Route]),
            replay: Replay::HappenedBy,
            units: None,
            speed: Some(0.5),
            looping: true,
            follow: Some(false),
            compare: Day::parse("2024-10-07").ok(),
        };
        assert_eq!(parse(&format(&state)), state);
        assert!(format(&state).contains("&compare=2024-10-07&"));
        assert_eq!(parse(&format(&LinkState::default())), LinkState::default());
        // Every box of a filter unticked is kept too: nothing of it shown.
        let none = LinkState {
            confidence: Some(Vec::new()),
            kinds: Some(Vec::new()),
            ..LinkState::default()
        };
        assert_eq!(parse(&format(&none)), none);
    }

    #[test]
    fn issue_13_a_time_of_day_round_trips_to_the_minute() {
        let state = parse("#date=2024-03-02T07:00Z&map=8/50/31");
        assert_eq!(state.day, Day::parse("2024-03-02").ok());
        let seven = Day::parse("2024-03-02").unwrap().start_seconds() + 7 * 3600;
        assert_eq!(state.moment, Some(seven));
        assert_eq!(format(&state), "#date=2024-03-02T07:00Z&map=8/50/31");
        assert_eq!(parse(&format(&state)), state);
        // Any date-time the data format reads; written in UTC.
        let state = parse("#date=2024-03-02T16:00%2B09:00");
        assert_eq!(state.moment, Some(seven));
        assert_eq!(format(&state), "#date=2024-03-02T07:00Z");
        // A time that is not one is no date at all.
        assert_eq!(parse("#date=2024-03-02T25:00Z"), LinkState::default());
    }

    #[test]
    fn play_speed_loop_and_follow_round_trip_and_defaults_are_not_written() {
        for speed in SPEEDS {
            for looping in [false, true] {
                for follow in [None, Some(false), Some(true)] {
                    let state = LinkState {
                        speed: Some(speed).filter(|&s| s != DEFAULT_SPEED),
                        looping,
                        follow,
                        ..LinkState::default()
                    };
                    assert_eq!(parse(&format(&state)), state, "{}", format(&state));
                }
            }
        }
        let state = parse("#date=2024-11-20&speed=8&loop=1&follow=0&map=6/42/131");
        assert_eq!(
            (state.speed, state.looping, state.follow),
            (Some(8.0), true, Some(false))
        );
        assert_eq!(
            format(&state),
            "#date=2024-11-20&map=6/42/131&follow=0&speed=8&loop=1"
        );
        // The default speed is not written, nor the loop off.
        let defaults = LinkState {
            speed: Some(DEFAULT_SPEED),
            ..LinkState::default()
        };
        assert_eq!(format(&defaults), "#");
        // What cannot be read says nothing: the defaults.
        let state = parse("#speed=2.5&loop=yes&follow=true&speed=");
        assert_eq!(state, LinkState::default());
    }

    #[test]
    fn bad_parts_fall_back_to_defaults_one_by_one() {
        let state = parse("#date=2024-13-01&map=6/95/131&feature=&confidence=sure,confirmed&kind=ship&replay=later&extra=1&&=");
        assert_eq!(state, LinkState::default());
        // The good parts of a partly bad fragment are kept.
        let state = parse("date=2024-10-18&map=x&kind=event");
        assert_eq!(state.day, Day::parse("2024-10-18").ok());
        assert_eq!(state.view, None);
        assert_eq!(state.kinds, Some(vec![Kind::Event]));
    }

    #[test]
    fn odd_escapes_and_unicode_do_not_break_it() {
        assert_eq!(
            parse("#feature=%E2%82%AC%2").feature.as_deref(),
            Some("€%2")
        );
        assert_eq!(parse("#feature=%FF").feature.as_deref(), Some("\u{fffd}"));
        let state = LinkState {
            feature: Some("место:Владивосток".into()),
            ..LinkState::default()
        };
        assert_eq!(parse(&format(&state)), state);
    }
}
