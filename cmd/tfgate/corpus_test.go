package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/policy"
)

// expectation is a case's expected.json: the verdicts its real plan must
// get.
type expectation struct {
	Description string   `json:"description"`
	Args        []string `json:"args"`
	Results     []struct {
		Rule     string `json:"rule"`
		Resource string `json:"resource"`
		Status   string `json:"status"`
		// Reason says why a reviewer gives that status.
		Reason string `json:"reason"`
	} `json:"results"`
}

// TestCorpus checks every labeled case under testdata/cases and
// testdata/idioms (the cases written in the idioms of public modules):
// each listed (rule, resource) gets exactly the expected status, and no
// pair the case does not list fails or is unknown for a rule the case is
// about.
func TestCorpus(t *testing.T) {
	skipShort(t)
	var files []string
	for _, pattern := range []string{"../../testdata/cases/*/expected.json", "../../testdata/idioms/*/expected.json"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	if len(files) == 0 {
		t.Skip("no labeled cases")
	}
	shared := newSharedChecks()
	for _, file := range files {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want expectation
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if len(want.Results) == 0 {
				t.Fatalf("%s lists no results", file)
			}
			args := append([]string{"check", "--format", "json"}, want.Args...)
			args = append(args, filepath.Join(dir, "plan.json"))
			var stdout, stderr bytes.Buffer
			if code := shared.check(args[1:], &stdout, &stderr); code == exitError {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var report struct {
				Results []struct {
					Rule, Resource, Status, Message string
				} `json:"results"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
				t.Fatal(err)
			}
			type key struct{ rule, resource string }
			got := map[key]string{}
			messages := map[key]string{}
			for _, r := range report.Results {
				got[key{r.Rule, r.Resource}] = r.Status
				messages[key{r.Rule, r.Resource}] = r.Message
			}
			listed := map[key]bool{}
			rules := map[string]bool{}
			for _, w := range want.Results {
				k := key{w.Rule, w.Resource}
				listed[k], rules[w.Rule] = true, true
				status, ok := got[k]
				switch {
				case !ok:
					t.Errorf("%s on %s: no result, want %s", w.Rule, w.Resource, w.Status)
				case status != w.Status:
					t.Errorf("%s on %s: %s (%s), want %s", w.Rule, w.Resource, status, messages[k], w.Status)
				}
			}
			for k, status := range got {
				if rules[k.rule] && !listed[k] && status != "pass" {
					t.Errorf("%s on %s: unexpected %s (%s)", k.rule, k.resource, status, messages[k])
				}
			}
		})
	}
}

// sharedChecks runs tfgate check as run does, with the built-in policies
// compiled once for all its checks: the corpus and parity tests run
// hundreds of checks, and compiling is most of a small check's time.
type sharedChecks struct {
	engine func() (*policy.Engine, error)
}

func newSharedChecks() *sharedChecks {
	return &sharedChecks{engine: sync.OnceValues(func() (*policy.Engine, error) {
		return check.Builtin(context.Background())
	})}
}

// check runs "tfgate check ARGS" and returns its exit code.
func (s *sharedChecks) check(args []string, stdout, stderr io.Writer) int {
	o, inputs, err := parseCheck(args, stdout, false)
	if err == nil {
		o.builtinEngine = s.engine
		var code int
		if code, err = checkAndReport(o, inputs, stdout, stderr); err == nil {
			return code
		}
	}
	fmt.Fprintf(stderr, "tfgate check: %s\n", oneLine(err.Error()))
	return exitError
}
