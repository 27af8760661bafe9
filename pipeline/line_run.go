package pipeline

import "context"

// checkChunk is how many lines one task of the line rules checks.
const checkChunk = 1 << 15

// lineChunk is a run of one voucher's lines, checked by one goroutine.
type lineChunk struct {
	lines    *Lines
	verd     *verdicts
	vr       *voucherRules
	lo, hi   int
	rejected []rejection // in line order
}

type rejection struct {
	i      int
	reason Reason
	detail string
}

// checkLines applies the line rules to every line of every voucher, in
// chunks on every processor, and admits the lines that pass. A chunk
// writes only its own lines' verdicts; the details of its rejections are
// added afterwards, in order, since they go into the voucher's table.
func checkLines(ctx context.Context, c *checkCtx, s *settling, rules []rule) error {
	var chunks []*lineChunk
	for _, v := range Vouchers {
		ls := s.lines[v]
		for lo := 0; lo < ls.Len(); lo += checkChunk {
			chunks = append(chunks, &lineChunk{lines: ls, verd: s.verd[v], vr: c.vouchers[v], lo: lo, hi: min(lo+checkChunk, ls.Len())})
		}
	}
	err := forEach(ctx, len(chunks), func(k int) {
		ch := chunks[k]
		// One Line per chunk, reused: the rules are called through the
		// table, so a Line per line would escape to the heap (330 bytes
		// a line). No rule keeps the line it is shown.
		var l Line
		for i := ch.lo; i < ch.hi; i++ {
			l = ch.lines.Line(i)
			lv := lineView{Line: &l, ent: c.ents[l.EnterpriseUSCC], vr: ch.vr}
			if reason, detail := firstRejection(c, rules, lv); reason != "" {
				ch.rejected = append(ch.rejected, rejection{i, reason, detail})
			} else {
				ch.verd.v[i] = lv.vr.admit(&l)
			}
		}
	})
	if err != nil {
		return err
	}
	for _, ch := range chunks {
		for _, r := range ch.rejected {
			ch.verd.reject(r.i, r.reason, r.detail)
		}
	}
	return nil
}
