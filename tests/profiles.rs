//! Profile detection on the real documents of `../shared/realworld/` and on the seeds:
//! the kind of each, established by reading them (the README of the folder names them).

use policylint::document::profile::{self, Profile};

fn verdict(path: &str) -> Option<Profile> {
    let bytes = std::fs::read(path).ok()?;
    let doc = policylint::document::load::load(path, &bytes, None).ok()?;
    Some(profile::of(&doc).profile)
}

#[test]
fn seeds_are_recognised() {
    let expected = [
        ("000_36c74a95654013fe.txt", Profile::Communication),
        ("001_9c6f262ed3157b37.txt", Profile::Communication),
        ("002_4cd158ec9b524649.txt", Profile::CouncilConclusions),
        ("003_92cce1b2e57afc3b.txt", Profile::CouncilConclusions),
        ("004_ec9ddc5444050131.txt", Profile::PressRelease),
    ];
    for (name, want) in expected {
        let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(verdict(&path), Some(want), "{name}");
    }
}

#[test]
fn real_documents_are_recognised() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/txt");
    if !std::path::Path::new(dir).is_dir() {
        eprintln!("skipped: {dir} is absent (the shared real-world documents)");
        return;
    }
    // The EUSPA report carries no signal strong enough to call it a communication;
    // generic is the honest answer (it is linted as before).
    let expected = [
        (
            "01_council_conclusions_copernicus_2035",
            Profile::CouncilConclusions,
        ),
        (
            "02_com2023_416_soil_monitoring_law",
            Profile::LegislativeProposal,
        ),
        ("03_com2023_335_step", Profile::LegislativeProposal),
        ("04_com2021_559_afir_nl", Profile::LegislativeProposal),
        ("05_bnc_fiche_instant_payments_nl", Profile::NationalLetter),
        (
            "06_kamerbrief_emissie_luchtvaart_nl",
            Profile::NationalLetter,
        ),
        ("07_kamerbrief_water_bodem_nl", Profile::NationalLetter),
        (
            "08_internationale_klimaatstrategie_nl",
            Profile::NationalLetter,
        ),
        ("09_euspa_space_green_transformation", Profile::Generic),
        ("10_regulation_2022_2065_dsa", Profile::LegalAct),
    ];
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((_, want)) = expected
            .iter()
            .find(|(stem, _)| name.starts_with(&stem[..3]) && name.contains(&stem[3..12]))
        else {
            continue;
        };
        let got = verdict(&entry.path().to_string_lossy());
        if got != Some(*want) {
            wrong.push(format!("{name}: {got:?}, expected {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
