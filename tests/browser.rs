//! The HTML report in a real browser: headless Chromium renders the report
//! of the example organisation (with check-ins in its history), and the test
//! reads the rendered DOM and looks at a screenshot.
//!
//! Chromium is found as `OKR_TEST_CHROMIUM`, else `chromium`,
//! `chromium-browser`, `google-chrome` or `google-chrome-stable` on PATH. The
//! test is `#[ignore = "needs chromium"]`, so that `cargo test` passes on a bare
//! machine, and fails when run without a browser; `.ci/run` installs Debian's
//! `chromium` and runs it with `cargo test -- --include-ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::examples_with_checkins;
use serde_json::Value;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OKR_TEST_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Runs headless Chromium on `page` with `args`; returns stdout. Gives up
/// after two minutes rather than hang the suite.
fn run_chromium(chromium: &Path, profile: &Path, page: &Path, args: &[&str]) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium {args:?} did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("read chromium's output")
}

#[test]
#[ignore = "needs chromium"]
fn chromium_renders_every_objective_and_its_chart() {
    let chromium = chromium().expect(
        "this test needs Chromium, and none was found: install Debian's `chromium` \
         (and `fonts-wqy-zenhei` for the Chinese titles), or set OKR_TEST_CHROMIUM",
    );
    let okr = examples_with_checkins();
    let page = okr.temp_path().join("report.html");
    okr.run_with(["report", "-o", page.to_str().expect("UTF-8 path")])
        .code(0);
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    let live: Vec<&Value> = report["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .filter(|o| o["status"] != "dropped")
        .collect();
    assert!(
        live.len() >= 10,
        "the examples have {} objectives",
        live.len()
    );

    let profile = okr.temp_path().join("chromium-profile");
    let dom = run_chromium(&chromium, &profile, &page, &["--dump-dom"]);
    assert!(dom.contains("<main>"), "no page in the DOM:\n{dom}");
    for o in &live {
        let title = o["title"].as_str().expect("title");
        assert!(dom.contains(title), "`{title}` is not in the rendered DOM");
        let id = o["id"].as_str().expect("id");
        assert!(
            dom.contains(&format!("id=\"o-{id}\"")),
            "no article for `{id}` in the rendered DOM"
        );
    }
    assert_eq!(
        dom.matches("<svg class=\"chart\"").count(),
        live.len(),
        "one progress chart per objective"
    );
    assert!(dom.contains("<polyline"), "no score line in any chart");
    for banned in ["<script", "<img", "<link"] {
        assert!(!dom.contains(banned), "the rendered page has `{banned}`");
    }

    let shot = okr.temp_path().join("report.png");
    run_chromium(
        &chromium,
        &profile,
        &page,
        &[
            "--window-size=1000,2000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("the screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("PNG pixels");
    assert_eq!((info.width, info.height), (1000, 2000));
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let mut not_white = 0usize;
    let mut chart_colours = 0usize;
    for px in pixels[..info.buffer_size()].chunks(channels) {
        let (r, g, b) = (i32::from(px[0]), i32::from(px[1]), i32::from(px[2]));
        if r < 235 || g < 235 || b < 235 {
            not_white += 1;
        }
        // The health colours of the score lines and badges: green, amber, red.
        let near = |c: (i32, i32, i32)| (r - c.0).abs() + (g - c.1).abs() + (b - c.2).abs() < 40;
        if near((0x1a, 0x7f, 0x37)) || near((0x9a, 0x67, 0x00)) || near((0xcf, 0x22, 0x2e)) {
            chart_colours += 1;
        }
    }
    let total = (info.width * info.height) as usize;
    assert!(
        not_white * 100 > total,
        "the screenshot is blank: {not_white} of {total} pixels are not white"
    );
    assert!(
        chart_colours > 500,
        "only {chart_colours} pixels in the colours of score lines and badges"
    );
}
