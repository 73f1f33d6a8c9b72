//! `diff`: what changed between two dates in a file, as GeoJSON (the
//! map's "Export changes").

use troopmap::space::sightings::UnitRule;
use troopmap::{DateOrder, Day};

use super::error::UsageError;
use super::positions::{unit_option, UNITS};
use super::tokens::{operands, Order, Token, Tokens};

/// `diff [ORDER] --from DATE --to DATE [--unit-property P] [--stale-after
/// DAYS|never] [--glide] FILE`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub order: Option<DateOrder>,
    pub from: Day,
    pub to: Day,
    /// How units are read from sightings, as for `positions`.
    pub rule: UnitRule,
    pub file: String,
}

/// What `diff` wants, for its usage errors.
const WANTS: &str = "one FILE";

/// Reads `diff`'s options and its file.
pub fn parse(tokens: &mut Tokens) -> Result<Diff, UsageError> {
    let mut order = Order::default();
    let (mut from, mut to): (Option<String>, Option<String>) = (None, None);
    let mut rule = UnitRule::default();
    let mut files = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(file) => files.push(file),
            Token::Option(option) if Order::takes(&option) => order.set(&option)?,
            Token::Option(option) => match option.name.as_str() {
                "--from" => from = Some(tokens.value(option)?),
                "--to" => to = Some(tokens.value(option)?),
                name if UNITS.contains(&name) => unit_option(option, tokens, &mut rule)?,
                _ => return Err(option.refused("diff")),
            },
        }
    }
    let (Some(from), Some(to)) = (from, to) else {
        return Err(UsageError::DiffWithoutDates);
    };
    let from = Day::parse(&from).map_err(UsageError::Day)?;
    let to = Day::parse(&to).map_err(UsageError::Day)?;
    let [file] = operands(files, "diff", WANTS)?;
    Ok(Diff {
        order: order.0,
        from,
        to,
        rule,
        file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Diff, UsageError> {
        crate::cli::tokens::parse_with(parse, args)
    }

    #[test]
    fn both_dates_and_the_unit_property_are_read() {
        let d = parse_args(&[
            "--from",
            "2024-10-07",
            "--to=2024-10-20",
            "--unit-property",
            "formation",
            "f.geojson",
        ]);
        assert_eq!(
            d.map(|d| (
                d.from.to_string(),
                d.to.to_string(),
                d.rule.property,
                d.file
            )),
            Ok((
                "2024-10-07".into(),
                "2024-10-20".into(),
                "formation".into(),
                "f.geojson".into()
            ))
        );
    }

    #[test]
    fn a_missing_date_or_another_option_is_refused() {
        assert_eq!(
            parse_args(&["--from", "2024-10-07", "f"]),
            Err(UsageError::DiffWithoutDates)
        );
        assert!(matches!(
            parse_args(&["--from", "2024-10-07", "--to", "2024-10-32", "f"]),
            Err(UsageError::Day(_))
        ));
        assert!(matches!(
            parse_args(&[
                "--from",
                "2024-10-07",
                "--to",
                "2024-10-20",
                "--at",
                "2024-10-08",
                "f"
            ]),
            Err(UsageError::NotFor { .. })
        ));
        assert!(matches!(
            parse_args(&["--from", "2024-10-07", "--to", "2024-10-20"]),
            Err(UsageError::MissingOperand { .. })
        ));
    }
}
