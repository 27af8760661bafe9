package writers

import (
	"context"
	"testing"

	"settle/pipeline"
)

// TestLines checks the wrapped-line estimate against pages LibreOffice
// printed from the sample year (texts that were cut off at the bottom of
// their rows before the estimate laid out whole glyphs and words).
func TestLines(t *testing.T) {
	r := &pipeline.Result{Year: 2025, Policy: testResult(t).Policy}
	b, err := newBook(context.Background(), r, "区经信局", "x", "x")
	if err != nil {
		t.Fatal(err)
	}
	defer b.f.Close()
	for _, tc := range []struct {
		text  string
		width float64
		style int
		want  int
	}{
		{"杭州测试科技", 12, b.wrap, 1},
		{"评审：不通过；评审备注：结算凭证与发票不一致", 12, b.wrap, 4}, // 7 glyphs a line
		{"C7 服务商统一社会信用代码 \"91440305MAOP0T7J2X\": 含不允许的字符 \"O\"", 18, b.wrap, 5},
		{"服务商 91330108MA2E8JP16N 在 2025-11-20 不在算力合作伙伴名单", 18, b.wrap, 4},
		{"兴业银行杭州分行营业部", 18, b.wrap, 1}, // 11 glyphs print on one line of 18
		{"第一行\n第二行", 30, b.wrap, 2},
		{"c362dda113532ad977992ef6ca0b84db10ec00f904be6af752897e19afbcff33", 35, b.mono, 2},
		{"不换行的长文本不换行的长文本不换行的长文本", 12, b.text, 1},
		{"", 12, b.wrap, 1},
	} {
		if got := b.lines(tc.text, tc.width, tc.style); got != tc.want {
			t.Errorf("lines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}
