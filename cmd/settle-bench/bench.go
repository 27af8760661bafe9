package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// result is what one scale measured.
type result struct {
	lines     int
	inputMB   float64 // the input workbooks on disk
	xmlMB     float64 // what the floor inflated
	settle    []sample
	floor     []sample
	excelize  *sample
	identical bool // every settle run wrote the same manifest (it lists every output's sha256)
}

func bench(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	me, err := self()
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.settle); err != nil {
		return fmt.Errorf("settle binary: %w (build it first: make build)", err)
	}
	key, err := genKey(cfg.src)
	if err != nil {
		return err
	}
	// Generate (or find) every year first, so that the measurements of
	// one scale are not separated by minutes of generation.
	years := make([]*inputs, len(cfg.scales))
	for i, n := range cfg.scales {
		if years[i], err = cachedYear(ctx, cfg, key, n, stderr); err != nil {
			return fmt.Errorf("generating %d lines: %w", n, err)
		}
	}
	printHeader(stdout, cfg)
	var results []result
	for _, in := range years {
		r, err := benchScale(ctx, cfg, me, in)
		if err != nil {
			return err
		}
		printRow(stdout, r)
		results = append(results, r)
	}
	printFooter(stdout, results)
	return nil
}

// benchScale measures one input year: settle and the floor runs times,
// interleaved so that a change of load hits both alike, then excelize once.
func benchScale(ctx context.Context, cfg config, me string, in *inputs) (result, error) {
	r := result{lines: in.lines, identical: true}
	for _, f := range in.files {
		if st, err := os.Stat(f); err == nil {
			r.inputMB += float64(st.Size()) / 1e6
		}
		warm(f)
	}
	out := filepath.Join(cfg.dir, "out")
	var manifest []byte
	for i := 0; i < cfg.runs; i++ {
		s, err := measure(ctx, me, append([]string{modeFloor}, in.files...)...)
		if err != nil {
			return r, err
		}
		if f := strings.Fields(string(s.stdout)); len(f) == 4 {
			b, _ := strconv.ParseFloat(f[3], 64)
			r.xmlMB = b / 1e6
		}
		r.floor = append(r.floor, s)

		if err := os.RemoveAll(out); err != nil {
			return r, err
		}
		s, err = measure(ctx, cfg.settle, "run", "--year", strconv.Itoa(cfg.year), "--in", in.dir, "--out", out)
		if err != nil {
			return r, err
		}
		r.settle = append(r.settle, s)
		m, err := os.ReadFile(filepath.Join(out, strconv.Itoa(cfg.year), "manifest.json"))
		if err != nil {
			return r, fmt.Errorf("settle wrote no manifest: %w", err)
		}
		if manifest != nil && !bytes.Equal(m, manifest) {
			r.identical = false
		}
		manifest = m
	}
	os.RemoveAll(out)
	if !cfg.noExcel {
		s, err := measure(ctx, me, append([]string{modeExcelize}, in.files...)...)
		if err != nil {
			return r, err
		}
		r.excelize = &s
	}
	return r, nil
}

// warm reads a file once so that every measurement finds it in the page
// cache.
func warm(path string) {
	if f, err := os.Open(path); err == nil {
		io.Copy(io.Discard, f)
		f.Close()
	}
}

func medianWall(ss []sample) time.Duration {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.wall
	}
	return median(ds)
}

func medianCPU(ss []sample) time.Duration {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.cpu
	}
	return median(ds)
}

func median(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	n := len(ds)
	if n%2 == 1 {
		return ds[n/2]
	}
	return (ds[n/2-1] + ds[n/2]) / 2
}

func peakRSS(ss []sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.maxRSS)
	}
	return m
}

func (r result) perLine() time.Duration { return medianWall(r.settle) / time.Duration(r.lines) }

func printHeader(w io.Writer, cfg config) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "bench: settle run end to end against two baselines over the same six input workbooks\n")
	fmt.Fprintf(w, "machine: %s, nproc %d, %s %s/%s, %s, load average %s\n",
		cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		time.Now().Format("2006-01-02 15:04"), strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	fmt.Fprintf(w, "settle:   %s run, wall median of %d runs (each run listed), CPU = user+sys, RSS = highest peak of the runs\n", cfg.settle, cfg.runs)
	fmt.Fprintf(w, "floor:    archive/zip inflating every worksheet and shared-string part to io.Discard, one goroutine, median of %d\n", cfg.runs)
	if cfg.noExcel {
		fmt.Fprintf(w, "excelize: skipped (-no-excelize)\n")
	} else {
		fmt.Fprintf(w, "excelize: v2.11.1 Rows()+Columns() with RawCellValue over every sheet, ONE pass per scale (about 40 s at 1.4M lines)\n")
	}
	fmt.Fprintf(w, "every measurement is a child process; peak RSS is its getrusage ru_maxrss\n\n")
	fmt.Fprintf(w, "%9s %7s %7s | %7s %-20s %6s %7s %8s %7s | %7s %6s | %8s %6s | %7s %9s\n",
		"lines", "xlsx", "xml", "settle", "(runs)", "cpu", "RSS", "lines/s", "µs/line",
		"floor", "RSS", "excelize", "RSS", "/floor", "/excelize")
}

func printRow(w io.Writer, r result) {
	wall := medianWall(r.settle)
	var runs []string
	for _, s := range r.settle {
		runs = append(runs, fmt.Sprintf("%.2f", s.wall.Seconds()))
	}
	floor := medianWall(r.floor)
	exz, exzRSS, exzRatio := "-", "-", "-"
	if r.excelize != nil {
		exz = fmt.Sprintf("%.2f s", r.excelize.wall.Seconds())
		exzRSS = mb(r.excelize.maxRSS)
		exzRatio = fmt.Sprintf("%.3fx", wall.Seconds()/r.excelize.wall.Seconds())
	}
	fmt.Fprintf(w, "%9d %4.0f MB %4.0f MB | %5.2f s %-20s %4.1f s %7s %8.0f %7.2f | %5.2f s %6s | %8s %6s | %6.2fx %9s\n",
		r.lines, r.inputMB, r.xmlMB, wall.Seconds(), "("+strings.Join(runs, " ")+")", medianCPU(r.settle).Seconds(),
		mb(peakRSS(r.settle)), float64(r.lines)/wall.Seconds(), float64(r.perLine().Nanoseconds())/1e3,
		floor.Seconds(), mb(peakRSS(r.floor)), exz, exzRSS, wall.Seconds()/floor.Seconds(), exzRatio)
}

func printFooter(w io.Writer, rs []result) {
	fmt.Fprintln(w)
	if len(rs) > 1 {
		var per []time.Duration
		var parts []string
		for _, r := range rs {
			per = append(per, r.perLine())
			parts = append(parts, fmt.Sprintf("%d: %.2f µs", r.lines, float64(r.perLine().Nanoseconds())/1e3))
		}
		mid := median(per)
		spread := 0.0
		for _, p := range per {
			spread = max(spread, abs(float64(p-mid))/float64(mid))
		}
		fmt.Fprintf(w, "time per line: %s (largest deviation from their median %.0f%%)\n", strings.Join(parts, ", "), spread*100)
	}
	same := true
	for _, r := range rs {
		same = same && r.identical
	}
	if same {
		fmt.Fprintln(w, "outputs: byte-identical across the runs of every scale (same manifest, which lists every output's sha256)")
	} else {
		fmt.Fprintln(w, "outputs: DIFFERENT between runs of the same input (manifests differ)")
	}
	last := rs[len(rs)-1]
	for _, r := range rs {
		if r.lines > last.lines {
			last = r
		}
	}
	wall := medianWall(last.settle)
	ratios := fmt.Sprintf("%.1fx floor", wall.Seconds()/medianWall(last.floor).Seconds())
	if last.excelize != nil {
		ratios += fmt.Sprintf(", %.2fx excelize", wall.Seconds()/last.excelize.wall.Seconds())
	}
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(w, "load average at the end: %s (other work on the machine slows settle, which uses two cores, more than the one-goroutine floor)\n",
			strings.Join(strings.Fields(string(load))[:3], " "))
	}
	fmt.Fprintf(w, "bench: %d lines in %.1f s (%s), peak RSS %s\n", last.lines, wall.Seconds(), ratios, mb(peakRSS(last.settle)))
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func mb(b int64) string { return fmt.Sprintf("%d MB", (b+500_000)/1_000_000) }

// cpuModel is the first model name of /proc/cpuinfo.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
