package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestParityWithPlans checks every fixture project and labeled case twice,
// as its real plan and as its .tf directory, and requires the same verdict
// for every (rule, resource) pair, except that the static check may say
// unknown where the plan knew. Cases planned from a prior state are left
// out: what a plan deletes is not in the sources.
func TestParityWithPlans(t *testing.T) {
	skipShort(t)
	dirs, _ := filepath.Glob("../../testdata/cases/*")
	idioms, _ := filepath.Glob("../../testdata/idioms/*")
	dirs = append(dirs, idioms...)
	dirs = append(dirs, "../../testdata/foundation/environments/prod", "../../testdata/foundation/environments/prod-noncompliant")
	// Cases where the plan loses what the sources say, so the static check
	// decides what the plan leaves unknown.
	planLoses := map[string]string{
		"attack-ambiguous-links":      "a plan's configuration lists every resource element() is given; the static check evaluates which one it returns",
		"policy-documents-jsonencode": "a plan's document known only after apply is read from its source with every reference unknown; the static check knows the variable in Resource is \"*\"",
	}
	var mu sync.Mutex // guards the counts
	total, same, unknown, decided := 0, 0, 0, 0
	shared := newSharedChecks()
	t.Cleanup(func() {
		t.Logf("parity: %d of %d verdicts identical, %d unknown statically, %d decided statically where the plan lost the link, %d differ",
			same, total, unknown, decided, total-same-unknown-decided)
	})
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "plan.json")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "prior.tfstate")); err == nil {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			args := append([]string{"check", "--format", "json", "--no-color"}, caseArgs(t, dir)...)
			if _, err := os.Stat(filepath.Join(dir, "tfvars.example")); err == nil {
				args = append(args, "--var-file", filepath.Join(dir, "tfvars.example"))
			}
			fromPlan := verdicts(t, shared, append(args, filepath.Join(dir, "plan.json")))
			fromHCL := verdicts(t, shared, append(slices.Clip(args), dir))
			mu.Lock()
			defer mu.Unlock()
			for key, want := range fromPlan {
				if key.resource == "plan" {
					continue // about the change itself: only a plan has one
				}
				total++
				got, ok := fromHCL[key]
				switch {
				case !ok:
					t.Errorf("%s on %s: %s from the plan, no result from the sources", key.rule, key.resource, want)
				case got == want:
					same++
				case got == "unknown":
					unknown++
				case want == "unknown" && planLoses[filepath.Base(dir)] != "":
					decided++
				default:
					t.Errorf("%s on %s: %s from the plan, %s from the sources", key.rule, key.resource, want, got)
				}
			}
			for key, got := range fromHCL {
				if _, ok := fromPlan[key]; !ok {
					t.Errorf("%s on %s: %s from the sources, no result from the plan", key.rule, key.resource, got)
				}
			}
		})
	}
}

// caseArgs returns the arguments a labeled case is checked with, and a
// clock for both ways of checking it: a plan's own clock is its timestamp,
// a directory's the wall clock.
func caseArgs(t *testing.T, dir string) []string {
	t.Helper()
	var want expectation
	if data, err := os.ReadFile(filepath.Join(dir, "expected.json")); err == nil {
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
	}
	if slices.Contains(want.Args, "--now") {
		return want.Args
	}
	var header struct{ Timestamp string }
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &header); err != nil {
		t.Fatal(err)
	}
	return append([]string{"--now", header.Timestamp}, want.Args...)
}

type verdictKey struct{ rule, resource string }

func verdicts(t *testing.T, shared *sharedChecks, args []string) map[verdictKey]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := shared.check(args[1:], &stdout, &stderr); code == exitError {
		t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
	}
	var report struct {
		Results []struct{ Rule, Resource, Status string } `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	out := map[verdictKey]string{}
	for _, r := range report.Results {
		out[verdictKey{r.Rule, r.Resource}] = r.Status
	}
	return out
}
