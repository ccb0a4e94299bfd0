//! Progress on stderr while a scan runs: a bar when stderr is a terminal,
//! nothing otherwise. Timings go to stderr only, never into results.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use goseam_engine::{Scan, ScanObserver};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A scan observer that drives an indicatif bar.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    quiet: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} files ({per_sec}, {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("scanning");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        };
        Progress {
            bar,
            started: Instant::now(),
            quiet,
        }
    }

    /// Clear the bar and print elapsed time and throughput to stderr.
    pub fn finish(&self, scan: &Scan) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let (lines, bytes) = scan
            .files
            .iter()
            .fold((0u64, 0u64), |(l, b), f| (l + f.lines, b + f.bytes));
        eprintln!(
            "goseam: {} files, {} lines, {:.1} MB in {:.2}s ({:.1} MB/s, {:.0} lines/s)",
            scan.files.len(),
            lines,
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs,
            lines as f64 / secs
        );
        if let Some(c) = &scan.cache {
            let mut msg = format!(
                "goseam: cache: facts of {} files reused, {} parsed",
                c.hits, c.misses
            );
            if let Some(why) = &c.rejected {
                msg.push_str(&format!(" (the facts file was not used: {why}; rebuilt)"));
            }
            if let Some(e) = &c.write_error {
                msg.push_str(&format!("; cannot write the facts file: {e}"));
            }
            eprintln!("{msg}");
        }
    }
}

impl ScanObserver for Progress {
    fn discovered(&self, files: u64) {
        self.bar.set_length(files);
    }

    fn file_done(&self) {
        self.bar.inc(1);
    }
}
