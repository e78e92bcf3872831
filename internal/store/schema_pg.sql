-- The annals store in PostgreSQL: the tables of schema.sql (the DuckDB
-- store), with the same columns and meanings; keep the two alike. Lists are
-- arrays; nested record parts (attribution, evidence) are JSON text. Text
-- sorts bytewise (COLLATE "C"), as DuckDB's does, whatever the database's
-- locale, so that lists come out in the same order from both stores.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR COLLATE "C" PRIMARY KEY,
    value VARCHAR COLLATE "C"
);

-- One row per document. key is its identity: "url:" and its URL, else
-- "sha256:" and the hash of its text; storing the same key twice is a no-op.
CREATE TABLE IF NOT EXISTS documents (
    id           VARCHAR COLLATE "C" PRIMARY KEY,
    key          VARCHAR COLLATE "C" NOT NULL UNIQUE,
    url          VARCHAR COLLATE "C",
    title        VARCHAR COLLATE "C",
    published    DATE,
    text         VARCHAR COLLATE "C" NOT NULL,
    content_hash VARCHAR COLLATE "C" NOT NULL,
    source       VARCHAR COLLATE "C",      -- where it was read: file, file:line or file#record
    ingested     TIMESTAMP NOT NULL,
    n_events     INTEGER NOT NULL
);

-- One row per sentence, its text stored here once: events name their
-- sentence by (doc_id, sentence) = (doc_id, idx) and are read with it.
CREATE TABLE IF NOT EXISTS sentences (
    doc_id     VARCHAR COLLATE "C" NOT NULL,
    idx        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    text       VARCHAR COLLATE "C"
);

-- Spans that refer to actors (names, pronouns, descriptions) and the actor
-- each resolves to at the publication date.
CREATE TABLE IF NOT EXISTS mentions (
    doc_id        VARCHAR COLLATE "C" NOT NULL,
    idx           INTEGER NOT NULL,
    start_byte    INTEGER NOT NULL,
    end_byte      INTEGER NOT NULL,
    sentence      INTEGER,
    label         VARCHAR COLLATE "C",
    via           VARCHAR COLLATE "C",
    antecedent    INTEGER,     -- idx of the mention it refers back to, NULL when none
    entry         VARCHAR COLLATE "C",
    actor_code    VARCHAR COLLATE "C",
    actor_country VARCHAR COLLATE "C",
    actor_sector  VARCHAR[] COLLATE "C",
    actor_name    VARCHAR COLLATE "C",
    actor_kind    VARCHAR COLLATE "C",
    text          VARCHAR COLLATE "C"
);

-- One row per event: every field of the event record (DESIGN.md), sources
-- and targets in event_args. date_start and date_end bound the event date
-- (NULL when undated); they drive date filters and deduplication.
CREATE TABLE IF NOT EXISTS events (
    id               VARCHAR COLLATE "C" PRIMARY KEY,
    doc_id           VARCHAR COLLATE "C" NOT NULL,
    seq              INTEGER NOT NULL,  -- order in the document
    sentence         INTEGER,  -- sentences.idx; its text is there
    event_type       VARCHAR COLLATE "C",
    mode             VARCHAR COLLATE "C",
    context          VARCHAR[] COLLATE "C",
    cameo            VARCHAR COLLATE "C",
    quad_class       INTEGER,
    goldstein        DOUBLE PRECISION,
    trigger_text     VARCHAR COLLATE "C",
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    date_value       VARCHAR COLLATE "C",
    date_precision   VARCHAR COLLATE "C",
    date_basis       VARCHAR COLLATE "C",
    date_text        VARCHAR COLLATE "C",
    date_start       DATE,
    date_end         DATE,
    published        VARCHAR COLLATE "C",
    location_text    VARCHAR COLLATE "C",
    location_country VARCHAR COLLATE "C",
    polarity         VARCHAR COLLATE "C",
    modality         VARCHAR COLLATE "C",
    certainty        VARCHAR COLLATE "C",
    attribution      VARCHAR COLLATE "C",  -- JSON: {"speaker", "start", "end", "actor", "cue"}
    confidence       DOUBLE PRECISION,
    rule             VARCHAR COLLATE "C",
    evidence         VARCHAR COLLATE "C",  -- JSON list of {"field", "text", "start", "end", "rule"}
    -- Derived from event_args for fast filters and aggregates: the distinct
    -- non-empty full codes, countries, and country-level keys (the country,
    -- else the code) of the sources and of the targets.
    src_codes        VARCHAR[] COLLATE "C",
    src_countries    VARCHAR[] COLLATE "C",
    src_ckeys        VARCHAR[] COLLATE "C",
    tgt_codes        VARCHAR[] COLLATE "C",
    tgt_countries    VARCHAR[] COLLATE "C",
    tgt_ckeys        VARCHAR[] COLLATE "C",
    -- The same codes and countries as one string, "|RUS|RUSGOV|", so that
    -- an actor filter is a substring test.
    src_keys         VARCHAR COLLATE "C",
    tgt_keys         VARCHAR COLLATE "C",
    -- The record's source and target lists as JSON, so that reading events
    -- needs no join (event_args holds the same, one row per argument).
    source           VARCHAR COLLATE "C",
    target           VARCHAR COLLATE "C"
);

-- Events with no coded actor on either side (record.Event.Incomplete): kept
-- beside the dataset, not in it; shown on request (the API's all=1, the
-- explorer's toggle). record is the whole event record as JSON.
CREATE TABLE IF NOT EXISTS incomplete_events (
    id     VARCHAR COLLATE "C" PRIMARY KEY,
    doc_id VARCHAR COLLATE "C" NOT NULL,
    seq    INTEGER NOT NULL,  -- order among the document's incomplete events
    record VARCHAR COLLATE "C" NOT NULL
);

-- Sources and targets of events, in record order.
CREATE TABLE IF NOT EXISTS event_args (
    event_id   VARCHAR COLLATE "C" NOT NULL,
    doc_id     VARCHAR COLLATE "C" NOT NULL,
    role       VARCHAR COLLATE "C" NOT NULL,  -- source or target
    idx        INTEGER NOT NULL,
    text       VARCHAR COLLATE "C",
    start_byte INTEGER,
    end_byte   INTEGER,
    code       VARCHAR COLLATE "C",
    country    VARCHAR COLLATE "C",
    sector     VARCHAR[] COLLATE "C",
    name       VARCHAR COLLATE "C",
    kind       VARCHAR COLLATE "C"
);

-- Reports of the same event (type, source, target, overlapping dates)
-- across documents, brought up to date after each ingest (Refresh).
CREATE TABLE IF NOT EXISTS clusters (
    id         VARCHAR COLLATE "C" PRIMARY KEY,
    event_type VARCHAR COLLATE "C" NOT NULL,
    source     VARCHAR COLLATE "C" NOT NULL,
    target     VARCHAR COLLATE "C" NOT NULL,
    date_start DATE,
    date_end   DATE,
    reports    INTEGER NOT NULL,  -- events in the cluster
    documents  INTEGER NOT NULL,  -- distinct documents
    outlets    INTEGER NOT NULL,  -- distinct publishers (URL host, else input file)
    asserted   INTEGER NOT NULL,
    negated    INTEGER NOT NULL,
    disputed   BOOLEAN NOT NULL,
    conflicts  VARCHAR[] COLLATE "C"          -- what the reports disagree about
);

CREATE TABLE IF NOT EXISTS cluster_events (
    cluster_id VARCHAR COLLATE "C" NOT NULL,
    event_id   VARCHAR COLLATE "C" NOT NULL
);

-- What the last writes changed (as schema.sql's dirty).
CREATE TABLE IF NOT EXISTS dirty (
    kind VARCHAR COLLATE "C" NOT NULL,
    a    VARCHAR COLLATE "C" NOT NULL,
    b    VARCHAR COLLATE "C" NOT NULL
);

-- Lookups by document and by event (DuckDB scans instead).
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id, idx);
CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id, seq);
CREATE INDEX IF NOT EXISTS events_date ON events (date_start);
CREATE INDEX IF NOT EXISTS incomplete_events_doc ON incomplete_events (doc_id, seq);
CREATE INDEX IF NOT EXISTS event_args_event ON event_args (event_id);
CREATE INDEX IF NOT EXISTS cluster_events_cluster ON cluster_events (cluster_id);

-- Actors that take part in events, by full code (as schema.sql's view).
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
