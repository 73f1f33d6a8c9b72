//! The files on the map: each can be hidden (kept aside, to be shown
//! again), shown again, or removed, without reading the others again.

use super::action::{FileAct, Update};
use super::Scene;
use crate::model::{Dataset, LoadedFile};

impl Scene {
    /// The files on the map, in the order loaded.
    pub fn files(&self) -> &[LoadedFile] {
        &self.data.files
    }

    /// The files hidden, in the order hidden.
    pub fn hidden_files(&self) -> impl Iterator<Item = &LoadedFile> + '_ {
        self.hidden.iter().flat_map(|d| d.files.first())
    }

    /// Hides or removes file `index` of those on the map, or shows again
    /// file `index` of those hidden; the moment shown stays (within the
    /// data's days), and so do the mode and filters.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::{action::FileAct, Scene}, Day};
    /// let file = |name: &str, start: &str| read_collection(name, &format!(r#"{{"type": "FeatureCollection", "features": [
    ///   {{"type": "Feature", "geometry": null, "properties": {{"start": "{start}", "end": "2024-10-20"}}}}]}}"#)).unwrap();
    /// let mut scene = Scene::new(file("a", "2024-10-08"), Default::default());
    /// scene.load(file("b", "2024-10-01"), false);
    /// scene.go_to(Day::parse("2024-10-10").unwrap());
    /// assert_eq!(scene.count(), 2);
    /// scene.file(1, FileAct::Hide);
    /// assert_eq!((scene.count(), scene.hidden_files().count()), (1, 1));
    /// // The day shown stays.
    /// assert_eq!(scene.day(), Day::parse("2024-10-10").unwrap());
    /// scene.file(0, FileAct::Show);
    /// assert_eq!(scene.files().iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    /// scene.file(0, FileAct::Remove);
    /// assert_eq!((scene.count(), scene.hidden_files().count()), (1, 0));
    /// ```
    pub fn file(&mut self, index: usize, act: FileAct) -> Update {
        let mut data = std::mem::take(&mut self.data);
        match act {
            FileAct::Hide | FileAct::Remove => match data.take_file(index) {
                Some(taken) if act == FileAct::Hide => self.hidden.push(taken),
                Some(_) => {}
                None => {
                    self.data = data;
                    return Update::default();
                }
            },
            FileAct::Show => {
                if index >= self.hidden.len() {
                    self.data = data;
                    return Update::default();
                }
                data.append(self.hidden.remove(index));
            }
        }
        self.rebuild(data)
    }

    /// The scene of `data`, at the moment shown now.
    fn rebuild(&mut self, data: Dataset) -> Update {
        let moment = self.moment;
        let hidden = std::mem::take(&mut self.hidden);
        let (selection, rule) = (
            std::mem::take(&mut self.selection),
            std::mem::take(&mut self.unit_rule),
        );
        *self = Scene::with_units(data, selection, rule);
        self.hidden = hidden;
        let change = self.go_to_moment(moment);
        Update {
            change,
            relisted: true,
            ..Update::default()
        }
    }
}
