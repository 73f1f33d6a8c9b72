//! What can go wrong on the command line: a call it does not understand
//! (exit 2, with the usage) or a command that failed (exit 1), and why a
//! file could not be read.

use std::fmt;
use std::io;
use std::path::PathBuf;

use troopmap::model::verdict;
use troopmap::native::{ShapeError, TopoError};
use troopmap::{LoadError, TimeError};

/// The usage, printed by `troopmap help` and after a call that is refused.
pub const USAGE: &str = "usage:
  troopmap validate [ORDER] FILE...               check files (GeoJSON, CSV, JSON records) as the map does;
                                                  exit 1 if any is refused
  troopmap export [ORDER] --at YYYY-MM-DD FILE    print the FeatureCollection the map exports on that day
  troopmap export [ORDER] --all FILE              print every feature, as the map keeps it
  troopmap convert [ORDER] [COLUMNS] FILE.csv     print a CSV table of dated positions (or a JSON array
                                                  of records) as GeoJSON; exit 1 with every bad row
  troopmap basemap TOPOJSON OUT [TOLERANCE] [--picture FILE]
                                                  build the offline basemap from world-atlas (--picture:
                                                  and its land at the map's opening view, as SVG, or
                                                  for FILE.css as the page's style sheet takes it)
  troopmap synth --features N [--seed S]          print N synthetic features (for benchmarks)
  troopmap synth --units N --sightings M [--symbols] [--seed S]
                                                  print synthetic sightings of N units at M snapshots
                                                  (--symbols: each with a MIL-STD-2525C code, sidc)
  troopmap positions [ORDER] --at YYYY-MM-DD [UNITS] FILE
                                                  print where each unit is shown that day, as GeoJSON
  troopmap diff [ORDER] --from YYYY-MM-DD --to YYYY-MM-DD [UNITS] FILE
                                                  print what changed between the two days, as GeoJSON
                                                  (the map's Export changes)

ORDER, for dates like 03/04/2024, which are never guessed:
  --day-first | --month-first
COLUMNS, when the headers do not say (latitude/lat, longitude/lon/lng, date/time/start, end, name):
  --lat NAME --lon NAME --date NAME --end NAME --name NAME
UNITS, for files of sightings (a point, a time and a unit each):
  --unit-property NAME (default unit) --stale-after DAYS|never (default 30) --glide";

/// Why the command line was refused; nothing was read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// No subcommand at all.
    NoCommand,
    /// A first argument that names no subcommand.
    UnknownCommand(String),
    /// An argument that is not UTF-8 (shown with replacement characters).
    NotUnicode(String),
    /// An option no subcommand takes.
    UnknownOption(String),
    /// An option of another subcommand (`validate --at`).
    NotFor {
        option: String,
        command: &'static str,
    },
    /// An option that takes a value, given none.
    MissingValue(String),
    /// A switch given a value (`--all=yes`).
    UnwantedValue(String),
    /// Both `--day-first` and `--month-first`.
    ContradictoryOrder,
    /// `export` with both `--at` and `--all`.
    AtAndAll,
    /// `export` with neither `--at` nor `--all`.
    NeitherAtNorAll,
    /// `synth` without `--features`.
    NoFeatures,
    /// `positions` without `--at`.
    PositionsWithoutAt,
    /// `diff` without `--from` or `--to`.
    DiffWithoutDates,
    /// `synth` with `--features` and `--units`, or one of `--units` and
    /// `--sightings` without the other.
    FeaturesOrUnits,
    /// Fewer operands than the subcommand wants.
    MissingOperand {
        command: &'static str,
        wants: &'static str,
    },
    /// An operand beyond those the subcommand wants.
    UnexpectedOperand {
        command: &'static str,
        operand: String,
        wants: &'static str,
    },
    /// `--features` or `--seed` given something other than a whole number.
    NotANumber { option: &'static str, text: String },
    /// More synthetic features than this machine can count.
    TooMany(u64),
    /// `--at` given something other than a day.
    Day(TimeError),
    /// A basemap tolerance that is not a number.
    Tolerance(String),
}

impl UsageError {
    /// Whether the usage follows the message: not after a value that only
    /// needs correcting.
    fn shows_usage(&self) -> bool {
        !matches!(
            self,
            UsageError::NotANumber { .. }
                | UsageError::TooMany(_)
                | UsageError::Day(_)
                | UsageError::Tolerance(_)
        )
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::NoCommand => return f.write_str(USAGE),
            UsageError::UnknownCommand(name) => write!(f, "unknown command {name:?}"),
            UsageError::NotUnicode(arg) => write!(f, "argument {arg:?} is not UTF-8"),
            UsageError::UnknownOption(option) => write!(f, "unknown option {option}"),
            UsageError::NotFor { option, command } => {
                write!(f, "{option} does not apply to {command}")
            }
            UsageError::MissingValue(option) => write!(f, "{option} needs a value"),
            UsageError::UnwantedValue(option) => write!(f, "{option} takes no value"),
            UsageError::ContradictoryOrder => {
                f.write_str("--day-first and --month-first contradict each other: give one")
            }
            UsageError::AtAndAll => f.write_str("give --at YYYY-MM-DD or --all, not both"),
            UsageError::NeitherAtNorAll => f.write_str("export wants --at YYYY-MM-DD or --all"),
            UsageError::NoFeatures => f.write_str("synth wants --features N"),
            UsageError::PositionsWithoutAt => f.write_str("positions wants --at YYYY-MM-DD"),
            UsageError::DiffWithoutDates => {
                f.write_str("diff wants --from YYYY-MM-DD and --to YYYY-MM-DD")
            }
            UsageError::FeaturesOrUnits => {
                f.write_str("synth wants --features N, or --units N and --sightings M")
            }
            UsageError::MissingOperand { command, wants } => write!(f, "{command} wants {wants}"),
            UsageError::UnexpectedOperand {
                command,
                operand,
                wants,
            } => write!(
                f,
                "unexpected argument {operand:?}: {command} wants {wants}"
            ),
            UsageError::NotANumber { option, text } => {
                write!(f, "{option} wants a whole number, not {text:?}")
            }
            UsageError::TooMany(count) => write!(f, "{count} features is too many"),
            UsageError::Day(error) => write!(f, "{error}"),
            UsageError::Tolerance(text) => {
                write!(f, "tolerance {text:?} is not a number of degrees")
            }
        }?;
        if self.shows_usage() {
            write!(f, "\n{USAGE}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UsageError {}

/// Why a file given on the command line could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read: missing, a folder, not allowed.
    Unreadable { file: String, error: io::Error },
    /// The file's bytes are not UTF-8 text; the words are the page's.
    NotUtf8 { file: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Unreadable { file, error } => write!(f, "{file}: cannot read: {error}"),
            ReadError::NotUtf8 { file } => f.write_str(&verdict::not_utf8(file)),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Unreadable { error, .. } => Some(error),
            ReadError::NotUtf8 { .. } => None,
        }
    }
}

/// Why `troopmap` stopped without doing what it was asked.
#[derive(Debug)]
pub enum Error {
    /// The call was refused before anything ran.
    Usage(UsageError),
    /// An input file could not be read as text.
    Read(ReadError),
    /// `validate` refused some of the files it was given (each verdict is
    /// already printed).
    Refused { refused: usize, files: usize },
    /// `export` was given a file the map refuses.
    Load(LoadError),
    /// `convert` was given a table it cannot convert: every bad row, or
    /// why the file is no table.
    Convert(LoadError),
    /// `basemap` was given a file that is not a TopoJSON topology.
    Topology { file: String, error: TopoError },
    /// `basemap` could not build the countries from the topology.
    Basemap(ShapeError),
    /// The folder an output goes in could not be made.
    CreateDir { dir: PathBuf, error: io::Error },
    /// An output file could not be written.
    Write { file: String, error: io::Error },
    /// The standard output could not be written.
    Print(io::Error),
}

impl Error {
    /// The process's exit code: 2 for a refused call, 1 for a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Read(_)
            | Error::Refused { .. }
            | Error::Load(_)
            | Error::Convert(_)
            | Error::Topology { .. }
            | Error::Basemap(_)
            | Error::CreateDir { .. }
            | Error::Write { .. }
            | Error::Print(_) => 1,
        }
    }
}

impl From<UsageError> for Error {
    fn from(error: UsageError) -> Error {
        Error::Usage(error)
    }
}

impl From<ReadError> for Error {
    fn from(error: ReadError) -> Error {
        Error::Read(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(error) => write!(f, "{error}"),
            Error::Read(error) => write!(f, "{error}"),
            Error::Refused { refused, files } => write!(f, "{refused} of {files} files refused"),
            Error::Load(error) => write!(f, "{error}"),
            Error::Convert(error) => {
                // One line for each bad row, named after the file.
                let file = &error.file;
                for (i, problem) in error.problems.iter().enumerate() {
                    let end = if i == 0 { "" } else { "\n" };
                    write!(f, "{end}{file}: {problem}")?;
                }
                if error.left_out > 0 {
                    write!(f, "\n{file}: … and {} more", error.left_out)?;
                }
                Ok(())
            }
            Error::Topology { file, error } => write!(f, "{file}: {error}"),
            Error::Basemap(error) => write!(f, "{error}"),
            Error::CreateDir { dir, error } => write!(f, "{}: {error}", dir.display()),
            Error::Write { file, error } => write!(f, "{file}: cannot write: {error}"),
            Error::Print(error) => write!(f, "cannot write: {error}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use troopmap::geojson::csv::CsvError;
    use troopmap::Problem;

    fn failure(message: &str) -> io::Error {
        io::Error::other(message.to_owned())
    }

    #[test]
    fn a_file_that_cannot_be_read_says_so() {
        let error = ReadError::Unreadable {
            file: "gone.geojson".into(),
            error: failure("No such file or directory (os error 2)"),
        };
        assert_eq!(
            error.to_string(),
            "gone.geojson: cannot read: No such file or directory (os error 2)"
        );
        let error = ReadError::NotUtf8 {
            file: "latin1.geojson".into(),
        };
        assert_eq!(
            error.to_string(),
            "latin1.geojson was not loaded: it is not UTF-8 text"
        );
    }

    #[test]
    fn a_failed_command_keeps_its_words_and_exits_1() {
        let cases = [
            (
                Error::Refused {
                    refused: 1,
                    files: 3,
                },
                "1 of 3 files refused",
            ),
            (
                Error::Convert(LoadError {
                    file: "seen.csv".into(),
                    problems: vec![Problem::at_path("", CsvError::Unclosed { line: 4 })],
                    left_out: 0,
                }),
                "seen.csv: line 4: a quoted value is never closed",
            ),
            (
                Error::Convert(LoadError {
                    file: "seen.csv".into(),
                    problems: vec![
                        Problem::at_path(
                            "",
                            CsvError::RowLength {
                                line: 2,
                                values: 3,
                                columns: 2,
                            },
                        ),
                        Problem::at_path("", CsvError::Unclosed { line: 4 }),
                    ],
                    left_out: 120,
                }),
                "seen.csv: line 2: 3 values for 2 columns\n\
                 seen.csv: line 4: a quoted value is never closed\n\
                 seen.csv: … and 120 more",
            ),
            (
                Error::Topology {
                    file: "in.json".into(),
                    error: TopoError::NotATopology {
                        found: "FeatureCollection".into(),
                    },
                },
                "in.json: expected \"type\": \"Topology\", found \"FeatureCollection\"",
            ),
            (
                Error::Basemap(ShapeError::NoObject {
                    name: "countries".into(),
                }),
                "the topology has no object \"countries\"",
            ),
            (
                Error::CreateDir {
                    dir: PathBuf::from("out/maps"),
                    error: failure("Permission denied (os error 13)"),
                },
                "out/maps: Permission denied (os error 13)",
            ),
            (
                Error::Write {
                    file: "out/basemap.geojson".into(),
                    error: failure("No space left on device (os error 28)"),
                },
                "out/basemap.geojson: cannot write: No space left on device (os error 28)",
            ),
            (
                Error::Print(failure("Broken pipe (os error 32)")),
                "cannot write: Broken pipe (os error 32)",
            ),
            (
                Error::Read(ReadError::NotUtf8 {
                    file: "latin1.geojson".into(),
                }),
                "latin1.geojson was not loaded: it is not UTF-8 text",
            ),
        ];
        for (error, words) in cases {
            assert_eq!(error.to_string(), words);
            assert_eq!(error.exit_code(), 1, "{words}");
        }
    }

    #[test]
    fn a_refused_call_exits_2() {
        let error = Error::from(UsageError::NoFeatures);
        assert_eq!(error.exit_code(), 2);
        assert!(error
            .to_string()
            .starts_with("synth wants --features N\nusage:"));
    }
}
