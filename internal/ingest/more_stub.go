package ingest

import (
	"fmt"
	"io"
)

func (o Options) readMore(r io.Reader, name string, format Format, h Handler) error {
	h.fail(&Error{Source: name, Err: fmt.Errorf("format %s not supported yet", format)})
	return nil
}
