//! The command line: `troopmap basemap`, `troopmap export` and `troopmap validate`.

use std::fs;

use troopmap::{basemap, export_collection, read_collection, topo::Topology, Day, TimeIndex};

const USAGE: &str = "usage:
  troopmap validate FILE...                 check GeoJSON files; exit 1 on problems
  troopmap export --at YYYY-MM-DD FILE      print the features shown on that day
  troopmap basemap TOPOJSON OUT [TOLERANCE] build the offline basemap from world-atlas";

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("validate") if args.len() > 1 => validate(&args[1..]),
        Some("export") => match &args[1..] {
            [flag, day, file] if flag == "--at" => export(day, file),
            _ => Err(USAGE.into()),
        },
        Some("basemap") => match &args[1..] {
            [input, output] => build_basemap(input, output, "0.01"),
            [input, output, tolerance] => build_basemap(input, output, tolerance),
            _ => Err(USAGE.into()),
        },
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

fn read(file: &str) -> Result<String, String> {
    fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))
}

fn validate(files: &[String]) -> Result<(), String> {
    let mut failed = 0;
    for file in files {
        match read(file).and_then(|text| read_collection(file, &text).map_err(|e| e.to_string())) {
            Ok(data) => println!("{file}: {} features, no problems", data.features.len()),
            Err(message) => {
                println!("{message}");
                failed += 1;
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} of {} files not valid", files.len()))
    }
}

fn export(day: &str, file: &str) -> Result<(), String> {
    let day = Day::parse(day).map_err(|e| e.to_string())?;
    let data = read_collection(file, &read(file)?).map_err(|e| e.to_string())?;
    let shown = TimeIndex::of(&data.features).shown_on(day);
    println!("{}", export_collection(&data, shown));
    Ok(())
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
