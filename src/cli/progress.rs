//! The progress indicator of a long `check`: a bar on standard error, drawn only when
//! standard error is a terminal and the run has many files, so logs and pipes stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs of fewer files finish before a bar would help.
const MIN_FILES: usize = 20;

pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `files` files, or nothing (not a terminal, a short run, or `quiet`).
    pub fn new(files: usize, quiet: bool) -> Self {
        if quiet || files < MIN_FILES || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos}/{len} files  {wide_bar}  {elapsed}")
        {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// Run `print` with the bar lifted, so that output never mixes with it.
    pub fn suspend<T>(&self, print: impl FnOnce() -> T) -> T {
        match &self.0 {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// One more file done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Counts one file done when dropped (also when the lint job panics).
pub struct Tick<'a>(pub &'a Progress);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.inc();
    }
}
