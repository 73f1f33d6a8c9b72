//! The line that names what a picture's marks rest on.

use std::collections::BTreeMap;

use crate::model::Source;

/// How many publishers the source line names before "N in all".
const NAMED_SOURCES: usize = 4;

/// "Sources: KBS, AP, …, N in all": the publishers cited most by what is
/// drawn, and how many distinct sources that is.
///
/// ```
/// use troopmap::model::Source;
/// use troopmap::picture::sources::sources_line;
/// let source = |publisher: &str, url: &str| Source { publisher: Some(publisher.into()), url: Some(url.into()), ..Default::default() };
/// let cited = [source("KBS", "a"), source("AP", "b"), source("KBS", "a"), source("KBS", "c")];
/// assert_eq!(sources_line(cited.iter()), "Sources: KBS, AP; 3 in all");
/// assert_eq!(sources_line([].iter()), "Sources: none given for what is shown");
/// ```
pub fn sources_line<'a>(cited: impl Iterator<Item = &'a Source>) -> String {
    // Each distinct source once; each publisher by how often it is cited.
    let mut distinct: BTreeMap<String, ()> = BTreeMap::new();
    let mut publishers: Vec<(String, usize, usize)> = Vec::new();
    for source in cited {
        let key = source
            .url
            .clone()
            .or_else(|| source.title.clone())
            .or_else(|| source.reference.clone())
            .or_else(|| source.publisher.clone())
            .unwrap_or_default();
        distinct.insert(key, ());
        let name = source
            .publisher
            .clone()
            .or_else(|| source.title.clone())
            .unwrap_or_else(|| "unnamed".to_owned());
        match publishers.iter_mut().find(|p| p.0 == name) {
            Some(p) => p.1 += 1,
            None => {
                let order = publishers.len();
                publishers.push((name, 1, order));
            }
        }
    }
    if distinct.is_empty() {
        return "Sources: none given for what is shown".to_owned();
    }
    publishers.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let named: Vec<&str> = publishers
        .iter()
        .take(NAMED_SOURCES)
        .map(|p| p.0.as_str())
        .collect();
    let more = if publishers.len() > NAMED_SOURCES {
        ", …"
    } else {
        ""
    };
    format!(
        "Sources: {}{more}; {} in all",
        named.join(", "),
        distinct.len()
    )
}
