//! `positions`: where each unit is shown on a day, from a file of
//! sightings, as GeoJSON.

use troopmap::space::sightings::UnitRule;
use troopmap::{DateOrder, Day};

use super::error::UsageError;
use super::tokens::{number, operands, Opt, Order, Token, Tokens};

/// `positions [ORDER] --at DATE [--unit-property P] [--stale-after
/// DAYS|never] [--glide] FILE`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Positions {
    pub order: Option<DateOrder>,
    /// The day shown (at its noon, as the map shows a day).
    pub at: Day,
    pub rule: UnitRule,
    pub file: String,
}

/// What `positions` wants, for its usage errors.
const WANTS: &str = "one FILE";

/// Reads `positions`' options and its file.
pub fn parse(tokens: &mut Tokens) -> Result<Positions, UsageError> {
    let mut order = Order::default();
    let (mut at, mut rule) = (None, UnitRule::default());
    let mut files = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Operand(file) => files.push(file),
            Token::Option(option) if Order::takes(&option) => order.set(&option)?,
            Token::Option(option) => match option.name.as_str() {
                "--at" => at = Some(tokens.value(option)?),
                name if UNITS.contains(&name) => unit_option(option, tokens, &mut rule)?,
                _ => return Err(option.refused("positions")),
            },
        }
    }
    let at = at.ok_or(UsageError::PositionsWithoutAt)?;
    let at = Day::parse(&at).map_err(UsageError::Day)?;
    let [file] = operands(files, "positions", WANTS)?;
    Ok(Positions {
        order: order.0,
        at,
        rule,
        file,
    })
}

/// The options that say how units are read (UNITS in the usage).
pub(super) const UNITS: [&str; 3] = ["--unit-property", "--stale-after", "--glide"];

/// Sets in `rule` what `option`, one of [`UNITS`], says.
pub(super) fn unit_option(
    option: Opt,
    tokens: &mut Tokens,
    rule: &mut UnitRule,
) -> Result<(), UsageError> {
    match option.name.as_str() {
        "--unit-property" => rule.property = tokens.value(option)?,
        "--stale-after" => rule.stale_after = stale_after(tokens.value(option)?)?,
        _ => rule.glide = option.switch()?,
    }
    Ok(())
}

/// `--stale-after`: a number of days, or `never`.
fn stale_after(text: String) -> Result<Option<u32>, UsageError> {
    if text == "never" {
        return Ok(None);
    }
    let days = number("--stale-after", text.clone())?;
    u32::try_from(days)
        .map(Some)
        .map_err(|_| UsageError::NotANumber {
            option: "--stale-after",
            text,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Positions, UsageError> {
        crate::cli::tokens::parse_with(parse, args)
    }

    #[test]
    fn every_option_is_read_and_defaults_hold() {
        let p = parse_args(&["--at", "2022-04-30", "units.geojson"]);
        assert_eq!(
            p.map(|p| (p.at.to_string(), p.rule, p.file)),
            Ok((
                "2022-04-30".into(),
                UnitRule::default(),
                "units.geojson".into()
            ))
        );
        let p = parse_args(&[
            "f.geojson",
            "--unit-property=formation",
            "--stale-after",
            "never",
            "--glide",
            "--at=2022-04-30",
        ]);
        let rule = p.map(|p| p.rule);
        assert_eq!(
            rule,
            Ok(UnitRule {
                property: "formation".into(),
                stale_after: None,
                glide: true,
            })
        );
        let p = parse_args(&["--at", "2022-04-30", "--stale-after", "7", "f"]);
        assert_eq!(p.map(|p| p.rule.stale_after), Ok(Some(7)));
    }

    #[test]
    fn a_missing_day_or_a_bad_limit_is_refused() {
        assert_eq!(parse_args(&["f"]), Err(UsageError::PositionsWithoutAt));
        assert!(matches!(
            parse_args(&["--at", "2022-04-30", "--stale-after", "soon", "f"]),
            Err(UsageError::NotANumber { .. })
        ));
        assert!(matches!(
            parse_args(&["--at", "2022-04-30", "--all", "f"]),
            Err(UsageError::NotFor { .. })
        ));
        assert!(matches!(
            parse_args(&["--at", "2022-04-30", "--glide=yes", "f"]),
            Err(UsageError::UnwantedValue(_))
        ));
    }
}
