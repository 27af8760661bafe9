package pipeline

// Warning is something in the inputs or the settlement that did not stop
// the run but that the finance officer must see: a registry row left out,
// an exclusion that matches no line, an award held for bank details. At
// names the row (and cell, when there is one); an empty File means the
// warning concerns the year as a whole.
type Warning struct {
	At   Origin
	Text string // in Chinese
}

func (w Warning) String() string {
	if w.At.File == "" {
		return w.Text
	}
	return w.At.String() + ": " + w.Text
}
