//! Who said a thing, and what the statement does: two grades kept apart,
//! as the Admiralty code keeps a source's reliability apart from its
//! information's credibility. A feature's look on the map, its [`Grade`],
//! is made of both, so that a doubt is never drawn as a confirmation.
//!
//! Files that give only the older `confidence` label keep loading: each
//! label is read as a source type and a stance (see
//! [`SourceType::from_confidence`] and [`Stance::from_confidence`]).

use std::fmt;

/// How sure anyone is of a feature (the `confidence` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Stated by an official, non-belligerent source.
    Confirmed,
    /// Reported by media or researchers, citing sources.
    Reported,
    /// Claimed by a party to the war.
    Claimed,
    /// A party denied it.
    Denied,
    /// Drawn by the map maker from other facts; no source describes it.
    Inferred,
}

impl Confidence {
    /// Every label, strongest first, in the order the legend lists them.
    pub const ALL: [Confidence; 5] = [
        Confidence::Confirmed,
        Confidence::Reported,
        Confidence::Claimed,
        Confidence::Inferred,
        Confidence::Denied,
    ];

    /// The label as written in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Reported => "reported",
            Confidence::Claimed => "claimed",
            Confidence::Denied => "denied",
            Confidence::Inferred => "inferred",
        }
    }

    /// Reads the `confidence` property.
    pub fn parse(text: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Who stands behind the label, as the legend and popups explain it.
    pub fn meaning(self) -> &'static str {
        match self {
            Confidence::Confirmed => "an official, non-belligerent source",
            Confidence::Reported => "media or researchers, citing sources",
            Confidence::Claimed => "a party to the war",
            Confidence::Denied => "a party denied it",
            Confidence::Inferred => "drawn by the map maker; no source describes it",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a statement does (the `stance` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// Says it is so, as an official, non-belligerent source.
    Confirms,
    /// Reports it, citing sources (media, researchers).
    Reports,
    /// Claims it, as a party to the war.
    Claims,
    /// Says it is not so.
    Denies,
    /// Says it cannot confirm it.
    Doubts,
    /// Warns of it, or of what it would mean, without saying it is so.
    Warns,
    /// Neither confirms nor denies.
    Neither,
    /// Drawn by the map maker from other facts; no source says it.
    Infers,
}

impl Stance {
    /// Every stance, in the order the legend and the popup list them.
    pub const ALL: [Stance; 8] = [
        Stance::Confirms,
        Stance::Reports,
        Stance::Claims,
        Stance::Denies,
        Stance::Doubts,
        Stance::Warns,
        Stance::Neither,
        Stance::Infers,
    ];

    /// The value as written in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Confirms => "confirms",
            Stance::Reports => "reports",
            Stance::Claims => "claims",
            Stance::Denies => "denies",
            Stance::Doubts => "doubts",
            Stance::Warns => "warns",
            Stance::Neither => "neither",
            Stance::Infers => "infers",
        }
    }

    /// Reads the `stance` property; `"neither confirms nor denies"`, as
    /// earlier files wrote it, is [`Stance::Neither`].
    ///
    /// ```
    /// use troopmap::model::statement::Stance;
    /// assert_eq!(Stance::parse("doubts"), Some(Stance::Doubts));
    /// assert_eq!(Stance::parse("neither confirms nor denies"), Some(Stance::Neither));
    /// assert_eq!(Stance::parse("maybe"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Stance> {
        if text == "neither confirms nor denies" {
            return Some(Stance::Neither);
        }
        Stance::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Every value [`Stance::parse`] reads.
    pub const NAMES: [&'static str; 9] = [
        "confirms",
        "reports",
        "claims",
        "denies",
        "doubts",
        "warns",
        "neither",
        "infers",
        "neither confirms nor denies",
    ];

    /// What it means, as the popup and the legend say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Stance::Confirms => "confirms it",
            Stance::Reports => "reports it, citing sources",
            Stance::Claims => "claims it",
            Stance::Denies => "denies it",
            Stance::Doubts => "cannot confirm it: a doubt, not a confirmation",
            Stance::Warns => "warns of it: a warning, not a confirmation",
            Stance::Neither => "neither confirms nor denies it",
            Stance::Infers => "drawn by the map maker; no source describes it",
        }
    }

    /// Whether the statement says that something is or is not so; a doubt,
    /// a warning and a non-answer do not.
    ///
    /// ```
    /// use troopmap::model::statement::Stance;
    /// assert!(Stance::Confirms.asserts() && Stance::Denies.asserts());
    /// assert!(!Stance::Doubts.asserts() && !Stance::Warns.asserts() && !Stance::Neither.asserts());
    /// ```
    pub fn asserts(self) -> bool {
        !matches!(self, Stance::Doubts | Stance::Warns | Stance::Neither)
    }

    /// The reading of an older `confidence` label, for files without
    /// `stance`.
    ///
    /// ```
    /// use troopmap::{model::statement::Stance, Confidence};
    /// assert_eq!(Stance::from_confidence(Confidence::Confirmed), Stance::Confirms);
    /// assert_eq!(Stance::from_confidence(Confidence::Inferred), Stance::Infers);
    /// ```
    pub fn from_confidence(confidence: Confidence) -> Stance {
        match confidence {
            Confidence::Confirmed => Stance::Confirms,
            Confidence::Reported => Stance::Reports,
            Confidence::Claimed => Stance::Claims,
            Confidence::Denied => Stance::Denies,
            Confidence::Inferred => Stance::Infers,
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who the source is (the `source_type` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceType {
    /// An official, non-belligerent source: a government, an intelligence
    /// service, NATO.
    Official,
    /// Media or researchers.
    Media,
    /// A party to the war, or one of its officials.
    Party,
    /// The map maker.
    MapMaker,
}

impl SourceType {
    /// Every source type, in the order the legend lists them.
    pub const ALL: [SourceType; 4] = [
        SourceType::Official,
        SourceType::Media,
        SourceType::Party,
        SourceType::MapMaker,
    ];

    /// The value as written in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Official => "official",
            SourceType::Media => "media",
            SourceType::Party => "party",
            SourceType::MapMaker => "map maker",
        }
    }

    /// Reads the `source_type` property.
    ///
    /// ```
    /// use troopmap::model::statement::SourceType;
    /// assert_eq!(SourceType::parse("map maker"), Some(SourceType::MapMaker));
    /// assert_eq!(SourceType::parse("blog"), None);
    /// ```
    pub fn parse(text: &str) -> Option<SourceType> {
        SourceType::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// What it means, as the popup and the legend say it.
    pub fn meaning(self) -> &'static str {
        match self {
            SourceType::Official => "an official, non-belligerent source",
            SourceType::Media => "media or researchers",
            SourceType::Party => "a party to the war",
            SourceType::MapMaker => "the map maker",
        }
    }

    /// The reading of an older `confidence` label, for files without
    /// `source_type`: a denial was made by a party.
    ///
    /// ```
    /// use troopmap::{model::statement::SourceType, Confidence};
    /// assert_eq!(SourceType::from_confidence(Confidence::Denied), SourceType::Party);
    /// assert_eq!(SourceType::from_confidence(Confidence::Reported), SourceType::Media);
    /// ```
    pub fn from_confidence(confidence: Confidence) -> SourceType {
        match confidence {
            Confidence::Confirmed => SourceType::Official,
            Confidence::Reported => SourceType::Media,
            Confidence::Claimed | Confidence::Denied => SourceType::Party,
            Confidence::Inferred => SourceType::MapMaker,
        }
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a feature is drawn and filtered: its confidence, except that a
/// statement that asserts nothing (a doubt, a warning, a non-answer) is
/// drawn as such, whatever label it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    Confirmed,
    Reported,
    Claimed,
    Inferred,
    Denied,
    /// A doubt, a warning or a non-answer: says nothing is so.
    Unasserted,
}

impl Grade {
    /// Every grade, in the order the legend lists them.
    pub const ALL: [Grade; 6] = [
        Grade::Confirmed,
        Grade::Reported,
        Grade::Claimed,
        Grade::Inferred,
        Grade::Denied,
        Grade::Unasserted,
    ];

    /// The name used in links and the page: a confidence label, or
    /// `unasserted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Confirmed => "confirmed",
            Grade::Reported => "reported",
            Grade::Claimed => "claimed",
            Grade::Inferred => "inferred",
            Grade::Denied => "denied",
            Grade::Unasserted => "unasserted",
        }
    }

    /// Reads a name written by [`Grade::as_str`].
    pub fn parse(text: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == text)
    }

    /// What it means, as the legend and the popup say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::Confirmed => "an official, non-belligerent source says so",
            Grade::Reported => "media or researchers report it, citing sources",
            Grade::Claimed => "a party to the war claims it",
            Grade::Inferred => "drawn by the map maker; no source describes it",
            Grade::Denied => "a party denies it",
            Grade::Unasserted => "a doubt, a warning or a non-answer: says nothing is so",
        }
    }

    /// The grade of a feature with `confidence` and `stance`; `None` when
    /// the data gives neither.
    ///
    /// ```
    /// use troopmap::{model::statement::{Grade, Stance}, Confidence};
    /// // An official's "cannot confirm" is not drawn as a confirmation.
    /// assert_eq!(Grade::of(Some(Confidence::Confirmed), Some(Stance::Doubts)), Some(Grade::Unasserted));
    /// assert_eq!(Grade::of(Some(Confidence::Claimed), None), Some(Grade::Claimed));
    /// assert_eq!(Grade::of(None, Some(Stance::Denies)), Some(Grade::Denied));
    /// assert_eq!(Grade::of(None, None), None);
    /// ```
    pub fn of(confidence: Option<Confidence>, stance: Option<Stance>) -> Option<Grade> {
        if stance.is_some_and(|s| !s.asserts()) {
            return Some(Grade::Unasserted);
        }
        if let Some(confidence) = confidence {
            return Some(Grade::from(confidence));
        }
        Some(match stance? {
            Stance::Confirms => Grade::Confirmed,
            Stance::Reports => Grade::Reported,
            Stance::Claims => Grade::Claimed,
            Stance::Denies => Grade::Denied,
            Stance::Infers => Grade::Inferred,
            Stance::Doubts | Stance::Warns | Stance::Neither => Grade::Unasserted,
        })
    }
}

impl From<Confidence> for Grade {
    fn from(confidence: Confidence) -> Grade {
        match confidence {
            Confidence::Confirmed => Grade::Confirmed,
            Confidence::Reported => Grade::Reported,
            Confidence::Claimed => Grade::Claimed,
            Confidence::Inferred => Grade::Inferred,
            Confidence::Denied => Grade::Denied,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
