package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/check"
)

// runInspect prints the model of an input as JSON: exactly what policies
// see as input (without the index), for writing and debugging rules, with
// the locations and the backend its sources give, as check reads them.
func runInspect(args []string, stdout io.Writer) error {
	var o checkOptions
	fs := newFlags("inspect", "inspect [flags] INPUT\n\nINPUT is a plan or state JSON file, a binary plan file, a directory of .tf\nfiles, or - for JSON on stdin.", stdout)
	inspectFlags(fs, &o)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fromEnvironment(fs, os.LookupEnv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give exactly one input")
	}
	opts := check.Options{Dir: o.dir, VarFiles: o.varFiles, Vars: o.vars, Env: tfVars(os.Environ()), MaxInputSize: o.maxInput}
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return fmt.Errorf("--now %q: want an RFC 3339 time such as 2026-11-28T12:00:00Z", o.now)
		}
		opts.Now = t
	}
	in := check.Input{Path: fs.Arg(0)}
	if in.Path == "-" {
		data, err := readStdin(o.maxInput)
		if err != nil {
			return err
		}
		in.Data = data
	}
	s, err := check.Load(context.Background(), in, opts)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(s.Model)
}

// inspectFlags defines the flags of tfgate inspect: check's input flags.
func inspectFlags(fs *pflag.FlagSet, o *checkOptions) {
	fs.StringVar(&o.dir, "dir", "", "Terraform source root, for locations and the backend (default: the plan file's folder when it holds .tf files)")
	fs.StringArrayVar(&o.varFiles, "var-file", nil, "variable file for .tf directory inputs (repeatable)")
	fs.StringArrayVar(&o.vars, "var", nil, "variable for .tf directory inputs, as NAME=VALUE (repeatable)")
	fs.StringVar(&o.now, "now", "", "clock for timestamp() in .tf directory inputs, RFC 3339 (default: the wall clock)")
	fs.Int64Var(&o.maxInput, "max-input-size", defaultMaxInput, "refuse a plan or state file larger than this many bytes")
}
