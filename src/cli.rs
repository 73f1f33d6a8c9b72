//! The command line, on the same core as the map: `validate`, `export`,
//! `convert`, and `basemap` (used by the build).

use std::fs;

use troopmap::csv::{self, Columns};
use troopmap::verdict::verdict;
use troopmap::{
    basemap, export_collection, read_collection_shared, synth, topo::Topology, DateOrder, Day,
    ReadOptions, TimeIndex,
};

const USAGE: &str = "usage:
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

/// Runs the command line; `Err` is the message to print before exiting 1.
pub fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let mut options = ReadOptions::default();
    let mut columns = Columns::default();
    let mut at = None;
    let mut all = false;
    let mut count = None;
    let mut seed = None;
    let mut files = Vec::new();
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--day-first" | "--month-first" => {
                let order = if arg == "--day-first" {
                    DateOrder::DayFirst
                } else {
                    DateOrder::MonthFirst
                };
                if options.date_order.is_some_and(|o| o != order) {
                    return Err(format!(
                        "--day-first and --month-first contradict each other: give one\n{USAGE}"
                    ));
                }
                options.date_order = Some(order);
            }
            "--at" => at = Some(value("--at")?),
            "--all" => all = true,
            "--lat" => columns.latitude = Some(value("--lat")?),
            "--lon" => columns.longitude = Some(value("--lon")?),
            "--date" => columns.start = Some(value("--date")?),
            "--end" => columns.end = Some(value("--end")?),
            "--name" => columns.name = Some(value("--name")?),
            "--features" => count = Some(number("--features", &value("--features")?)?),
            "--seed" => seed = Some(number("--seed", &value("--seed")?)?),
            flag if flag.starts_with("--") && flag != "--" => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            _ => files.push(arg.clone()),
        }
    }
    match (command.as_str(), files.as_slice()) {
        ("validate", [_, ..]) => validate(&files, options),
        ("export", [file]) => match (at.as_deref(), all) {
            (Some(day), false) => export(Some(day), file, options),
            (None, true) => export(None, file, options),
            (Some(_), true) => Err(format!("give --at YYYY-MM-DD or --all, not both\n{USAGE}")),
            (None, false) => Err(format!("export wants --at YYYY-MM-DD or --all\n{USAGE}")),
        },
        ("convert", [file]) => {
            let json = csv::convert(&read(file)?, &columns, options.date_order)
                .map_err(|e| format!("{file}: {e}"))?;
            println!("{json}");
            Ok(())
        }
        ("basemap", [input, output]) => build_basemap(input, output, "0.01"),
        ("basemap", [input, output, tolerance]) => build_basemap(input, output, tolerance),
        ("synth", []) => synth(count.ok_or(USAGE)?, seed.unwrap_or(1)),
        ("-h" | "--help" | "help", _) => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

fn read(file: &str) -> Result<String, String> {
    let bytes = fs::read(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    // The same words as the page's.
    String::from_utf8(bytes).map_err(|_| troopmap::verdict::not_utf8(file))
}

fn validate(files: &[String], options: ReadOptions) -> Result<(), String> {
    let mut refused = 0;
    for file in files {
        let result = match read(file) {
            Ok(text) => read_collection_shared(file, text, options),
            Err(message) => {
                println!("{message}");
                refused += 1;
                continue;
            }
        };
        refused += usize::from(result.is_err());
        println!("{}", verdict(file, &result));
    }
    if refused == 0 {
        Ok(())
    } else {
        Err(format!("{refused} of {} files refused", files.len()))
    }
}

/// Prints the features shown on `day`, or (with `None`) every feature.
fn export(day: Option<&str>, file: &str, options: ReadOptions) -> Result<(), String> {
    let day = day
        .map(|d| Day::parse(d).map_err(|e| e.to_string()))
        .transpose()?;
    let data = read_collection_shared(file, read(file)?, options).map_err(|e| e.to_string())?;
    let shown = match day {
        Some(day) => TimeIndex::of(&data.features).shown_on(day),
        None => (0..data.features.len()).collect(),
    };
    println!("{}", export_collection(&data, shown));
    Ok(())
}

fn number(flag: &str, text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("{flag} wants a whole number, not {text:?}"))
}

fn synth(count: u64, seed: u64) -> Result<(), String> {
    let count = usize::try_from(count).map_err(|_| format!("{count} features is too many"))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    synth::write(count, seed, &mut out)
        .and_then(|()| std::io::Write::flush(&mut out))
        .map_err(|e| format!("cannot write: {e}"))
}

fn build_basemap(input: &str, output: &str, tolerance: &str) -> Result<(), String> {
    let tolerance: f64 = tolerance
        .parse()
        .map_err(|_| format!("tolerance {tolerance:?} is not a number of degrees"))?;
    let topology = Topology::parse(&read(input)?).map_err(|e| format!("{input}: {e}"))?;
    let text = basemap::build(&topology, "countries", tolerance, 3)?;
    if let Some(dir) = std::path::Path::new(output).parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(output, &text).map_err(|e| format!("{output}: cannot write: {e}"))?;
    eprintln!("{output}: {} bytes", text.len());
    Ok(())
}
