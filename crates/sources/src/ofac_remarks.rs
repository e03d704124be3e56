//! The OFAC remarks column, read into structured facts.
//!
//! OFAC's legacy files (CSV, fixed-field, delimited) have no columns for most of what identifies a
//! party: birth dates, passports, nationalities, IMO numbers, weak aliases and links to other
//! listed parties all live in one free-text column, as `;`-separated facts:
//!
//! ```text
//! DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; Gender Male; President of the Russian Federation.
//! ```
//!
//! [`parse`] splits that text and recognises each fact by its label. A fact no rule recognises is
//! returned in [`ParsedRemarks::unparsed`]; the reader keeps the whole remarks text on the entity
//! anyway, so nothing is lost. Bad values (a date that does not exist) become [`Problem`]s and the
//! fact is left unparsed.
//!
//! ```
//! use embargo_sources::ofac_remarks::{parse, Context, Fact};
//! let ctx = Context { location: "sdn.csv:1", title: None, truncated: false };
//! let r = parse("DOB 08 Jan 1984; a.k.a. 'BNC'; Linked To: MAHAN AIR.", &ctx);
//! assert_eq!(r.facts.len(), 3);
//! assert!(matches!(&r.facts[2], Fact::LinkedTo(n) if n == "MAHAN AIR"));
//! ```
//!
//! Rules worth knowing:
//! - Names quoted in the remarks (`a.k.a. 'BNC'`, and the rarer `f.k.a.`, `n.k.a.`, `d.b.a.`) are
//!   OFAC's *weak* aliases: OFAC FAQ 123 says the CSV formats put weak AKAs in the remarks,
//!   between quotation marks, and the strong ones in `alt.csv`. So every remarks name becomes a
//!   [`NameKind::WeakAlias`], a former name too: what matters for screening is that OFAC judged
//!   it too generic to alert on alone.
//! - `alt. ` before a fact (`alt. DOB …`, `alt. Passport …`) only says "another value"; it is read
//!   like the fact without it.
//! - An identifier's issuing country is the last parenthesised group that names a country
//!   (`Business Registration Number 0582030 (Connecticut) (United States)` → `us`, with
//!   "Connecticut" kept in the note); `issued`/`expires` dates go to the note, normalised.
//! - OFAC repeats the title column as the last remark: a fact equal to the title is a position.

use embargo_model::date::month_number;
use embargo_model::{
    CountryCode, DateOfBirth, Entity, Gender, Identifier, IdentifierKind, NameKind, PartialDate,
    Problem, Relation, Schema,
};
use std::sync::OnceLock;

/// One fact read from the remarks.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// `DOB 08 Jan 1984`, `DOB circa 1955`, `DOB 1958 to 1960`.
    BirthDate(DateOfBirth),
    /// `POB Leningrad, Russia`, as published.
    BirthPlace(String),
    /// `nationality Russia`.
    Nationality(CountryCode),
    /// `citizen Russia`.
    Citizenship(CountryCode),
    /// `Gender Male`.
    Gender(Gender),
    /// Passports, national ids, registration numbers, IMO, MMSI, wallets, e-mails, phones…
    Identifier(Identifier),
    /// `a.k.a. 'X'` and kin: a weak alias (see the module documentation).
    Name { value: String, kind: NameKind },
    /// `Linked To: NAME`: a party OFAC links this one to, by its primary name.
    LinkedTo(String),
    /// `Organization Established Date 1998`: FtM's incorporation date, which the model keeps with
    /// birth dates.
    Established(DateOfBirth),
    /// `Position: …`, `Occupation: …`, `Alternate Title: …`, or the title column repeated.
    Position(String),
    /// An honorific or rank standing alone as a fact (`Hojjatoleslam`, `Colonel`, `Doctor`).
    Title(String),
    /// A country the party is registered in (`Nationality of Registration Korea, North`).
    Country(CountryCode),
    /// A fact with an FtM property but no typed field: `website`, `sector`, `model`, `operator`,
    /// `buildDate`, `pastFlags`, `vesselType`, `classification`, `ethnicity`, `ticker`, `issuer`.
    Property { name: &'static str, value: String },
    /// Sanctions information (secondary sanctions risk, directives, listing dates): recognised,
    /// but it describes the sanction rather than the party, so it stays in the remarks text only.
    SanctionNote(String),
}

impl Fact {
    /// A short name for statistics: `birth_date`, `identifier:passport`, `property:website`…
    pub fn category(&self) -> String {
        match self {
            Fact::BirthDate(_) => "birth_date".into(),
            Fact::BirthPlace(_) => "birth_place".into(),
            Fact::Nationality(_) => "nationality".into(),
            Fact::Citizenship(_) => "citizenship".into(),
            Fact::Gender(_) => "gender".into(),
            Fact::Identifier(i) => format!("identifier:{}", i.kind.as_str()),
            Fact::Name { kind, .. } => format!("name:{}", kind.as_str()),
            Fact::LinkedTo(_) => "linked_to".into(),
            Fact::Established(_) => "established".into(),
            Fact::Position(_) => "position".into(),
            Fact::Title(_) => "title".into(),
            Fact::Country(_) => "country".into(),
            Fact::Property { name, .. } => format!("property:{name}"),
            Fact::SanctionNote(_) => "sanction_note".into(),
        }
    }

    /// [`Fact::category`] written into `out` (cleared first): the CSV reader counts tens of
    /// thousands of facts by category without a new string for each.
    pub(crate) fn category_into(&self, out: &mut String) {
        out.clear();
        let (head, tail) = match self {
            Fact::BirthDate(_) => ("birth_date", None),
            Fact::BirthPlace(_) => ("birth_place", None),
            Fact::Nationality(_) => ("nationality", None),
            Fact::Citizenship(_) => ("citizenship", None),
            Fact::Gender(_) => ("gender", None),
            Fact::Identifier(i) => ("identifier", Some(i.kind.as_str())),
            Fact::Name { kind, .. } => ("name", Some(kind.as_str())),
            Fact::LinkedTo(_) => ("linked_to", None),
            Fact::Established(_) => ("established", None),
            Fact::Position(_) => ("position", None),
            Fact::Title(_) => ("title", None),
            Fact::Country(_) => ("country", None),
            Fact::Property { name, .. } => ("property", Some(*name)),
            Fact::SanctionNote(_) => ("sanction_note", None),
        };
        out.push_str(head);
        if let Some(t) = tail {
            out.push(':');
            out.push_str(t);
        }
    }
}

/// Where the remarks come from and what the reader knows about them.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The record's place, used in Problems: `…/sdn.csv:12 (uid 20157)`.
    pub location: &'a str,
    /// The record's title column: OFAC repeats it as the last remark.
    pub title: Option<&'a str>,
    /// The text was cut at OFAC's 1,000-character limit and no continuation was found, so the
    /// last fact is incomplete (`a.k.a. 'WHOIS HACKIN`): it is left unparsed rather than read as a
    /// wrong value.
    pub truncated: bool,
}

/// Where a Problem found in the remarks is located: given as text by [`parse`]'s callers, or
/// made only when a problem is reported (the CSV reader has one remarks text per record, and
/// building every record's location up front was a tenth of its reading time).
#[derive(Clone, Copy)]
pub(crate) enum Location<'a> {
    Text(&'a str),
    Lazy(&'a dyn Fn() -> String),
}

impl Location<'_> {
    fn text(&self) -> String {
        match self {
            Location::Text(t) => (*t).to_string(),
            Location::Lazy(f) => f(),
        }
    }
}

/// [`Context`] with a [`Location`].
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub location: Location<'a>,
    pub title: Option<&'a str>,
    pub truncated: bool,
}

/// What [`parse`] found.
#[derive(Clone, Debug, Default)]
pub struct ParsedRemarks {
    pub facts: Vec<Fact>,
    /// Facts no rule recognised (or whose value was invalid), as published.
    pub unparsed: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Split the remarks into facts and read each one.
pub fn parse(text: &str, ctx: &Context) -> ParsedRemarks {
    let ctx = Ctx {
        location: Location::Text(ctx.location),
        title: ctx.title,
        truncated: ctx.truncated,
    };
    parse_with(text, &ctx)
}

/// [`parse`] with a location that may be made only when needed.
pub(crate) fn parse_with(text: &str, ctx: &Ctx) -> ParsedRemarks {
    let mut out = ParsedRemarks::default();
    out.facts.reserve(8);
    let mut pieces = text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .peekable();
    // Cut right after a ';': every fact is whole.
    let last_is_cut = ctx.truncated && !text.trim_end().ends_with(';');
    while let Some(piece) = pieces.next() {
        let is_last = pieces.peek().is_none();
        // The final '.' ends the whole remarks text, not the last fact's value.
        let fact = if is_last {
            piece.strip_suffix('.').unwrap_or(piece).trim_end()
        } else {
            piece
        };
        if fact.is_empty() || fact == "-0-" {
            continue;
        }
        if last_is_cut && is_last {
            out.unparsed.push(fact.to_string());
            continue;
        }
        match parse_fact(fact, ctx, &mut out.problems) {
            Some(f) => out.facts.push(f),
            None => out.unparsed.push(fact.to_string()),
        }
    }
    out
}

/// Read one fact; `None` when no rule applies or its value is unusable.
fn parse_fact(fact: &str, ctx: &Ctx, problems: &mut Vec<Problem>) -> Option<Fact> {
    let f = fact
        .strip_prefix("alt. ")
        .or_else(|| fact.strip_prefix("Alt. "))
        .unwrap_or(fact)
        .trim();

    if let Some(title) = ctx.title {
        if same_text(f, title) {
            return Some(Fact::Position(title.trim().to_string()));
        }
    }
    for prefix in ["a.k.a.", "f.k.a.", "n.k.a.", "d.b.a."] {
        if let Some(rest) = f.strip_prefix(prefix) {
            let name = unquote(rest.trim());
            return (!name.is_empty()).then(|| Fact::Name {
                value: name.to_string(),
                kind: NameKind::WeakAlias,
            });
        }
    }
    if let Some(rest) = label_value(f, "Linked To") {
        return (!rest.is_empty()).then(|| Fact::LinkedTo(rest.to_string()));
    }
    if let Some(rest) = label_value(f, "DOB") {
        return parse_dob(rest, "DOB", ctx, problems).map(Fact::BirthDate);
    }
    if let Some(rest) = label_value(f, "Organization Established Date") {
        return parse_dob(rest, "Organization Established Date", ctx, problems)
            .map(Fact::Established);
    }
    if let Some(rest) = label_value(f, "POB") {
        return (!rest.is_empty()).then(|| Fact::BirthPlace(rest.to_string()));
    }
    if let Some(rest) = label_value(f, "nationality") {
        return CountryCode::parse(rest).map(Fact::Nationality);
    }
    if let Some(rest) = label_value(f, "citizen") {
        return CountryCode::parse(rest).map(Fact::Citizenship);
    }
    if let Some(rest) = label_value(f, "Nationality of Registration") {
        return CountryCode::parse(rest).map(Fact::Country);
    }
    if let Some(rest) = label_value(f, "Gender") {
        return Gender::parse(rest).map(Fact::Gender);
    }
    if let Some(rest) = label_value(f, "Digital Currency Address -") {
        // "XBT 12udabs2…": the currency, then the address.
        let (currency, address) = rest.split_once(' ')?;
        let address = address.trim();
        if address.is_empty() {
            return None;
        }
        let mut id = Identifier::new(IdentifierKind::CryptoWallet, address);
        id.note = Some(format!("Digital Currency Address - {currency}"));
        return Some(Fact::Identifier(id));
    }
    for (label, name) in PROPERTIES {
        if let Some(rest) = label_value(f, label) {
            return parse_property(name, rest, ctx, problems);
        }
    }
    if let Some(url) = f.strip_suffix("(website)") {
        return website(url.trim());
    }
    for label in ["Position", "Occupation", "Alternate Title"] {
        if let Some(rest) = label_value(f, label) {
            return (!rest.is_empty()).then(|| Fact::Position(rest.to_string()));
        }
    }
    if let Some(t) = TITLES.iter().find(|t| f.eq_ignore_ascii_case(t)) {
        return Some(Fact::Title((*t).to_string()));
    }
    if let Some(rest) = label_value(f, "Registration Country") {
        return CountryCode::parse(rest).map(Fact::Country);
    }
    let mail = f.strip_suffix("(email)").map_or(f, str::trim);
    if looks_like_email(mail) {
        return Some(Fact::Identifier(Identifier::new(
            IdentifierKind::Email,
            mail,
        )));
    }
    if f.starts_with("www.") {
        return website(f);
    }
    if is_sanction_note(f) {
        return Some(Fact::SanctionNote(f.to_string()));
    }
    if let Some((label, kind)) = identifier_label(f) {
        let rest = label_value(f, label)?;
        return parse_identifier(label, kind, rest, ctx, problems).map(Fact::Identifier);
    }
    None
}

/// The text after `label` when `f` starts with it as whole words, followed by a space, `:`, `#`
/// or nothing; separators are trimmed from the value.
#[inline(always)]
fn label_value<'f>(f: &'f str, label: &str) -> Option<&'f str> {
    // A fact is tried against dozens of labels, and most differ from it in their first two
    // bytes: say so here, before a call and a comparison of the whole label.
    let (fb, lb) = (f.as_bytes(), label.as_bytes());
    if let Some(&first) = lb.first() {
        if fb.len() < lb.len() || fb[0] != first || lb.get(1).is_some_and(|&b| fb[1] != b) {
            return None;
        }
    }
    label_value_tail(f, label)
}

fn label_value_tail<'f>(f: &'f str, label: &str) -> Option<&'f str> {
    let rest = f.strip_prefix(label)?;
    let boundary = rest.is_empty()
        || rest.starts_with([' ', ':', '#'])
        || label.ends_with(['.', '-', ')', '#']);
    boundary.then(|| rest.trim_start_matches([' ', ':', '#']).trim_end())
}

/// Equal ignoring case, surrounding space and a trailing full stop.
fn same_text(a: &str, b: &str) -> bool {
    let a = a.trim().trim_end_matches('.');
    let b = b.trim().trim_end_matches('.');
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// `'NAME'` → `NAME`; an unquoted name is taken as it is.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        s[1..s.len() - 1].trim()
    } else {
        s.trim_matches('\'').trim()
    }
}

fn parse_dob(
    text: &str,
    field: &str,
    ctx: &Ctx,
    problems: &mut Vec<Problem>,
) -> Option<DateOfBirth> {
    match DateOfBirth::parse(text) {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(Problem::warning(
                ctx.location.text(),
                Some(format!("remarks: {field}").as_str()),
                format!("invalid date {text:?}; left in the remarks text"),
            ));
            None
        }
    }
}

/// Labels of facts kept as FtM properties, longest first where one is a prefix of another.
const PROPERTIES: &[(&str, &str)] = &[
    ("Website", "website"),
    ("Organization Type", "sector"),
    ("Target Type", "classification"),
    ("Aircraft Model", "model"),
    ("Aircraft Operator", "operator"),
    ("Aircraft Manufacture Date", "buildDate"),
    ("Vessel Year of Build", "buildDate"),
    ("Former Vessel Flag", "pastFlags"),
    ("Other Vessel Flag", "pastFlags"),
    ("Other Vessel Type", "vesselType"),
    ("Equity Ticker", "ticker"),
    ("Issuer Name", "issuer"),
    ("ethnicity", "ethnicity"),
];

fn parse_property(
    name: &'static str,
    value: &str,
    ctx: &Ctx,
    problems: &mut Vec<Problem>,
) -> Option<Fact> {
    if value.is_empty() {
        return None;
    }
    let value = match name {
        "website" => return website(value),
        "buildDate" => match PartialDate::parse(value) {
            Ok(d) => d.to_string(),
            Err(_) => {
                problems.push(Problem::warning(
                    ctx.location.text(),
                    Some("remarks: build date"),
                    format!("invalid date {value:?}; left in the remarks text"),
                ));
                return None;
            }
        },
        // A flag is a country; "None Identified" and unknown names stay unparsed.
        "pastFlags" => CountryCode::parse(value)?.as_str().to_string(),
        _ => value.to_string(),
    };
    Some(Fact::Property { name, value })
}

/// Honorifics and ranks OFAC writes as a fact of their own.
const TITLES: &[&str] = &[
    "Doctor",
    "Professor",
    "Hojjatoleslam",
    "Ayatollah",
    "Maulana",
    "Moulana",
    "Maulawi",
    "Mullah",
    "Qari",
    "Sheikh",
    "Colonel",
    "Lt. Col",
    "General",
    "Major General",
    "Brigadier General",
    "Brig. General",
    "Lieutenant General",
];

/// A bare e-mail address, as some old remarks give it (`info@manartv.com`).
fn looks_like_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.contains('@')
        && !s.contains([' ', ',', '\''])
}

fn website(url: &str) -> Option<Fact> {
    let url = url.trim();
    (!url.is_empty() && !url.contains(' ')).then(|| Fact::Property {
        name: "website",
        value: url.to_string(),
    })
}

/// Openings of the facts that describe the sanction, not the party.
const SANCTION_NOTES: &[&str] = &[
    "Additional Sanctions Information",
    "Secondary sanctions risk",
    "Transactions Prohibited For",
    "Executive Order",
    "CAATSA Section",
    "Listing Date",
    "Effective Date",
    "Purchase/Sales For Divestment Date",
    "For more information",
    "IFCA Determination",
    "PEESA Information",
    "all offices worldwide",
    "all branches worldwide",
    "and all other locations worldwide",
    "and all other offices worldwide",
];

fn is_sanction_note(f: &str) -> bool {
    let Some(first) = f.as_bytes().first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    SANCTION_NOTES.iter().any(|p| {
        p.as_bytes()[0].to_ascii_lowercase() == first
            && f.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// Identifier labels as OFAC writes them, with the kind each one is. Matching takes the longest
/// label, so `Identification Number IMO` style values are told apart by their value (see
/// [`parse_identifier`]), and `Passport Booklet` wins over `Passport`.
const IDENTIFIERS: &[(&str, IdentifierKind)] = &[
    // Travel documents.
    ("Passport", IdentifierKind::Passport),
    ("Passport No.", IdentifierKind::Passport),
    ("Diplomatic Passport", IdentifierKind::Passport),
    ("Passport Booklet", IdentifierKind::Passport),
    (
        "British National Overseas Passport",
        IdentifierKind::Passport,
    ),
    ("Travel Document Number", IdentifierKind::Passport),
    ("Stateless Person Passport", IdentifierKind::Passport),
    // Personal identity numbers.
    ("National ID No.", IdentifierKind::NationalId),
    ("Cedula No.", IdentifierKind::NationalId),
    ("Identification Number", IdentifierKind::NationalId),
    ("D.N.I.", IdentifierKind::NationalId),
    ("C.U.R.P.", IdentifierKind::NationalId),
    ("C.U.I.", IdentifierKind::NationalId),
    ("C.U.I.P.", IdentifierKind::NationalId),
    ("Personal ID Card", IdentifierKind::NationalId),
    ("SSN", IdentifierKind::NationalId),
    ("Electoral Registry No.", IdentifierKind::NationalId),
    ("Credencial electoral", IdentifierKind::NationalId),
    ("I.F.E.", IdentifierKind::NationalId),
    ("National Foreign ID Number", IdentifierKind::NationalId),
    ("Numero de Identidad", IdentifierKind::NationalId),
    ("Turkish Identification Number", IdentifierKind::NationalId),
    ("Turkish Identificiation Number", IdentifierKind::NationalId),
    ("Kenyan ID No.", IdentifierKind::NationalId),
    ("Citizen's Card Number", IdentifierKind::NationalId),
    ("Tazkira National ID Card", IdentifierKind::NationalId),
    ("Moroccan Personal ID No.", IdentifierKind::NationalId),
    ("Bosnian Personal ID No.", IdentifierKind::NationalId),
    ("UAE Identification", IdentifierKind::NationalId),
    ("LE Number", IdentifierKind::NationalId),
    ("N.I.E.", IdentifierKind::NationalId),
    ("Refugee ID Card", IdentifierKind::NationalId),
    ("Residency Number", IdentifierKind::NationalId),
    ("Stateless Person ID Card", IdentifierKind::NationalId),
    ("CNP (Personal Numerical Code)", IdentifierKind::NationalId),
    // Tax numbers.
    ("Tax ID No.", IdentifierKind::TaxId),
    ("NIT", IdentifierKind::TaxId),
    ("RUC", IdentifierKind::TaxId),
    ("R.F.C.", IdentifierKind::TaxId),
    ("RFC", IdentifierKind::TaxId),
    ("RIF", IdentifierKind::TaxId),
    ("V.A.T. Number", IdentifierKind::TaxId),
    ("US FEIN", IdentifierKind::TaxId),
    ("Italian Fiscal Code", IdentifierKind::TaxId),
    ("C.U.I.T.", IdentifierKind::TaxId),
    ("C.I.F.", IdentifierKind::TaxId),
    ("RTN", IdentifierKind::TaxId),
    (
        "Numero Unico de Identificacao Tributaria (NUIT)",
        IdentifierKind::TaxId,
    ),
    (
        "Paraguayan tax identification number",
        IdentifierKind::TaxId,
    ),
    ("N.I.F.", IdentifierKind::TaxId),
    ("Fiscal Code", IdentifierKind::TaxId),
    ("Romanian Tax Registration", IdentifierKind::TaxId),
    // Company and other registers.
    ("Registration Number", IdentifierKind::Registration),
    ("Registration ID", IdentifierKind::Registration),
    ("Business Registration Number", IdentifierKind::Registration),
    (
        "Business Registration Document",
        IdentifierKind::Registration,
    ),
    ("Company Number", IdentifierKind::Registration),
    ("UK Company Number", IdentifierKind::Registration),
    ("Company ID", IdentifierKind::Registration),
    ("Commercial Registry Number", IdentifierKind::Registration),
    ("Government Gazette Number", IdentifierKind::Registration),
    ("Folio Mercantil No.", IdentifierKind::Registration),
    ("Matricula Mercantil No", IdentifierKind::Registration),
    ("Chamber of Commerce Number", IdentifierKind::Registration),
    (
        "Istanbul Chamber of Comm. No.",
        IdentifierKind::Registration,
    ),
    (
        "Dubai Chamber of Commerce Membership No.",
        IdentifierKind::Registration,
    ),
    ("Trade License No.", IdentifierKind::Registration),
    ("C.R. No.", IdentifierKind::Registration),
    ("Romanian C.R.", IdentifierKind::Registration),
    (
        "Unified Social Credit Code (USCC)",
        IdentifierKind::Registration,
    ),
    (
        "United Social Credit Code Certificate (USCCC)",
        IdentifierKind::Registration,
    ),
    (
        "Economic Register Number (CBLS)",
        IdentifierKind::Registration,
    ),
    (
        "Central Registration System Number",
        IdentifierKind::Registration,
    ),
    ("Public Registration Number", IdentifierKind::Registration),
    ("Enterprise Number", IdentifierKind::Registration),
    ("Business Number", IdentifierKind::Registration),
    ("Branch Unit Number", IdentifierKind::Registration),
    ("Registered Charity No.", IdentifierKind::Registration),
    (
        "Certificate of Incorporation Number",
        IdentifierKind::Registration,
    ),
    ("D-U-N-S Number", IdentifierKind::Registration),
    ("License", IdentifierKind::Registration),
    ("Permit Number", IdentifierKind::Registration),
    (
        "Afghan Money Service Provider License Number",
        IdentifierKind::Registration,
    ),
    ("File Number", IdentifierKind::Registration),
    ("Organization Code", IdentifierKind::Registration),
    ("MSB Registration Number", IdentifierKind::Registration),
    ("Tourism License No.", IdentifierKind::Registration),
    (
        "Registration Certificate Number",
        IdentifierKind::Registration,
    ),
    ("C.I.N.", IdentifierKind::Registration),
    (
        "Russian State Individual Business Registration Number Pattern (OGRNIP)",
        IdentifierKind::Registration,
    ),
    ("Legal Entity Number", IdentifierKind::Lei),
    ("SWIFT/BIC", IdentifierKind::Bic),
    // Vessels and aircraft.
    ("Vessel Registration Identification", IdentifierKind::Imo),
    ("IMO", IdentifierKind::Imo),
    (
        "International Maritime Organization No.",
        IdentifierKind::Imo,
    ),
    ("MMSI", IdentifierKind::Mmsi),
    ("Other Vessel Call Sign", IdentifierKind::CallSign),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        IdentifierKind::AircraftSerial,
    ),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        IdentifierKind::AircraftSerial,
    ),
    (
        "Aircraft Serial Identification",
        IdentifierKind::AircraftSerial,
    ),
    ("Aircraft Tail Number", IdentifierKind::TailNumber),
    ("Previous Aircraft Tail Number", IdentifierKind::TailNumber),
    // Contact details.
    ("Email Address", IdentifierKind::Email),
    ("Email", IdentifierKind::Email),
    ("EMAIL", IdentifierKind::Email),
    ("Phone Number", IdentifierKind::Phone),
    ("Phone No.", IdentifierKind::Phone),
    ("PHONE", IdentifierKind::Phone),
    ("Telephone", IdentifierKind::Phone),
    ("Telephone No.", IdentifierKind::Phone),
    ("Fax", IdentifierKind::Phone),
    ("Fax No.", IdentifierKind::Phone),
    ("FAX", IdentifierKind::Phone),
    // Numbers that identify but are not strong identifiers of the party.
    ("Aircraft Mode S Transponder Code", IdentifierKind::Other),
    ("BIK (RU)", IdentifierKind::Other),
    ("ISIN", IdentifierKind::Other),
    ("Birth Certificate Number", IdentifierKind::Other),
    ("Driver's License No.", IdentifierKind::Other),
    (
        "Cartilla de Servicio Militar Nacional",
        IdentifierKind::Other,
    ),
    ("VisaNumberID", IdentifierKind::Other),
    ("Pilot License Number", IdentifierKind::Other),
    ("Immigration No.", IdentifierKind::Other),
    ("Public Security and Immigration No.", IdentifierKind::Other),
    ("SRE Permit No.", IdentifierKind::Other),
    ("Serial No.", IdentifierKind::Other),
    ("Chinese Commercial Code", IdentifierKind::Other),
    ("Seafarer's Identification Document", IdentifierKind::Other),
    ("Military Registration Number", IdentifierKind::Other),
    ("Romanian Permanent Resident CAN", IdentifierKind::Other),
    ("Trademark number", IdentifierKind::Other),
    ("UN/LOCODE", IdentifierKind::Other),
    ("MICEX Code", IdentifierKind::Other),
];

/// The longest identifier label `f` starts with.
///
/// Only the labels sharing `f`'s first byte are tried (about 140 labels, most facts are not
/// identifiers, and every unrecognised fact ends up here): [`IDENTIFIERS`] indexed once by first
/// byte, in table order, so that the result is the one a scan of the whole table gives.
fn identifier_label(f: &str) -> Option<(&'static str, IdentifierKind)> {
    static BY_FIRST_BYTE: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let index = BY_FIRST_BYTE.get_or_init(|| {
        let mut index = vec![Vec::new(); 256];
        for (i, (label, _)) in IDENTIFIERS.iter().enumerate() {
            let i = u8::try_from(i).expect("fewer than 256 identifier labels");
            index[usize::from(label.as_bytes()[0])].push(i);
        }
        index
    });
    let first = *f.as_bytes().first()?;
    index[usize::from(first)]
        .iter()
        .map(|&i| &IDENTIFIERS[usize::from(i)])
        .filter(|(label, _)| label_value(f, label).is_some())
        .max_by_key(|(label, _)| label.len())
        .copied()
}

/// Whether the issuing country in parentheses applies to this kind (phone numbers put area codes
/// in parentheses; e-mails and wallets have none).
fn takes_country(kind: IdentifierKind) -> bool {
    !matches!(
        kind,
        IdentifierKind::Phone | IdentifierKind::Email | IdentifierKind::CryptoWallet
    )
}

/// Read `VALUE [(note)]… [(Country)] [issued DATE] [expires DATE]`.
fn parse_identifier(
    label: &str,
    kind: IdentifierKind,
    rest: &str,
    ctx: &Ctx,
    problems: &mut Vec<Problem>,
) -> Option<Identifier> {
    let (head, validity) = split_validity(rest);
    let mut notes = String::from(label);
    let mut value = head.trim().trim_end_matches(',').trim();
    let mut country = None;
    if takes_country(kind) {
        // Peel trailing "(…)" groups: the last one naming a country is the issuer, others
        // (states, register courts) are notes. At most three, as published.
        let mut extra_notes = Vec::new();
        for _ in 0..3 {
            let Some((before, group)) = trailing_group(value) else {
                break;
            };
            if before.trim().is_empty() {
                break;
            }
            match CountryCode::parse(group) {
                Some(c) if country.is_none() => country = Some(c),
                _ => extra_notes.push(group),
            }
            value = before.trim_end().trim_end_matches(',').trim_end();
        }
        for n in extra_notes.iter().rev() {
            notes.push_str("; ");
            notes.push_str(n);
        }
    }
    // "Identification Number IMO 5342883", "Company Number IMO 5055293": an IMO number.
    let kind = match value.strip_prefix("IMO") {
        Some(digits) if digits.trim().bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty() => {
            IdentifierKind::Imo
        }
        _ => kind,
    };
    if kind == IdentifierKind::Imo && !value.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if !value.chars().any(char::is_alphanumeric) {
        return None;
    }
    for (word, text) in validity {
        let dated = text.starts_with(|c: char| c.is_ascii_digit())
            || text
                .split_whitespace()
                .next()
                .is_some_and(|w| month_number(w).is_some());
        notes.push_str("; ");
        match DateOfBirth::parse(text) {
            Ok(d) => {
                use std::fmt::Write;
                let _ = write!(notes, "{word} {d}");
            }
            // "issued in Ulm, Germany", "issued under the name …": a place or a remark.
            Err(_) if !dated => {
                notes.push_str(word);
                notes.push(' ');
                notes.push_str(text);
            }
            Err(_) => {
                problems.push(Problem::warning(
                    ctx.location.text(),
                    Some(format!("remarks: {label} {word}").as_str()),
                    format!("invalid date {text:?}; kept as text in the identifier note"),
                ));
                notes.push_str(word);
                notes.push(' ');
                notes.push_str(text);
            }
        }
    }
    let mut id = Identifier::new(kind, value);
    id.country = country;
    id.note = Some(notes);
    Some(id)
}

/// Split `A123 (Iran) issued 01 Jan 2000 expires 01 Jan 2010` into the head and its
/// `issued`/`expires` clauses.
fn split_validity(rest: &str) -> (&str, Vec<(&'static str, &str)>) {
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for word in ["issued", "expires"] {
        let mut from = 0;
        while let Some(i) = find_from(rest, from, word) {
            let before_ok = i > 0 && rest[..i].ends_with([' ', ',']);
            let after = &rest[i + word.len()..];
            if before_ok && after.starts_with(' ') {
                marks.push((i, word));
            }
            from = i + word.len();
        }
    }
    marks.sort();
    let Some(&(first, _)) = marks.first() else {
        return (rest, Vec::new());
    };
    let clauses = marks
        .iter()
        .enumerate()
        .map(|(n, &(i, word))| {
            let end = marks.get(n + 1).map_or(rest.len(), |m| m.0);
            (word, rest[i + word.len()..end].trim().trim_end_matches(','))
        })
        .collect();
    (&rest[..first], clauses)
}

/// The first place at or after `from` where the ASCII `word` occurs in `text` (a plain scan:
/// the texts are short, and `str::find` prepares a substring searcher on every call).
fn find_from(text: &str, from: usize, word: &str) -> Option<usize> {
    let w = word.as_bytes();
    let hay = text.as_bytes().get(from..)?;
    let mut at = 0;
    while let Some(p) = hay.get(at..)?.iter().position(|&b| b == w[0]) {
        if hay[at + p..].starts_with(w) {
            return Some(from + at + p);
        }
        at += p + 1;
    }
    None
}

/// `"X (A) (B)"` → `("X (A) ", "B")`: the last balanced parenthesised group.
fn trailing_group(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_end();
    if !s.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((&s[..i], s[i + 1..s.len() - 1].trim()));
                }
            }
            _ => {}
        }
    }
    None
}

impl ParsedRemarks {
    /// Put the facts on the entity. Registration, tax and LEI countries of organisations, vessels
    /// and aircraft also go to `countries` (the jurisdiction); a person's passport country does
    /// not, since it says nothing about residence.
    pub fn apply_to(&self, entity: &mut Entity) {
        for fact in &self.facts {
            apply_fact(fact.clone(), entity);
        }
    }

    /// [`ParsedRemarks::apply_to`], moving the facts' values instead of copying them.
    pub(crate) fn apply_owned(facts: Vec<Fact>, entity: &mut Entity) {
        for fact in facts {
            apply_fact(fact, entity);
        }
    }
}

fn apply_fact(fact: Fact, entity: &mut Entity) {
    match fact {
        Fact::BirthDate(d) | Fact::Established(d) => {
            Entity::push_unique(&mut entity.birth_dates, d)
        }
        Fact::BirthPlace(p) => Entity::push_unique(&mut entity.birth_places, p),
        Fact::Nationality(c) => Entity::push_unique(&mut entity.nationalities, c),
        Fact::Citizenship(c) => Entity::push_unique(&mut entity.citizenships, c),
        Fact::Gender(g) => {
            entity.gender.get_or_insert(g);
        }
        Fact::Identifier(id) => {
            let jurisdiction = matches!(
                id.kind,
                IdentifierKind::Registration | IdentifierKind::TaxId | IdentifierKind::Lei
            );
            if let (true, Some(c), false) =
                (jurisdiction, id.country, entity.schema == Schema::Person)
            {
                Entity::push_unique(&mut entity.countries, c);
            }
            Entity::push_unique(&mut entity.identifiers, id);
        }
        Fact::Name { value, kind } => entity.add_name(&value, kind),
        Fact::LinkedTo(name) => {
            let rel = Relation {
                kind: "linked_to".into(),
                target_name: name,
                target_id: None,
                percentage: None,
            };
            Entity::push_unique(&mut entity.relations, rel);
        }
        Fact::Position(p) => Entity::push_unique(&mut entity.positions, p),
        Fact::Title(t) => Entity::push_unique(&mut entity.titles, t),
        Fact::Country(c) => Entity::push_unique(&mut entity.countries, c),
        Fact::Property { name, value } => {
            let values = match entity.extra.get_mut(name) {
                Some(v) => v,
                None => entity.extra.entry(name.to_string()).or_default(),
            };
            Entity::push_unique(values, value);
        }
        Fact::SanctionNote(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context {
            location: "test",
            title: None,
            truncated: false,
        }
    }

    fn one(text: &str) -> Fact {
        let r = parse(text, &ctx());
        assert_eq!(r.facts.len(), 1, "{text:?} → {r:?}");
        r.facts.into_iter().next().unwrap()
    }

    #[test]
    fn birth_dates_in_every_published_form() {
        for (text, years) in [
            ("DOB 08 Jan 1984", (1984, 1984)),
            ("DOB circa 1955", (1955, 1955)),
            ("DOB 1958 to 1960", (1958, 1960)),
            ("alt. DOB Mar 1945", (1945, 1945)),
            ("DOB 01 Jan 1960 to 31 Dec 1962", (1960, 1962)),
            ("DOB circa 1955-1960", (1955, 1960)),
        ] {
            match one(text) {
                Fact::BirthDate(d) => assert_eq!(d.years(), years, "{text}"),
                f => panic!("{text}: {f:?}"),
            }
        }
    }

    #[test]
    fn invalid_date_is_a_problem_and_stays_unparsed() {
        let r = parse("DOB 31 Feb 1980; Gender Female.", &ctx());
        assert_eq!(r.facts, vec![Fact::Gender(Gender::Female)]);
        assert_eq!(r.unparsed, vec!["DOB 31 Feb 1980"]);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].field.as_deref(), Some("remarks: DOB"));
    }

    #[test]
    fn passport_with_country_and_validity() {
        let Fact::Identifier(id) =
            one("Passport E590976 (Russia) issued 19 Jun 1987 expires 18 Jun 1992")
        else {
            panic!()
        };
        assert_eq!(id.kind, IdentifierKind::Passport);
        assert_eq!(id.value, "E590976");
        assert_eq!(id.country.map(|c| c.to_string()).as_deref(), Some("ru"));
        assert_eq!(
            id.note.as_deref(),
            Some("Passport; issued 1987-06-19; expires 1992-06-18")
        );
    }

    #[test]
    fn nested_notes_and_country() {
        let Fact::Identifier(id) =
            one("alt. Business Registration Number M99000000961 (Florida) (United States)")
        else {
            panic!()
        };
        assert_eq!(id.kind, IdentifierKind::Registration);
        assert_eq!(id.value, "M99000000961");
        assert_eq!(id.country.map(|c| c.to_string()).as_deref(), Some("us"));
        assert_eq!(
            id.note.as_deref(),
            Some("Business Registration Number; Florida")
        );
    }

    #[test]
    fn imo_numbers_whatever_the_label() {
        for text in [
            "Vessel Registration Identification IMO 1011551",
            "Identification Number IMO 1011551",
            "IMO 1011551",
        ] {
            let Fact::Identifier(id) = one(text) else {
                panic!("{text}")
            };
            assert_eq!(id.kind, IdentifierKind::Imo, "{text}");
            assert_eq!(id.key(), "1011551");
        }
    }

    #[test]
    fn wallets_names_links() {
        let Fact::Identifier(id) = one("Digital Currency Address - XBT 12udabs2TkX7NXCSj6Kp")
        else {
            panic!()
        };
        assert_eq!(id.kind, IdentifierKind::CryptoWallet);
        assert_eq!(id.value, "12udabs2TkX7NXCSj6Kp");
        assert_eq!(
            one("a.k.a. 'SHAHIN CO.'."),
            Fact::Name {
                value: "SHAHIN CO.".into(),
                kind: NameKind::WeakAlias
            }
        );
        assert_eq!(
            one("Linked To: PUTIN, Vladimir Vladimirovich."),
            Fact::LinkedTo("PUTIN, Vladimir Vladimirovich".into())
        );
    }

    #[test]
    fn phone_keeps_its_parentheses() {
        let Fact::Identifier(id) = one("Telephone No. (218) (0)214778301") else {
            panic!()
        };
        assert_eq!(id.kind, IdentifierKind::Phone);
        assert_eq!(id.value, "(218) (0)214778301");
    }

    #[test]
    fn title_repeated_is_a_position_and_truncation_is_respected() {
        let c = Context {
            location: "t",
            title: Some("President of the Russian Federation"),
            truncated: true,
        };
        let r = parse(
            "Gender Male; President of the Russian Federation; a.k.a. 'WHOIS HACKIN",
            &c,
        );
        assert_eq!(r.facts.len(), 2);
        assert!(matches!(&r.facts[1], Fact::Position(_)));
        assert_eq!(r.unparsed, vec!["a.k.a. 'WHOIS HACKIN"]);
    }

    #[test]
    fn sanction_notes_and_unknowns() {
        let r = parse(
            "Secondary sanctions risk: section 1(b) of Executive Order 13224; ICTY indictee.",
            &ctx(),
        );
        assert!(matches!(&r.facts[0], Fact::SanctionNote(_)));
        assert_eq!(r.unparsed, vec!["ICTY indictee"]);
    }
}
