//! Server-rendered SVG charts: no script, readable by screen readers (title and desc), and
//! always shown beside a table with the same figures. Every text is escaped here, since the
//! template includes the SVG as markup.

use std::fmt::Write;

/// One bar: its label, its value, and the class that colours it (see the stylesheet).
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub class: &'static str,
}

const WIDTH: u32 = 480;
const LABEL_WIDTH: u32 = 200;
const BAR_HEIGHT: u32 = 22;
const GAP: u32 = 8;
const VALUE_WIDTH: u32 = 40;

/// Text made safe for SVG (XML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Labels longer than this are cut (the full text is in the bar's tooltip and the table).
const MAX_LABEL_CHARS: usize = 30;

fn short(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// A horizontal bar chart; `id` must be unique in the page (it names the title and desc).
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX).max(1);
    let height = rows * (BAR_HEIGHT + GAP) + GAP;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let id = escape(id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = GAP + u32::try_from(i).unwrap_or(0) * (BAR_HEIGHT + GAP);
        let length = bar.value * room / max;
        let text_y = y + BAR_HEIGHT / 2 + 5;
        let label = escape(&bar.label);
        let _ = write!(
            svg,
            r#"<g><title>{label}: {value}</title><text x="{lx}" y="{text_y}" text-anchor="end" class="chart-label">{short}</text><rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" class="chart-bar {class}"/><text x="{vx}" y="{text_y}" class="chart-value">{value}</text></g>"#,
            value = bar.value,
            lx = LABEL_WIDTH - 6,
            short = escape(&short(&bar.label)),
            class = escape(bar.class),
            vx = LABEL_WIDTH + length + 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: u32) -> Bar {
        Bar {
            label: label.into(),
            value,
            class: "health-on-track",
        }
    }

    #[test]
    fn the_chart_is_named_and_described_for_screen_readers() {
        let svg = bar_chart(
            "health",
            "Compromisos por salud",
            "Cuántos hay",
            &[bar("A", 1)],
        );
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="health-title health-desc""#));
        assert!(svg.contains(r#"<title id="health-title">Compromisos por salud</title>"#));
        assert!(svg.contains(r#"<desc id="health-desc">Cuántos hay</desc>"#));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn every_text_is_escaped() {
        let svg = bar_chart(
            "x\"",
            "<script>",
            "a & b",
            &[bar("<img src=x onerror=alert(1)>", 3)],
        );
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("a &amp; b"));
        assert!(svg.contains("x&quot;-title"));
    }

    #[test]
    fn bars_are_proportional_to_the_largest_value() {
        let svg = bar_chart("c", "t", "d", &[bar("A", 4), bar("B", 2), bar("C", 0)]);
        let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!(svg.contains(&format!(r#"width="{room}""#)));
        assert!(svg.contains(&format!(r#"width="{}""#, room / 2)));
        assert!(svg.contains(r#"width="0""#));
    }

    #[test]
    fn an_empty_chart_is_still_valid() {
        let svg = bar_chart("e", "t", "d", &[]);
        assert!(svg.contains("viewBox=\"0 0 480 38\""), "{svg}");
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_but_whole_in_the_tooltip() {
        let long = "Superintendencia de Control del Poder de Mercado";
        let svg = bar_chart("l", "t", "d", &[bar(long, 1)]);
        assert!(svg.contains(&format!("<title>{long}: 1</title>")));
        assert!(svg.contains("Superintendencia de Control d…"));
    }
}
