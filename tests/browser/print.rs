//! Printing: a commitment page and a plan page, printed to PDF by Chromium through WebDriver's
//! Print command with background graphics off (as a print dialog starts), keep what paper needs
//! (the heading, every progress figure, the bars in their fill colour, folded sections open)
//! and leave out what only works on a screen (the site's navigation and footer, the invitation
//! to follow a commitment).
//!
//! The PDF is read back with poppler's `pdftotext` and rendered at 50 dpi with `pdftoppm`
//! (Debian's `poppler-utils`, installed by the harness when missing), whose pixels near the
//! bars' colour are counted against a second printout with the bars' colour dropped. The files
//! stay in the build's scratch folder (`target/tmp/print/`) to look at.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use fantoccini::wd::PrintConfiguration;
use serde_json::Value;

use crate::driver::{Browser, apt_install};
use crate::server::ServedApp;

const COMMITMENT: &str = "/plans/ecuador-2019-2022/commitments/1";
const PLAN: &str = "/plans/ecuador-2019-2022";

/// Pixels the bars' colour must add to a printout at 50 dpi: about one bar at three quarters
/// (a 95 % bar across an A4 page, .8rem high, is some 1 300 pixels; each page prints many).
const LEAST_BAR_PIXELS: usize = 1_000;

/// How far (per channel) a rendered pixel may be from the fill colour and still count.
const TOLERANCE: u8 = 24;

/// pdftotext and pdftoppm, installed with Debian's poppler-utils when missing.
fn ensure_poppler() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let present = || {
            ["pdftotext", "pdftoppm"].iter().all(|tool| {
                Command::new(tool)
                    .arg("-v")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
        };
        if !present() {
            apt_install("poppler-utils");
        }
        assert!(
            present(),
            "print tests need poppler: apt-get install poppler-utils"
        );
    });
}

/// The progress bars' fill colour as `static/style.css` sets it on `.progress-fill`, with a
/// `var(--name)` looked up among the custom properties.
fn bar_fill_colour() -> [u8; 3] {
    let css = include_str!("../../static/style.css");
    let rule = css
        .split(".progress-fill {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("a .progress-fill rule");
    let background = rule
        .split(';')
        .find_map(|d| d.trim().strip_prefix("background:"))
        .expect("the fill's background")
        .trim();
    let value = match background
        .strip_prefix("var(")
        .and_then(|v| v.strip_suffix(')'))
    {
        Some(name) => css
            .split(&format!("{name}:"))
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .unwrap_or_else(|| panic!("{name} is defined"))
            .trim(),
        None => background,
    };
    let hex = value
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .unwrap_or_else(|| panic!("the fill is a #rrggbb colour: {value}"));
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex");
    [channel(0), channel(2), channel(4)]
}

fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// What the page shows on screen that the printout is checked against.
struct OnScreen {
    heading: String,
    /// Every progress figure, of the bars and the plan's headline ("45 %").
    figures: Vec<String>,
    /// What only works on a screen: the header's and footer's texts that the page's own
    /// content does not repeat, and the invitation to sign in and follow a commitment.
    screen_only: Vec<String>,
    /// The text of a section folded on screen (a closed `<details>`), if the page has one.
    folded: Option<String>,
}

async fn on_screen(browser: &Browser) -> OnScreen {
    let read = browser
        .client
        .execute(
            "const texts = s => [...document.querySelectorAll(s)].map(e => e.innerText.trim());
             const main = document.querySelector('main').innerText;
             const chrome = texts('.site-header a, .skip-link, .site-footer p')
               .filter(t => t && !main.includes(t));
             const actions = texts('main .follow').filter(t => t);
             const closed = [...document.querySelectorAll('main details:not([open])')]
               .map(d => [...d.children].filter(c => c.tagName !== 'SUMMARY')
                 .map(c => c.textContent).join(' ').replace(/\\s+/g, ' ').trim())
               .find(t => t.length > 20);
             return { heading: document.querySelector('h1').innerText.trim(),
                      figures: texts('main .progress-value, main .headline-value'),
                      screenOnly: chrome.concat(actions), folded: closed || null };",
            vec![],
        )
        .await
        .expect("read the page");
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|t| t.as_str().unwrap_or_default().to_owned())
            .collect()
    };
    OnScreen {
        heading: read["heading"].as_str().unwrap_or_default().to_owned(),
        figures: list(&read["figures"]),
        screen_only: list(&read["screenOnly"]),
        folded: read["folded"].as_str().map(str::to_owned),
    }
}

/// The page printed to a PDF file, as WebDriver's Print gives it (A4, backgrounds off).
async fn print_to_pdf(browser: &Browser, name: &str) -> PathBuf {
    let pdf = browser
        .client
        .print(PrintConfiguration::default())
        .await
        .expect("WebDriver's Print");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let path = scratch().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("save the PDF");
    path
}

/// The PDF's text, with the words a line break split (`transpa-` `rencia`) joined and every run
/// of white space one space.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    let text = String::from_utf8_lossy(&output.stdout).replace("-\n", "");
    one_line(&text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many pixels of the PDF's pages, rendered at 50 dpi, are within `TOLERANCE` of `colour`.
/// The pages come as PPM (`pdftoppm`'s own format: a short header, then raw RGB), which needs
/// no image decoder.
fn pixels_near(pdf: &Path, colour: [u8; 3]) -> usize {
    let stem = pdf
        .file_stem()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_owned();
    let page_of_this_pdf = |p: &Path| {
        p.extension().is_some_and(|e| e == "ppm")
            && p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix(stem.as_str()))
                .and_then(|s| s.strip_prefix('-'))
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    };
    let pages = || -> Vec<PathBuf> {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(scratch())
            .expect("scratch folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| page_of_this_pdf(p))
            .collect();
        pages.sort();
        pages
    };
    for old in pages() {
        std::fs::remove_file(old).expect("remove an earlier rendering");
    }
    let rendered = Command::new("pdftoppm")
        .args(["-r", "50"])
        .arg(pdf)
        .arg(scratch().join(&stem))
        .status()
        .is_ok_and(|s| s.success());
    assert!(rendered, "pdftoppm {}", pdf.display());
    let pages = pages();
    assert!(!pages.is_empty(), "pdftoppm wrote no page of {stem}");
    pages
        .iter()
        .map(|page| {
            let ppm = std::fs::read(page).expect("read a page");
            ppm_pixels(&ppm)
                .chunks_exact(3)
                .filter(|px| (0..3).all(|i| px[i].abs_diff(colour[i]) <= TOLERANCE))
                .count()
        })
        .sum()
}

/// The RGB bytes of a binary PPM (`P6`, 8 bits a channel, as pdftoppm writes it).
fn ppm_pixels(ppm: &[u8]) -> &[u8] {
    // Four fields separated by single white space: magic, width, height, maximum value.
    let mut fields = Vec::new();
    let mut start = 0;
    for (i, byte) in ppm.iter().enumerate() {
        if byte.is_ascii_whitespace() {
            fields.push(std::str::from_utf8(&ppm[start..i]).expect("an ASCII header"));
            start = i + 1;
            if fields.len() == 4 {
                break;
            }
        }
    }
    let number = |i: usize| -> usize { fields[i].parse().expect("a number in the header") };
    assert_eq!(fields.first(), Some(&"P6"), "a binary PPM");
    assert_eq!(number(3), 255, "8 bits a channel");
    let pixels = &ppm[start..];
    assert_eq!(pixels.len(), number(1) * number(2) * 3, "the whole image");
    pixels
}

/// Prints the page at `path` and checks the printout's text against what the screen shows;
/// returns the PDF.
async fn print_and_read(browser: &Browser, served: &ServedApp, path: &str, name: &str) -> PathBuf {
    browser.goto(&served.url(path)).await;
    let screen = on_screen(browser).await;
    assert!(!screen.figures.is_empty(), "{path} shows progress figures");
    assert!(
        screen.screen_only.len() >= 3,
        "the header and footer have texts of their own: {:?}",
        screen.screen_only
    );
    let pdf = print_to_pdf(browser, name).await;
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&one_line(&screen.heading)),
        "{path}: the heading '{}' is printed: {text}",
        screen.heading
    );
    for figure in &screen.figures {
        assert!(
            text.contains(&one_line(figure)),
            "{path}: the figure '{figure}' is printed: {text}"
        );
    }
    for screen_only in &screen.screen_only {
        assert!(
            !text.contains(&one_line(screen_only)),
            "{path}: '{screen_only}' is printed, though it only works on a screen: {text}"
        );
    }
    let folded = screen
        .folded
        .unwrap_or_else(|| panic!("{path} folds a section on screen"));
    let start: String = folded.chars().take(40).collect();
    assert!(
        text.contains(start.trim()),
        "{path}: a section folded on screen is printed open ('{start}…'): {text}"
    );
    pdf
}

/// The pixels the bars' colour adds to the printout of the page on screen: the same page is
/// printed again with the bars left to the browser's print economy (what a stylesheet without
/// `print-color-adjust: exact` gives), and the two renderings compared. Charts, timelines and
/// text in a near colour count alike in both.
async fn bar_pixels(browser: &Browser, printed: &Path) -> usize {
    let colour = bar_fill_colour();
    let with_bars = pixels_near(printed, colour);
    browser
        .client
        .execute(
            "for (const e of document.querySelectorAll('.progress-track, .progress-fill'))
               e.style.setProperty('print-color-adjust', 'economy', 'important');",
            vec![],
        )
        .await
        .expect("leave the bars' colour to the browser");
    let name = printed
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a name");
    let without = pixels_near(
        &print_to_pdf(browser, &format!("{name}-economy")).await,
        colour,
    );
    with_bars.saturating_sub(without)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printed_pages_keep_heading_figures_and_coloured_bars_without_the_sites_chrome() {
    ensure_poppler();
    let served = ServedApp::demo().await;
    let browser = Browser::start().await;
    browser
        .journey("print-commitment-and-plan", async |browser| {
            for (path, name) in [(COMMITMENT, "commitment"), (PLAN, "plan")] {
                let pdf = print_and_read(browser, &served, path, name).await;
                let pixels = bar_pixels(browser, &pdf).await;
                assert!(
                    pixels >= LEAST_BAR_PIXELS,
                    "{path}: the bars are printed in their colour ({pixels} pixels of it)"
                );
            }
        })
        .await;
}

#[test]
fn the_bars_fill_colour_is_read_from_the_stylesheet() {
    // `.progress-fill { background: var(--brand) }` and `--brand: #0b5c4a`.
    assert_eq!(bar_fill_colour(), [0x0b, 0x5c, 0x4a]);
}
