package store

import (
	"context"
	"fmt"
	"strings"

	"annals/internal/record"
)

// exportBatch is how many events ForEachEvent reads at a time.
const exportBatch = 5000

// ForEachEvent calls fn for every stored event, by document and order in
// the document, with the URL of its document ("" when none). It stops at
// the first error fn returns.
func (s *DB) ForEachEvent(ctx context.Context, fn func(e record.Event, url string) error) error {
	lastDoc, lastSeq := "", -1
	for {
		evs, err := s.queryEvents(ctx, "SELECT "+eventCols+` FROM events e
			WHERE e.doc_id > ? OR (e.doc_id = ? AND e.seq > ?) ORDER BY e.doc_id, e.seq LIMIT `+fmt.Sprint(exportBatch),
			lastDoc, lastDoc, lastSeq)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			return nil
		}
		urls := map[string]string{}
		var docs []string
		for _, e := range evs {
			if _, ok := urls[e.DocID]; !ok {
				urls[e.DocID] = ""
				docs = append(docs, e.DocID)
			}
		}
		rs, err := s.db.QueryContext(ctx, `SELECT id, coalesce(url, '') FROM documents WHERE list_contains(?, id)`, docs)
		if err != nil {
			return fmt.Errorf("store %s: export: %w", s.path, err)
		}
		for rs.Next() {
			var id, u string
			if err := rs.Scan(&id, &u); err != nil {
				rs.Close()
				return fmt.Errorf("store %s: export: %w", s.path, err)
			}
			urls[id] = u
		}
		rs.Close()
		for _, e := range evs {
			if err := fn(e, urls[e.DocID]); err != nil {
				return err
			}
		}
		last := evs[len(evs)-1]
		if err := s.db.QueryRowContext(ctx, `SELECT seq FROM events WHERE id = ?`, last.ID).Scan(&lastSeq); err != nil {
			return fmt.Errorf("store %s: export: %w", s.path, err)
		}
		lastDoc = last.DocID
	}
}

// parquetSelect is the event table written to Parquet: every field of the
// record, sources and targets as lists of structs, with the document URL.
const parquetSelect = `SELECT e.id, e.doc_id, d.url AS document_url, e.sentence, e.sentence_text, e.event_type, e.mode,
	e.context, e.cameo, e.quad_class, e.goldstein,
	{'text': e.trigger_text, 'start': e.trigger_start, 'end': e.trigger_end} AS trigger,
	(SELECT list({'text': a.text, 'start': a.start_byte, 'end': a.end_byte, 'code': a.code, 'country': a.country,
		'sector': a.sector, 'name': a.name, 'kind': a.kind} ORDER BY a.idx) FROM event_args a WHERE a.event_id = e.id AND a.role = 'source') AS source,
	(SELECT list({'text': a.text, 'start': a.start_byte, 'end': a.end_byte, 'code': a.code, 'country': a.country,
		'sector': a.sector, 'name': a.name, 'kind': a.kind} ORDER BY a.idx) FROM event_args a WHERE a.event_id = e.id AND a.role = 'target') AS target,
	e.date_value, e.date_precision, e.date_basis, e.date_text, e.date_start, e.date_end, e.published,
	e.location_text, e.location_country, e.polarity, e.modality, e.certainty, e.attribution, e.confidence, e.rule, e.evidence
	FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY e.doc_id, e.seq`

// ExportParquet writes every event to a Parquet file at path (DuckDB's
// COPY): the record's fields as columns, sources and targets as lists of
// structs, attribution and evidence as JSON text.
func (s *DB) ExportParquet(ctx context.Context, path string) error {
	q := "COPY (" + parquetSelect + ") TO '" + strings.ReplaceAll(path, "'", "''") + "' (FORMAT parquet, COMPRESSION zstd)"
	if _, err := s.db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store %s: export to %s: %w", s.path, path, err)
	}
	return nil
}
