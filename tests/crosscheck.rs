//! `pmprb score --json` against an independent model of SPEC §2 written in Python with
//! exact fractions (tests/crosscheck/), on thousands of random questionnaires and drafts.
//! Needs `python3` (3.11+, standard library only), which the project's machines have.

use std::process::Command;

fn python() -> Command {
    Command::new("python3")
}

#[test]
fn independent_model_agrees_on_random_drafts() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/crosscheck");
    let cases = std::env::var("PMPRB_CROSSCHECK_CASES").unwrap_or_else(|_| "2000".into());
    let o = python()
        .args([
            &format!("{dir}/run.py"),
            "--bin",
            env!("CARGO_BIN_EXE_pmprb"),
            "--cases",
            &cases,
            "--seed",
            "20261128",
            "--jobs",
            "2",
        ])
        .output()
        .expect("python3 must be installed to run the cross-check");
    let out = String::from_utf8_lossy(&o.stdout);
    let last = out.lines().last().unwrap_or_default().to_string();
    assert!(
        o.status.success(),
        "cross-check failed:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(last, format!("{cases} passed, 0 failed"));
}

#[test]
fn independent_model_passes_its_own_hand_computed_tests() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/crosscheck");
    let o = python()
        .args(["-m", "unittest", "-q"])
        .current_dir(dir)
        .output()
        .expect("python3 must be installed to run the cross-check");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
