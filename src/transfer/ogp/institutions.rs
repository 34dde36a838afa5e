//! Institution lists as OGP's export writes them: one name, or several separated by `;`,
//! line breaks, bullets (`•`, `·`, `▪`, `◦`, and `-`, `*`, `–` at a line's start),
//! enumerations (`(a) … (b) …`, `a) … b) …`, `1. … 2. …`), or commas and inline dashes
//! when every piece reads as a name of its own.
//!
//! HTML entities are decoded first, so that `Côte d&#39;Ivoire` is not cut at its `;`.
//! A comma (or ` - `) splits only when each piece is an acronym or names a kind of body
//! ("Ministry", "Fundación", "Office"…): "Ministry of Finance, Planning and Trade" stays
//! whole, "Department of Treasury, Auditor General's Office" becomes two.

use crate::domain::Sector;

/// The bullets that separate names wherever they stand.
const BULLETS: [char; 9] = ['•', '·', '▪', '◦', '●', '■', '►', '\u{f06c}', '\u{f0b7}'];
/// The bullets that separate names only at the start of a line.
const LINE_BULLETS: [char; 5] = ['-', '*', '–', '—', '‣'];

/// The placeholders that name no institution.
pub fn is_placeholder(name: &str) -> bool {
    let lower = name.trim().trim_end_matches('.').to_lowercase();
    matches!(
        lower.as_str(),
        "unclear"
            | "n/a"
            | "na"
            | "n.a"
            | "none"
            | "tbd"
            | "to be determined"
            | "-"
            | "–"
            | "not applicable"
            | "not specified"
            | "no aplica"
            | "ninguno"
            | "ninguna"
    )
}

/// `&amp;`, `&quot;`, `&#39;`, `&#x27;`, `&nbsp;` and the accented letters' names.
pub fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| (&rest[1..=end], end + 2));
        match entity.and_then(|(name, len)| entity_char(name).map(|c| (c, len))) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    let c = match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" | "lsquo" => '’',
        "ldquo" | "rdquo" => '"',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "Iacute" => 'Í',
        "Oacute" => 'Ó',
        "Uacute" => 'Ú',
        "Ntilde" => 'Ñ',
        "ccedil" => 'ç',
        "ocirc" => 'ô',
        "egrave" => 'è',
        "agrave" => 'à',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "uuml" => 'ü',
        _ => return None,
    };
    Some(c)
}

/// The names of a cell, in order, cleaned; placeholders are kept for the caller to report.
pub fn split_names(raw: &str) -> Vec<String> {
    let decoded = decode_entities(raw)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let mut names: Vec<String> = Vec::new();
    for line in decoded.split(|c| c == ';' || c == '\n' || BULLETS.contains(&c)) {
        let line = line.trim().trim_start_matches(LINE_BULLETS).trim();
        for enumerated in split_enumeration(line) {
            for piece in split_if_all_names(&enumerated) {
                let name = clean(&piece);
                if name.is_empty() {
                    continue;
                }
                // "(UAIP)" on a line of its own is the previous name's acronym.
                if let Some(last) = names.last_mut()
                    && name.starts_with('(')
                    && name.ends_with(')')
                    && name.chars().count() <= 14
                {
                    last.push(' ');
                    last.push_str(&name);
                    continue;
                }
                names.push(name);
            }
        }
    }
    names
}

/// Spaces collapsed; a trailing comma, colon or full stop (but not an abbreviation's) dropped.
fn clean(piece: &str) -> String {
    let collapsed = piece.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut name = collapsed.trim_end_matches([',', ';', ':']).trim_end();
    if let Some(without) = name.strip_suffix('.') {
        let last_word = without.rsplit(' ').next().unwrap_or_default();
        let abbreviation = last_word.chars().count() <= 3 || last_word.contains('.');
        if !abbreviation {
            name = without;
        }
    }
    name.trim().to_owned()
}

/// Markers `(a)`, `a)`, `1.`, `1)` in sequence from the first (at least two of them): the text
/// before each is one name.
fn split_enumeration(text: &str) -> Vec<String> {
    for style in [Marker::Paren, Marker::Closing, Marker::Dot] {
        for alphabetic in [true, false] {
            let positions = markers(text, style, alphabetic);
            if positions.len() >= 2 {
                let mut pieces = Vec::new();
                let head = text[..positions[0].0].trim();
                if !head.is_empty() {
                    pieces.push(head.to_owned());
                }
                for (i, &(_, body)) in positions.iter().enumerate() {
                    let end = positions.get(i + 1).map_or(text.len(), |p| p.0);
                    pieces.push(text[body..end].trim().to_owned());
                }
                return pieces;
            }
        }
    }
    vec![text.to_owned()]
}

#[derive(Clone, Copy)]
enum Marker {
    /// `(a)`
    Paren,
    /// `a)`
    Closing,
    /// `1.`
    Dot,
}

/// Where each marker of the sequence starts and where its text begins.
fn markers(text: &str, style: Marker, alphabetic: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    for n in 0..26u8 {
        let label = if alphabetic {
            char::from(b'a' + n).to_string()
        } else {
            (n + 1).to_string()
        };
        let marker = match style {
            Marker::Paren => format!("({label})"),
            Marker::Closing => format!("{label})"),
            Marker::Dot if alphabetic => return Vec::new(),
            Marker::Dot => format!("{label}."),
        };
        let hit = text[from..]
            .match_indices(&marker)
            .map(|(i, _)| from + i)
            .find(|&at| {
                let before = text[..at].chars().next_back();
                let after = text[at + marker.len()..].chars().next();
                let starts_word =
                    before.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ':'));
                let alone = matches!(style, Marker::Paren) || before != Some('(');
                starts_word && alone && after.is_none_or(char::is_whitespace)
            });
        match hit {
            Some(at) => {
                found.push((at, at + marker.len()));
                from = at + marker.len();
            }
            None => break,
        }
    }
    found
}

/// Commas and inline dashes at parenthesis depth 0, when every piece reads as a name.
fn split_if_all_names(text: &str) -> Vec<String> {
    for separator in [",", " - ", " – ", " — "] {
        let pieces = split_outside_parentheses(text, separator);
        if pieces.len() >= 2 && pieces.iter().all(|p| reads_as_a_name(p)) {
            return pieces
                .into_iter()
                .flat_map(|p| split_if_all_names(&p))
                .collect();
        }
    }
    vec![text.to_owned()]
}

fn split_outside_parentheses(text: &str, separator: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('(') {
            depth += 1;
        } else if rest.starts_with(')') {
            depth -= 1;
        } else if depth <= 0 && rest.starts_with(separator) {
            pieces.push(text[start..i].trim().to_owned());
            i += separator.len();
            start = i;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    pieces.push(text[start..].trim().to_owned());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Words that name a kind of public, civic, academic or international body.
const BODIES: &[&str] = &[
    "ministry",
    "ministerio",
    "ministère",
    "ministério",
    "ministre",
    "minister",
    "ministro",
    "department",
    "departamento",
    "département",
    "office",
    "oficina",
    "bureau",
    "agency",
    "agencia",
    "agence",
    "agência",
    "council",
    "consejo",
    "conseil",
    "conselho",
    "commission",
    "comisión",
    "comissão",
    "committee",
    "comité",
    "secretariat",
    "secretaría",
    "secretaria",
    "secrétariat",
    "directorate",
    "dirección",
    "direction",
    "direção",
    "authority",
    "autoridad",
    "autorité",
    "institute",
    "instituto",
    "institut",
    "university",
    "universidad",
    "université",
    "universidade",
    "foundation",
    "fundación",
    "fondation",
    "fundação",
    "association",
    "asociación",
    "associação",
    "ngo",
    "ong",
    "osc",
    "cso",
    "network",
    "red",
    "parliament",
    "parlamento",
    "parlement",
    "assembly",
    "asamblea",
    "assemblée",
    "congress",
    "congreso",
    "senate",
    "senado",
    "sénat",
    "chamber",
    "cámara",
    "court",
    "tribunal",
    "corte",
    "defensoría",
    "ombudsman",
    "contraloría",
    "procuraduría",
    "fiscalía",
    "auditor",
    "audit",
    "government",
    "gobierno",
    "gouvernement",
    "governo",
    "municipality",
    "municipalidad",
    "municipio",
    "alcaldía",
    "mairie",
    "prefeitura",
    "presidency",
    "presidencia",
    "unit",
    "unidad",
    "unité",
    "service",
    "servicio",
    "centre",
    "center",
    "centro",
    "bank",
    "banco",
    "banque",
    "programme",
    "program",
    "programa",
    "group",
    "grupo",
    "coalition",
    "coalición",
    "alliance",
    "alianza",
    "forum",
    "foro",
    "board",
    "junta",
    "police",
    "policía",
    "registry",
    "registro",
    "commissioner",
    "administration",
    "administración",
    "treasury",
    "tesorería",
    "superintendencia",
    "inspectorate",
    "cabinet",
    "gabinete",
    "tribunal",
    "corporation",
    "corporación",
    "observatory",
    "observatorio",
    "movement",
    "movimiento",
    "society",
    "sociedad",
    "school",
    "escuela",
    "école",
    "academy",
    "academia",
    "division",
    "división",
    "commune",
    "province",
    "provincia",
    "state",
    "estado",
    "region",
    "región",
    "city",
    "ciudad",
    "chancellery",
    "cancillería",
    "undp",
    "pnud",
    "usaid",
    "oecd",
    "ocde",
    "unicef",
    "unesco",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An acronym (`UAIP`, `AGESIC`), or a capitalised phrase that names a kind of body.
fn reads_as_a_name(piece: &str) -> bool {
    let piece = piece.trim();
    let Some(first) = piece.chars().next() else {
        return false;
    };
    let acronym = piece.chars().count() <= 12
        && piece.chars().any(char::is_uppercase)
        && piece
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '&' | '.'));
    acronym || (first.is_uppercase() && words(piece).iter().any(|w| BODIES.contains(&w.as_str())))
}

/// Phrases that tell a sector, checked in this order (lower case, whole words).
const SECTOR_WORDS: &[(Sector, &[&str])] = &[
    (
        Sector::Multilateral,
        &[
            "world bank",
            "banco mundial",
            "banque mondiale",
            "undp",
            "pnud",
            "usaid",
            "unicef",
            "unesco",
            "unodc",
            "oecd",
            "ocde",
            "united nations",
            "naciones unidas",
            "nations unies",
            "nações unidas",
            "european union",
            "unión europea",
            "union européenne",
            "inter american development bank",
            "banco interamericano de desarrollo",
            "idb",
            "bid",
            "imf",
            "fmi",
            "giz",
            "open government partnership",
            "parlamericas",
            "red latinoamericana",
            "partnership",
            "initiative",
        ],
    ),
    (
        Sector::Academia,
        &[
            "university",
            "universidad",
            "université",
            "universidade",
            "universitat",
            "academia",
            "academy",
            "school",
            "escuela",
            "école",
            "escola",
            "faculty",
            "facultad",
            "faculté",
            "college",
            "instituto de altos",
            "iaen",
            "polytechnic",
            "politécnica",
            "flacso",
        ],
    ),
    (
        Sector::CivilSociety,
        &[
            "ngo",
            "ngos",
            "ong",
            "ongs",
            "osc",
            "oscs",
            "cso",
            "csos",
            "civil society",
            "sociedad civil",
            "société civile",
            "sociedade civil",
            "foundation",
            "fundación",
            "fondation",
            "fundação",
            "association",
            "asociación",
            "associação",
            "asociacion",
            "coalition",
            "coalición",
            "network",
            "red",
            "corporación",
            "colectivo",
            "movimiento",
            "movement",
            "transparency international",
            "colegio",
            "cedenma",
            "datalat",
            "grupo faro",
        ],
    ),
    (
        Sector::PrivateSector,
        &[
            "chamber of commerce",
            "cámara de comercio",
            "chambre de commerce",
            "private sector",
            "sector privado",
            "secteur privé",
            "setor privado",
            "company",
            "empresa",
            "entreprise",
            "s a",
            "ltd",
            "inc",
            "llc",
        ],
    ),
    (
        Sector::Government,
        &[
            "ministry",
            "ministerio",
            "ministère",
            "ministério",
            "ministre",
            "minister",
            "department",
            "departamento",
            "département",
            "office",
            "oficina",
            "bureau",
            "agency",
            "agencia",
            "agence",
            "agência",
            "council",
            "consejo",
            "conseil",
            "conselho",
            "commission",
            "comisión",
            "comissão",
            "committee",
            "comité",
            "secretariat",
            "secretaría",
            "secretaria",
            "secrétariat",
            "directorate",
            "dirección",
            "direction",
            "direção",
            "authority",
            "autoridad",
            "autorité",
            "parliament",
            "parlamento",
            "parlement",
            "assembly",
            "asamblea",
            "assemblée",
            "congress",
            "congreso",
            "senate",
            "senado",
            "sénat",
            "chamber",
            "cámara",
            "court",
            "tribunal",
            "corte",
            "defensoría",
            "ombudsman",
            "contraloría",
            "procuraduría",
            "fiscalía",
            "auditor",
            "government",
            "gobierno",
            "gouvernement",
            "governo",
            "municipality",
            "municipalidad",
            "municipio",
            "alcaldía",
            "mairie",
            "prefeitura",
            "presidency",
            "presidencia",
            "présidence",
            "presidência",
            "president",
            "prime",
            "treasury",
            "tesorería",
            "hacienda",
            "police",
            "policía",
            "cabinet",
            "gabinete",
            "superintendencia",
            "registry",
            "registro",
            "state",
            "estado",
            "national",
            "nacional",
            "federal",
            "public",
            "pública",
            "público",
            "publique",
            "poder",
            "judiciary",
            "judicial",
            "legislative",
            "legislativa",
            "executive",
            "ejecutivo",
            "commissioner",
            "inspectorate",
            "unit",
            "unidad",
            "service",
            "servicio",
            "instituto",
            "institute",
            "institut",
        ],
    ),
];

/// The sector a name tells (and the phrase that told it), or `None`.
pub fn sector_of(name: &str) -> Option<(Sector, &'static str)> {
    let padded = format!(" {} ", words(name).join(" "));
    SECTOR_WORDS.iter().find_map(|(sector, phrases)| {
        phrases
            .iter()
            .find(|p| padded.contains(&format!(" {} ", words(p).join(" "))))
            .map(|p| (*sector, *p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &str) -> Vec<String> {
        split_names(raw)
    }

    #[test]
    fn entities_are_decoded_before_splitting_on_semicolons() {
        assert_eq!(
            names("Gouvernement de la Côte d&#39;Ivoire; Ministère de la Justice"),
            [
                "Gouvernement de la Côte d'Ivoire",
                "Ministère de la Justice"
            ]
        );
        assert_eq!(
            decode_entities("A &amp; B &quot;x&quot; &#x27;y&#39; &bogus; & c"),
            "A & B \"x\" 'y' &bogus; & c"
        );
    }

    #[test]
    fn semicolons_newlines_and_bullets_separate() {
        assert_eq!(
            names("Ministry of the Interior; Ministry for Decentralization"),
            ["Ministry of the Interior", "Ministry for Decentralization"]
        );
        assert_eq!(
            names("• Defensoría del Pueblo (DPE) • Asamblea Nacional"),
            ["Defensoría del Pueblo (DPE)", "Asamblea Nacional"]
        );
        assert_eq!(
            names("- Ministry of Health\n- Ministry of Education\n* Office of the President"),
            [
                "Ministry of Health",
                "Ministry of Education",
                "Office of the President"
            ]
        );
        assert_eq!(
            names("▪ Oficina A\n◦ Oficina B\n– Oficina C\n· Oficina D"),
            ["Oficina A", "Oficina B", "Oficina C", "Oficina D"]
        );
        assert_eq!(
            names("Unit for Access to Public Information\n(UAIP)."),
            ["Unit for Access to Public Information (UAIP)"]
        );
    }

    #[test]
    fn enumerations_separate() {
        assert_eq!(
            names("(a) Ministry of Finance (b) Central Bank (c) Tax Office"),
            ["Ministry of Finance", "Central Bank", "Tax Office"]
        );
        assert_eq!(
            names("a) Ministerio de Salud b) Ministerio de Educación"),
            ["Ministerio de Salud", "Ministerio de Educación"]
        );
        assert_eq!(
            names(
                "1. Head of Bureau for Sessions, 2. Acting Head Bureau for Media, 3. Head of Personnel"
            ),
            [
                "Head of Bureau for Sessions",
                "Acting Head Bureau for Media",
                "Head of Personnel"
            ]
        );
    }

    #[test]
    fn commas_separate_only_names() {
        assert_eq!(
            names("Department of Treasury, Auditor General's Office"),
            ["Department of Treasury", "Auditor General's Office"]
        );
        assert_eq!(
            names("Ministry of Trade, Industry and Tourism"),
            ["Ministry of Trade, Industry and Tourism"]
        );
        assert_eq!(
            names("GA Group, UAIP, AGESIC, the Academia (School of Law, School of Information)"),
            ["GA Group, UAIP, AGESIC, the Academia (School of Law, School of Information)"]
        );
        assert_eq!(
            names("Congreso de la República. Senado – Cámara de Representantes"),
            [
                "Congreso de la República. Senado",
                "Cámara de Representantes"
            ]
        );
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "Unclear", "N/A", "NA", "None", "TBD", "-", "n/a", "unclear.",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("National Archives"));
    }

    #[test]
    fn sectors_from_words_in_four_languages() {
        let sector = |n| sector_of(n).map(|s| s.0);
        assert_eq!(sector("Ministère de la Justice"), Some(Sector::Government));
        assert_eq!(sector("Ministério da Saúde"), Some(Sector::Government));
        assert_eq!(
            sector("Fundación Ciudadanía y Desarrollo"),
            Some(Sector::CivilSociety)
        );
        assert_eq!(sector("Association des Maires"), Some(Sector::CivilSociety));
        assert_eq!(sector("Local NGOs"), Some(Sector::CivilSociety));
        assert_eq!(sector("Université de Dakar"), Some(Sector::Academia));
        assert_eq!(sector("World Bank"), Some(Sector::Multilateral));
        assert_eq!(sector("UNDP"), Some(Sector::Multilateral));
        assert_eq!(sector("USAID"), Some(Sector::Multilateral));
        assert_eq!(sector("Asamblea Nacional"), Some(Sector::Government));
        assert_eq!(sector("Grupo Faro"), Some(Sector::CivilSociety));
        assert_eq!(sector("AGESIC"), None);
    }
}
