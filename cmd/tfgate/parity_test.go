package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestParityWithPlans checks every fixture project and labeled case twice,
// as its real plan and as its .tf directory, and requires the same verdict
// for every (rule, resource) pair, except that the static check may say
// unknown where the plan knew. Cases planned from a prior state are left
// out: what a plan deletes is not in the sources.
func TestParityWithPlans(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/cases/*")
	dirs = append(dirs, "../../testdata/foundation/environments/prod", "../../testdata/foundation/environments/prod-noncompliant")
	total, same, unknown := 0, 0, 0
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "plan.json")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "prior.tfstate")); err == nil {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := []string{"check", "--format", "json", "--no-color"}
			if _, err := os.Stat(filepath.Join(dir, "tfvars.example")); err == nil {
				args = append(args, "--var-file", filepath.Join(dir, "tfvars.example"))
			}
			fromPlan := verdicts(t, append(args, filepath.Join(dir, "plan.json")))
			fromHCL := verdicts(t, append(args, dir))
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
	t.Logf("parity: %d of %d verdicts identical, %d unknown statically, %d differ", same, total, unknown, total-same-unknown)
}

type verdictKey struct{ rule, resource string }

func verdicts(t *testing.T, args []string) map[verdictKey]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code == exitError {
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
