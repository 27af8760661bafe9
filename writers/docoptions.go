package writers

// DocOptions are the choices of a document that the settlement does not
// decide. The zero value prints a blank date line to fill by hand.
type DocOptions struct {
	// Date is the 制表日期 printed on the signed covers, as the user wrote
	// it (settle run --date, e.g. "2026年1月15日"); "" leaves the line blank
	// to fill by hand. It is the only date a document carries, so outputs
	// stay byte-identical for identical inputs and options.
	Date string
}
