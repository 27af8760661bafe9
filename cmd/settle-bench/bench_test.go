package main

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{[]time.Duration{3}, 3},
		{[]time.Duration{5, 1, 3}, 3},
		{[]time.Duration{4, 1, 3, 2}, 2}, // (2+3)/2 in integer nanoseconds
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestParseFlagsScales(t *testing.T) {
	cfg, err := parseFlags([]string{"-scales", "100000, 500000 1400000"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{100000, 500000, 1400000}; !reflect.DeepEqual(cfg.scales, want) {
		t.Errorf("scales = %v, want %v", cfg.scales, want)
	}
	for _, bad := range []string{"", "0", "x", "-5"} {
		if _, err := parseFlags([]string{"-scales", bad}, io.Discard); err == nil {
			t.Errorf("-scales %q accepted", bad)
		}
	}
}

// TestGenKeyFollowsTheGenerator: a changed generator source changes the
// cache key, a test file does not.
func TestGenKeyFollowsTheGenerator(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("gen/gen.go", "package gen // v1")
	write("go.sum", "")
	k1, err := genKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	write("gen/gen_test.go", "package gen // a test")
	if k, _ := genKey(dir); k != k1 {
		t.Errorf("a test file changed the key")
	}
	write("gen/gen.go", "package gen // v2")
	if k, _ := genKey(dir); k == k1 {
		t.Errorf("a changed generator kept the key %s", k)
	}
	if _, err := genKey(t.TempDir()); err == nil {
		t.Errorf("no generator sources: no error")
	}
}
