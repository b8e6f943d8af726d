package policy

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	// Name is the package and rule, such as
	// tfgate.rules.aws_kms_rotation_test.test_rotation_off_fails.
	Name string
	// File and Line locate the test.
	File string
	Line int
	// Err is nil for a pass. A failed test has a "test failed" error; one
	// that could not run has the error it raised.
	Err error
}

// Test runs every test rule (test_*) of the sources' *_test.rego files in
// the same sandbox the engine uses, and returns the results sorted by file
// and line.
func Test(ctx context.Context, sources []Source) ([]TestResult, error) {
	caps := Capabilities()
	modules, builtin, err := parseSources(sources, caps, true)
	if err != nil {
		return nil, err
	}
	if err := isolate(modules, builtin); err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().WithCapabilities(caps).WithEnablePrintStatements(false)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		RunTests(ctx, nil)
	if err != nil {
		return nil, compileError(err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Name: strings.TrimPrefix(r.Package, "data.") + "." + r.Name}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		switch {
		case r.Error != nil:
			tr.Err = fmt.Errorf("error: %s", strings.Join(strings.Fields(r.Error.Error()), " "))
		case r.Fail:
			tr.Err = fmt.Errorf("test failed")
		}
		out = append(out, tr)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("policy tests: %w", err)
	}
	slices.SortFunc(out, func(a, b TestResult) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out, nil
}
