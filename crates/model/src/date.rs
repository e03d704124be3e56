//! Dates as lists publish them: often only a year, sometimes a range or "approximately".
//!
//! The matcher needs the precision the source gave: "1984" must agree with "1984-01-08", and
//! "between 1958 and 1960" with 1959. So a [`PartialDate`] keeps year, month and day separately,
//! and a [`DateOfBirth`] is either one such date or a range, each possibly approximate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date known to year, year-month or day precision. Serialised the FtM way:
/// `1984`, `1984-01`, `1984-01-08`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Error for a date that cannot be read; carries the text so the caller can name it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}")]
pub struct InvalidDate(pub String);

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// The month number of an English month name or its three-letter abbreviation.
pub fn month_number(s: &str) -> Option<u8> {
    let l = s.trim().trim_end_matches('.').to_ascii_lowercase();
    if l.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| l.starts_with(m) && (l.len() == 3 || l.len() >= 3))
        .map(|i| i as u8 + 1)
}

impl PartialDate {
    pub fn year(year: u16) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Build a date, checking month and day ranges (1900-02-29 is refused, 2000-02-29 accepted).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, InvalidDate> {
        let d = PartialDate { year, month, day };
        if !(1000..=2999).contains(&year) {
            return Err(InvalidDate(d.to_string()));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(InvalidDate(d.to_string()));
            }
            if let Some(day) = day {
                if day == 0 || day > days_in_month(year, m) {
                    return Err(InvalidDate(d.to_string()));
                }
            }
        } else if day.is_some() {
            return Err(InvalidDate(d.to_string()));
        }
        Ok(d)
    }

    /// Parse ISO 8601 forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a time part is ignored), and the
    /// English forms lists use: `08 Jan 1984`, `Jan 1984`, `8 January 1984`, `01/08/1984` (US order
    /// month/day/year, as OFAC and BIS publish).
    pub fn parse(s: &str) -> Result<Self, InvalidDate> {
        let t = s.trim();
        let err = || InvalidDate(t.to_string());
        if t.is_empty() {
            return Err(err());
        }
        let t_date = t.split(['T', ' ']).next().unwrap_or(t);
        let parts: Vec<&str> = t_date.split('-').collect();
        if parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[0].len() == 4
            && parts.len() <= 3
        {
            let year: u16 = parts[0].parse().map_err(|_| err())?;
            let month = match parts.get(1) {
                Some(m) => Some(m.parse::<u8>().map_err(|_| err())?),
                None => None,
            };
            let day = match parts.get(2) {
                Some(d) => Some(d.parse::<u8>().map_err(|_| err())?),
                None => None,
            };
            // FtM and some lists write unknown parts as 00 ("1970-00-00").
            let month = month.filter(|m| *m != 0);
            let day = if month.is_none() {
                None
            } else {
                day.filter(|d| *d != 0)
            };
            return PartialDate::new(year, month, day).map_err(|_| err());
        }
        if t.contains('/') {
            let p: Vec<&str> = t.split('/').map(str::trim).collect();
            if p.len() == 3 {
                let m: u8 = p[0].parse().map_err(|_| err())?;
                let d: u8 = p[1].parse().map_err(|_| err())?;
                let y: u16 = p[2].parse().map_err(|_| err())?;
                return PartialDate::new(y, Some(m), Some(d)).map_err(|_| err());
            }
            return Err(err());
        }
        let words: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            [d, m, y] if d.bytes().all(|b| b.is_ascii_digit()) => {
                let month = month_number(m).ok_or_else(err)?;
                let day: u8 = d.parse().map_err(|_| err())?;
                let year: u16 = y.parse().map_err(|_| err())?;
                PartialDate::new(year, Some(month), Some(day)).map_err(|_| err())
            }
            [m, d, y] if d.bytes().all(|b| b.is_ascii_digit()) => {
                let month = month_number(m).ok_or_else(err)?;
                let day: u8 = d.parse().map_err(|_| err())?;
                let year: u16 = y.parse().map_err(|_| err())?;
                PartialDate::new(year, Some(month), Some(day)).map_err(|_| err())
            }
            [m, y] => {
                let month = month_number(m).ok_or_else(err)?;
                let year: u16 = y.parse().map_err(|_| err())?;
                PartialDate::new(year, Some(month), None).map_err(|_| err())
            }
            _ => Err(err()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A birth date (or an organisation's incorporation date) as published.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateOfBirth {
    /// One date at its published precision; `approximate` for "circa", "approximately".
    Date {
        date: PartialDate,
        approximate: bool,
    },
    /// "between 1958 and 1960", "1958 to 1960": both ends included.
    Range {
        from: PartialDate,
        to: PartialDate,
        approximate: bool,
    },
}

impl DateOfBirth {
    pub fn exact(date: PartialDate) -> Self {
        DateOfBirth::Date {
            date,
            approximate: false,
        }
    }

    /// Parse the free forms of list remarks: `08 Jan 1984`, `1984`, `circa 1955`, `approximately
    /// 1960`, `1958 to 1960`, `between 1958 and 1960`, `1958-1960`, ISO dates.
    pub fn parse(s: &str) -> Result<Self, InvalidDate> {
        let t = s.trim().trim_end_matches('.');
        let lower = t.to_ascii_lowercase();
        let mut approximate = false;
        let mut body = lower.as_str();
        for prefix in [
            "circa",
            "approximately",
            "approx.",
            "approx",
            "about",
            "ca.",
            "c.",
        ] {
            if let Some(rest) = body.strip_prefix(prefix) {
                approximate = true;
                body = rest.trim();
                break;
            }
        }
        let body = body.strip_prefix("between").map(str::trim).unwrap_or(body);
        for sep in [" to ", " and ", " - "] {
            if let Some((a, b)) = body.split_once(sep) {
                let from = PartialDate::parse(a)?;
                let to = PartialDate::parse(b)?;
                return Ok(DateOfBirth::range(from, to, approximate));
            }
        }
        // "1958-1960": a year range written with a hyphen (not an ISO year-month).
        if let Some((a, b)) = body.split_once('-') {
            if a.len() == 4
                && b.len() == 4
                && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
            {
                let from = PartialDate::parse(a)?;
                let to = PartialDate::parse(b)?;
                return Ok(DateOfBirth::range(from, to, approximate));
            }
        }
        let date = PartialDate::parse(body).map_err(|_| InvalidDate(t.to_string()))?;
        Ok(DateOfBirth::Date { date, approximate })
    }

    fn range(from: PartialDate, to: PartialDate, approximate: bool) -> Self {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        DateOfBirth::Range {
            from,
            to,
            approximate,
        }
    }

    /// The inclusive span of years this birth date covers.
    pub fn years(&self) -> (u16, u16) {
        match self {
            DateOfBirth::Date { date, .. } => (date.year, date.year),
            DateOfBirth::Range { from, to, .. } => (from.year, to.year),
        }
    }

    pub fn is_approximate(&self) -> bool {
        match self {
            DateOfBirth::Date { approximate, .. } | DateOfBirth::Range { approximate, .. } => {
                *approximate
            }
        }
    }

    /// FtM writes birth dates as plain (partial) dates; a range becomes its two ends.
    pub fn to_ftm_values(&self) -> Vec<String> {
        match self {
            DateOfBirth::Date { date, .. } => vec![date.to_string()],
            DateOfBirth::Range { from, to, .. } => {
                if from.year == to.year {
                    vec![PartialDate::year(from.year).to_string()]
                } else {
                    (from.year..=to.year)
                        .map(|y| PartialDate::year(y).to_string())
                        .collect()
                }
            }
        }
    }
}

impl fmt::Display for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOfBirth::Date { date, approximate } => {
                if *approximate {
                    write!(f, "circa {date}")
                } else {
                    write!(f, "{date}")
                }
            }
            DateOfBirth::Range {
                from,
                to,
                approximate,
            } => {
                if *approximate {
                    write!(f, "circa ")?;
                }
                write!(f, "{from}..{to}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_published_forms() {
        assert_eq!(
            PartialDate::parse("08 Jan 1984").unwrap().to_string(),
            "1984-01-08"
        );
        assert_eq!(PartialDate::parse("1984").unwrap().to_string(), "1984");
        assert_eq!(
            PartialDate::parse("Jan 1984").unwrap().to_string(),
            "1984-01"
        );
        assert_eq!(
            PartialDate::parse("1984-01").unwrap().to_string(),
            "1984-01"
        );
        assert_eq!(
            PartialDate::parse("06/19/2003").unwrap().to_string(),
            "2003-06-19"
        );
        assert_eq!(
            PartialDate::parse("1970-00-00").unwrap().to_string(),
            "1970"
        );
        assert!(PartialDate::parse("1984-02-30").is_err());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert!(PartialDate::parse("soon").is_err());
    }

    #[test]
    fn parses_ranges_and_approximations() {
        let r = DateOfBirth::parse("1958 to 1960").unwrap();
        assert_eq!(r.years(), (1958, 1960));
        let r = DateOfBirth::parse("between 1960 and 1958").unwrap();
        assert_eq!(r.years(), (1958, 1960));
        let c = DateOfBirth::parse("circa 1955").unwrap();
        assert!(c.is_approximate());
        assert_eq!(c.years(), (1955, 1955));
        assert_eq!(
            DateOfBirth::parse("1958-1960").unwrap().years(),
            (1958, 1960)
        );
        assert_eq!(
            DateOfBirth::parse("1958-01").unwrap(),
            DateOfBirth::exact(PartialDate::parse("1958-01").unwrap())
        );
    }
}
