// Package policy reads and validates policy files: YAML holding every
// parameter of the settlement with the clause it comes from. The default
// policy, 杭高新〔2025〕9号, is embedded.
package policy

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"

	"settle/pipeline"
)

//go:embed binjiang-2025.yaml
var embedded []byte

// Embedded returns the bytes of the default policy file.
func Embedded() []byte { return bytes.Clone(embedded) }

// Default returns the embedded policy.
func Default() (*pipeline.Policy, error) { return Parse(embedded) }

// Load reads a policy file.
func Load(path string) (*pipeline.Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("政策文件: %w", err)
	}
	p, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("政策文件 %s: %w", path, err)
	}
	return p, nil
}

// Parse decodes and validates a policy file. Unknown keys are refused, and a
// missing or invalid parameter is reported by its dotted name.
func Parse(b []byte) (*pipeline.Policy, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("政策文件为空")
		}
		return nil, yamlError(err)
	}
	p, err := f.build()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	p.Hash = hex.EncodeToString(sum[:])
	return p, nil
}
