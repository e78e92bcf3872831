-- The annals store: one DuckDB file. Offsets are byte offsets into
-- documents.text, half-open [start_byte, end_byte). Lists are DuckDB lists;
-- nested record parts (attribution, evidence) are JSON text.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per document. key is its identity: "url:" and its URL, else
-- "sha256:" and the hash of its text; storing the same key twice is a no-op.
CREATE TABLE IF NOT EXISTS documents (
    id           VARCHAR PRIMARY KEY,
    key          VARCHAR NOT NULL UNIQUE,
    url          VARCHAR,
    title        VARCHAR,
    published    DATE,
    text         VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    source       VARCHAR,      -- where it was read: file, file:line or file#record
    ingested     TIMESTAMP NOT NULL,
    n_events     INTEGER NOT NULL
);

-- One row per sentence, its text stored here once: events name their
-- sentence by (doc_id, sentence) = (doc_id, idx) and are read with it.
CREATE TABLE IF NOT EXISTS sentences (
    doc_id     VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    text       VARCHAR
);

-- Spans that refer to actors (names, pronouns, descriptions) and the actor
-- each resolves to at the publication date.
CREATE TABLE IF NOT EXISTS mentions (
    doc_id        VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    start_byte    INTEGER NOT NULL,
    end_byte      INTEGER NOT NULL,
    sentence      INTEGER,
    label         VARCHAR,
    via           VARCHAR,
    antecedent    INTEGER,     -- idx of the mention it refers back to, NULL when none
    entry         VARCHAR,
    actor_code    VARCHAR,
    actor_country VARCHAR,
    actor_sector  VARCHAR[],
    actor_name    VARCHAR,
    actor_kind    VARCHAR,
    text          VARCHAR
);

-- One row per event: every field of the event record (DESIGN.md), sources
-- and targets in event_args. date_start and date_end bound the event date
-- (NULL when undated); they drive date filters and deduplication.
CREATE TABLE IF NOT EXISTS events (
    id               VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,  -- order in the document
    sentence         INTEGER,  -- sentences.idx; its text is there
    event_type       VARCHAR,
    mode             VARCHAR,
    context          VARCHAR[],
    cameo            VARCHAR,
    quad_class       INTEGER,
    goldstein        DOUBLE,
    trigger_text     VARCHAR,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    date_value       VARCHAR,
    date_precision   VARCHAR,
    date_basis       VARCHAR,
    date_text        VARCHAR,
    date_start       DATE,
    date_end         DATE,
    published        VARCHAR,
    location_text    VARCHAR,
    location_country VARCHAR,
    polarity         VARCHAR,
    modality         VARCHAR,
    certainty        VARCHAR,
    attribution      VARCHAR,  -- JSON: {"speaker", "start", "end", "actor", "cue"}
    confidence       DOUBLE,
    rule             VARCHAR,
    evidence         VARCHAR,  -- JSON list of {"field", "text", "start", "end", "rule"}
    -- Derived from event_args for fast filters and aggregates: the distinct
    -- non-empty full codes, countries, and country-level keys (the country,
    -- else the code) of the sources and of the targets.
    src_codes        VARCHAR[],
    src_countries    VARCHAR[],
    src_ckeys        VARCHAR[],
    tgt_codes        VARCHAR[],
    tgt_countries    VARCHAR[],
    tgt_ckeys        VARCHAR[],
    -- The same codes and countries as one string, "|RUS|RUSGOV|", so that
    -- an actor filter is a substring test (the fastest scan DuckDB has).
    src_keys         VARCHAR,
    tgt_keys         VARCHAR,
    -- The record's source and target lists as JSON, so that reading events
    -- needs no join (event_args holds the same, one row per argument).
    source           VARCHAR,
    target           VARCHAR
);

-- Events with no coded actor on either side (record.Event.Incomplete): kept
-- beside the dataset, not in it; shown on request (the API's all=1, the
-- explorer's toggle). record is the whole event record as JSON.
CREATE TABLE IF NOT EXISTS incomplete_events (
    id     VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    seq    INTEGER NOT NULL,  -- order among the document's incomplete events
    record VARCHAR NOT NULL
);

-- Sources and targets of events, in record order.
CREATE TABLE IF NOT EXISTS event_args (
    event_id   VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,  -- source or target
    idx        INTEGER NOT NULL,
    text       VARCHAR,
    start_byte INTEGER,
    end_byte   INTEGER,
    code       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR[],
    name       VARCHAR,
    kind       VARCHAR
);

-- Reports of the same event (type, source, target, overlapping dates)
-- across documents, brought up to date after each ingest (Refresh).
CREATE TABLE IF NOT EXISTS clusters (
    id         VARCHAR PRIMARY KEY,
    event_type VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    target     VARCHAR NOT NULL,
    date_start DATE,
    date_end   DATE,
    reports    INTEGER NOT NULL,  -- events in the cluster
    documents  INTEGER NOT NULL,  -- distinct documents
    outlets    INTEGER NOT NULL,  -- distinct publishers (URL host, else input file)
    asserted   INTEGER NOT NULL,
    negated    INTEGER NOT NULL,
    disputed   BOOLEAN NOT NULL,
    conflicts  VARCHAR[]          -- what the reports disagree about
);

CREATE TABLE IF NOT EXISTS cluster_events (
    cluster_id VARCHAR NOT NULL,
    event_id   VARCHAR NOT NULL
);

-- What the last writes changed, for the next Refresh to bring the clusters
-- and summaries up to date where they changed (and nowhere else): kind
-- "actor" names a code or country (a) of a stored or deleted event's
-- source or target; "target" an event type (a) and target code (b);
-- "cluster" a cluster (a) that lost reports. Refresh empties it.
CREATE TABLE IF NOT EXISTS dirty (
    kind VARCHAR NOT NULL,
    a    VARCHAR NOT NULL,
    b    VARCHAR NOT NULL
);

-- Actors that take part in events, by full code.
CREATE OR REPLACE VIEW actors AS
WITH roles AS (
    SELECT id, unnest(src_codes) AS code, 1 AS src, 0 AS tgt FROM events
    UNION ALL
    SELECT id, unnest(tgt_codes) AS code, 0 AS src, 1 AS tgt FROM events),
per AS (SELECT code, id, max(src) AS src, max(tgt) AS tgt FROM roles GROUP BY code, id),
counts AS (SELECT code, sum(src) AS as_source, sum(tgt) AS as_target, count(*) AS events FROM per GROUP BY code),
-- The most frequent country, kind and name of each code's arguments (the
-- smallest on a tie, so that both stores name it alike):
ranked AS (
    SELECT code, 'country' AS field, country AS value, count(*) AS n FROM event_args
        WHERE coalesce(code, '') <> '' AND country IS NOT NULL GROUP BY code, country
    UNION ALL
    SELECT code, 'kind', kind, count(*) FROM event_args WHERE coalesce(code, '') <> '' AND kind IS NOT NULL GROUP BY code, kind
    UNION ALL
    SELECT code, 'name', name, count(*) FROM event_args WHERE coalesce(code, '') <> '' AND name IS NOT NULL GROUP BY code, name),
best AS (SELECT code, field, value FROM (
    SELECT code, field, value, row_number() OVER (PARTITION BY code, field ORDER BY n DESC, value) AS r FROM ranked) AS x WHERE r = 1),
m AS (SELECT code, max(value) FILTER (WHERE field = 'country') AS country, max(value) FILTER (WHERE field = 'kind') AS kind,
             max(value) FILTER (WHERE field = 'name') AS name FROM best GROUP BY code),
-- A code names a country, a body (an IGO, organization or group) or an
-- aggregate (a country and sector: USAGOV is every US official). A country
-- or a body takes the name its mentions give most; an aggregate is named by
-- its code, never after one mention ("USAGOV" is not "Washington").
names AS (SELECT code, country, kind,
                 CASE WHEN kind IN ('igo', 'organization', 'group') OR code = country THEN name END AS name FROM m)
SELECT c.code, n.country, n.name, n.kind, c.as_source, c.as_target, c.events
FROM counts c LEFT JOIN names n ON n.code = c.code;
