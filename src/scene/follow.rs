//! Following the story: where the features a step brings onto the map
//! lie. A statement made in one place about another (the NIS in Seoul on
//! troops in Kursk) names the places it concerns (`concerns`); the story
//! is there, not where it was said.

use geo::Rect;
use serde_json::Value;

use crate::geojson::convention::CONCERNS;
use crate::model::MapFeature;
use crate::scene::action::{Action, Update};
use crate::scene::Scene;
use crate::space::bounds::bounds;
use crate::time::index::Change;

impl Scene {
    /// Where following the story takes the view after `action`, which the
    /// scene answered with `update`: around what a step (a button, the
    /// slider, playing, a link without a view of its own) brought onto the
    /// map, when following is on (see [`Scene::entered_places`]).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::{action::Action, playback::Playback, Scene}};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "follow": true, "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.19, 51.73]}, "properties": {"start": "2024-11-20"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-11-19"}}]}"#).unwrap();
    /// let mut scene = Scene::new(data, Default::default());
    /// scene.go_to(scene.first());
    /// let step = Action::Step(1);
    /// let update = scene.act(&step);
    /// assert!(scene.follow_target(&step, &update).is_some());
    /// // Choosing a filter is no step; off, nothing is followed.
    /// assert!(scene.follow_target(&Action::Select(Default::default()), &update).is_none());
    /// assert!(scene.follow_target(&Action::Restore(Default::default()), &update).is_none());
    /// scene.act(&Action::Playback(Playback { follow: false, ..*scene.playback() }));
    /// assert!(scene.follow_target(&step, &update).is_none());
    /// ```
    pub fn follow_target(&self, action: &Action, update: &Update) -> Option<Rect<f64>> {
        let step = match action {
            Action::GoToStep(_)
            | Action::Slide(_)
            | Action::GoToDay(_)
            | Action::Step(_)
            | Action::GoToMoment(_)
            | Action::Tick => true,
            // Opening a link is no step: the page shows the link's view, or
            // the data's own (a story's day opens where its story is told).
            _ => false,
        };
        if !step || !self.playback.follow {
            return None;
        }
        self.entered_places(&update.change)
    }

    /// The box around where the features that `change` brings onto the
    /// map lie: for each, the places it concerns (those found among the
    /// data's features with a geometry), else its own geometry. `None`
    /// when it brings nothing that has a place.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene, Change};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "id": "place:kursk", "geometry": {"type": "Point", "coordinates": [36.19, 51.73]}, "properties": {"kind": "place"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [126.98, 37.57]},
    ///    "properties": {"kind": "event", "start": "2024-11-20", "concerns": "place:kursk"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.52, 50.45]}, "properties": {"kind": "event", "start": "2024-11-20"}}]}"#).unwrap();
    /// let scene = Scene::new(data, Default::default());
    /// let rect = scene.entered_places(&Change { entered: vec![1], left: vec![] }).unwrap();
    /// assert_eq!((rect.min().x, rect.min().y), (36.19, 51.73));
    /// let rect = scene.entered_places(&Change { entered: vec![1, 2], left: vec![] }).unwrap();
    /// assert_eq!((rect.min().x, rect.max().x), (30.52, 36.19));
    /// assert_eq!(scene.entered_places(&Change::default()), None);
    /// ```
    pub fn entered_places(&self, change: &Change) -> Option<Rect<f64>> {
        let features = &self.data.features;
        let places = change
            .entered
            .iter()
            .filter_map(|&i| features.get(i))
            .flat_map(|feature| {
                let concerned: Vec<&geo::Geometry<f64>> = concerns(feature)
                    .iter()
                    .filter_map(|id| self.find(id))
                    .filter_map(|i| features.get(i)?.geometry.as_ref())
                    .collect();
                if concerned.is_empty() {
                    feature.geometry.iter().collect()
                } else {
                    concerned
                }
            });
        bounds(places)
    }
}

/// The ids of the places `feature` concerns (its `concerns` property: one
/// id, or a list of them; ids may be numbers).
fn concerns(feature: &MapFeature) -> Vec<String> {
    if !feature.has_concerns {
        return Vec::new();
    }
    let id = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match feature.properties().get(CONCERNS) {
        Some(Value::Array(list)) => list.iter().filter_map(id).collect(),
        Some(value) => id(value).into_iter().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::read_collection;
    use crate::scene::action::Action;
    use crate::scene::Scene;
    use crate::time::Day;

    const STORY: &str = include_str!("../../assets/data/nk-deployment-2024.geojson");

    #[test]
    fn the_nis_statement_of_nov_20_brings_kursk() {
        let data = match read_collection("story", STORY) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let mut scene = Scene::new(data, Default::default());
        scene.act(&Action::GoToDay(Day::parse("2024-11-19").unwrap()));
        let update = scene.act(&Action::Step(1));
        let rect = scene.entered_places(&update.change);
        // Said in Seoul; the story is in Kursk.
        assert_eq!(rect.map(|r| (r.min().x, r.min().y)), Some((36.19, 51.73)));
        assert_eq!(rect.map(|r| (r.max().x, r.max().y)), Some((36.19, 51.73)));
    }

    #[test]
    fn a_place_concerned_that_is_not_in_the_data_leaves_the_feature_where_it_is() {
        let data = match read_collection(
            "t",
            r#"{"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [10, 20]},
               "properties": {"kind": "event", "start": "2024-01-01", "concerns": ["nowhere", 7, null]}}]}"#,
        ) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let mut scene = Scene::new(data, Default::default());
        let change = scene.go_to(Day::parse("2024-01-01").unwrap());
        let rect = scene.entered_places(&change);
        assert_eq!(rect.map(|r| (r.min().x, r.min().y)), Some((10.0, 20.0)));
    }
}
