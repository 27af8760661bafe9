package writers

// DocOptions are the texts the workbooks print that do not come from the
// inputs or the policy. The zero value prints none.
type DocOptions struct {
	// Date is the 制表日期 printed on the signed covers, as the user
	// wrote it (settle run --date); empty leaves a blank line to fill by
	// hand.
	Date string
}
