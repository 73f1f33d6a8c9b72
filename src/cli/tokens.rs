//! Reading the arguments after a subcommand: options (with a value after
//! `=` or as the next argument) and operands, one token at a time.

use troopmap::DateOrder;

use super::error::UsageError;

/// Every option some subcommand takes: any other is unknown.
const OPTIONS: [&str; 18] = [
    "--day-first",
    "--month-first",
    "--at",
    "--all",
    "--lat",
    "--lon",
    "--date",
    "--end",
    "--name",
    "--features",
    "--seed",
    "--unit-property",
    "--stale-after",
    "--glide",
    "--units",
    "--sightings",
    "--symbols",
    "--picture",
];

/// Exactly `N` operands, or what the subcommand wants.
pub(super) fn operands<const N: usize>(
    operands: Vec<String>,
    command: &'static str,
    wants: &'static str,
) -> Result<[String; N], UsageError> {
    if let Some(operand) = operands.get(N) {
        return Err(UsageError::UnexpectedOperand {
            command,
            operand: operand.clone(),
            wants,
        });
    }
    operands
        .try_into()
        .map_err(|_| UsageError::MissingOperand { command, wants })
}

pub(super) fn number(option: &'static str, text: String) -> Result<u64, UsageError> {
    text.parse()
        .map_err(|_| UsageError::NotANumber { option, text })
}

/// `--day-first` or `--month-first`, given at most one way.
#[derive(Default)]
pub(super) struct Order(pub(super) Option<DateOrder>);

impl Order {
    pub(super) fn takes(option: &Opt) -> bool {
        matches!(option.name.as_str(), "--day-first" | "--month-first")
    }

    pub(super) fn set(&mut self, option: &Opt) -> Result<(), UsageError> {
        option.switch()?;
        let order = if option.name == "--day-first" {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        };
        if self.0.is_some_and(|o| o != order) {
            return Err(UsageError::ContradictoryOrder);
        }
        self.0 = Some(order);
        Ok(())
    }
}

/// One argument, read as an option or an operand.
#[derive(Debug, PartialEq)]
pub(super) enum Token {
    Option(Opt),
    Operand(String),
}

/// An option as given: its name, and the value written after `=`, if any.
#[derive(Debug, PartialEq)]
pub(super) struct Opt {
    pub(super) name: String,
    inline: Option<String>,
}

impl Opt {
    /// For a switch, which takes no value: `true`, or the refusal of
    /// `--all=yes`.
    pub(super) fn switch(&self) -> Result<bool, UsageError> {
        match self.inline {
            None => Ok(true),
            Some(_) => Err(UsageError::UnwantedValue(self.name.clone())),
        }
    }

    /// Why the option is refused by `command`, which does not take it.
    pub(super) fn refused(self, command: &'static str) -> UsageError {
        if OPTIONS.contains(&self.name.as_str()) {
            UsageError::NotFor {
                option: self.name,
                command,
            }
        } else {
            UsageError::UnknownOption(self.name)
        }
    }
}

/// What `parse` reads of `args`: for the commands' tests.
#[cfg(test)]
pub(super) fn parse_with<T>(
    parse: impl FnOnce(&mut Tokens) -> Result<T, UsageError>,
    args: &[&str],
) -> Result<T, UsageError> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    parse(&mut Tokens::new(&args))
}

/// The arguments after the subcommand, one token at a time.
pub(super) struct Tokens<'a> {
    args: std::slice::Iter<'a, String>,
    options_ended: bool,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(args: &'a [String]) -> Tokens<'a> {
        Tokens {
            args: args.iter(),
            options_ended: false,
        }
    }

    pub(super) fn next(&mut self) -> Option<Token> {
        let arg = self.args.next()?;
        if self.options_ended || !is_option(arg) {
            return Some(Token::Operand(arg.clone()));
        }
        if arg == "--" {
            self.options_ended = true;
            return self.next();
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        Some(Token::Option(Opt {
            name: name.to_owned(),
            inline,
        }))
    }

    /// The value of `option`: after its `=`, or the next argument unless
    /// that is itself an option (`--at --all` misses the day).
    pub(super) fn value(&mut self, option: Opt) -> Result<String, UsageError> {
        if let Some(value) = option.inline {
            return Ok(value);
        }
        match self.args.as_slice().first() {
            Some(next) if !next.starts_with("--") => {
                self.args.next();
                Ok(next.clone())
            }
            _ => Err(UsageError::MissingValue(option.name)),
        }
    }
}

/// Whether `arg` is an option: `--…`, or `-` and a letter. `-` alone and
/// negative numbers are operands.
pub(super) fn is_option(arg: &str) -> bool {
    arg.starts_with("--")
        || arg
            .strip_prefix('-')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_alphabetic)
}
