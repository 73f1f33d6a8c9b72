//! The page's mode, from its address's query: the full map, or the map
//! embedded in another page (`?embed=1`), which shows the map and the date
//! controls and leaves importing and exporting to the full map.

/// How the page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageMode {
    /// Every control: import, export, the panels open on a wide screen.
    #[default]
    Full,
    /// For an `<iframe>`: the map, the date controls, the legend and the
    /// chronology folded, a link to the full map; no import or export.
    Embed,
}

impl PageMode {
    /// The mode a query asks for (`location.search`, with or without its
    /// `?`): `embed=1` (or `embed=true`, or a bare `embed`) embeds.
    ///
    /// ```
    /// use troopmap::scene::embed::PageMode;
    /// assert_eq!(PageMode::of("?embed=1"), PageMode::Embed);
    /// assert_eq!(PageMode::of("?data=a.geojson&embed"), PageMode::Embed);
    /// assert_eq!(PageMode::of("?embed=0"), PageMode::Full);
    /// assert_eq!(PageMode::of(""), PageMode::Full);
    /// assert_eq!(PageMode::of("?embedded=1"), PageMode::Full);
    /// ```
    pub fn of(query: &str) -> PageMode {
        let embedded = pairs(query).any(|(key, value)| {
            key == "embed" && matches!(value, None | Some("") | Some("1") | Some("true"))
        });
        if embedded {
            PageMode::Embed
        } else {
            PageMode::Full
        }
    }
}

/// The query without its `embed` parameters, each other pair kept as
/// written and in its order: the full map's query. Empty when nothing is
/// left, else with its `?`.
///
/// ```
/// use troopmap::scene::embed::without_embed;
/// assert_eq!(without_embed("?embed=1"), "");
/// assert_eq!(without_embed("?data=my%20file.geojson&embed=1"), "?data=my%20file.geojson");
/// assert_eq!(without_embed("?embed=1&data=a.kml&x"), "?data=a.kml&x");
/// assert_eq!(without_embed(""), "");
/// ```
pub fn without_embed(query: &str) -> String {
    let kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && key_of(pair) != "embed")
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// The query's `key=value` pairs, as written (`None`: a bare key).
fn pairs(query: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (pair, None),
        })
}

fn key_of(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(key, _)| key)
}
