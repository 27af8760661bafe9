package testkit

import (
	"encoding/binary"
	"unicode/utf16"
)

// OLEMagic starts every OLE compound file: a legacy .xls, or an encrypted
// OOXML workbook.
const OLEMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// OLEFile builds a minimal OLE compound file (version 3, 512-byte sectors:
// header, one FAT sector, one directory sector) whose root storage holds
// empty streams with the given names: enough to stand for a legacy .xls
// ("Workbook") or an encrypted workbook ("EncryptionInfo",
// "EncryptedPackage"). It holds at most three streams.
func OLEFile(streams ...string) []byte {
	if len(streams) > 3 {
		panic("testkit.OLEFile: at most three streams")
	}
	const (
		endOfChain = 0xFFFFFFFE
		free       = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	b := make([]byte, 512*3)
	le := binary.LittleEndian
	copy(b, OLEMagic)
	le.PutUint16(b[24:], 0x3E)       // minor version
	le.PutUint16(b[26:], 3)          // major version
	le.PutUint16(b[28:], 0xFFFE)     // byte order
	le.PutUint16(b[30:], 9)          // sector shift: 512
	le.PutUint16(b[32:], 6)          // mini sector shift: 64
	le.PutUint32(b[44:], 1)          // FAT sectors
	le.PutUint32(b[48:], 1)          // first directory sector
	le.PutUint32(b[56:], 4096)       // mini stream cutoff
	le.PutUint32(b[60:], endOfChain) // no mini FAT
	le.PutUint32(b[68:], endOfChain) // no DIFAT sectors
	le.PutUint32(b[76:], 0)          // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(b[76+4*i:], free)
	}
	fat := b[512:1024]
	for i := range 128 {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	dir := b[1024:1536]
	entry := func(i int, name string, typ byte, right, child uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*len(u)+2))
		}
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], endOfChain)
	}
	entry(0, "Root Entry", 5, noStream, 1)
	for i := range 3 {
		if i < len(streams) {
			right := uint32(noStream)
			if i+1 < len(streams) {
				right = uint32(i + 2)
			}
			entry(i+1, streams[i], 2, right, noStream)
		} else {
			entry(i+1, "", 0, noStream, noStream)
		}
	}
	return b
}
