package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenReports checks the JSON report of every fixture plan against
// its golden file, semantically, and that a second run is byte-identical.
func TestGoldenReports(t *testing.T) {
	tests := []struct {
		name, input string
		code        int
	}{
		{"foundation-prod", "../../testdata/foundation/environments/prod/plan.json", exitPass},
		{"foundation-prod-noncompliant", "../../testdata/foundation/environments/prod-noncompliant/plan.json", exitFail},
		// The two cases are about encryption only: they lack public
		// access blocks and versioning, so they fail the gate.
		{"s3-encryption-unknown", "../../testdata/cases/s3-encryption-unknown/plan.json", exitFail},
		{"s3-encryption-module", "../../testdata/cases/s3-encryption-module/plan.json", exitFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkJSON(t, tt.input, tt.code)
			if again := checkJSON(t, tt.input, tt.code); !bytes.Equal(got, again) {
				t.Fatal("two runs on the same input gave different reports")
			}
			golden := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			var gotV, wantV any
			if err := json.Unmarshal(got, &gotV); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &wantV); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantV, gotV); diff != "" {
				t.Errorf("report differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func checkJSON(t *testing.T, input string, wantCode int) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--format", "json", input}, &stdout, &stderr); code != wantCode {
		t.Fatalf("exit code %d, want %d; stderr: %s", code, wantCode, stderr.String())
	}
	return stdout.Bytes()
}

// TestRulesDocIsCurrent fails when docs/rules.md no longer matches the
// rules' METADATA; `make docs` regenerates it.
func TestRulesDocIsCurrent(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "markdown"}, &stdout, &stderr); code != exitPass {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
		t.Errorf("docs/rules.md is stale; run make docs (-file +generated):\n%s", diff)
	}
}

// TestExamplePolicies keeps the authoring guide's example working: its
// tests pass and it joins a check.
func TestExamplePolicies(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"test", "../../examples/policies"}, &stdout, &stderr); code != exitPass {
		t.Fatalf("tfgate test: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	code := run([]string{"check", "--format", "json", "--policy", "../../examples/policies", "../../testdata/foundation/environments/prod/plan.json"}, &stdout, &stderr)
	if code != exitFail {
		t.Fatalf("check: exit %d, want %d (the fixture has no Owner tags): %s", code, exitFail, stderr.String())
	}
	if !bytes.Contains(stdout.Bytes(), []byte(`"rule": "acme-owner-tag"`)) {
		t.Error("the example rule produced no results")
	}
}

// TestPostApplyState checks the state the compliant plan leaves behind. A
// state records no time, so the clock is the plan's: the break-glass grant
// it creates lasts three hours from then, and must be live.
func TestPostApplyState(t *testing.T) {
	data, err := os.ReadFile("../../testdata/foundation/environments/prod/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Timestamp string `json:"timestamp"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--now", plan.Timestamp, "../../testdata/foundation/environments/prod/state.json"}, &stdout, &stderr)
	if code != exitPass {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{
		"state ../../testdata/foundation/environments/prod/state.json: 50 resources (terraform 1.11.4), post-apply verification\n",
		"PASS: 0 failed (0 blocking), 0 unknown, 0 waived, 102 passed",
	} {
		if !bytes.Contains(stdout.Bytes(), []byte(want)) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
}
