//! Native benchmarks of the core: reading GeoJSON, building the time index,
//! and stepping the shown set through the days. Run with
//! `cargo bench --bench core`. Each group has a baseline measured in the
//! same run (a plain `serde_json` parse; a scan of every feature's span), so
//! the figures can be read as ratios on a noisy machine.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{BenchmarkId, Criterion, Throughput};
    use troopmap::{native::synth, read_collection, Day, Shown, TimeIndex};

    pub fn parsing(c: &mut Criterion) {
        use troopmap::geojson::read::stream::Streaming;
        let mut group = c.benchmark_group("parse");
        group.sample_size(10);
        for count in [1_000, 10_000] {
            let text = synth::collection(count, 1);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("serde_json::Value (baseline)", count),
                &text,
                |b, text| b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text))),
            );
            group.bench_with_input(
                BenchmarkId::new("read_collection", count),
                &text,
                |b, text| b.iter(|| read_collection("synth.geojson", black_box(text))),
            );
            // As the page reads: the bytes arriving in pieces of 64 KiB,
            // each feature's text packed as it goes.
            group.bench_with_input(
                BenchmarkId::new("read as it arrives", count),
                &text,
                |b, text| {
                    b.iter(|| {
                        let mut reading =
                            Streaming::new("synth.geojson", Default::default(), text.len());
                        for piece in black_box(text).as_bytes().chunks(1 << 16) {
                            reading.push(piece);
                            while !reading.step(100) {}
                        }
                        reading.finish()
                    })
                },
            );
        }
        group.finish();
    }

    pub fn time_index(c: &mut Criterion) {
        let mut group = c.benchmark_group("time index");
        group.sample_size(10);
        for count in [10_000, 100_000] {
            let text = synth::collection(count, 1);
            let Ok(data) = read_collection("synth.geojson", &text) else {
                panic!("synthetic data must read");
            };
            group.bench_with_input(BenchmarkId::new("build", count), &data, |b, data| {
                b.iter(|| TimeIndex::of(black_box(&data.features)))
            });
            let index = TimeIndex::of(&data.features);
            let Some((first, last)) = index.date_range() else {
                panic!("synthetic data is dated");
            };
            // Baseline: what a plugin without an index does per step,
            // testing every feature's span against the day.
            group.bench_with_input(
                BenchmarkId::new("scan every span, one day (baseline)", count),
                &data,
                |b, data| {
                    let day = Day((first.0 + last.0) / 2);
                    b.iter(|| {
                        data.features
                            .iter()
                            .filter(|f| f.span.contains(black_box(day)))
                            .count()
                    })
                },
            );
            group.bench_with_input(
                BenchmarkId::new("step one day, the whole year", count),
                &index,
                |b, index| {
                    b.iter(|| {
                        let mut shown = Shown::new(index.clone());
                        let mut changes = 0;
                        let mut day = first;
                        while day <= last {
                            let change = shown.go_to(day);
                            changes += change.entered.len() + change.left.len();
                            day = day.next();
                        }
                        changes
                    })
                },
            );
        }
        group.finish();
    }

    /// Composing a picture (or a video's frame) of a day, against
    /// exporting that day's features as GeoJSON, in the same run.
    pub fn picture(c: &mut Criterion) {
        use troopmap::picture::frame::Frame;
        use troopmap::picture::{compose, estimate, Setting};
        use troopmap::scene::Scene;
        let mut group = c.benchmark_group("picture");
        group.sample_size(10);
        for count in [10_000, 100_000] {
            let text = synth::collection(count, 1);
            let Ok(data) = read_collection("synth.geojson", &text) else {
                panic!("synthetic data must read");
            };
            let mut scene = Scene::new(data, Default::default());
            scene.go_to(Day((scene.first().0 + scene.last().0) / 2));
            // The whole world at 1280 × 800: every feature in the frame.
            let frame = Frame::of_view(
                geo::coord! { x: 0.0, y: 20.0 },
                2.0,
                (1280.0, 800.0),
                1.0,
                None,
            );
            let setting = Setting {
                frame,
                basemap: None,
                online_tiles: false,
                link: String::new(),
            };
            group.bench_with_input(
                BenchmarkId::new("export the day (baseline)", count),
                &scene,
                |b, scene| {
                    b.iter(|| troopmap::export_collection(scene.data(), scene.shown().iter()))
                },
            );
            group.bench_with_input(
                BenchmarkId::new("compose the day's picture", count),
                &scene,
                |b, scene| b.iter(|| compose(black_box(scene), &setting, &estimate)),
            );
        }
        group.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(
    benches,
    native::parsing,
    native::time_index,
    native::picture
);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
