package testkit

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"testing"
)

// DeflateBomb returns the deflated form of head + chunk×n + tail without
// compressing all of it: chunk is compressed once into a non-final,
// byte-aligned block that refers to nothing before it, and repeated. It
// also returns the CRC-32 and the inflated size. Deflate inflates at most
// about 1000:1, so a long chunk (a few hundred KiB) gets the most out of
// each byte.
func DeflateBomb(tb testing.TB, head, chunk, tail string, n int) (data []byte, crc uint32, size uint64) {
	tb.Helper()
	block := func(s string, final bool) []byte {
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := fw.Write([]byte(s)); err != nil {
			tb.Fatal(err)
		}
		if final {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
		if err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
	h := crc32.NewIEEE()
	data = append(data, block(head, false)...)
	h.Write([]byte(head))
	c := block(chunk, false)
	for range n {
		data = append(data, c...)
		h.Write([]byte(chunk))
	}
	data = append(data, block(tail, true)...)
	h.Write([]byte(tail))
	return data, h.Sum32(), uint64(len(head) + n*len(chunk) + len(tail))
}

// DeflatedHeader is the zip header of a part stored as already deflated
// data (zip.Writer.CreateRaw), declaring the given CRC-32 and inflated
// size: the true ones from DeflateBomb, or a lie.
func DeflatedHeader(name string, data []byte, crc uint32, size uint64) *zip.FileHeader {
	return &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(data)), UncompressedSize64: size}
}
