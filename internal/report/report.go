// Package report renders the results of a check in the formats its
// readers need. It never evaluates anything: it gets the results, the rule
// catalogue and the inputs, and writes them.
package report

import (
	"fmt"
	"io"
	"path/filepath"
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
	// BaseDir is the repository root, an absolute path: the reports that
	// tools place in the repository (SARIF for code scanning, GitHub
	// annotations, GitLab Code Quality) write paths relative to it. ""
	// writes them relative to the working directory, as the other formats.
	BaseDir string
	// WorkDir is the absolute working directory that relative input and
	// source paths start from; needed with BaseDir.
	WorkDir string
	// Category tells this check apart from others of the same repository
	// (one per environment, or per matrix job): SARIF's automationDetails.
	Category string
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
	// SourceDir is the source root that result locations are relative
	// to (--dir), "" when no sources were read.
	SourceDir string
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
var Formats = []string{"text", "json", "sarif", "junit", "markdown", "github", "gitlab"}

// Write renders the report in a format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	if format != "json" {
		r = displayable(r)
	}
	switch format {
	case "text":
		return writeText(w, r, opts)
	case "json":
		return writeJSON(w, r)
	case "sarif":
		return writeSARIF(w, r)
	case "junit":
		return writeJUnit(w, r)
	case "markdown":
		return writeMarkdown(w, r)
	case "github":
		return writeGitHub(w, r)
	case "gitlab":
		return writeGitLab(w, r)
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

// where writes where a result's block is for people: its module calls
// from the root, then the block itself ("main.tf:12 → modules/kms/main.tf:20"),
// each as file:line relative to the working directory; "" when the result
// has no location.
func (r *Report) where(res gate.Result) string {
	if res.Location == nil {
		return ""
	}
	var parts []string
	for _, call := range res.Calls {
		parts = append(parts, fmt.Sprintf("%s:%d", r.sourcePath(gate.Result{Input: res.Input, Location: &call}), call.StartLine))
	}
	parts = append(parts, fmt.Sprintf("%s:%d", r.sourcePath(res), res.Location.StartLine))
	return strings.Join(parts, " → ")
}

// repoPath turns a path relative to the working directory (or absolute)
// into one relative to BaseDir, with forward slashes, and reports whether
// it is inside BaseDir; outside, the path is absolute. Without a BaseDir
// the path stays relative to the working directory.
func (r *Report) repoPath(p string) (string, bool) {
	if r.BaseDir == "" || p == "" {
		return uri(p), true
	}
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(r.WorkDir, p)
	}
	rel, err := filepath.Rel(r.BaseDir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filepath.Clean(abs)), false
	}
	return uri(filepath.ToSlash(rel)), true
}

// filePath is where a result is for tools that open the repository: its
// block's file when known, else its input, as repoPath gives it.
func (r *Report) filePath(res gate.Result) string {
	p := uri(res.Input)
	if res.Location != nil {
		p = r.sourcePath(res)
	}
	out, _ := r.repoPath(p)
	return out
}

// sourcePath is where a result's block is, relative to the working
// directory: the source root joined with the location's file. Renderers
// read by tools that open files (SARIF, annotations, the PR comment) use
// it; "" when the result has no location.
func (r *Report) sourcePath(res gate.Result) string {
	if res.Location == nil {
		return ""
	}
	for _, in := range r.Inputs {
		if in.Path == res.Input && in.SourceDir != "" {
			return uri(in.SourceDir + "/" + res.Location.File)
		}
	}
	return uri(res.Location.File)
}
