package policy_test

import (
	"context"
	"testing"

	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/policies"
)

func builtin() []policy.Source {
	return []policy.Source{
		{Name: "policies/lib", FS: policies.Lib(), Builtin: true},
		{Name: "policies/rules", FS: policies.Rules(), Builtin: true},
	}
}

// TestBuiltinRegoTests runs every *_test.rego of the built-in policies, so
// "go test ./..." tests the Rego as well as the Go.
func TestBuiltinRegoTests(t *testing.T) {
	results, err := policy.Test(context.Background(), builtin())
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests ran")
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s:%d: %s: %v", r.File, r.Line, r.Name, r.Err)
		}
	}
	t.Logf("%d Rego tests", len(results))
}

// TestBuiltinRulesHaveATruthTable: every built-in rule says when it fails
// and when it passes (custom.verdicts), which docs/rules.md shows.
func TestBuiltinRulesHaveATruthTable(t *testing.T) {
	engine, err := policy.New(context.Background(), builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range engine.Rules() {
		if len(r.Verdicts.Fail) == 0 || len(r.Verdicts.Pass) == 0 {
			t.Errorf("%s: METADATA custom.verdicts lacks fail or pass", r.ID)
		}
	}
}
