package writers

import (
	"context"

	"settle/pipeline"
)

// WriteBureau and WriteDisbursement keep the signatures publish.go calls
// until the lead wires WriteBureauDoc, WriteDisbursementDoc, WritePublicity
// and WritePayments into Publish (then this file goes, and the *Doc
// functions take these names).
func WriteBureau(path string, r *pipeline.Result, bureau string) error {
	return WriteBureauDoc(context.Background(), path, r, bureau, DocOptions{})
}

// WriteDisbursement: see WriteBureau.
func WriteDisbursement(path string, r *pipeline.Result) error {
	return WriteDisbursementDoc(context.Background(), path, r, DocOptions{})
}
