//! The yente wire format: what its clients send and read, and the mapping from and to
//! embargo's [`Query`], [`Entity`] and [`Explanation`].
//!
//! A query is an FtM entity "example": `{"schema": "Person", "properties": {"name": [...],
//! "birthDate": [...], "nationality": [...]}}`. Property values may be a list or one value.
//! The properties read are:
//!
//! | properties | become |
//! |---|---|
//! | `name`, `alias`, `previousName`, `weakAlias`, `abbreviation` | names |
//! | `firstName`, `secondName`, `middleName`, `fatherName`, `lastName` | one more name, the parts joined in that order |
//! | `birthDate`, `incorporationDate` | birth dates (partial dates, ranges) |
//! | `nationality`, `citizenship`, `country`, `jurisdiction`, `mainCountry`, `flag`, `birthCountry`, `registrationCountry` | countries (codes or English names) |
//! | `gender` | gender |
//! | `passportNumber`, `idNumber`, `taxNumber`, `innCode`, `vatCode`, `registrationNumber`, `ogrnCode`, `imoNumber`, `mmsi`, `callSign`, `swiftBic`, `bicCode`, `leiCode`, `serialNumber`, `publicKey` | identifiers |
//!
//! Other properties are accepted and left out of matching (as yente does with properties the
//! schema lacks). The cleaned query (what was used) is echoed back in each response.

use crate::config::Limits;
use crate::error::ApiError;
use crate::snapshot::Snapshot;
use embargo_matcher::{Explanation, Query};
use embargo_model::{CountryCode, Gender, Identifier, IdentifierKind, Schema};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An entity example: the query of yente's `/match`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[schema(example = json!({"schema": "Person", "properties": {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"], "nationality": ["kp"]}}))]
pub struct EntityExample {
    #[serde(default)]
    pub id: Option<String>,
    /// FtM schema: `Person`, `Organization`, `Company`, `LegalEntity`, `Vessel`, `Airplane`,
    /// or `Thing` (any).
    pub schema: String,
    /// Property name → values (a list, or one value).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub properties: BTreeMap<String, Value>,
}

/// The body of `POST /match/{dataset}`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// Query name → entity example; the names come back as the keys of `responses`.
    #[schema(value_type = BTreeMap<String, EntityExample>)]
    pub queries: BTreeMap<String, Option<EntityExample>>,
    /// Feature weights (accepted for compatibility; embargo's scoring has fixed weights).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Matching configuration: `threshold`, `min_score`, `limit`, `list_thresholds`
    /// (dataset → threshold), `schema_thresholds` (schema → threshold). Other keys → 400.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub config: serde_json::Map<String, Value>,
}

/// An entity as yente returns it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntityResponse {
    pub id: String,
    pub caption: String,
    pub schema: String,
    /// FtM properties: property name → values.
    #[schema(value_type = Object)]
    pub properties: Value,
    pub datasets: Vec<String>,
    /// Other ids of the same party (its entries in other lists).
    pub referents: Vec<String>,
    pub target: bool,
    /// When this service first loaded the entity (RFC 3339).
    pub first_seen: String,
    /// When the list version that holds it was loaded.
    pub last_seen: String,
    /// When this service last saw its content change.
    pub last_change: String,
}

/// One feature's part in a score.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeatureExplanation {
    /// For `name`, the name score (0–1); for a qualifier, what it added to the score
    /// (negative lowers it).
    pub score: f64,
    /// What happened, for a reviewer.
    pub detail: String,
    /// The query value compared.
    pub query: String,
    /// The listed value compared.
    pub candidate: String,
    /// The coefficient the feature entered the score with.
    pub weight: f64,
}

/// A result of `/match`: the entity, its score and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScoredEntityResponse {
    #[serde(flatten)]
    pub entity: EntityResponse,
    pub score: f64,
    /// At or above the threshold (an alert).
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Feature → score contribution (yente's older `features` map).
    pub features: BTreeMap<String, f64>,
    pub explanations: BTreeMap<String, FeatureExplanation>,
}

/// A result count, as Elasticsearch and yente write it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TotalSpec {
    pub value: usize,
    pub relation: String,
}

impl TotalSpec {
    pub fn eq(value: usize) -> Self {
        TotalSpec {
            value,
            relation: "eq".into(),
        }
    }

    /// `"eq"` when `value` is exact, else `"gte"` (Elasticsearch's words, which yente passes
    /// on): a match stops scoring once nothing left can enter the best `limit`.
    pub fn new(value: usize, exact: bool) -> Self {
        TotalSpec {
            value,
            relation: if exact { "eq" } else { "gte" }.into(),
        }
    }
}

/// The query as it was used, after cleaning.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct QueryEcho {
    pub id: Option<String>,
    pub schema: String,
    pub properties: BTreeMap<String, Vec<String>>,
}

/// The answer to one query of a batch.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntityMatches {
    pub status: u16,
    pub results: Vec<ScoredEntityResponse>,
    /// Results at or above the cutoff before `limit` was applied.
    pub total: TotalSpec,
    pub query: QueryEcho,
}

/// What a feature does, for `/algorithms` and `matcher`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeatureDoc {
    pub description: String,
    pub coefficient: f64,
    pub url: Option<String>,
}

/// The matching algorithm.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AlgorithmDoc {
    pub name: String,
    pub description: String,
    pub features: BTreeMap<String, FeatureDoc>,
}

/// The answer of `POST /match/{dataset}`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntityMatchResponse {
    pub responses: BTreeMap<String, EntityMatches>,
    pub matcher: AlgorithmDoc,
    pub limit: usize,
}

/// The algorithm's name.
pub const ALGORITHM: &str = "embargo-v1";

/// yente's algorithm names, accepted and served by embargo's one algorithm so that clients
/// that pin one keep working.
pub const ALGORITHM_ALIASES: [&str; 9] = [
    "best",
    "default",
    "logic-v1",
    "logic-v2",
    "name-based",
    "name-qualified",
    "regression-v1",
    "regression-v2",
    "ofac-249",
];

/// The features of the algorithm and their coefficients.
pub fn algorithm_doc() -> AlgorithmDoc {
    use embargo_matcher::qualifiers as q;
    let f = |d: &str, c: f64| FeatureDoc {
        description: d.to_string(),
        coefficient: c,
        url: None,
    };
    let mut features = BTreeMap::new();
    features.insert(
        "name".into(),
        f("Best agreement between a query name and a listed name, token by token (exact, phonetic, typo, initial, merged, cross-script, legal form), weighted by how rare each token is: the base of the score.", 1.0),
    );
    features.insert(
        "birth_date".into(),
        f("Birth or incorporation date: the same day or year raises a name match, a contradicting date lowers it (the coefficient is the same-day raise).", q::DOB_DAY_MATCH),
    );
    features.insert(
        "country".into(),
        f("Nationality, citizenship or country: agreement raises, conflict lowers (the coefficient is the raise).", q::COUNTRY_MATCH),
    );
    features.insert(
        "gender".into(),
        f("Gender: a conflict lowers the score.", q::GENDER_MISMATCH),
    );
    features.insert(
        "identifier".into(),
        f("An exact strong identifier (passport, national id, IMO, BIC, LEI, wallet…) lifts the score to this value on its own.", q::IDENTIFIER_SCORE),
    );
    features.insert(
        "weak_alias".into(),
        f("A match on a weak alias alone is capped just below the threshold unless a birth date or identifier corroborates it.", 0.0),
    );
    AlgorithmDoc {
        name: ALGORITHM.into(),
        description: "embargo's explainable matcher: token alignment across scripts, commonness-weighted, qualified by birth date, country, gender and identifiers.".into(),
        features,
    }
}

/// The string values of a property (a list, or one value); nested entities are left out.
fn values(v: &Value) -> Vec<String> {
    let one = |x: &Value| match x {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match v {
        Value::Array(a) => a.iter().filter_map(one).filter(|s| !s.is_empty()).collect(),
        other => one(other).into_iter().filter(|s| !s.is_empty()).collect(),
    }
}

const NAME_PROPS: [&str; 5] = ["name", "alias", "previousName", "weakAlias", "abbreviation"];
const PART_PROPS: [&str; 5] = [
    "firstName",
    "secondName",
    "middleName",
    "fatherName",
    "lastName",
];
const DATE_PROPS: [&str; 2] = ["birthDate", "incorporationDate"];
const COUNTRY_PROPS: [&str; 8] = [
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "mainCountry",
    "flag",
    "birthCountry",
    "registrationCountry",
];
const ID_PROPS: [(&str, IdentifierKind); 15] = [
    ("passportNumber", IdentifierKind::Passport),
    ("idNumber", IdentifierKind::NationalId),
    ("taxNumber", IdentifierKind::TaxId),
    ("innCode", IdentifierKind::TaxId),
    ("vatCode", IdentifierKind::TaxId),
    ("registrationNumber", IdentifierKind::Registration),
    ("ogrnCode", IdentifierKind::Registration),
    ("imoNumber", IdentifierKind::Imo),
    ("mmsi", IdentifierKind::Mmsi),
    ("callSign", IdentifierKind::CallSign),
    ("swiftBic", IdentifierKind::Bic),
    ("bicCode", IdentifierKind::Bic),
    ("leiCode", IdentifierKind::Lei),
    ("serialNumber", IdentifierKind::AircraftSerial),
    ("publicKey", IdentifierKind::CryptoWallet),
];

/// Check one string against the length limit.
pub fn check_len(field: &str, s: &str, limits: &Limits) -> Result<(), ApiError> {
    if s.chars().count() > limits.max_string_chars {
        return Err(ApiError::limit(
            "max_string_chars",
            limits.max_string_chars,
            format!(
                "a value of {field} is longer than {} characters",
                limits.max_string_chars
            ),
        ));
    }
    Ok(())
}

/// Parse a schema name; `Thing` (yente's base schema) means any.
pub fn parse_schema(s: &str) -> Result<Option<Schema>, String> {
    if s.eq_ignore_ascii_case("thing") {
        return Ok(None);
    }
    s.parse::<Schema>().map(Some).map_err(|e| e.to_string())
}

/// Turn an entity example into a query, and say what was used.
pub fn example_to_query(
    ex: &EntityExample,
    limits: &Limits,
) -> Result<(Query, QueryEcho), ApiError> {
    let schema = parse_schema(&ex.schema)
        .map_err(|e| ApiError::bad_request(format!("Cannot parse example entity: {e}")))?;
    let mut q = Query {
        id: ex.id.clone(),
        schema,
        ..Default::default()
    };
    let mut echo = QueryEcho {
        id: ex.id.clone(),
        schema: ex.schema.clone(),
        properties: BTreeMap::new(),
    };
    let mut props: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (k, v) in &ex.properties {
        let vals = values(v);
        if vals.len() > limits.max_values {
            return Err(ApiError::limit(
                "max_values",
                limits.max_values,
                format!(
                    "property {k} has {} values; at most {} are accepted",
                    vals.len(),
                    limits.max_values
                ),
            ));
        }
        for s in &vals {
            check_len(k, s, limits)?;
        }
        if !vals.is_empty() {
            props.insert(k.as_str(), vals);
        }
    }
    let mut push_echo = |prop: &str, v: String| {
        let e = echo.properties.entry(prop.to_string()).or_default();
        if !e.contains(&v) {
            e.push(v);
        }
    };
    for p in NAME_PROPS {
        for v in props.get(p).into_iter().flatten() {
            if !q.names.contains(v) {
                q.names.push(v.clone());
            }
            push_echo(p, v.clone());
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for p in PART_PROPS {
        if let Some(v) = props.get(p) {
            for x in v {
                push_echo(p, x.clone());
            }
            parts.push(v.join(" "));
        }
    }
    if !parts.is_empty() {
        let joined = parts.join(" ");
        if !q.names.iter().any(|n| n.eq_ignore_ascii_case(&joined)) {
            q.names.push(joined);
        }
    }
    if q.names.len() > limits.max_names {
        return Err(ApiError::limit(
            "max_names",
            limits.max_names,
            format!(
                "the query has {} names; at most {} are accepted",
                q.names.len(),
                limits.max_names
            ),
        ));
    }
    for p in DATE_PROPS {
        for v in props.get(p).into_iter().flatten() {
            let parsed = match embargo_batch::record::parse_birth_date(v) {
                Ok(d) => Some(d),
                Err((kept, _)) => kept,
            };
            if let Some(d) = parsed {
                for f in d.to_ftm_values() {
                    push_echo(p, f);
                }
                if !q.birth_dates.contains(&d) {
                    q.birth_dates.push(d);
                }
            }
        }
    }
    for p in COUNTRY_PROPS {
        for v in props.get(p).into_iter().flatten() {
            if let Some(c) = CountryCode::parse(v) {
                push_echo(p, c.as_str().to_string());
                if !q.countries.contains(&c) {
                    q.countries.push(c);
                }
            }
        }
    }
    if let Some(g) = props
        .get("gender")
        .and_then(|v| v.iter().find_map(|g| Gender::parse(g)))
    {
        q.gender = Some(g);
        push_echo("gender", g.as_str().to_string());
    }
    for (p, kind) in ID_PROPS {
        let kind = if p == "registrationNumber" && schema == Some(Schema::Airplane) {
            IdentifierKind::TailNumber
        } else {
            kind
        };
        for v in props.get(p).into_iter().flatten() {
            push_echo(p, v.clone());
            q.identifiers.push(Identifier::new(kind, v.clone()));
        }
    }
    Ok((q, echo))
}

/// The entity as yente returns it.
pub fn entity_response(snap: &Snapshot, pos: usize) -> EntityResponse {
    use crate::clock::format_rfc3339;
    let e = snap.entity(pos);
    let mut v = embargo_sources::ftm::write_entity(e);
    let topics = snap.topics(e);
    let properties = match v.get_mut("properties").map(Value::take) {
        Some(Value::Object(mut m)) => {
            if !topics.is_empty() {
                m.insert("topics".into(), Value::from(topics));
            }
            Value::Object(m)
        }
        _ => Value::Object(Default::default()),
    };
    let times = snap.times(pos);
    let datasets = e.datasets();
    let last_seen = snap
        .lists
        .iter()
        .filter(|l| datasets.contains(&l.info.dataset))
        .map(|l| l.info.loaded)
        .max()
        .unwrap_or(snap.built_at);
    EntityResponse {
        id: e.id.to_string(),
        caption: e.caption().to_string(),
        schema: e.schema.to_string(),
        properties,
        datasets,
        referents: crate::snapshot::referents(e),
        target: true,
        first_seen: format_rfc3339(times.first_seen),
        last_seen: format_rfc3339(last_seen),
        last_change: format_rfc3339(times.last_change),
    }
}

fn how(k: &impl Serialize) -> String {
    match serde_json::to_value(k) {
        Ok(Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// yente's `explanations` and `features` from an embargo explanation.
pub fn explanations(
    x: &Explanation,
) -> (BTreeMap<String, f64>, BTreeMap<String, FeatureExplanation>) {
    let mut features = BTreeMap::new();
    let mut out = BTreeMap::new();
    features.insert("name".to_string(), x.name_score);
    let name = match &x.name {
        Some(n) => {
            let mut detail = format!("{} name matched", n.name_kind.replace('_', " "));
            let toks: Vec<String> = n
                .tokens
                .iter()
                .map(|t| {
                    format!(
                        "{} → {} ({} {:.2})",
                        t.query,
                        t.candidate,
                        how(&t.how),
                        t.similarity
                    )
                })
                .collect();
            if !toks.is_empty() {
                detail.push_str(": ");
                detail.push_str(&toks.join(", "));
            }
            if !n.unmatched_query.is_empty() {
                detail.push_str(&format!("; query only: {}", n.unmatched_query.join(" ")));
            }
            if !n.unmatched_candidate.is_empty() {
                detail.push_str(&format!(
                    "; listed only: {}",
                    n.unmatched_candidate.join(" ")
                ));
            }
            FeatureExplanation {
                score: n.score,
                detail,
                query: n.query_name.clone(),
                candidate: n.matched_name.clone(),
                weight: 1.0,
            }
        }
        None => FeatureExplanation {
            score: x.name_score,
            detail: "no name close enough to explain".into(),
            query: String::new(),
            candidate: String::new(),
            weight: 1.0,
        },
    };
    out.insert("name".to_string(), name);
    for qe in &x.qualifiers {
        features.insert(qe.feature.to_string(), qe.effect);
        out.insert(
            qe.feature.to_string(),
            FeatureExplanation {
                score: qe.effect,
                detail: qe.outcome.to_string(),
                query: qe.query.clone(),
                candidate: qe.candidate.clone(),
                weight: 1.0,
            },
        );
    }
    (features, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(json: Value) -> EntityExample {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn example_properties_become_a_query() {
        let (q, echo) = example_to_query(
            &ex(serde_json::json!({"schema": "Person", "properties": {
                "firstName": ["Arkadii"], "fatherName": ["Romanovich"], "lastName": ["Rotenberg"],
                "birthDate": ["1951"], "nationality": "Russia", "passportNumber": ["AB 123"],
                "unknownProp": ["x"]}})),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(q.names, vec!["Arkadii Romanovich Rotenberg"]);
        assert_eq!(q.schema, Some(Schema::Person));
        assert_eq!(q.countries[0].as_str(), "ru");
        assert_eq!(q.birth_dates.len(), 1);
        assert_eq!(q.identifiers[0].kind, IdentifierKind::Passport);
        assert_eq!(echo.properties["nationality"], vec!["ru"]);
        assert!(!echo.properties.contains_key("unknownProp"));
    }

    #[test]
    fn limits_and_schemas() {
        let limits = Limits {
            max_names: 1,
            ..Limits::default()
        };
        let e = example_to_query(
            &ex(serde_json::json!({"schema": "Person", "properties": {"name": ["a", "b"]}})),
            &limits,
        )
        .unwrap_err();
        assert_eq!(e.body.limit.unwrap().name, "max_names");
        let e = example_to_query(
            &ex(serde_json::json!({"schema": "Sanction", "properties": {}})),
            &limits,
        )
        .unwrap_err();
        assert_eq!(e.status.as_u16(), 400);
        let (q, _) = example_to_query(
            &ex(serde_json::json!({"schema": "Thing", "properties": {"name": "x"}})),
            &limits,
        )
        .unwrap();
        assert_eq!(q.schema, None);
    }
}
