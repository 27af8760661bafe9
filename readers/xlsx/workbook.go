package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	kflate "github.com/klauspost/compress/flate"
)

// DefaultMaxPartSize is the limit on one part's inflated size used when
// Options.MaxPartSize is zero.
const DefaultMaxPartSize = 1 << 30

// Options for Open. The zero value opens an unencrypted workbook with
// parts of up to DefaultMaxPartSize bytes.
type Options struct {
	// Password decrypts a password-protected workbook; empty means none.
	// It is ignored for a workbook that is not encrypted.
	Password string
	// MaxPartSize caps the inflated size of any one part of the package
	// (sheet XML, shared strings, styles) in bytes. Zero (or less) means
	// DefaultMaxPartSize. It is the zip-bomb guard: a part that declares or
	// inflates to more is ErrTooLarge. It is counted as the part inflates,
	// so memory stays bounded whatever the zip headers claim. (Sheets are
	// streamed; the shared strings are held in memory, at most about this
	// size.) The parts decoded whole (workbook, relationships, styles) get
	// a 32nd of it, at least 32 MiB.
	MaxPartSize int64
}

// Workbook is an open .xlsx file. Its methods may be called from several
// goroutines, and several Rows (of the same or different sheets) may be
// read at once, each by one goroutine. Close it when done; Rows still open
// then fail.
type Workbook struct {
	path     string
	file     *os.File // nil when the package was decrypted into memory
	parts    parts
	limit    int64
	names    []string          // sheet names in workbook order
	sheets   map[string]string // sheet name -> part name ("" when it has none)
	date1904 bool
	sstPart  *zip.File // nil when the workbook has no shared strings
	styles   *zip.File // nil when the workbook has no styles part
	shared   func() (*shared, error)
	closed   atomic.Bool
}

// shared is what every sheet needs and is loaded once, on the first Rows.
type shared struct {
	strings   []string
	dateStyle []bool // by cellXfs index: the cell format is a date or time
}

// Open opens the .xlsx file at path and reads its workbook part (the list
// of sheets). Shared strings and styles are read on the first Rows call.
// Errors about the file's content wrap ErrNotWorkbook, ErrEncrypted or
// ErrTooLarge and start with path; an error opening the file is returned
// as it is (it already names the path).
func Open(path string, opt Options) (*Workbook, error) {
	// Opening a named pipe blocks until someone writes to it, and a
	// device such as /dev/zero never ends: look before opening.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, fmt.Errorf("%s: 不是普通文件（类型 %v）: %w", path, st.Mode().Type(), ErrNotWorkbook)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: 是文件夹，不是文件: %w", path, ErrNotWorkbook)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: 不是普通文件（类型 %v）: %w", path, st.Mode().Type(), ErrNotWorkbook)
	}
	w, err := openFile(path, f, st.Size(), opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// openFile tells an OLE compound file (an encrypted workbook or a legacy
// .xls) from a zip package and opens it.
func openFile(name string, f *os.File, size int64, opt Options) (*Workbook, error) {
	var magic [8]byte
	if _, err := f.ReadAt(magic[:], 0); err == nil && bytes.Equal(magic[:], oleMagic) {
		pkg, err := decryptOLE(name, f, opt.Password)
		if err != nil {
			return nil, err
		}
		// The decrypted package lives in memory: the file is done with.
		f.Close()
		return newWorkbook(name, bytes.NewReader(pkg), int64(len(pkg)), opt)
	}
	w, err := newWorkbook(name, f, size, opt)
	if err != nil {
		return nil, err
	}
	w.file = f
	return w, nil
}

// newWorkbook reads the package structure: the main workbook part, its
// sheets and relationships.
func newWorkbook(name string, ra io.ReaderAt, size int64, opt Options) (*Workbook, error) {
	w := &Workbook{path: name, limit: opt.MaxPartSize}
	if w.limit <= 0 {
		w.limit = DefaultMaxPartSize
	}
	if size == 0 {
		return nil, fmt.Errorf("%s: 空文件: %w", name, ErrNotWorkbook)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: 不是 zip 压缩包，或压缩包已损坏（%s）: %w", name, causeText(err), ErrNotWorkbook)
	}
	// klauspost/compress inflates about 15% faster than compress/flate,
	// and inflating is about a third of reading a sheet.
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return kflate.NewReader(r) })
	w.parts = newParts(zr)

	wbName := w.mainPartName()
	wbPart := w.parts.get(wbName)
	if wbPart == nil {
		return nil, fmt.Errorf("%s: %s: %w", name, w.missingWorkbookReason(), ErrNotWorkbook)
	}
	var wb xmlWorkbook
	if err := w.readXML(wbPart, &wb); err != nil {
		return nil, err
	}
	var rels xmlRels
	if f := w.parts.get(relsName(wbName)); f != nil {
		if err := w.readXML(f, &rels); err != nil {
			return nil, err
		}
	}
	targets := make(map[string]string)
	for _, r := range rels.Rels {
		if strings.EqualFold(r.TargetMode, "External") {
			continue
		}
		target := resolveTarget(wbName, r.Target)
		targets[r.ID] = target
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			w.sstPart = w.parts.get(target)
		case strings.HasSuffix(r.Type, "/styles"):
			w.styles = w.parts.get(target)
		}
	}
	if w.sstPart == nil {
		w.sstPart = w.parts.get("xl/sharedStrings.xml")
	}
	if w.styles == nil {
		w.styles = w.parts.get("xl/styles.xml")
	}
	w.date1904 = xmlBool(wb.WorkbookPr.Date1904)
	w.sheets = make(map[string]string, len(wb.Sheets))
	for _, s := range wb.Sheets {
		if _, dup := w.sheets[s.Name]; dup {
			return nil, fmt.Errorf("%s: 有两个名为“%s”的工作表: %w", name, s.Name, ErrNotWorkbook)
		}
		w.names = append(w.names, s.Name)
		w.sheets[s.Name] = targets[s.relID()]
	}
	w.shared = sync.OnceValues(w.loadShared)
	return w, nil
}

// mainPartName finds the workbook part through the package relationships
// (_rels/.rels), falling back to the usual xl/workbook.xml.
func (w *Workbook) mainPartName() string {
	if f := w.parts.get("_rels/.rels"); f != nil {
		var rels xmlRels
		if w.readXML(f, &rels) == nil {
			for _, r := range rels.Rels {
				if strings.HasSuffix(r.Type, "/officeDocument") {
					return resolveTarget("", r.Target)
				}
			}
		}
	}
	return "xl/workbook.xml"
}

// missingWorkbookReason says what the zip is when it has no workbook part.
func (w *Workbook) missingWorkbookReason() string {
	switch {
	case w.parts.get("xl/workbook.bin") != nil:
		return "这是二进制 .xlsb 工作簿（请另存为 .xlsx）"
	case w.parts.get("content.xml") != nil && w.parts.get("mimetype") != nil:
		return "这是 OpenDocument 文件（请另存为 .xlsx）"
	case w.parts.get("word/document.xml") != nil:
		return "这是 Word 文档，不是工作簿"
	}
	return "zip 压缩包中没有 xl/workbook.xml"
}

// readXML reads a small part through the size limit for such parts and
// decodes it.
func (w *Workbook) readXML(f *zip.File, v any) error {
	limit := w.xmlLimit()
	data, err := readPart(f, limit)
	if err != nil {
		return w.partErrorAt(f.Name, err, limit)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %s: %s: %w", w.path, f.Name, causeText(err), ErrNotWorkbook)
	}
	return nil
}

// xmlLimit caps the parts read whole and decoded with encoding/xml (the
// workbook, its relationships, the styles): kilobytes in real workbooks
// (Excel holds at most 64,000 cell formats), while decoding costs many
// times a part's size in memory and time. It is a 32nd of the part limit,
// at least 32 MiB (or the part limit when that is lower), so that raising
// the part limit raises it too.
func (w *Workbook) xmlLimit() int64 { return max(min(w.limit, 32<<20), w.limit/32) }

// partError wraps an error met reading a part.
func (w *Workbook) partError(part string, err error) error { return w.partErrorAt(part, err, w.limit) }

// partErrorAt wraps an error met reading a part whose limit was limit.
func (w *Workbook) partErrorAt(part string, err error, limit int64) error {
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Errorf("%s: %s 解压后超过 %s: %w", w.path, part, sizeText(limit), ErrTooLarge)
	case errors.Is(err, ErrChecksum):
		return fmt.Errorf("%s: %w", w.path, err)
	case isCorrupt(err):
		return fmt.Errorf("%s: %s: %s: %w", w.path, part, causeText(err), ErrNotWorkbook)
	}
	return fmt.Errorf("%s: %s: %w", w.path, part, err)
}

// Sheets returns the sheet names in workbook order (the order of the tabs).
func (w *Workbook) Sheets() []string {
	return append([]string(nil), w.names...)
}

// Date1904 reports whether the workbook counts dates from 1904-01-01 (the
// old Mac convention) rather than from 1900.
func (w *Workbook) Date1904() bool { return w.date1904 }

// Close releases the file. It is safe to call more than once.
func (w *Workbook) Close() error {
	if w.closed.Swap(true) || w.file == nil {
		return nil
	}
	return w.file.Close()
}

// loadShared reads the shared strings and styles.
func (w *Workbook) loadShared() (*shared, error) {
	sh := &shared{}
	if w.styles != nil {
		var st xmlStyles
		if err := w.readXML(w.styles, &st); err != nil {
			return nil, err
		}
		sh.dateStyle = st.dateStyles()
	}
	if w.sstPart != nil {
		rc, err := openPart(w.sstPart, w.limit)
		if err != nil {
			return nil, w.partError(w.sstPart.Name, err)
		}
		defer rc.Close()
		if sh.strings, err = readSharedStrings(rc, int64(w.sstPart.UncompressedSize64)); err != nil {
			return nil, w.partError(w.sstPart.Name, err)
		}
	}
	return sh, nil
}

// xmlWorkbook is the part of xl/workbook.xml this package needs.
type xmlWorkbook struct {
	WorkbookPr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []xmlSheet `xml:"sheets>sheet"`
}

type xmlSheet struct {
	Name  string     `xml:"name,attr"`
	Attrs []xml.Attr `xml:",any,attr"`
}

// relID is the sheet's r:id, whatever prefix and namespace URI (transitional
// or strict) the writer used.
func (s xmlSheet) relID() string {
	for _, a := range s.Attrs {
		if a.Name.Local == "id" && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

type xmlRels struct {
	Rels []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

func xmlBool(s string) bool {
	s = strings.TrimSpace(s)
	return s == "1" || s == "true"
}

// sizeText writes a byte count in MiB when it is a whole number of them.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d 字节", n)
}
