package writers

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/big"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"

	"settle/pipeline"
	"settle/publish"
)

// The Parquet tables (SPEC §6) share these settings.
const (
	// rowsPerRowGroup bounds a row group: without it parquet-go buffers
	// the whole file until Close.
	rowsPerRowGroup = 128 * 1024
	// batchRows is how many rows are converted before each Write, so that
	// a large table never exists twice in memory.
	batchRows = 4096
)

// parquetOptions are the writer options of every table. Identical rows give
// identical bytes: zstd at a fixed level, each page encoded alone, is deterministic,
// the footer holds no time and no key/value metadata, and created_by is
// fixed (parquet-go's default reads the build info, which differs between
// the settle binary and a test binary).
func parquetOptions() ([]parquet.WriterOption, error) {
	codec, err := tableCodec()
	if err != nil {
		return nil, err
	}
	return []parquet.WriterOption{
		parquet.Compression(codec),
		parquet.MaxRowsPerRowGroup(rowsPerRowGroup),
		createdBy("settle (github.com/parquet-go/parquet-go)"),
	}, nil
}

// createdBy sets the created_by field of the file footer.
type createdBy string

func (c createdBy) ConfigureWriter(config *parquet.WriterConfig) { config.CreatedBy = string(c) }

// writeTable creates root/rel through fsys and streams rows into it
// through fill, which returns the first error of its writes. A table is
// complete only when Close, which writes the footer, and the file's own
// Close succeed; on any error the file is removed, so that a failed write
// never leaves a file that looks whole.
func writeTable[T any](fsys publish.FS, root, rel string, fill func(w *parquet.GenericWriter[T]) error) error {
	path := filepath.Join(root, filepath.FromSlash(rel))
	err := publish.WriteFile(fsys, path, func(w io.Writer) error { return streamTable(w, fill) })
	if err != nil {
		return fmt.Errorf("写入 parquet/%s 失败：%w", rel, err)
	}
	return nil
}

func streamTable[T any](f io.Writer, fill func(w *parquet.GenericWriter[T]) error) error {
	opts, err := parquetOptions()
	if err != nil {
		return err
	}
	buf := bufio.NewWriterSize(f, 1<<20)
	w := parquet.NewGenericWriter[T](buf, opts...)
	if err := fill(w); err != nil {
		return err // no Close: it would write a footer
	}
	if err := w.Close(); err != nil {
		return err
	}
	return buf.Flush()
}

// batch collects rows and hands them to the writer batchRows at a time,
// checking between batches that the run was not cancelled.
type batch[T any] struct {
	ctx  context.Context
	w    *parquet.GenericWriter[T]
	rows []T
}

func newBatch[T any](ctx context.Context, w *parquet.GenericWriter[T]) *batch[T] {
	return &batch[T]{ctx: ctx, w: w, rows: make([]T, 0, batchRows)}
}

// next returns the next row to fill and its slot in the batch (below
// batchRows), flushing a full batch first.
func (b *batch[T]) next() (*T, int, error) {
	if len(b.rows) == cap(b.rows) {
		if err := b.flush(); err != nil {
			return nil, 0, err
		}
	}
	var zero T
	b.rows = append(b.rows, zero)
	k := len(b.rows) - 1
	return &b.rows[k], k, nil
}

func (b *batch[T]) flush() error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if len(b.rows) == 0 {
		return nil
	}
	_, err := b.w.Write(b.rows)
	clear(b.rows)
	b.rows = b.rows[:0]
	return err
}

// maxDecimal182 is the largest unscaled DECIMAL(18,2): 18 nines.
const maxDecimal182 = 999_999_999_999_999_999

// money182 is an amount as an unscaled DECIMAL(18,2).
func money182(m pipeline.Money) (int64, error) {
	if m > maxDecimal182 || m < -maxDecimal182 {
		return 0, fmt.Errorf("金额 %s 超出 DECIMAL(18,2) 的范围", m)
	}
	return int64(m), nil
}

// rate54 is a rate as an unscaled DECIMAL(5,4), e.g. 0.6 → 6000.
func rate54(d decimal.Decimal) (int32, error) {
	// Every eligible line has a rate: the usual one, a few digits with
	// at most four decimals, is scaled without big.Int arithmetic.
	if e := d.Exponent(); e >= -4 && e <= 0 && d.NumDigits() <= 5 {
		u := d.CoefficientInt64()
		for ; e > -4; e-- {
			u *= 10
		}
		if u > -100_000 && u < 100_000 {
			return int32(u), nil
		}
	}
	u, err := unscaled(d, 4, 5)
	if err != nil {
		return 0, err
	}
	return int32(u.Int64()), nil
}

// decimal206Len is the width parquet-go gives a DECIMAL(20,6) stored as
// FIXED_LEN_BYTE_ARRAY: the fewest bytes that hold 20 digits and a sign.
const decimal206Len = 9

// decimal206 is an exact decimal as DECIMAL(20,6): its unscaled value in
// big-endian two's complement over a FIXED_LEN_BYTE_ARRAY(9).
func decimal206(d decimal.Decimal) ([decimal206Len]byte, error) {
	var out [decimal206Len]byte
	u, err := unscaled(d, 6, 20)
	if err != nil {
		return out, err
	}
	if u.Sign() < 0 {
		// Two's complement: 2^72 + u.
		u.Add(u, new(big.Int).Lsh(big.NewInt(1), 8*decimal206Len))
	}
	u.FillBytes(out[:])
	return out, nil
}

// unscaled returns d × 10^scale, which must be whole and have at most
// precision digits.
func unscaled(d decimal.Decimal, scale, precision int32) (*big.Int, error) {
	s := d.Shift(scale)
	if !s.Equal(s.Truncate(0)) {
		return nil, fmt.Errorf("%s 的小数超过 %d 位", d, scale)
	}
	u := s.BigInt()
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(precision)), nil)
	if new(big.Int).Abs(u).Cmp(limit) >= 0 {
		return nil, fmt.Errorf("%s 超出 DECIMAL(%d,%d) 的范围", d, precision, scale)
	}
	return u, nil
}

// text is a nullable text column: nil when *s is empty.
func text(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}
