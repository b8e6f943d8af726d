package check

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/gate"
)

const noncompliant = "../../testdata/foundation/environments/prod-noncompliant/plan.json"

// TestInMemoryInputMatchesItsFile: a plan given as JSON in memory (the
// run task server, stdin) is checked exactly as the same file without
// sources beside it.
func TestInMemoryInputMatchesItsFile(t *testing.T) {
	data, err := os.ReadFile(noncompliant)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(context.Background(), Options{Policy: gate.Policy{FailOn: gate.DefaultFailOn, FailOnUnknown: gate.DefaultFailOnUnknown}})
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := c.Run(context.Background(), []Input{{Path: path}})
	if err != nil {
		t.Fatal(err)
	}
	inMemory, err := c.Run(context.Background(), []Input{{Path: path, Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	verdicts := func(results []gate.Result) []string {
		var out []string
		for _, r := range results {
			out = append(out, r.Rule.ID+" "+r.Resource+" "+string(r.Status)+" "+r.Message)
		}
		return out
	}
	if a, b := verdicts(fromFile.Results), verdicts(inMemory.Results); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("in memory, %d results differ from the file's %d", len(b), len(a))
	}
	if fromFile.ExitCode != 1 || inMemory.ExitCode != 1 {
		t.Errorf("exit codes %d and %d, want 1 (the plan fails the gate)", fromFile.ExitCode, inMemory.ExitCode)
	}
}

// TestOptionsTakeDefaults: empty patterns and window are the defaults, not
// patterns that match every role (an empty emergency pattern would make
// every role break-glass).
func TestOptionsTakeDefaults(t *testing.T) {
	c, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.o.EmergencyPattern == "" || c.o.TicketPattern == "" || c.o.EmergencyWindow <= 0 {
		t.Errorf("options after New: %+v", c.o)
	}
}

// TestBinaryPlanInMemoryIsRefused: a binary plan file cannot be converted
// without its working directory; it is refused with how to give it.
func TestBinaryPlanInMemoryIsRefused(t *testing.T) {
	c, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Run(context.Background(), []Input{{Path: "upload", Data: []byte("PK\x03\x04 not json")}})
	if err == nil || !strings.Contains(err.Error(), "upload holds a binary plan file") {
		t.Fatalf("error %v, want one saying upload holds a binary plan file", err)
	}
}
