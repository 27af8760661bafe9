// Package xlsxzip is the zip writer behind every workbook settle writes.
// excelize v2.11.1 writes the zip entries of a workbook (its streamed
// sheets among them) in map order, so the same workbook saved twice
// differs byte for byte. A Writer keeps each entry compressed in memory as
// it arrives and writes them sorted by name, with no modification times,
// on Close: the same workbook always gives the same bytes.
//
// Use it with excelize.File.SetZipWriter:
//
//	f.SetZipWriter(xlsxzip.New)                   // level 5
//	f.SetZipWriter(xlsxzip.WithLevel(flate.BestSpeed))
package xlsxzip

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
	"github.com/xuri/excelize/v2"
)

// DefaultLevel is the deflate level of New. klauspost/compress's level 5 is
// about twice as fast as the standard library's default on streamed sheets
// (the largest part of writing a workbook) and as deterministic.
const DefaultLevel = 5

// Writer is an excelize.ZipWriter that writes its entries sorted by name.
type Writer struct {
	w       io.Writer
	level   int
	entries []*entry
	closed  bool
}

type entry struct {
	hdr  zip.FileHeader
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  uint32
	size uint64
}

func (e *entry) Write(p []byte) (int, error) {
	if e.fw == nil {
		return 0, errors.New("xlsxzip: write to an entry after the next one was created")
	}
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

// New is a Writer to w at DefaultLevel, for excelize.File.SetZipWriter.
func New(w io.Writer) excelize.ZipWriter { return &Writer{w: w, level: DefaultLevel} }

// WithLevel is a constructor of Writers at a deflate level of
// klauspost/compress/flate (1 = BestSpeed … 9 = BestCompression), for
// excelize.File.SetZipWriter. gen writes million-line sheets at BestSpeed.
func WithLevel(level int) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter { return &Writer{w: w, level: level} }
}

// Create starts an entry; the previous one is complete.
func (z *Writer) Create(name string) (io.Writer, error) {
	if z.closed {
		return nil, errors.New("xlsxzip: Create after Close")
	}
	if err := z.finish(); err != nil {
		return nil, err
	}
	// Versions as archive/zip's Create sets them (CreateRaw leaves them 0).
	e := &entry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20}}
	fw, err := flate.NewWriter(&e.buf, z.level)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	z.entries = append(z.entries, e)
	return e, nil
}

// finish closes the compressor of the last entry and fills its header.
func (z *Writer) finish() error {
	n := len(z.entries)
	if n == 0 || z.entries[n-1].fw == nil {
		return nil
	}
	e := z.entries[n-1]
	err := e.fw.Close()
	e.fw = nil
	e.hdr.CRC32, e.hdr.UncompressedSize64, e.hdr.CompressedSize64 = e.crc, e.size, uint64(e.buf.Len())
	return err
}

// AddFS is not used by excelize when saving.
func (z *Writer) AddFS(fs.FS) error { return errors.New("xlsxzip: AddFS is not supported") }

// Close writes the archive: entries sorted by name ([Content_Types].xml
// first), no modification times. It does not close the underlying writer.
func (z *Writer) Close() error {
	if z.closed {
		return nil
	}
	z.closed = true
	if err := z.finish(); err != nil {
		return err
	}
	slices.SortStableFunc(z.entries, func(a, b *entry) int { return strings.Compare(a.hdr.Name, b.hdr.Name) })
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&e.hdr)
		if err == nil {
			_, err = w.Write(e.buf.Bytes())
		}
		if err != nil {
			return err
		}
		e.buf = bytes.Buffer{}
	}
	return zw.Close()
}
