package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/plan"
)

// runInspect prints the model of an input as JSON: exactly what policies
// see as input (without the index), for writing and debugging rules.
func runInspect(args []string, stdout io.Writer) error {
	fs := newFlags("inspect", "inspect INPUT", stdout)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give exactly one input")
	}
	m, _, err := loadInput(context.Background(), fs.Arg(0), hclsrc.LoadOptions{Now: time.Now()}, plan.Options{}, defaultMaxInput)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
