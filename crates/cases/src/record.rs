//! A screened record (a customer): what the store keeps of it and how it is screened.

use crate::canonical::{canonical, sha256_hex};
use crate::Error;
use embargo_matcher::Query;
use embargo_model::{CountryCode, DateOfBirth, Gender, Identifier, Schema};
use serde::{Deserialize, Serialize};

/// A customer record as supplied (CSV, JSON lines, xlsx through `embargo_batch`, or the API).
///
/// The id is the caller's: supplying a record with a known id again updates it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateOfBirth>,
    /// Nationalities and countries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
}

impl Record {
    /// A record from a parsed query (a row of a customer file). The query must carry an id and
    /// at least one non-empty name: a record without an id could never be updated, one without
    /// a name could never alert.
    pub fn from_query(query: &Query) -> Result<Record, Error> {
        let id = query
            .id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::InvalidRecord {
                id: String::new(),
                message: "no `id`: every stored record needs the caller's id".into(),
            })?;
        let names: Vec<String> = query
            .names
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return Err(Error::InvalidRecord {
                id: id.to_string(),
                message: "no name".into(),
            });
        }
        Ok(Record {
            id: id.to_string(),
            schema: query.schema,
            names,
            birth_dates: query.birth_dates.clone(),
            countries: query.countries.clone(),
            gender: query.gender,
            identifiers: query.identifiers.clone(),
        })
    }

    /// The query that screens this record.
    pub fn to_query(&self) -> Query {
        Query {
            id: Some(self.id.clone()),
            names: self.names.clone(),
            schema: self.schema,
            birth_dates: self.birth_dates.clone(),
            countries: self.countries.clone(),
            gender: self.gender,
            identifiers: self.identifiers.clone(),
        }
    }

    /// The hash of the fields matching uses (everything but the id), order-insensitive: the
    /// same person supplied with names or countries in another order is unchanged.
    pub fn fingerprint(&self) -> String {
        let mut names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        let mut dates: Vec<String> = self.birth_dates.iter().map(canonical).collect();
        dates.sort_unstable();
        dates.dedup();
        let mut countries: Vec<&str> = self.countries.iter().map(|c| c.as_str()).collect();
        countries.sort_unstable();
        countries.dedup();
        let mut ids: Vec<String> = self.identifiers.iter().map(canonical).collect();
        ids.sort_unstable();
        ids.dedup();
        let v = serde_json::json!({
            "schema": self.schema.map(|s| s.as_str()),
            "names": names,
            "birth_dates": dates,
            "countries": countries,
            "gender": self.gender.map(|g| g.as_str()),
            "identifiers": ids,
        });
        sha256_hex(&crate::canonical::to_canonical_json(&v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(names: &[&str], countries: &[&str]) -> Record {
        Record {
            id: "c1".into(),
            schema: Some(Schema::Person),
            names: names.iter().map(|s| s.to_string()).collect(),
            birth_dates: vec![],
            countries: countries
                .iter()
                .map(|c| CountryCode::parse(c).unwrap())
                .collect(),
            gender: None,
            identifiers: vec![],
        }
    }

    #[test]
    fn fingerprint_ignores_order_but_not_content() {
        let a = rec(&["Kim Jong Un", "Jong Un Kim"], &["kp", "ru"]);
        let b = rec(&["Jong Un Kim", "Kim Jong Un"], &["ru", "kp"]);
        assert_eq!(a.fingerprint(), b.fingerprint());
        let c = rec(&["Kim Jong Il"], &["kp"]);
        assert_ne!(a.fingerprint(), c.fingerprint());
        let d = rec(&["Kim Jong Un", "Jong Un Kim"], &["kp"]);
        assert_ne!(a.fingerprint(), d.fingerprint());
    }

    #[test]
    fn query_round_trip_and_validation() {
        let mut q = Query::name("Ali Hassan");
        assert!(Record::from_query(&q).is_err());
        q.id = Some(" c7 ".into());
        let r = Record::from_query(&q).unwrap();
        assert_eq!(r.id, "c7");
        assert_eq!(r.to_query().names, vec!["Ali Hassan".to_string()]);
        q.names = vec!["  ".into()];
        assert!(Record::from_query(&q).is_err());
    }
}
