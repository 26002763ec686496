//! Git as users have it: okr on repositories as people set them up (line
//! endings, `GIT_DIR` and its kin, failed commits, index formats the git
//! library cannot read) and on files as their tools leave them. Every
//! repository is set up with the system `git`, as a user would.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Okr, Run};

const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";

// --- the model cache --------------------------------------------------------------

fn set_mtime(path: &Path, when: std::time::SystemTime) {
    fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

fn platform_score(run: &Run) -> f64 {
    run.code(0).json()["objectives"][0]["score"]
        .as_f64()
        .unwrap_or_else(|| panic!("no score\n{run:?}"))
}

#[test]
fn the_model_cache_sees_an_edit_that_kept_size_modification_time_and_inode() {
    let okr = Okr::new()
        .examples()
        .git_init()
        .args(["status", "--team", "platform", "--format", "json"]);
    let root: PathBuf = okr.root();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    common::age(&root.join("okrs"), std::time::Duration::from_secs(3600));
    set_mtime(&root.join("okr.yaml"), hour_ago);

    // (520 - 800) / (300 - 800) = 0.56; (0.56 + 0.6) / 2 = 0.58.
    assert!((platform_score(&okr.run()) - 0.58).abs() < 0.005);
    assert!(
        root.join(".git/okr/model-cache.json").is_file(),
        "no model cache written"
    );

    // An edit in place (same inode, same size), then the old modification
    // time put back, as `touch -d` or a tool that keeps times does.
    let file = root.join(PLATFORM);
    let meta = fs::metadata(&file).unwrap();
    let text = fs::read_to_string(&file)
        .unwrap()
        .replacen("current: 520", "current: 420", 1);
    fs::write(&file, text).unwrap();
    set_mtime(&file, meta.modified().unwrap());
    let edited = fs::metadata(&file).unwrap();
    assert_eq!(edited.len(), meta.len());
    assert_eq!(edited.modified().unwrap(), meta.modified().unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(edited.ino(), meta.ino());
    }

    // Today status shows 0.58 from the cache while check reads 420.
    // (420 - 800) / (300 - 800) = 0.76; (0.76 + 0.6) / 2 = 0.68.
    let score = platform_score(&okr.run());
    assert!((score - 0.68).abs() < 0.005, "status shows {score}");
}
