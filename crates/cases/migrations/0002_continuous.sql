-- The case store, version 2: what continuous screening keeps between runs, in the store rather
-- than in a file beside it, so that it is written in the same transactions as the alerts and a
-- crash cannot leave the two out of step. Portable SQL, as version 1.

-- Near misses: results between min_score and the threshold of each record's latest screening,
-- replaced whenever the record's results are recorded. A delta run re-scores them after a list
-- update, when the new token statistics alone may push a pair over the threshold.
CREATE TABLE near_misses (
    record_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (record_id, entity_id)
);

-- One row. versions: JSON object dataset -> version id that the near misses were computed
-- against ('{}' before the first re-screening); config_hash: the matching configuration they
-- were computed with (its threshold and min_score decide what a near miss is); pending: JSON of
-- the re-screening run in progress (written before it starts, cleared in the transaction that
-- finishes it), else NULL.
CREATE TABLE continuous_state (
    id BIGINT PRIMARY KEY,
    versions TEXT NOT NULL,
    config_hash TEXT,
    pending TEXT
);
INSERT INTO continuous_state (id, versions, config_hash, pending) VALUES (1, '{}', NULL, NULL);
