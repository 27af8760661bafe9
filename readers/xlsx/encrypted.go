package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// oleMagic starts an OLE compound file: an encrypted OOXML workbook (its
// streams EncryptionInfo and EncryptedPackage) or a legacy .xls.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// decryptOLE returns the zip package inside an encrypted workbook. An OLE
// file without an EncryptionInfo stream is a legacy .xls (or another
// Office 97-2003 file) and is ErrNotWorkbook.
func decryptOLE(name string, f *os.File, password string) ([]byte, error) {
	encrypted, err := hasEncryptionInfo(f)
	if err != nil {
		return nil, fmt.Errorf("%s: OLE 复合文件已损坏，既不是 .xlsx 也不是可读的 .xls（%v）: %w", name, err, ErrNotWorkbook)
	}
	if !encrypted {
		return nil, fmt.Errorf("%s: 这是旧版 Excel 97-2003 .xls 文件，请在 Excel 或 WPS 中打开并另存为 .xlsx: %w", name, ErrNotWorkbook)
	}
	if password == "" {
		return nil, fmt.Errorf("%s: %w，但没有给出密码", name, ErrEncrypted)
	}
	raw, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<62))
	if err != nil {
		return nil, err
	}
	pkg, err := decrypt(raw, password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w，无法解密（%v）", name, ErrEncrypted, err)
	}
	if !bytes.HasPrefix(pkg, []byte("PK\x03\x04")) {
		return nil, fmt.Errorf("%s: %w，密码不正确", name, ErrEncrypted)
	}
	return pkg, nil
}

// hasEncryptionInfo reports whether the compound file has the stream that
// marks an encrypted OOXML package.
func hasEncryptionInfo(ra io.ReaderAt) (found bool, err error) {
	defer func() {
		// The compound-file reader is third-party code fed untrusted
		// bytes: a panic there is a corrupt file here.
		if p := recover(); p != nil {
			found, err = false, fmt.Errorf("%v", p)
		}
	}()
	doc, err := mscfb.New(ra)
	if err != nil {
		return false, err
	}
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if entry.Name == "EncryptionInfo" {
			return true, nil
		}
	}
	return false, nil
}

// decrypt decrypts the package with excelize's implementation of ECMA-376
// agile and standard encryption. It returns the original zip bytes, so the
// workbook is then read exactly as an unencrypted one.
func decrypt(raw []byte, password string) (pkg []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			pkg, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return excelize.Decrypt(raw, &excelize.Options{Password: password})
}
