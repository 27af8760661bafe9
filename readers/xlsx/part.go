package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"
)

// parts indexes the entries of the package by name. OPC part names are
// case-insensitive, and some writers use backslashes, so a name that is not
// found exactly is looked up folded.
type parts struct {
	exact  map[string]*zip.File
	folded map[string]*zip.File
}

func newParts(zr *zip.Reader) parts {
	p := parts{exact: make(map[string]*zip.File), folded: make(map[string]*zip.File)}
	for _, f := range zr.File {
		p.exact[f.Name] = f
		if k := foldPartName(f.Name); p.folded[k] == nil {
			p.folded[k] = f
		}
	}
	return p
}

func foldPartName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func (p parts) get(name string) *zip.File {
	if f := p.exact[name]; f != nil {
		return f
	}
	return p.folded[foldPartName(name)]
}

// resolveTarget returns the part name a relationship target points at:
// targets are relative to the folder of the part that owns the
// relationships (base), or absolute from the package root when they start
// with "/".
func resolveTarget(base, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(base), target), "/")
}

// relsName is the name of the relationships part of the part name.
func relsName(name string) string {
	dir, file := path.Split(name)
	return dir + "_rels/" + file + ".rels"
}

// openPart opens the named part for streaming, through a counter that
// fails with ErrTooLarge once more than limit bytes have been inflated. A
// header that already declares more than limit fails at once.
func openPart(f *zip.File, limit int64) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, ErrTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errMalformed, causeText(err))
	}
	l := &limitedPart{rc: rc, left: limit, f: f}
	if f.CRC32 == 0 && f.UncompressedSize64 > 0 {
		// archive/zip checks the CRC-32 only when the header records
		// one: a zeroed field must not let damaged bytes through.
		l.crc = crc32.NewIEEE()
	}
	return l, nil
}

// limitedPart passes through at most left bytes of rc; one byte more is
// ErrTooLarge. It never buffers: the count is of bytes as they inflate.
// At the end of the entry it reports bytes that do not match the CRC-32
// or the size its headers record as a checksumError naming the entry
// (archive/zip checks both at EOF; crc covers a header whose CRC-32 is
// zero, which archive/zip takes for "not recorded").
type limitedPart struct {
	rc   io.ReadCloser
	left int64
	f    *zip.File
	crc  interface {
		io.Writer
		Sum32() uint32
	}
}

func (l *limitedPart) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.rc.Read(p)
	if l.left -= int64(n); l.left < 0 {
		return 0, ErrTooLarge
	}
	if l.crc != nil {
		l.crc.Write(p[:n])
		if err == io.EOF && l.crc.Sum32() != 0 {
			return n, &checksumError{entry: l.f.Name, cause: zip.ErrChecksum}
		}
	}
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
		// A CRC-32 that does not match, more bytes than the header
		// says, or fewer (archive/zip reports io.ErrUnexpectedEOF).
		err = &checksumError{entry: l.f.Name, cause: err}
	}
	return n, err
}

// checksumError is a zip entry whose bytes, read to their end, do not
// match the CRC-32 or size its headers record: the file was damaged
// (a flipped bit on a USB stick, a cut download).
type checksumError struct {
	entry string
	cause error
}

func (e *checksumError) Error() string {
	why := "内容与记录的 CRC-32 校验值不符"
	switch {
	case errors.Is(e.cause, zip.ErrFormat):
		why = "内容比记录的长度长"
	case errors.Is(e.cause, io.ErrUnexpectedEOF):
		why = "内容比记录的长度短，或压缩数据被截断"
	}
	return fmt.Sprintf("压缩条目 %s 已损坏（%s），文件可能在复制或下载时损坏，请重新获取该文件", e.entry, why)
}

// Unwrap: a damaged entry is a damaged workbook.
func (e *checksumError) Unwrap() []error { return []error{ErrChecksum, ErrNotWorkbook} }

func (l *limitedPart) Close() error { return l.rc.Close() }

// readPart reads a whole (small) part through the size limit.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	rc, err := openPart(f, limit)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
