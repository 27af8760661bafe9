package testkit

import (
	"fmt"
	"testing"

	"settle/pipeline"
	"settle/pipeline/policy"
)

// USCC makes the n-th valid test code of division 330108 (滨江区).
func USCC(tb testing.TB, n int) string {
	tb.Helper()
	first := fmt.Sprintf("91330108%09d", n)
	c, ok := pipeline.USCCCheckChar(first)
	if !ok {
		tb.Fatalf("bad test code %s", first)
	}
	return first + string(c)
}

// Day parses an ISO date (2025-07-01).
func Day(tb testing.TB, s string) pipeline.Date {
	tb.Helper()
	d, err := pipeline.ParseISODate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// DefaultPolicy is the embedded policy, freshly parsed: the test may
// change it.
func DefaultPolicy(tb testing.TB) *pipeline.Policy {
	tb.Helper()
	p, err := policy.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// AddEnterprise registers the n-th test enterprise (杭州测试n科技有限公司 of
// 杭州市滨江区, code USCC(n)) with the given registry status and the same
// review for every voucher, and returns its code.
func AddEnterprise(tb testing.TB, reg *pipeline.Registry, n int, status string, review pipeline.Review) string {
	tb.Helper()
	u := USCC(tb, n)
	reg.Enterprises[u] = &pipeline.Enterprise{USCC: u, Name: fmt.Sprintf("杭州测试%d科技有限公司", n),
		District: "杭州市滨江区", Status: status}
	for _, v := range pipeline.Vouchers {
		reg.Reviews[pipeline.ReviewKey{USCC: u, Voucher: v}] = pipeline.ReviewRow{Result: review}
	}
	return u
}

// Reference is the reference lists of the hand-built Parquet years: one
// compute partner (USCC(900), listed from 2024-01-01), the venue
// 浙江大数据交易中心 and the model filing Zhejiang-202401 (filed
// 2024-03-01). It returns the partner's code too.
func Reference(tb testing.TB) (ref *pipeline.Reference, partner string) {
	tb.Helper()
	ref = pipeline.NewReference()
	partner = USCC(tb, 900)
	ref.Partners[partner] = []pipeline.Listing{{From: Day(tb, "2024-01-01")}}
	ref.Venues[pipeline.Fold("浙江大数据交易中心")] = true
	ref.Models[pipeline.Fold("Zhejiang-202401")] = Day(tb, "2024-03-01")
	return ref, partner
}
