//! yente's endpoints: `/match/{dataset}`, `/search/{dataset}`, `/entities/{id}`, `/catalog`,
//! `/algorithms`.

use crate::error::{ApiError, ErrorBody};
use crate::request::{read_json, Params};
use crate::snapshot::{Scope, Snapshot};
use crate::state::AppState;
use crate::wire::{
    self, EntityMatchResponse, EntityMatches, EntityResponse, MatchRequest, TotalSpec,
};
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use embargo_matcher::{Found, MatchConfig, Query};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::SystemTime;
use utoipa::{IntoParams, ToSchema};

/// Query parameters of `/match/{dataset}` (yente's).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct MatchParams {
    /// Results per query (default 5).
    limit: Option<usize>,
    /// Score at or above which a result is a match (default 0.7).
    threshold: Option<f64>,
    /// Results below this score are not returned (default 0.5; never above `threshold`).
    cutoff: Option<f64>,
    /// `embargo-v1`; yente's names (`best`, `logic-v1`…) are accepted and served by it.
    algorithm: Option<String>,
    /// Only entities in at least one of these datasets.
    include_dataset: Option<Vec<String>>,
    /// Leave out entities found only in these datasets.
    exclude_dataset: Option<Vec<String>>,
    /// Leave out entities of these schemata.
    exclude_schema: Option<Vec<String>>,
    /// Leave out these entities (ids or referents).
    exclude_entity_ids: Option<Vec<String>>,
    /// Only entities with at least one of these topics (`sanction`, `role.pep`…).
    topics: Option<Vec<String>>,
    /// Only entities whose content changed at or after this time (`2024-05-03` or RFC 3339).
    changed_since: Option<String>,
}

/// The filters shared by `/match` and `/search`.
#[derive(Clone, Debug)]
pub struct Filters {
    pub scope: Scope,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub exclude_schema: Vec<String>,
    pub exclude_ids: HashSet<String>,
    pub topics: Vec<String>,
    pub countries: Vec<String>,
    pub changed_since: Option<SystemTime>,
}

impl Filters {
    pub fn new(scope: Scope) -> Self {
        Filters {
            scope,
            include: Vec::new(),
            exclude: Vec::new(),
            exclude_schema: Vec::new(),
            exclude_ids: HashSet::new(),
            topics: Vec::new(),
            countries: Vec::new(),
            changed_since: None,
        }
    }

    /// Does the entity at `pos` pass?
    pub fn keep(&self, snap: &Snapshot, pos: usize) -> bool {
        let e = snap.entity(pos);
        // The entity's lists in scope and not excluded, read in place: search asks this of
        // every candidate (thousands per query), and collecting the lists allocated each time.
        let in_scope = || {
            e.sources
                .iter()
                .map(|s| &s.list)
                .filter(|d| self.scope.contains(std::slice::from_ref(*d)))
                .filter(|d| !self.exclude.contains(d))
        };
        if in_scope().next().is_none() {
            return false;
        }
        if !self.include.is_empty() && !in_scope().any(|d| self.include.contains(d)) {
            return false;
        }
        if self
            .exclude_schema
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e.schema.as_str()))
        {
            return false;
        }
        if !self.exclude_ids.is_empty()
            && (self.exclude_ids.contains(e.id.as_str())
                || crate::snapshot::referents(e)
                    .iter()
                    .any(|r| self.exclude_ids.contains(r)))
        {
            return false;
        }
        if !self.topics.is_empty() {
            let t = snap.topics(e);
            if !self.topics.iter().any(|x| t.contains(x)) {
                return false;
            }
        }
        if !self.countries.is_empty()
            && !e.all_countries().any(|c| {
                self.countries
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(c.as_str()))
            })
        {
            return false;
        }
        if let Some(t) = self.changed_since {
            if snap.times(pos).last_change < t {
                return false;
            }
        }
        true
    }
}

/// Resolve the dataset of the path, or 404.
pub fn scope_of(snap: &Snapshot, dataset: &str) -> Result<Scope, ApiError> {
    snap.scope(dataset).ok_or_else(|| {
        ApiError::not_found(format!(
            "No such dataset: {dataset} (loaded: {}; collections: default, sanctions)",
            snap.list_names().join(", ")
        ))
    })
}

/// Check an `algorithm` parameter.
pub fn check_algorithm(params: &Params) -> Result<(), ApiError> {
    match params.one("algorithm") {
        None => Ok(()),
        Some(a) if a == wire::ALGORITHM || wire::ALGORITHM_ALIASES.contains(&a) => Ok(()),
        Some(a) => Err(ApiError::bad_request(format!(
            "Unknown algorithm: {a} (available: {})",
            wire::ALGORITHM
        ))),
    }
}

/// Settable keys of the body's `config`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigOverride {
    threshold: Option<f64>,
    min_score: Option<f64>,
    limit: Option<usize>,
    list_thresholds: Option<BTreeMap<String, f64>>,
    schema_thresholds: Option<BTreeMap<String, f64>>,
}

const CONFIG_KEYS: [&str; 5] = [
    "threshold",
    "min_score",
    "limit",
    "list_thresholds",
    "schema_thresholds",
];

fn unit(name: &str, v: f64) -> Result<f64, ApiError> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(ApiError::unprocessable(format!(
            "{name} must be between 0 and 1, got {v}"
        )))
    }
}

/// Search every query among the entities the filters keep, counting and cutting each result
/// list. The filters go into the search, so that it stops early as soon as nothing left can
/// enter the best `limit`; the count is then "at least" ([`Found::total_exact`]). Batches run
/// on the blocking pool so that a 100-query request does not hold an async worker.
pub async fn run_queries(
    snap: Arc<Snapshot>,
    queries: Vec<Query>,
    config: MatchConfig,
    filters: Filters,
) -> Result<Vec<Found>, ApiError> {
    // Single queries run inline: moving them to the blocking pool costs more than they take.
    let inline = queries.len() <= 1;
    let work = move || -> Vec<Found> {
        queries
            .iter()
            .map(|q| {
                snap.index
                    .search_where(q, &config, |ei| filters.keep(&snap, ei))
            })
            .collect()
    };
    if inline {
        return Ok(work());
    }
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("screening task failed: {e}")))
}

/// `POST /match/{dataset}`: screen a batch of entity examples.
#[utoipa::path(
    post,
    path = "/match/{dataset}",
    tag = "Matching",
    params(
        ("dataset" = String, Path, description = "A loaded list (`un`, `ofac-sdn`…), `default` (all) or `sanctions`"),
        MatchParams
    ),
    request_body = MatchRequest,
    responses(
        (status = 200, description = "One response per query", body = EntityMatchResponse),
        (status = 400, description = "Invalid query, unknown config key or algorithm", body = ErrorBody),
        (status = 401, description = "No or unknown API key", body = ErrorBody),
        (status = 403, description = "The key lacks the role", body = ErrorBody),
        (status = 404, description = "No such dataset", body = ErrorBody),
        (status = 413, description = "Body over max_body_bytes", body = ErrorBody),
        (status = 422, description = "Malformed body or a limit exceeded", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn match_entities(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let limits = &state.config.limits;
    let defaults = &state.config.matching;
    let snap = state.snapshot();
    let scope = scope_of(&snap, &dataset)?;
    let params = Params::parse(raw.as_deref());
    check_algorithm(&params)?;
    let req: MatchRequest = read_json(&headers, body, limits).await?;
    if let Some(k) = req
        .config
        .keys()
        .find(|k| !CONFIG_KEYS.contains(&k.as_str()))
    {
        return Err(ApiError::bad_request(format!(
            "Invalid configuration parameter: {k} for algorithm {} (known: {})",
            wire::ALGORITHM,
            CONFIG_KEYS.join(", ")
        )));
    }
    let over: ConfigOverride = serde_json::from_value(serde_json::Value::Object(req.config))
        .map_err(|e| ApiError::bad_request(format!("Invalid configuration: {e}")))?;
    if req.queries.len() > limits.max_queries {
        return Err(ApiError::limit(
            "max_queries",
            limits.max_queries,
            format!(
                "Too many queries in one batch: {} (limit: {})",
                req.queries.len(),
                limits.max_queries
            ),
        ));
    }
    let limit = over
        .limit
        .or(params.get::<usize>("limit")?)
        .unwrap_or(defaults.limit);
    if limit > limits.max_results {
        return Err(ApiError::limit(
            "max_results",
            limits.max_results,
            format!("limit {limit} is over {}", limits.max_results),
        ));
    }
    let threshold = unit(
        "threshold",
        over.threshold
            .or(params.get::<f64>("threshold")?)
            .unwrap_or(defaults.threshold),
    )?;
    let cutoff = unit(
        "cutoff",
        over.min_score
            .or(params.get::<f64>("cutoff")?)
            .unwrap_or(defaults.cutoff),
    )?
    .min(threshold);
    let config = MatchConfig {
        threshold,
        min_score: cutoff,
        limit,
        list_thresholds: over.list_thresholds.unwrap_or_default(),
        schema_thresholds: over.schema_thresholds.unwrap_or_default(),
    };
    let filters = filters_from(&snap, scope, &params, limits)?;

    let mut names: Vec<String> = Vec::new();
    let mut queries: Vec<Query> = Vec::new();
    let mut echoes = Vec::new();
    for (name, ex) in &req.queries {
        let Some(ex) = ex else { continue };
        let (q, echo) = wire::example_to_query(ex, limits)?;
        if state.config.log_personal_data {
            tracing::info!(query = %name, names = ?q.names, birth_dates = q.birth_dates.len(), countries = ?q.countries, "match query");
        }
        names.push(name.clone());
        queries.push(q);
        echoes.push(echo);
    }
    if queries.is_empty() {
        return Err(ApiError::bad_request("No queries provided."));
    }
    let n = queries.len();
    let results = run_queries(Arc::clone(&snap), queries, config, filters).await?;
    let mut responses = BTreeMap::new();
    let mut alerts = 0;
    for ((name, echo), found) in names.into_iter().zip(echoes).zip(results) {
        let Found {
            hits,
            total,
            total_exact,
        } = found;
        if hits.iter().any(|h| h.is_match) {
            alerts += 1;
        }
        let results = hits
            .iter()
            .map(|h| {
                let (features, explanations) = wire::explanations(&h.explanation);
                wire::ScoredEntityResponse {
                    entity: wire::entity_response(&snap, h.entity),
                    score: h.score,
                    is_match: h.is_match,
                    features,
                    explanations,
                }
            })
            .collect();
        responses.insert(
            name,
            EntityMatches {
                status: 200,
                results,
                total: TotalSpec::new(total, total_exact),
                query: echo,
            },
        );
    }
    crate::metrics::screened("match", n, alerts);
    tracing::info!(dataset = %dataset, queries = n, alerts, index_version = snap.version, "match");
    let mut matcher = wire::algorithm_doc();
    for (k, w) in &req.weights {
        if let Some(f) = matcher.features.get_mut(k) {
            f.coefficient = *w;
        }
    }
    let mut resp = Json(EntityMatchResponse {
        responses,
        matcher,
        limit,
    })
    .into_response();
    resp.headers_mut()
        .insert("x-batch-size", HeaderValue::from(n as u64));
    resp.headers_mut()
        .insert("x-index-version", HeaderValue::from(snap.version));
    Ok(resp)
}

/// The dataset, topic, schema, id and time filters of a query string.
pub fn filters_from(
    snap: &Snapshot,
    scope: Scope,
    params: &Params,
    limits: &crate::config::Limits,
) -> Result<Filters, ApiError> {
    let mut f = Filters::new(scope);
    f.include = params.all("include_dataset");
    f.include.extend(params.all("datasets"));
    f.exclude = params.all("exclude_dataset");
    f.exclude_schema = params.all("exclude_schema");
    let ids = params.all("exclude_entity_ids");
    if ids.len() > limits.max_excluded_ids {
        return Err(ApiError::limit(
            "max_excluded_ids",
            limits.max_excluded_ids,
            format!(
                "exclude_entity_ids has {} ids; at most {} are accepted",
                ids.len(),
                limits.max_excluded_ids
            ),
        ));
    }
    f.exclude_ids = ids.into_iter().collect();
    f.topics = params.all("topics");
    f.countries = params.all("countries");
    if let Some(t) = params.one("changed_since") {
        f.changed_since = Some(crate::clock::parse_timestamp(t).ok_or_else(|| {
            ApiError::unprocessable(format!(
                "changed_since: cannot read {t:?} (expected 2024-05-03 or 2024-05-03T12:00:00)"
            ))
        })?);
    }
    let _ = snap;
    Ok(f)
}

/// Query parameters of `/search/{dataset}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// The text to search: a name (empty: every entity of the dataset).
    q: Option<String>,
    /// Only entities of this schema (`Thing`: any).
    schema: Option<String>,
    /// Only entities linked to these countries (ISO codes).
    countries: Option<Vec<String>>,
    /// Only entities with one of these topics.
    topics: Option<Vec<String>>,
    /// Only entities in one of these datasets.
    datasets: Option<Vec<String>>,
    /// Leave out entities found only in these datasets.
    exclude_dataset: Option<Vec<String>>,
    /// Results per page (default 10).
    limit: Option<usize>,
    /// First result (default 0).
    offset: Option<usize>,
    /// Accepted; matching is always fuzzy.
    fuzzy: Option<bool>,
    /// Only target entities (every screened entity is one).
    target: Option<bool>,
    /// Only entities whose content changed at or after this time.
    changed_since: Option<String>,
}

/// A facet value with its count.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchFacetItem {
    pub name: String,
    pub label: String,
    pub count: usize,
}

/// Counts of one property over all results.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchFacet {
    pub label: String,
    pub values: Vec<SearchFacetItem>,
}

/// The answer of `/search/{dataset}`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub limit: usize,
    pub offset: usize,
    pub total: TotalSpec,
    pub results: Vec<EntityResponse>,
    pub facets: BTreeMap<String, SearchFacet>,
}

fn facet(
    label: &str,
    counts: BTreeMap<String, usize>,
    name_of: impl Fn(&str) -> String,
) -> SearchFacet {
    let mut values: Vec<SearchFacetItem> = counts
        .into_iter()
        .map(|(k, count)| SearchFacetItem {
            label: name_of(&k),
            name: k,
            count,
        })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    SearchFacet {
        label: label.to_string(),
        values,
    }
}

/// The lowest score a `/search` result may have.
const SEARCH_MIN_SCORE: f64 = 0.3;

/// `GET /search/{dataset}?q=`: a simple name search, best first.
#[utoipa::path(
    get,
    path = "/search/{dataset}",
    tag = "Matching",
    params(("dataset" = String, Path, description = "A loaded list, `default` or `sanctions`"), SearchParams),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "Invalid schema", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No such dataset", body = ErrorBody),
        (status = 422, description = "A parameter or limit", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let limits = &state.config.limits;
    let snap = state.snapshot();
    let scope = scope_of(&snap, &dataset)?;
    let params = Params::parse(raw.as_deref());
    let limit = params.get::<usize>("limit")?.unwrap_or(10);
    if limit > limits.max_results {
        return Err(ApiError::limit(
            "max_results",
            limits.max_results,
            format!("limit {limit} is over {}", limits.max_results),
        ));
    }
    let offset = params.get::<usize>("offset")?.unwrap_or(0);
    let schema = match params.one("schema") {
        None => None,
        Some(s) => wire::parse_schema(s).map_err(|_| ApiError::bad_request("Invalid schema"))?,
    };
    let text = params.one("q").unwrap_or("").trim().to_string();
    wire::check_len("q", &text, limits)?;
    let filters = filters_from(&snap, scope, &params, limits)?;
    let positions: Vec<usize> = if text.is_empty() {
        (0..snap.index.len())
            .filter(|&p| schema.is_none_or(|s| snap.entity(p).schema.compatible_with(s)))
            .filter(|&p| filters.keep(&snap, p))
            .collect()
    } else {
        let q = Query {
            names: vec![text],
            schema,
            ..Default::default()
        };
        let config = MatchConfig {
            min_score: SEARCH_MIN_SCORE,
            limit: usize::MAX,
            ..MatchConfig::default()
        };
        let s = Arc::clone(&snap);
        let hits = tokio::task::spawn_blocking(move || s.index.search(&q, &config))
            .await
            .map_err(|e| ApiError::internal(e.to_string()))?;
        hits.into_iter()
            .map(|h| h.entity)
            .filter(|&p| filters.keep(&snap, p))
            .collect()
    };
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    let mut topics: BTreeMap<String, usize> = BTreeMap::new();
    let mut datasets: BTreeMap<String, usize> = BTreeMap::new();
    for &p in &positions {
        let e = snap.entity(p);
        let mut cs: Vec<String> = e.all_countries().map(|c| c.as_str().to_string()).collect();
        cs.sort();
        cs.dedup();
        for c in cs {
            *countries.entry(c).or_default() += 1;
        }
        for t in snap.topics(e) {
            *topics.entry(t).or_default() += 1;
        }
        for d in e.datasets() {
            *datasets.entry(d).or_default() += 1;
        }
    }
    let mut facets = BTreeMap::new();
    facets.insert(
        "countries".to_string(),
        facet("Countries", countries, |c| {
            embargo_model::CountryCode::from_code(c)
                .map(|c| c.name().to_string())
                .unwrap_or_else(|| c.to_string())
        }),
    );
    facets.insert(
        "topics".to_string(),
        facet("Topics", topics, str::to_string),
    );
    facets.insert(
        "datasets".to_string(),
        facet("Data sources", datasets, str::to_string),
    );
    let total = positions.len();
    let results = positions
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|p| wire::entity_response(&snap, p))
        .collect();
    tracing::info!(dataset = %dataset, results = total, "search");
    Ok(Json(SearchResponse {
        limit,
        offset,
        total: TotalSpec::eq(total),
        results,
        facets,
    }))
}

/// `GET /entities/{id}`: one entity; an id it was merged from redirects (308) to it.
#[utoipa::path(
    get,
    path = "/entities/{id}",
    tag = "Data access",
    params(("id" = String, Path, description = "Entity id, percent-encoded (`un%3AKPi.066`)")),
    responses(
        (status = 200, body = EntityResponse),
        (status = 308, description = "The id was merged into another entity"),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No such entity", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn fetch_entity(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let snap = state.snapshot();
    if let Some(p) = snap.position(&id) {
        return Ok(Json(wire::entity_response(&snap, p)).into_response());
    }
    if let Some(p) = snap.referent(&id) {
        let target = snap.entity(p).id.to_string();
        let encoded: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("/entities/{encoded}")) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return Ok(r);
    }
    Err(ApiError::not_found("No such entity!"))
}

/// A list or collection in the catalog.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DatasetModel {
    pub name: String,
    pub title: String,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub load: bool,
    pub entities_url: Option<String>,
    /// The version the list states, else the SHA-256 prefix of its file.
    pub version: String,
    pub index_version: Option<String>,
    pub index_current: bool,
    /// Lists of a collection.
    pub children: Vec<String>,
    pub entity_count: usize,
    /// SHA-256 of the list file (lists only).
    pub sha256: Option<String>,
    pub format: Option<String>,
    pub loaded_at: Option<String>,
}

/// The answer of `/catalog`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CatalogResponse {
    pub datasets: Vec<DatasetModel>,
    pub current: Vec<String>,
    pub outdated: Vec<String>,
    pub index_stale: bool,
    pub index_version: u64,
}

fn collection(name: &str, title: &str, children: Vec<String>, snap: &Snapshot) -> DatasetModel {
    let count = (0..snap.index.len())
        .filter(|&p| {
            snap.entity(p)
                .datasets()
                .iter()
                .any(|d| children.contains(d))
        })
        .count();
    DatasetModel {
        name: name.into(),
        title: title.into(),
        summary: None,
        url: None,
        load: true,
        entities_url: None,
        version: snap.built_at_rfc3339(),
        index_version: Some(snap.version.to_string()),
        index_current: true,
        children,
        entity_count: count,
        sha256: None,
        format: None,
        loaded_at: Some(snap.built_at_rfc3339()),
    }
}

/// `GET /catalog`: the loaded lists and the collections.
#[utoipa::path(
    get,
    path = "/catalog",
    tag = "System information",
    responses((status = 200, body = CatalogResponse), (status = 401, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn catalog(State(state): State<Arc<AppState>>) -> Json<CatalogResponse> {
    let snap = state.snapshot();
    let mut datasets: Vec<DatasetModel> = snap
        .lists
        .iter()
        .map(|l| DatasetModel {
            name: l.info.dataset.clone(),
            title: l.info.dataset.clone(),
            summary: None,
            url: None,
            load: true,
            entities_url: None,
            version: l
                .info
                .version
                .clone()
                .unwrap_or_else(|| l.info.sha256[..12].to_string()),
            index_version: Some(snap.version.to_string()),
            index_current: true,
            children: Vec::new(),
            entity_count: l.info.entities,
            sha256: Some(l.info.sha256.clone()),
            format: Some(l.info.format.clone()),
            loaded_at: Some(l.info.loaded_at.clone()),
        })
        .collect();
    datasets.push(collection(
        "default",
        "All loaded lists",
        snap.list_names(),
        &snap,
    ));
    datasets.push(collection(
        "sanctions",
        "Sanctions lists",
        snap.sanctions_lists(),
        &snap,
    ));
    let current = datasets.iter().map(|d| d.name.clone()).collect();
    Json(CatalogResponse {
        datasets,
        current,
        outdated: Vec::new(),
        index_stale: false,
        index_version: snap.version,
    })
}

/// The answer of `/algorithms`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AlgorithmResponse {
    pub algorithms: Vec<wire::AlgorithmDoc>,
    pub default: String,
    pub best: String,
}

/// `GET /algorithms`: the matching algorithm and its features.
#[utoipa::path(
    get,
    path = "/algorithms",
    tag = "System information",
    responses((status = 200, body = AlgorithmResponse), (status = 401, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn algorithms() -> Json<AlgorithmResponse> {
    Json(AlgorithmResponse {
        algorithms: vec![wire::algorithm_doc()],
        default: wire::ALGORITHM.into(),
        best: wire::ALGORITHM.into(),
    })
}
