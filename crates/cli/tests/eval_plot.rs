//! `embargo eval --plot DIR` on the real data (`#[ignore = "real data"]`: the shared data folder,
//! `$EMBARGO_SHARED_DATA` or `../shared/data` beside the workspace, must exist when run): one
//! SVG chart per set and an index.html that shows them all.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_data() -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/data"));
    assert!(
        root.join("eval").is_dir(),
        "real data not found at {} (set EMBARGO_SHARED_DATA)",
        root.display()
    );
    root
}

/// Every set `embargo eval` runs by default, as its chart is named.
const SETS: [&str; 21] = [
    "pairs",
    "translit-korean_full",
    "translit-words_korean",
    "translit-words_arabic",
    "translit-words_russian",
    "translit-words_chinese",
    "translit-words_katakana",
    "translit-words_hebrew",
    "un-untreated-qualified",
    "un-untreated-name_only",
    "un-treated-qualified",
    "un-treated-name_only",
    "negatives-global-un-qualified",
    "negatives-global-un-name_only",
    "negatives-global-ofac-qualified",
    "negatives-global-ofac-name_only",
    "negatives-us-un-qualified",
    "negatives-us-un-name_only",
    "negatives-us-ofac-qualified",
    "negatives-us-ofac-name_only",
    "control-un",
];

#[test]
#[ignore = "real data"]
fn eval_plot_writes_one_chart_per_set_and_an_index() {
    let data = shared_data();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("eval-plot-real-data");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["eval", "--show", "0", "--data"])
        .arg(&data)
        .arg("--plot")
        .arg(&dir)
        .output()
        .expect("the embargo binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "eval failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{} charts: ", SETS.len())),
        "{stdout}"
    );

    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut expected: Vec<String> = SETS.iter().map(|s| format!("{s}.svg")).collect();
    expected.push("index.html".into());
    expected.sort();
    assert_eq!(files, expected);

    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert_eq!(index.matches("<figure").count(), SETS.len());
    for set in SETS {
        let svg = std::fs::read_to_string(dir.join(format!("{set}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"),
            "{set}"
        );
        // Every chart has its threshold line and legend; pair sets their curve as well.
        assert!(svg.contains("threshold 0.70"), "{set}: no threshold");
        assert_eq!(
            svg.contains("precision–recall"),
            set == "pairs" || set.starts_with("translit-"),
            "{set}"
        );
        assert!(
            index.contains(&format!("<img src=\"{set}.svg\"")),
            "{set} not in the index"
        );
    }
    // Captions carry the figures the run printed.
    let pairs_line = stdout
        .lines()
        .find(|l| l.starts_with("name pairs ("))
        .expect("the name pairs line");
    let f1 = pairs_line
        .split("F1 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .expect("an F1 figure");
    assert!(
        index.contains(&format!("F1 {f1} (")),
        "F1 {f1} not in a caption"
    );
}
