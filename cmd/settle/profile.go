package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profileFlags are run's profiling flags: a CPU profile of the whole run
// and a heap profile written when it ends (see `go tool pprof`).
type profileFlags struct {
	cpu, mem string
}

func (pf *profileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&pf.cpu, "cpuprofile", "", "把本次运行的 CPU 剖析写入 `FILE`")
	fs.StringVar(&pf.mem, "memprofile", "", "运行结束时把内存剖析写入 `FILE`")
}

// start begins the CPU profile; the returned stop ends it and writes the
// heap profile. stop's error is the first failure to write a profile.
func (pf *profileFlags) start() (stop func() error, err error) {
	var cpu *os.File
	if pf.cpu != "" {
		if cpu, err = os.Create(pf.cpu); err != nil {
			return nil, fmt.Errorf("CPU 剖析: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("CPU 剖析: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if pf.mem != "" {
			errs = append(errs, writeHeapProfile(pf.mem))
		}
		return errors.Join(errs...)
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("内存剖析: %w", err)
	}
	runtime.GC() // up-to-date live-heap figures
	err = pprof.Lookup("allocs").WriteTo(f, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("内存剖析: %w", err)
	}
	return nil
}
