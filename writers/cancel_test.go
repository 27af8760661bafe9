package writers

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"settle/pipeline"
)

// TestWritersStopOnCancel checks that every document writer gives up on
// a cancelled context, before it starts and between rows.
func TestWritersStopOnCancel(t *testing.T) {
	r := testResult(t)
	dir := t.TempDir()
	writers := map[string]func(ctx context.Context) error{
		"bureau": func(ctx context.Context) error {
			return saveBureau(ctx, filepath.Join(dir, "b.xlsx"), r, "jxj", DocOptions{})
		},
		"disbursement": func(ctx context.Context) error {
			return saveDisbursement(ctx, filepath.Join(dir, "d.xlsx"), r, DocOptions{})
		},
		"publicity": func(ctx context.Context) error {
			return savePublicity(ctx, filepath.Join(dir, "p.xlsx"), r, DocOptions{})
		},
		"payments": func(ctx context.Context) error { return savePayments(ctx, filepath.Join(dir, "p.csv"), r, "jxj") },
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, write := range writers {
		if err := write(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", name, err)
		}
	}
	// Between rows: a bureau with more rejected lines than ctxRows.
	big := testResult(t)
	lines := big.Lines(pipeline.Compute).Slice()
	for len(lines) < 3*ctxRows {
		l := lines[3] // a rejected line
		l.Origin.Row = len(lines) + 2
		lines = append(lines, l)
	}
	big.SetLines(pipeline.Compute, lines...)
	// The context is alive when the writer starts and cancelled after.
	if err := saveBureau(&cancelAfter{Context: context.Background(), n: 1}, filepath.Join(dir, "big.xlsx"), big, "jxj",
		DocOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("big bureau: %v, want context.Canceled", err)
	}
}

// cancelAfter is a context whose Err is nil n times, then Canceled.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}
