//! Which file each feature came from: a dataset's files, in order, and
//! taking one file's features out of it.

use super::Dataset;

/// One file loaded: its name, and how many features and warnings it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub name: String,
    pub features: usize,
    pub warnings: usize,
    /// Whether the page's link reopens it: the file the page opened with
    /// (the bundled data, or `?data=`), not one imported since.
    pub linked: bool,
    /// How its dates like `03/04/2024` were read, when the person chose.
    pub date_order: Option<crate::geojson::convention::DateOrder>,
}

impl LoadedFile {
    /// `data`, all read from file `name`.
    pub fn new(name: &str, data: &Dataset) -> LoadedFile {
        LoadedFile {
            name: name.to_owned(),
            features: data.features.len(),
            warnings: data.warnings.len() + data.warnings_left_out,
            linked: false,
            date_order: None,
        }
    }
}

impl Dataset {
    /// How feature `index`'s file had its dates like `03/04/2024` read:
    /// the order the person chose when importing it, if any.
    pub fn date_order_of(&self, index: usize) -> Option<crate::geojson::convention::DateOrder> {
        let mut end = 0;
        for file in &self.files {
            end += file.features;
            if index < end {
                return file.date_order;
            }
        }
        None
    }

    /// Takes file `index`'s features out, as a dataset of their own; the
    /// rest stay, in their order. `None` when there is no such file.
    ///
    /// ```
    /// let read = |name: &str, ids: &str| troopmap::read_collection(name, &format!(r#"{{"type": "FeatureCollection", "features": [{ids}]}}"#)).unwrap();
    /// let one = |id: u32| format!(r#"{{"type": "Feature", "id": {id}, "geometry": null, "properties": {{}}}}"#);
    /// let mut all = read("a", &one(1));
    /// all.append(read("b", &[one(2), one(3)].join(",")));
    /// all.append(read("c", &one(4)));
    /// let b = all.take_file(1).unwrap();
    /// assert_eq!(b.features.len(), 2);
    /// assert_eq!(b.files[0].name, "b");
    /// let names: Vec<_> = all.files.iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["a", "c"]);
    /// let ids: Vec<_> = all.features.iter().map(|f| f.id.as_ref().unwrap().to_string()).collect();
    /// assert_eq!(ids, ["1", "4"]);
    /// assert!(all.take_file(2).is_none());
    /// ```
    pub fn take_file(&mut self, index: usize) -> Option<Dataset> {
        if index >= self.files.len() {
            return None;
        }
        let start: usize = self.files[..index].iter().map(|f| f.features).sum();
        let file = self.files.remove(index);
        let end = (start + file.features).min(self.features.len());
        let features = self.features.drain(start..end).collect();
        Some(Dataset {
            features,
            members: self.members.clone(),
            warnings: Vec::new(),
            warnings_left_out: 0,
            files: vec![file],
        })
    }
}
