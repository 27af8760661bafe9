package writers

import (
	"context"
	"io"

	"settle/pipeline"
	"settle/publish"
)

// The document writers write to an io.Writer; these write them to a file,
// as WriteAll does.

func saveBureau(ctx context.Context, path string, r *pipeline.Result, bureau string, opt DocOptions) error {
	return publish.WriteFile(nil, path, func(w io.Writer) error { return WriteBureau(ctx, w, r, bureau, opt) })
}

func saveDisbursement(ctx context.Context, path string, r *pipeline.Result, opt DocOptions) error {
	return publish.WriteFile(nil, path, func(w io.Writer) error { return WriteDisbursement(ctx, w, r, opt) })
}

func savePublicity(ctx context.Context, path string, r *pipeline.Result, opt DocOptions) error {
	return publish.WriteFile(nil, path, func(w io.Writer) error { return WritePublicity(ctx, w, r, opt) })
}

func savePayments(ctx context.Context, path string, r *pipeline.Result, bureau string) error {
	return publish.WriteFile(nil, path, func(w io.Writer) error { return WritePayments(ctx, w, r, bureau) })
}
