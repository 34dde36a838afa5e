//! axe-core, the npm package, injected into pages to check WCAG 2.2 A and AA rules.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::driver::Browser;

const AXE_VERSION: &str = "4.14.1";

/// The source of axe.min.js, installed with npm into the build's scratch folder when missing.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("axe-{AXE_VERSION}"));
        let script: PathBuf = prefix.join("node_modules/axe-core/axe.min.js");
        if !script.exists() {
            let installed = Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(&prefix)
                .arg(format!("axe-core@{AXE_VERSION}"))
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                installed,
                "accessibility tests need axe-core: npm install axe-core@{AXE_VERSION}"
            );
        }
        std::fs::read_to_string(&script).expect("read axe.min.js")
    })
}

/// One rule broken on a page, with the elements that break it.
#[derive(Debug)]
pub struct Violation {
    pub rule: String,
    pub impact: String,
    pub help: String,
    pub targets: Vec<String>,
}

/// The rule sets checked: WCAG 2.0, 2.1 and 2.2, levels A and AA.
pub const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// Runs axe-core on the current page with the WCAG 2.0/2.1/2.2 A and AA rule sets.
pub async fn violations(browser: &Browser) -> Vec<Violation> {
    browser
        .client
        .execute(axe_source(), vec![])
        .await
        .expect("inject axe-core");
    let result = browser
        .client
        .execute_async(
            "const [tags, done] = arguments;
             axe.run(document, { runOnly: { type: 'tag', values: tags },
                                  resultTypes: ['violations'] })
                .then(r => done(r.violations), e => done({ error: String(e) }));",
            vec![serde_json::json!(TAGS)],
        )
        .await
        .expect("run axe-core");
    if let Some(error) = result.get("error") {
        panic!("axe-core failed: {error}");
    }
    result
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|v| Violation {
            rule: text(&v, "id"),
            impact: text(&v, "impact"),
            help: text(&v, "help"),
            targets: v["nodes"]
                .as_array()
                .map(|nodes| nodes.iter().map(|n| n["target"].to_string()).collect())
                .unwrap_or_default(),
        })
        .collect()
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
