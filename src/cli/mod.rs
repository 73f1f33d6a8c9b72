//! The command line, on the same core as the map: `validate`, `export`,
//! `convert`, `positions`, `diff`, `synth` (for benchmarks) and `basemap` (used by
//! the build).
//!
//! The arguments are first parsed into a typed [`Command`], which refuses a
//! call it does not understand (exit 2); then the command runs (exit 1 if it
//! fails).

mod command;
mod diff;
mod error;
mod positions;
mod tokens;

use std::ffi::OsString;
use std::fs;

use troopmap::formats;
use troopmap::geojson::positions::export_positions;
use troopmap::model::problem::capped;
use troopmap::model::verdict::verdict;
use troopmap::native::{basemap, opening, synth, topo::Topology};
use troopmap::scene::play::noon;
use troopmap::space::sightings::Units;
use troopmap::{export_collection, ReadOptions, TimeIndex};

pub use command::{Command, Exported};
pub use error::{Error, ReadError, UsageError, USAGE};

/// Parses the arguments after the program's name and runs them.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<(), Error> {
    let args = args
        .into_iter()
        .map(|arg| {
            arg.into_string()
                .map_err(|arg| UsageError::NotUnicode(arg.to_string_lossy().into_owned()))
        })
        .collect::<Result<Vec<String>, UsageError>>()?;
    execute(Command::parse(&args)?)
}

/// Runs a parsed command; `Err` says what failed.
pub fn execute(command: Command) -> Result<(), Error> {
    match command {
        Command::Validate { order, files } => validate(&files, options(order)),
        Command::Export {
            order,
            features,
            file,
        } => export(features, &file, options(order)),
        Command::Convert {
            order,
            columns,
            file,
        } => convert(&file, &columns, options(order)),
        Command::Basemap {
            input,
            output,
            tolerance,
            picture,
        } => {
            let text = build_basemap(&input, &output, tolerance)?;
            match picture {
                Some(picture) => write_picture(&text, &picture),
                None => Ok(()),
            }
        }
        Command::Synth { features, seed } => write_out(|out| synth::write(features, seed, out)),
        Command::SynthUnits {
            units,
            sightings,
            symbols,
            seed,
        } => write_out(|out| synth::write_sightings(units, sightings, symbols, seed, out)),
        Command::Positions(p) => print_positions(&p),
        Command::Diff(d) => print_diff(&d),
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
    }
}

fn options(order: Option<troopmap::DateOrder>) -> ReadOptions {
    ReadOptions { date_order: order }
}

fn read(file: &str) -> Result<String, ReadError> {
    let bytes = fs::read(file).map_err(|error| ReadError::Unreadable {
        file: file.to_owned(),
        error,
    })?;
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8 {
        file: file.to_owned(),
    })
}

/// Reads `text`, the content of `file`, as the map reads a file of its
/// kind: a CSV table or a JSON array of records is converted first.
fn validate(files: &[String], options: ReadOptions) -> Result<(), Error> {
    let mut refused = 0;
    for file in files {
        let result = match read(file) {
            Ok(text) => formats::read_file(file, text, options),
            Err(error) => {
                println!("{error}");
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
        Err(Error::Refused {
            refused,
            files: files.len(),
        })
    }
}

/// Prints the features shown on a day, or every feature.
fn export(features: Exported, file: &str, options: ReadOptions) -> Result<(), Error> {
    let data = formats::read_file(file, read(file)?, options).map_err(Error::Load)?;
    let shown = match features {
        Exported::On(day) => TimeIndex::of(&data.features).shown_on(day),
        Exported::All => (0..data.features.len()).collect(),
    };
    print(&export_collection(&data, shown))
}

/// Prints where each unit is shown on the day, at its noon, as the map
/// shows a day.
fn print_positions(p: &positions::Positions) -> Result<(), Error> {
    let data =
        formats::read_file(&p.file, read(&p.file)?, options(p.order)).map_err(Error::Load)?;
    let units = Units::of(&data.features, &p.rule);
    let shown = units.positions_at(noon(p.at), &p.rule);
    print(&export_positions(&data, &units, &shown))
}

/// Prints what changed from one day to the other, as the map's "Export
/// changes" writes it; a feature whose own property the export replaces is
/// told on standard error.
fn print_diff(d: &diff::Diff) -> Result<(), Error> {
    use troopmap::geojson::changes::{clashes, export_changes};
    let data =
        formats::read_file(&d.file, read(&d.file)?, options(d.order)).map_err(Error::Load)?;
    let scene = troopmap::scene::Scene::with_units(data, Default::default(), d.rule.clone());
    let comparison = scene.compare(d.from, d.to);
    for (index, key) in clashes(scene.data(), &comparison) {
        eprintln!(
            "{}: warning: feature {index}: its own property {key:?} is replaced in this output",
            d.file
        );
    }
    print(&export_changes(
        scene.data(),
        scene.units_seen(),
        &comparison,
    ))
}

/// Prints a table converted to GeoJSON, with a line on standard error
/// for each note; a table with bad rows prints nothing, and each bad row
/// is told.
fn convert(file: &str, columns: &formats::Columns, options: ReadOptions) -> Result<(), Error> {
    let converted =
        formats::convert_table(file, &read(file)?, columns, options).map_err(Error::Convert)?;
    let (notes, left_out) = capped(converted.notes);
    for note in notes {
        eprintln!("{file}: warning: {note}");
    }
    if left_out > 0 {
        eprintln!("{file}: … and {left_out} more warnings");
    }
    print(&converted.geojson)
}

/// Prints `text` and a line end; a closed output (`| head`) is an error,
/// not a panic.
fn print(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(Error::Print)
}

/// Has `write` write to standard output, buffered.
fn write_out(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock>) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)
        .and_then(|()| std::io::Write::flush(&mut out))
        .map_err(Error::Print)
}

/// Builds the basemap and writes it to `output`; returns its text.
fn build_basemap(input: &str, output: &str, tolerance: f64) -> Result<String, Error> {
    let topology = Topology::parse(&read(input)?).map_err(|error| Error::Topology {
        file: input.to_owned(),
        error,
    })?;
    let text = basemap::build(&topology, "countries", tolerance, 3).map_err(Error::Basemap)?;
    write_file(output, &text)?;
    Ok(text)
}

/// Writes the land of the basemap `text` at the map's opening view to
/// `output`: SVG, or for a `.css` file the style sheet the page takes it
/// from.
fn write_picture(text: &str, output: &str) -> Result<(), Error> {
    // The basemap was just written by this program: it is JSON.
    let basemap = troopmap::picture::basemap::Basemap::read(text).unwrap_or_default();
    let svg = opening::svg(&basemap, opening::SIZE);
    if output.ends_with(".css") {
        write_file(output, &opening::css(&svg))
    } else {
        write_file(output, &svg)
    }
}

/// Writes `text` to `output`, making its folder first, and tells its size.
fn write_file(output: &str, text: &str) -> Result<(), Error> {
    if let Some(dir) = std::path::Path::new(output).parent() {
        fs::create_dir_all(dir).map_err(|error| Error::CreateDir {
            dir: dir.to_owned(),
            error,
        })?;
    }
    fs::write(output, text).map_err(|error| Error::Write {
        file: output.to_owned(),
        error,
    })?;
    eprintln!("{output}: {} bytes", text.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_says_which_file_and_why() {
        let dir = std::env::temp_dir().join(format!("troopmap-read-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let latin1 = dir.join("latin1.geojson");
        fs::write(&latin1, b"{\"name\": \"Bj\xf6rn\"}").unwrap();
        let latin1 = latin1.to_string_lossy().into_owned();
        let missing = dir.join("missing.geojson").to_string_lossy().into_owned();
        let not_utf8 = read(&latin1);
        let unreadable = read(&missing);
        let _ = fs::remove_dir_all(&dir);
        assert!(matches!(not_utf8, Err(ReadError::NotUtf8 { .. })));
        assert_eq!(
            not_utf8.unwrap_err().to_string(),
            format!("{latin1} was not loaded: it is not UTF-8 text")
        );
        assert!(matches!(unreadable, Err(ReadError::Unreadable { .. })));
        assert!(unreadable
            .unwrap_err()
            .to_string()
            .starts_with(&format!("{missing}: cannot read: ")));
    }
}
