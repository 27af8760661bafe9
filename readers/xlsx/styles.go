package xlsx

import (
	"strconv"
	"strings"
)

// xmlStyles is the part of xl/styles.xml this package needs: the custom
// number formats and, for each cell format (the s attribute of a cell
// indexes cellXfs), its number format id.
type xmlStyles struct {
	NumFmts []struct {
		ID   string `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID string `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// dateStyles tells, for each cell format, whether its number format shows a
// date or a time.
func (st *xmlStyles) dateStyles() []bool {
	custom := make(map[int]string, len(st.NumFmts))
	for _, f := range st.NumFmts {
		if id, err := strconv.Atoi(strings.TrimSpace(f.ID)); err == nil {
			custom[id] = f.Code
		}
	}
	dates := make([]bool, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		id, err := strconv.Atoi(strings.TrimSpace(xf.NumFmtID))
		if err != nil {
			continue
		}
		if code, ok := custom[id]; ok {
			dates[i] = isDateFormat(code)
		} else {
			dates[i] = isBuiltInDate(id)
		}
	}
	return dates
}

// isBuiltInDate reports whether a built-in number format id is a date or
// time format. The ids are excelize's (numfmt.go, builtInNumFmt and
// langNumFmt): 14–22 and 45–47 everywhere; 27–36 and 50–58 are the date and
// time formats of the Chinese, Japanese and Korean locales; 71–81 are the
// Thai ones. 59–70 are Thai number formats, not dates.
func isBuiltInDate(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 ||
		50 <= id && id <= 58 || 71 <= id && id <= 81
}

// isDateFormat reports whether a custom number format code shows a date or
// time: after removing quoted text, backslash-escaped characters, the
// characters that follow _ (space of a character's width) and * (fill),
// and bracketed sections ([Red], [$-409], [>=100]) other than the
// elapsed-time ones ([h], [mm], [ss]), it still holds one of the letters
// y m d h s, in either case. (General, 0.00, #,##0 and 0.00E+00 hold none.)
func isDateFormat(code string) bool {
	lower := strings.ToLower(code)
	for i := 0; i < len(lower); i++ {
		switch lower[i] {
		case '"':
			if j := strings.IndexByte(lower[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(lower)
			}
		case '\\', '_', '*':
			i++ // the next character is literal
		case '[':
			j := strings.IndexByte(lower[i+1:], ']')
			if j < 0 {
				return false
			}
			if isElapsed(lower[i+1 : i+1+j]) {
				return true
			}
			i += j + 1
		case 'y', 'm', 'd', 'h', 's':
			return true
		}
	}
	return false
}

// isElapsed reports whether a bracketed section is an elapsed-time token:
// [h], [hh], [m], [mm], [s], [ss].
func isElapsed(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return s[0] == 'h' || s[0] == 'm' || s[0] == 's'
}
