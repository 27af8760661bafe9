package gen

import (
	"testing"

	"settle/pipeline"
)

// readmeRows are the planted rows as README.md lists them: the first row
// of each file's planted block, then the code of each row in order ("" =
// eligible). Keep README.md, this table and planted.go in step.
var readmeRows = map[pipeline.Voucher]struct {
	first int
	codes []pipeline.Reason
}{
	pipeline.Compute: {4, concat(
		codes(pipeline.MissingField, pipeline.MissingField, pipeline.BadUSCC, pipeline.BadUSCC,
			pipeline.BadAmount, pipeline.BadAmount, pipeline.BadDate, pipeline.BadDate,
			pipeline.UnknownEnterprise, pipeline.OutOfJurisdiction, pipeline.InactiveEnterprise,
			pipeline.OutOfPeriod, pipeline.OutOfPeriod, pipeline.BadPurpose,
			pipeline.ProviderNotPartner, pipeline.ProviderNotPartner, pipeline.ProviderNotPartner,
			pipeline.BadComputeOrigin,
			"", pipeline.DuplicateDocument, // rows 22-23
			"", pipeline.DuplicateInvoice, // 24-25
			pipeline.DuplicateInvoice, "", // 26-27
		),
		eligible(63-28+1), // rows 28-63
		eligible(73-64+1), // 64-73: 审定金额 cases
		codes(excludedByReview, excludedByReview, "", // 74-76
			alreadyFunded, alreadyFunded, "", // 77-79
			pipeline.DuplicateInvoice,                                      // 80: the review contest
			"", "", pipeline.OutOfJurisdiction, pipeline.OutOfJurisdiction, // 81-84
			"", "", "", pipeline.DuplicateDocument, // 85-88
		),
	)},
	pipeline.Corpus: {2, concat(
		codes(pipeline.MissingField, pipeline.BadUSCC, pipeline.VenueNotRecognised,
			pipeline.AffiliatedSeller, pipeline.AffiliatedSeller, pipeline.AffiliatedSeller, pipeline.AffiliatedSeller,
			pipeline.DuplicateInvoice, "", pipeline.DuplicateInvoice, // rows 9-11
			"", pipeline.DuplicateDocument, // 12-13
		),
		eligible(94-14+1), // rows 14-94
	)},
	pipeline.Model: {3, concat(
		codes(pipeline.ModelNotFiled, pipeline.ModelNotYetFiled, pipeline.BadPurpose,
			pipeline.DuplicateInvoice, "", "", "", // rows 6-9
			"", pipeline.DuplicateDocument, // 10-11
		),
		eligible(19-12+1),                // rows 12-19
		codes("", alreadyFunded, "", ""), // 20-23
	)},
	pipeline.Innovation: {2, codes(pipeline.MissingField, "", pipeline.DuplicateDocument,
		pipeline.DuplicateInvoice, pipeline.OutOfPeriod, "", "")},
}

func codes(rs ...pipeline.Reason) []pipeline.Reason { return rs }
func eligible(n int) []pipeline.Reason              { return make([]pipeline.Reason, n) }
func concat(parts ...[]pipeline.Reason) []pipeline.Reason {
	var all []pipeline.Reason
	for _, p := range parts {
		all = append(all, p...)
	}
	return all
}

func TestPlantedRowsAsREADME(t *testing.T) {
	_, rec := sample(t, 5)
	for _, v := range pipeline.Vouchers {
		want := readmeRows[v]
		lines := rec.lines[v]
		if len(lines) < len(want.codes) {
			t.Fatalf("%s: %d lines, README lists %d planted", v, len(lines), len(want.codes))
		}
		for i, code := range want.codes {
			l := lines[i]
			if l.row != want.first+i || l.want != code {
				t.Errorf("%s row %d: planted %q, README says row %d %q", v, l.row, l.want, want.first+i, code)
			}
		}
	}
}
