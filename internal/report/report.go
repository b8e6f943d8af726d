// Package report renders the results of a check in the formats its
// readers need. It never evaluates anything: it gets the results, the rule
// catalogue and the inputs, and writes them.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

// Report is everything a renderer needs about one check.
type Report struct {
	Tool    Tool
	Inputs  []Input
	Rules   []*gate.Rule
	Results []gate.Result
	Policy  gate.Policy
	Summary gate.Summary
	// ExitCode is the code tfgate exits with after writing the report.
	ExitCode int
	// Warnings are problems that do not change the verdict but need a
	// person: unused, expiring and expired waivers.
	Warnings []string
}

// Tool identifies the program that made the report.
type Tool struct {
	Name    string
	Version string
}

// Input describes one checked input.
type Input struct {
	Kind             string
	Path             string
	TerraformVersion string
	FormatVersion    string
	Resources        int
	// Changes lists the planned changes of a plan, in address order:
	// every resource instance whose actions are not no-op or read.
	Changes []Change
}

// Change is one planned change.
type Change struct {
	Address string
	Type    string
	// Actions as in the plan: ["create"], ["update"], ["delete"],
	// ["delete","create"] or ["create","delete"] (a replace).
	Actions []string
}

// Options change how a report is written.
type Options struct {
	// Color enables ANSI colours in the text format.
	Color bool
}

// Formats lists the formats Write accepts.
var Formats = []string{"text", "json"}

// Write renders the report in a format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	switch format {
	case "text":
		return writeText(w, r, opts)
	case "json":
		return writeJSON(w, r)
	}
	return fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(Formats, ", "))
}

// CheckFormat reports whether Write accepts a format.
func CheckFormat(format string) error {
	if slices.Contains(Formats, format) {
		return nil
	}
	return fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(Formats, ", "))
}
