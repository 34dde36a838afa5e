//! Where a page of a long list sits: "Planes 21–40 de 206" and the links to the pages
//! around it. `/plans`, `/search` and the administrator's lists share it, with
//! `components/pager.html`.
use crate::i18n::Tr;

/// A page of a list as it was read: which page, how many rows a page holds, how many it
/// shows, how many match in all, and the last page anyone may ask for.
#[derive(Clone, Copy, Debug)]
pub struct PageOf {
    pub page: u32,
    pub per_page: u32,
    pub shown: usize,
    pub total: i64,
    pub last_page: u32,
}

impl PageOf {
    /// The rows this page starts after.
    pub fn offset(page: u32, per_page: u32) -> i64 {
        i64::from(page.saturating_sub(1)) * i64::from(per_page)
    }
}

/// The "first–last of total" line (empty on an empty page) and the previous/next links.
#[derive(Clone, Debug, Default)]
pub struct Pager {
    pub showing: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `key` is the message of the line, with `$first`, `$last` and `$total`; `link` the
    /// address of a page of the same list (its filters kept).
    pub fn new(tr: &Tr, key: &str, at: PageOf, link: impl Fn(u32) -> String) -> Self {
        let (first, last) = range(at);
        let showing = if at.shown == 0 {
            String::new()
        } else {
            tr.t3(
                key,
                ("first", &first.to_string()),
                ("last", &last.to_string()),
                ("total", &at.total.to_string()),
            )
        };
        Self {
            showing,
            previous: (at.page > 1 && at.shown > 0).then(|| link(at.page - 1)),
            next: (last < at.total && at.page < at.last_page).then(|| link(at.page + 1)),
        }
    }

    pub fn has_links(&self) -> bool {
        self.previous.is_some() || self.next.is_some()
    }
}

/// The positions (from 1) of the first and last rows shown.
fn range(at: PageOf) -> (i64, i64) {
    let first = PageOf::offset(at.page, at.per_page) + 1;
    let shown = i64::try_from(at.shown).unwrap_or(i64::MAX);
    (first, first + shown - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(page: u32, shown: usize, total: i64) -> PageOf {
        PageOf {
            page,
            per_page: 20,
            shown,
            total,
            last_page: 50,
        }
    }

    #[test]
    fn the_rows_shown_are_counted_from_the_page_and_what_it_holds() {
        assert_eq!(range(at(1, 20, 57)), (1, 20));
        assert_eq!(range(at(3, 17, 57)), (41, 57));
        assert_eq!(PageOf::offset(1, 20), 0);
        assert_eq!(PageOf::offset(3, 20), 40);
    }

    #[test]
    fn links_go_only_where_there_are_rows() {
        let tr = Tr::new(crate::i18n::Locale::Es);
        let link = |p: u32| format!("/x?page={p}");
        let first = Pager::new(&tr, "plans-showing", at(1, 20, 57), link);
        assert_eq!(first.showing, "Planes 1–20 de 57");
        assert_eq!(
            (first.previous, first.next.as_deref()),
            (None, Some("/x?page=2"))
        );
        let last = Pager::new(&tr, "plans-showing", at(3, 17, 57), link);
        assert_eq!(last.previous.as_deref(), Some("/x?page=2"));
        assert_eq!(last.next, None);
        let beyond = Pager::new(&tr, "plans-showing", at(9, 0, 0), link);
        assert!(beyond.showing.is_empty() && !beyond.has_links());
        let capped = Pager::new(&tr, "plans-showing", at(50, 20, 5000), link);
        assert_eq!(
            capped.next, None,
            "no link past the last page anyone may ask for"
        );
    }
}
