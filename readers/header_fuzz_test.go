package readers

import (
	"path/filepath"
	"strings"
	"testing"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// allSheets is every sheet spec of SPEC §2.
func allSheets() []sheetSpec {
	specs := []sheetSpec{enterprisesSheet, affiliationsSheet, reviewsSheet, partnersSheet, modelsSheet, venuesSheet}
	for _, v := range pipeline.Vouchers {
		specs = append(specs, voucherFiles[v].sheet)
	}
	return specs
}

// headerCells makes a row of string cells from texts split at '|'; a text
// starting with '#' is a number cell instead (headers are never numbers).
func headerCells(row string) []xlsx.Cell {
	var cells []xlsx.Cell
	for i, s := range strings.Split(row, "|") {
		c := xlsx.Cell{Col: i + 1, Type: xlsx.String, Value: s}
		if strings.HasPrefix(s, "#") {
			c.Type, c.Value = xlsx.Number, s[1:]
		}
		cells = append(cells, c)
	}
	return cells
}

// FuzzMatchHeader maps random header rows onto every sheet spec: no
// panic; a column found is a cell that names it; no cell is taken for
// two columns; a column named by two cells is reported as duplicated;
// missing is exactly the required columns not found.
//
//	go test ./readers -run '^$' -fuzz FuzzMatchHeader -fuzztime 60s
func FuzzMatchHeader(f *testing.F) {
	for _, spec := range allSheets() {
		var names, aliases []string
		for _, c := range spec.columns {
			names, aliases = append(names, c.name), append(aliases, c.alias)
		}
		f.Add(strings.Join(names, "|"))
		f.Add(strings.Join(aliases, "|"))
	}
	// The header rows of the sample year, and those of the hostile corpus.
	for _, v := range pipeline.Vouchers {
		wb, err := xlsx.Open(filepath.Join(samplesDir, VoucherFile(v)), xlsx.Options{})
		if err != nil {
			f.Fatal(err)
		}
		rows, err := wb.Rows(wb.Sheets()[0])
		if err != nil {
			f.Fatal(err)
		}
		for n := 0; n < 3 && rows.Next(); n++ {
			var texts []string
			for _, c := range rows.Cells() {
				texts = append(texts, c.Value)
			}
			f.Add(strings.Join(texts, "|"))
		}
		rows.Close()
		wb.Close()
	}
	for _, row := range []string{
		"\u3000统一社会信用代码\u3000| Name |PROVIDER_USCC|服务商名称\u00a0|Ｂｉｌｌ＿Ｎｏ|Settled_On|  ORIGIN|用途\t|ａｍｏｕｎｔ|Invoice_NO",
		"\ufeff统一社会信用代码|企业名称\u200b|\u200e服务商统一社会信用代码\u200e|服务商名称|\u200b账单编号\u200b|结算日期\u2060|\u202a算力类型\u202c|用途|结算金额\ufeff|发票号码",
		"统一社会信用代码|uscc|结算金额|amount",
		"统一社会信用代码|服务商统一社会信用代码|账单编号|结算日期|算力类型|用途|结算金额|AMOUNT",
		"#1|#2|uscc||||name",
	} {
		f.Add(row)
	}
	specs := allSheets()
	f.Fuzz(func(t *testing.T, row string) {
		cells := headerCells(row)
		for _, spec := range specs {
			pos, headers, missing, dup := matchHeader(spec, cells)
			names := func(i int) bool { // cell at sheet column pos[i] names spec column i
				c := cells[pos[i]-1]
				k := headerKey(c.Value)
				return c.Type == xlsx.String && (k == headerKey(spec.columns[i].name) || k == headerKey(spec.columns[i].alias))
			}
			taken := map[int]int{}
			var wantMissing []string
			for i, col := range spec.columns {
				if pos[i] == 0 {
					if col.required {
						wantMissing = append(wantMissing, col.name+" / "+col.alias)
					}
					continue
				}
				if pos[i] < 1 || pos[i] > len(cells) || !names(i) {
					t.Fatalf("%s: column %s found at %d, which does not name it", spec.name, col.name, pos[i])
				}
				if j, ok := taken[pos[i]]; ok {
					t.Fatalf("%s: sheet column %d taken for %s and %s", spec.name, pos[i], spec.columns[j].name, col.name)
				}
				taken[pos[i]] = i
				if headers[i] != strings.TrimSpace(cells[pos[i]-1].Value) {
					t.Fatalf("%s: header %q for cell %q", spec.name, headers[i], cells[pos[i]-1].Value)
				}
				named := 0
				for _, c := range cells {
					k := headerKey(c.Value)
					if c.Type == xlsx.String && k != "" && (k == headerKey(col.name) || k == headerKey(col.alias)) {
						named++
					}
				}
				if named > 1 && dup == nil {
					t.Fatalf("%s: %s named by %d cells, no duplicate reported", spec.name, col.name, named)
				}
			}
			if strings.Join(missing, "\n") != strings.Join(wantMissing, "\n") {
				t.Fatalf("%s: missing %q, want %q", spec.name, missing, wantMissing)
			}
		}
	})
}
