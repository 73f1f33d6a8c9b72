//! What can go wrong on the command line: a call it does not understand
//! (exit 2, with the usage) or a command that failed (exit 1).

use std::fmt;

use troopmap::TimeError;

/// The usage, printed by `troopmap help` and after a call that is refused.
pub const USAGE: &str = "usage:
  troopmap validate [ORDER] FILE...               check GeoJSON files as the map does; exit 1 if any is refused
  troopmap export [ORDER] --at YYYY-MM-DD FILE    print the FeatureCollection the map exports on that day
  troopmap export [ORDER] --all FILE              print every feature, as the map keeps it
  troopmap convert [ORDER] [COLUMNS] FILE.csv     print a CSV table of dated positions as GeoJSON
  troopmap basemap TOPOJSON OUT [TOLERANCE]       build the offline basemap from world-atlas
  troopmap synth --features N [--seed S]          print N synthetic features (for benchmarks)

ORDER, for dates like 03/04/2024, which are never guessed:
  --day-first | --month-first
COLUMNS, when the headers do not say (latitude/lat, longitude/lon/lng, date/time/start, end, name):
  --lat NAME --lon NAME --date NAME --end NAME --name NAME";

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

/// Why `troopmap` stopped without doing what it was asked.
#[derive(Debug)]
pub enum Error {
    /// The call was refused before anything ran.
    Usage(UsageError),
    /// The command ran and failed: a file unreadable or refused, an output
    /// not written. The message says which and why.
    Failed(String),
}

impl Error {
    /// The process's exit code: 2 for a refused call, 1 for a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Failed(_) => 1,
        }
    }
}

impl From<UsageError> for Error {
    fn from(error: UsageError) -> Error {
        Error::Usage(error)
    }
}

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::Failed(message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(error) => write!(f, "{error}"),
            Error::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
