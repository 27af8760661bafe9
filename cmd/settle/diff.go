package main

import (
	"context"
	"io"
)

func cmdDiff(_ context.Context, args []string, stdout, stderr io.Writer) error {
	return usagef("diff: not yet")
}
