package main

import (
	"context"
	"fmt"
	"io"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/policy"
)

// runTest runs the Rego tests of the built-in policies and of the given
// directories, and fails (exit 1) when one fails.
func runTest(args []string, stdout io.Writer) (int, error) {
	var verbose bool
	fs := newFlags("test", "test [flags] [DIR...]", stdout)
	fs.BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	if err := parse(fs, args); err != nil {
		return exitError, err
	}
	sources, err := check.PolicySources(fs.Args(), false)
	if err != nil {
		return exitError, err
	}
	results, err := policy.Test(context.Background(), sources)
	if err != nil {
		return exitError, err
	}
	failed := 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(stdout, "FAIL %s (%s:%d): %v\n", r.Name, r.File, r.Line, r.Err)
		case verbose:
			fmt.Fprintf(stdout, "PASS %s (%s:%d)\n", r.Name, r.File, r.Line)
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", len(results)-failed, failed)
	if failed > 0 {
		return exitFail, nil
	}
	return exitPass, nil
}
