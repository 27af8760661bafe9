package main

import (
	"io"

	"settle/pipeline/policy"
)

// cmdPolicy prints the embedded policy file, a starting point for --policy.
func cmdPolicy(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("policy", "policy", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	_, err := stdout.Write(policy.Embedded())
	return err
}
