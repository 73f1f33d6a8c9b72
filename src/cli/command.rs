//! The command line as a typed [`Command`]: one variant per subcommand,
//! holding exactly the options it takes. Parsing refuses anything else — an
//! option of another subcommand, an unknown option, a missing value — before
//! any file is read.

use troopmap::formats::Columns;
use troopmap::{DateOrder, Day};

use super::diff::{self, Diff};
use super::error::UsageError;
use super::positions::{self, Positions};
use super::tokens::{number, operands, Order, Token, Tokens};

/// What a call asks for, checked: every value in it was given and is valid.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `validate [ORDER] FILE...`
    Validate {
        order: Option<DateOrder>,
        files: Vec<String>,
    },
    /// `export [ORDER] (--at YYYY-MM-DD | --all) FILE`
    Export {
        order: Option<DateOrder>,
        features: Exported,
        file: String,
    },
    /// `convert [ORDER] [COLUMNS] FILE.csv`, or a JSON array of records.
    Convert {
        order: Option<DateOrder>,
        columns: Columns,
        file: String,
    },
    /// `basemap TOPOJSON OUT [TOLERANCE] [--picture FILE]`, the tolerance
    /// in degrees.
    Basemap {
        input: String,
        output: String,
        tolerance: f64,
        /// Where to write the land at the map's opening view: SVG, or the
        /// page's style sheet for a `.css` file.
        picture: Option<String>,
    },
    /// `synth --features N [--seed S]`
    Synth { features: usize, seed: u64 },
    /// `synth --units N --sightings M [--symbols] [--seed S]`
    SynthUnits {
        units: usize,
        sightings: usize,
        symbols: bool,
        seed: u64,
    },
    /// `positions [ORDER] --at DATE [--unit-property P] [--stale-after
    /// DAYS|never] [--glide] FILE`
    Positions(Positions),
    /// `diff [ORDER] --from DATE --to DATE [--unit-property P]
    /// [--stale-after DAYS|never] [--glide] FILE`
    Diff(Diff),
    /// `help`, `-h` or `--help`, also after a subcommand.
    Help,
}

/// Which features `export` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exported {
    /// Those the map shows on the day (`--at`).
    On(Day),
    /// Every feature, as the map keeps it (`--all`).
    All,
}

/// The basemap's default tolerance, in degrees.
const TOLERANCE: f64 = 0.01;

impl Command {
    /// Reads the arguments after the program's name.
    ///
    /// Options may come before or after the operands, and take their value
    /// as the next argument or after `=` (`--at=2024-10-18`); `--` ends the
    /// options. A help option anywhere before `--` asks for the usage.
    pub fn parse(args: &[String]) -> Result<Command, UsageError> {
        let (name, rest) = args.split_first().ok_or(UsageError::NoCommand)?;
        let asks_help = rest
            .iter()
            .take_while(|arg| *arg != "--")
            .any(|arg| arg == "-h" || arg == "--help");
        if asks_help {
            return Ok(Command::Help);
        }
        let mut tokens = Tokens::new(rest);
        match name.as_str() {
            "validate" => validate(&mut tokens),
            "export" => export(&mut tokens),
            "convert" => convert(&mut tokens),
            "basemap" => basemap(&mut tokens),
            "synth" => synth(&mut tokens),
            "positions" => positions::parse(&mut tokens).map(Command::Positions),
            "diff" => diff::parse(&mut tokens).map(Command::Diff),
            "help" | "-h" | "--help" => Ok(Command::Help),
            other => Err(UsageError::UnknownCommand(other.to_owned())),
        }
    }
}

fn validate(tokens: &mut Tokens) -> Result<Command, UsageError> {
    let mut order = Order::default();
    let mut files = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(file) => files.push(file),
            Token::Option(option) if Order::takes(&option) => order.set(&option)?,
            Token::Option(option) => return Err(option.refused("validate")),
        }
    }
    if files.is_empty() {
        return Err(UsageError::MissingOperand {
            command: "validate",
            wants: "at least one FILE",
        });
    }
    Ok(Command::Validate {
        order: order.0,
        files,
    })
}

fn export(tokens: &mut Tokens) -> Result<Command, UsageError> {
    let mut order = Order::default();
    let (mut at, mut all) = (None, false);
    let mut files = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(file) => files.push(file),
            Token::Option(option) if Order::takes(&option) => order.set(&option)?,
            Token::Option(option) => match option.name.as_str() {
                "--at" => at = Some(tokens.value(option)?),
                "--all" => all = option.switch()?,
                _ => return Err(option.refused("export")),
            },
        }
    }
    let features = match (at, all) {
        (Some(day), false) => Exported::On(Day::parse(&day).map_err(UsageError::Day)?),
        (None, true) => Exported::All,
        (Some(_), true) => return Err(UsageError::AtAndAll),
        (None, false) => return Err(UsageError::NeitherAtNorAll),
    };
    let [file] = operands(files, "export", "one FILE")?;
    Ok(Command::Export {
        order: order.0,
        features,
        file,
    })
}

fn convert(tokens: &mut Tokens) -> Result<Command, UsageError> {
    let mut order = Order::default();
    let mut columns = Columns::default();
    let mut files = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(file) => files.push(file),
            Token::Option(option) if Order::takes(&option) => order.set(&option)?,
            Token::Option(option) => {
                let column = match option.name.as_str() {
                    "--lat" => &mut columns.latitude,
                    "--lon" => &mut columns.longitude,
                    "--date" => &mut columns.start,
                    "--end" => &mut columns.end,
                    "--name" => &mut columns.name,
                    _ => return Err(option.refused("convert")),
                };
                *column = Some(tokens.value(option)?);
            }
        }
    }
    let [file] = operands(files, "convert", "one FILE.csv")?;
    Ok(Command::Convert {
        order: order.0,
        columns,
        file,
    })
}

fn basemap(tokens: &mut Tokens) -> Result<Command, UsageError> {
    const WANTS: &str = "TOPOJSON OUT [TOLERANCE] [--picture FILE]";
    let (mut operands, mut picture) = (Vec::new(), None);
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(operand) => operands.push(operand),
            Token::Option(option) if option.name == "--picture" => {
                picture = Some(tokens.value(option)?);
            }
            Token::Option(option) => return Err(option.refused("basemap")),
        }
    }
    let mut operands = operands.into_iter();
    let (Some(input), Some(output)) = (operands.next(), operands.next()) else {
        return Err(UsageError::MissingOperand {
            command: "basemap",
            wants: WANTS,
        });
    };
    let tolerance = match operands.next() {
        None => TOLERANCE,
        Some(text) => text.parse().map_err(|_| UsageError::Tolerance(text))?,
    };
    if let Some(operand) = operands.next() {
        return Err(UsageError::UnexpectedOperand {
            command: "basemap",
            operand,
            wants: WANTS,
        });
    }
    Ok(Command::Basemap {
        input,
        output,
        tolerance,
        picture,
    })
}

fn synth(tokens: &mut Tokens) -> Result<Command, UsageError> {
    let (mut features, mut seed) = (None, 1);
    let (mut units, mut sightings, mut symbols) = (None, None, false);
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(operand) => {
                return Err(UsageError::UnexpectedOperand {
                    command: "synth",
                    operand,
                    wants: "--features N [--seed S]",
                })
            }
            Token::Option(option) => match option.name.as_str() {
                "--features" => features = Some(number("--features", tokens.value(option)?)?),
                "--seed" => seed = number("--seed", tokens.value(option)?)?,
                "--units" => units = Some(number("--units", tokens.value(option)?)?),
                "--sightings" => sightings = Some(number("--sightings", tokens.value(option)?)?),
                "--symbols" => symbols = option.switch()?,
                _ => return Err(option.refused("synth")),
            },
        }
    }
    let count = |n: u64| usize::try_from(n).map_err(|_| UsageError::TooMany(n));
    match (features, units, sightings) {
        (None, Some(units), Some(sightings)) => {
            return Ok(Command::SynthUnits {
                units: count(units)?,
                sightings: count(sightings)?,
                symbols,
                seed,
            })
        }
        (Some(_), None, None) | (None, None, None) if !symbols => {}
        _ => return Err(UsageError::FeaturesOrUnits),
    }
    let count = features.ok_or(UsageError::NoFeatures)?;
    let features = usize::try_from(count).map_err(|_| UsageError::TooMany(count))?;
    Ok(Command::Synth { features, seed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, UsageError> {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        Command::parse(&args)
    }

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap_or(Day(0))
    }

    #[test]
    fn validate_takes_an_order_and_files() {
        assert_eq!(
            parse(&["validate", "a.geojson", "--day-first", "b.geojson"]),
            Ok(Command::Validate {
                order: Some(DateOrder::DayFirst),
                files: vec!["a.geojson".into(), "b.geojson".into()],
            })
        );
    }

    #[test]
    fn export_takes_a_day_or_all() {
        assert_eq!(
            parse(&["export", "--at", "2024-10-18", "a.geojson"]),
            Ok(Command::Export {
                order: None,
                features: Exported::On(day("2024-10-18")),
                file: "a.geojson".into(),
            })
        );
        assert_eq!(
            parse(&["export", "--all", "--month-first", "a.geojson"]),
            Ok(Command::Export {
                order: Some(DateOrder::MonthFirst),
                features: Exported::All,
                file: "a.geojson".into(),
            })
        );
        assert_eq!(
            parse(&["export", "--at=2024-10-18", "a.geojson"]),
            parse(&["export", "--at", "2024-10-18", "a.geojson"])
        );
    }

    #[test]
    fn convert_takes_columns() {
        assert_eq!(
            parse(&[
                "convert", "--lat", "N", "--lon", "E", "--date", "seen", "--end", "until",
                "--name", "who", "s.csv",
            ]),
            Ok(Command::Convert {
                order: None,
                columns: Columns {
                    latitude: Some("N".into()),
                    longitude: Some("E".into()),
                    start: Some("seen".into()),
                    end: Some("until".into()),
                    name: Some("who".into()),
                },
                file: "s.csv".into(),
            })
        );
    }

    #[test]
    fn basemap_takes_an_optional_tolerance() {
        assert_eq!(
            parse(&["basemap", "in.json", "out.geojson"]),
            Ok(Command::Basemap {
                input: "in.json".into(),
                output: "out.geojson".into(),
                tolerance: 0.01,
                picture: None,
            })
        );
        assert_eq!(
            parse(&["basemap", "in.json", "out.geojson", "0.5"]),
            Ok(Command::Basemap {
                input: "in.json".into(),
                output: "out.geojson".into(),
                tolerance: 0.5,
                picture: None,
            })
        );
        assert_eq!(
            parse(&["basemap", "--picture", "land.svg", "in.json", "out.geojson"]),
            Ok(Command::Basemap {
                input: "in.json".into(),
                output: "out.geojson".into(),
                tolerance: 0.01,
                picture: Some("land.svg".into()),
            })
        );
        assert_eq!(
            parse(&["basemap", "in.json", "out.geojson", "--picture"]),
            Err(UsageError::MissingValue("--picture".into()))
        );
        assert_eq!(
            parse(&["basemap", "in.json", "out.geojson", "wide"]),
            Err(UsageError::Tolerance("wide".into()))
        );
    }

    #[test]
    fn synth_takes_a_count_and_a_seed() {
        assert_eq!(
            parse(&["synth", "--features", "100"]),
            Ok(Command::Synth {
                features: 100,
                seed: 1,
            })
        );
        assert_eq!(
            parse(&["synth", "--features", "100", "--seed", "7"]),
            Ok(Command::Synth {
                features: 100,
                seed: 7,
            })
        );
        assert_eq!(parse(&["synth"]), Err(UsageError::NoFeatures));
        assert_eq!(
            parse(&["synth", "--features", "many"]),
            Err(UsageError::NotANumber {
                option: "--features",
                text: "many".into(),
            })
        );
    }

    #[test]
    fn help_is_asked_for_anywhere_before_the_end_of_options() {
        for args in [&["help"][..], &["-h"], &["--help"], &["validate", "--help"]] {
            assert_eq!(parse(args), Ok(Command::Help), "{args:?}");
        }
        assert_eq!(
            parse(&["validate", "--", "--help"]),
            Ok(Command::Validate {
                order: None,
                files: vec!["--help".into()],
            })
        );
    }

    #[test]
    fn an_option_of_another_subcommand_is_refused() {
        let refusals = [
            (
                &["validate", "--at", "2024-10-18", "a"][..],
                "--at",
                "validate",
            ),
            (&["validate", "--all", "a"], "--all", "validate"),
            (&["export", "--lat", "y", "--all", "a"], "--lat", "export"),
            (
                &["convert", "--at", "2024-10-18", "a.csv"],
                "--at",
                "convert",
            ),
            (
                &["basemap", "--day-first", "in", "out"],
                "--day-first",
                "basemap",
            ),
            (&["synth", "--features", "3", "--all"], "--all", "synth"),
        ];
        for (args, option, command) in refusals {
            assert_eq!(
                parse(args),
                Err(UsageError::NotFor {
                    option: option.into(),
                    command,
                }),
                "{args:?}"
            );
        }
    }

    #[test]
    fn unknown_options_and_missing_values_are_refused() {
        assert_eq!(
            parse(&["validate", "--strict", "a"]),
            Err(UsageError::UnknownOption("--strict".into()))
        );
        assert_eq!(
            parse(&["validate", "-q", "a"]),
            Err(UsageError::UnknownOption("-q".into()))
        );
        assert_eq!(
            parse(&["export", "a", "--at"]),
            Err(UsageError::MissingValue("--at".into()))
        );
        assert_eq!(
            parse(&["export", "--at", "--all", "a"]),
            Err(UsageError::MissingValue("--at".into()))
        );
        assert_eq!(
            parse(&["export", "--all=yes", "a"]),
            Err(UsageError::UnwantedValue("--all".into()))
        );
    }

    #[test]
    fn operands_are_counted() {
        assert_eq!(
            parse(&["validate", "--day-first"]),
            Err(UsageError::MissingOperand {
                command: "validate",
                wants: "at least one FILE",
            })
        );
        assert_eq!(
            parse(&["export", "--all", "a", "b"]),
            Err(UsageError::UnexpectedOperand {
                command: "export",
                operand: "b".into(),
                wants: "one FILE",
            })
        );
        assert_eq!(
            parse(&["convert"]),
            Err(UsageError::MissingOperand {
                command: "convert",
                wants: "one FILE.csv",
            })
        );
        assert_eq!(
            parse(&["synth", "--features", "3", "x"]),
            Err(UsageError::UnexpectedOperand {
                command: "synth",
                operand: "x".into(),
                wants: "--features N [--seed S]",
            })
        );
    }

    #[test]
    fn contradictions_are_refused() {
        assert_eq!(
            parse(&["validate", "--day-first", "--month-first", "a"]),
            Err(UsageError::ContradictoryOrder)
        );
        assert_eq!(
            parse(&["export", "--at", "2024-10-18", "--all", "a"]),
            Err(UsageError::AtAndAll)
        );
        assert_eq!(parse(&["export", "a"]), Err(UsageError::NeitherAtNorAll));
    }

    #[test]
    fn the_end_of_options_and_negative_numbers_are_operands() {
        assert_eq!(
            parse(&["validate", "--", "--at"]),
            Ok(Command::Validate {
                order: None,
                files: vec!["--at".into()],
            })
        );
        assert!(matches!(
            parse(&["basemap", "in", "out", "-0.5"]),
            Ok(Command::Basemap { tolerance, .. }) if tolerance == -0.5
        ));
    }

    #[test]
    fn nothing_or_an_unknown_command_is_refused() {
        assert_eq!(parse(&[]), Err(UsageError::NoCommand));
        assert_eq!(
            parse(&["check", "a"]),
            Err(UsageError::UnknownCommand("check".into()))
        );
    }
}
