package writers

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/klauspost/compress/flate"
)

// sortedZip is the zip writer of every workbook. excelize writes streamed
// sheets in map order, which changes from run to run; sortedZip keeps
// each entry compressed in memory and writes them sorted by name on Close.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
}

type zipEntry struct {
	hdr  zip.FileHeader
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  uint32
	size uint64
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	// Versions as archive/zip's Create sets them (CreateRaw leaves them 0).
	e := &zipEntry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20}}
	// klauspost/compress's deflate at level 5 (archive/zip uses the
	// standard library's): about twice as fast on the streamed sheets,
	// the largest part of writing a workbook, and as deterministic.
	e.fw, _ = flate.NewWriter(&e.buf, 5)
	z.entries = append(z.entries, e)
	return e, nil
}

// finish closes the compressor of the last entry.
func (z *sortedZip) finish() error {
	if n := len(z.entries); n > 0 && z.entries[n-1].fw != nil {
		e := z.entries[n-1]
		err := e.fw.Close()
		e.fw = nil
		e.hdr.CRC32, e.hdr.UncompressedSize64, e.hdr.CompressedSize64 = e.crc, e.size, uint64(e.buf.Len())
		return err
	}
	return nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS is not supported") }

func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	slices.SortFunc(z.entries, func(a, b *zipEntry) int { return strings.Compare(a.hdr.Name, b.hdr.Name) })
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&e.hdr)
		if err == nil {
			_, err = w.Write(e.buf.Bytes())
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
