// Command benchplan writes a large plan for benchmarks: the resource
// instances of a real plan repeated until there are at least -n.
//
//	go run ./scripts/benchplan -n 10000 -o plan-10000.json BASE.json
package main

import (
	"fmt"
	"os"

	flag "github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/benchplan"
)

func main() {
	n := flag.IntP("instances", "n", 1000, "resource instances in the plan, at least")
	out := flag.StringP("output", "o", "", "file to write (required)")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: benchplan -n N -o OUT.json BASE.json")
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "benchplan:", err)
		os.Exit(1)
	}
}

func write(base, out string, n int) error {
	data, err := os.ReadFile(base)
	if err != nil {
		return err
	}
	plan, err := benchplan.Synthesise(data, n)
	if err != nil {
		return fmt.Errorf("%s: %w", base, err)
	}
	return os.WriteFile(out, plan, 0o644)
}
