//! Breadcrumbs: where a page sits. Every page but the home page has a trail that starts at
//! the home page, links each level above the page once, in order, and ends with the page
//! itself, named but not linked. The base template draws it; a page only says its levels.

use crate::i18n::Tr;

/// The levels above a page (label, address), home first, and the page's own name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    above: Vec<(String, String)>,
    here: String,
}

impl Trail {
    /// The home page's trail: none.
    pub fn none() -> Self {
        Self::default()
    }

    /// A trail that starts at the home page.
    pub fn home(tr: &Tr) -> Self {
        Self {
            above: vec![(tr.t("home-title"), "/".to_owned())],
            here: String::new(),
        }
    }

    /// Adds a level above the page.
    pub fn up(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.above.push((label.into(), href.into()));
        self
    }

    /// Names the page itself, the last step.
    pub fn here(mut self, label: impl Into<String>) -> Self {
        self.here = label.into();
        self
    }

    /// Home › Planes › the plan: the levels above any public page of a plan.
    pub fn plan(tr: &Tr, title: &str, slug: &str) -> Self {
        Self::home(tr)
            .up(tr.t("nav-plans"), "/plans")
            .up(title, format!("/plans/{slug}"))
    }

    /// Home › Co-creación › the plan: the levels above the forum's pages of a plan.
    pub fn cocreation(tr: &Tr, title: &str, slug: &str) -> Self {
        Self::home(tr)
            .up(tr.t("cocreation-title"), "/co-creation")
            .up(title, format!("/co-creation/plans/{slug}"))
    }

    /// Home › an area's first page (`/monitoring`, `/implementation`, `/account`…).
    pub fn area(tr: &Tr, key: &str, href: &str) -> Self {
        Self::home(tr).up(tr.t(key), href)
    }

    pub fn is_empty(&self) -> bool {
        self.above.is_empty()
    }

    /// The levels above the page, as (label, address).
    pub fn above(&self) -> &[(String, String)] {
        &self.above
    }

    /// The page's own name.
    pub fn current(&self) -> &str {
        &self.here
    }

    /// The same trail one level deeper: the page becomes a link to `href`, and `label` the
    /// page (a confirmation step, say, below the page that asks for it).
    pub fn below(mut self, href: impl Into<String>, label: impl Into<String>) -> Self {
        let here = std::mem::take(&mut self.here);
        self.up(here, href).here(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn a_plan_page_trail_links_home_and_the_plans_and_names_the_page() {
        let tr = Tr::new(Locale::Es);
        let trail = Trail::plan(&tr, "Segundo Plan", "ecuador-2022-2024").here("Foro");
        let hrefs: Vec<&str> = trail.above().iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(hrefs, ["/", "/plans", "/plans/ecuador-2022-2024"]);
        assert_eq!(trail.above()[0].0, "Inicio");
        assert_eq!(trail.current(), "Foro");
    }

    #[test]
    fn the_home_page_has_no_trail_and_every_other_starts_at_home() {
        let tr = Tr::new(Locale::En);
        assert!(Trail::none().is_empty());
        let trail = Trail::home(&tr).here("Search");
        assert!(!trail.is_empty());
        assert_eq!(trail.above(), [("Home".to_owned(), "/".to_owned())]);
    }

    #[test]
    fn a_step_below_turns_the_page_into_a_link() {
        let tr = Tr::new(Locale::Es);
        let trail = Trail::area(&tr, "cocreation-title", "/co-creation")
            .here("Plan 2026")
            .below("/co-creation/plans/plan-2026", "Confirmar");
        assert_eq!(
            trail.above().last(),
            Some(&(
                "Plan 2026".to_owned(),
                "/co-creation/plans/plan-2026".to_owned()
            ))
        );
        assert_eq!(trail.current(), "Confirmar");
        let trail = Trail::area(&tr, "monitoring-nav", "/monitoring")
            .here("Informe")
            .below("/monitoring/plans/x/report", "Confirmar");
        assert_eq!(trail.above().len(), 3);
        assert_eq!(trail.above()[2].0, "Informe");
        assert_eq!(trail.current(), "Confirmar");
    }
}
