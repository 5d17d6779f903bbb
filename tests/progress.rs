//! The progress bar: drawn on standard error only when it is a terminal and the run is
//! long, never in logs or pipes, and never able to stall the run.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn many_files(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("nota-{i:02}.md")),
            "# Conclusies\n\nDe Commissie zal een verslag uitbrengen.\n",
        )
        .unwrap();
    }
    dir
}

#[test]
fn no_progress_output_when_standard_error_is_not_a_terminal() {
    let dir = many_files(30);
    let out = Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Under a pseudo-terminal (util-linux `script`) the bar is drawn from the worker
/// threads; the run must still finish (it once deadlocked on the standard error lock).
#[test]
fn a_run_under_a_terminal_finishes_and_clears_its_bar() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: no `script` (util-linux) to run under a pseudo-terminal");
        return;
    }
    let dir = many_files(30);
    for format in ["json", "human"] {
        let command = format!(
            "{} check --format {format} {} > {}",
            env!("CARGO_BIN_EXE_policylint"),
            dir.path().display(),
            dir.path().join("out").display()
        );
        let mut child = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("{format}: the run under a terminal did not finish in 60 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(1), "{format}");
        let out = std::fs::read_to_string(dir.path().join("out")).unwrap();
        assert!(
            !out.contains("files  "),
            "the bar goes to standard error only"
        );
        std::fs::remove_file(dir.path().join("out")).unwrap();
    }
}
