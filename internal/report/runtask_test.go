package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/gate"
)

// taskResult writes a report's task result and validates it against the
// platform's documented shape and limits.
func taskResult(t *testing.T, r *Report, o TaskResultOptions) map[string]any {
	t.Helper()
	data, err := TaskResult(r, o)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t, "testdata/schemas/hcp-task-result.json").Validate(doc); err != nil {
		t.Fatalf("the task result is not valid: %v\n%s", err, data)
	}
	return doc.(map[string]any)
}

func outcomesOf(doc map[string]any) []map[string]any {
	rel, ok := doc["data"].(map[string]any)["relationships"].(map[string]any)
	if !ok {
		return nil
	}
	var out []map[string]any
	for _, o := range rel["outcomes"].(map[string]any)["data"].([]any) {
		out = append(out, o.(map[string]any)["attributes"].(map[string]any))
	}
	return out
}

// TestTaskResultGolden: the sample's task result, against its golden file.
func TestTaskResultGolden(t *testing.T) {
	data, err := TaskResult(sample(), TaskResultOptions{Outcomes: true})
	if err != nil {
		t.Fatal(err)
	}
	var pretty bytes.Buffer
	json.Indent(&pretty, data, "", "  ")
	golden := filepath.Join("testdata", "golden", "runtask.json")
	if *update {
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
		t.Errorf("differs from %s (-want +got):\n%s", golden, diff)
	}
	taskResult(t, sample(), TaskResultOptions{Outcomes: true})
}

// TestTaskResultKeepsWhatBlocksWithinTheCap: with more results than the
// platform takes, the blocking ones come first and the last outcome
// counts the rest; every text stays within the platform's limits.
func TestTaskResultKeepsWhatBlocksWithinTheCap(t *testing.T) {
	r := sample()
	advisory := r.Rules[2]
	blocking := r.Rules[0]
	for i := range 30 {
		r.Results = append(r.Results, gate.Result{Rule: advisory, Input: "p", Resource: fmt.Sprintf("plan%02d", i), Status: gate.Fail, Message: strings.Repeat("long ", 3000), Changed: true})
	}
	r.Results = append(r.Results, gate.Result{Rule: blocking, Input: "p", Resource: "aws_cloudtrail.late" + strings.Repeat("x", 2000), ResourceType: "aws_cloudtrail", Status: gate.Fail, Message: "stopped", Changed: true})
	r.Summary = r.Policy.Summarize(r.Results)
	outcomes := outcomesOf(taskResult(t, r, TaskResultOptions{Outcomes: true}))
	if len(outcomes) != TaskMaxOutcomes {
		t.Fatalf("%d outcomes, want %d", len(outcomes), TaskMaxOutcomes)
	}
	blockers := 0
	for _, o := range outcomes[:TaskMaxOutcomes-1] {
		if strings.Contains(o["body"].(string), "Blocks the gate") {
			blockers++
		}
	}
	if blockers != r.Summary.Blocking+r.Summary.BlockingUnknown {
		t.Errorf("%d blocking outcomes listed, want all %d", blockers, r.Summary.Blocking+r.Summary.BlockingUnknown)
	}
	last := outcomes[TaskMaxOutcomes-1]
	if last["outcome-id"] != "tfgate-more-results" || !strings.Contains(last["body"].(string), "tf-change-ticket") {
		t.Errorf("last outcome: %v", last)
	}
}

// TestTaskResultTextIsInert: a resource address or message from the plan
// cannot make a link, an image or HTML in an outcome's Markdown.
func TestTaskResultTextIsInert(t *testing.T) {
	r := sample()
	r.Results[0].Message = `see [docs](https://evil.example) <img src=x onerror=alert(1)> @team`
	r.Results[0].Resource = "aws_cloudtrail.main`](https://evil.example)"
	var body string
	for _, o := range outcomesOf(taskResult(t, r, TaskResultOptions{Outcomes: true})) {
		if strings.Contains(o["description"].(string), "aws_cloudtrail.main") {
			body = o["body"].(string)
		}
	}
	// The address stays in one code span, where Markdown reads nothing.
	span := "`aws_cloudtrail.main'](https://evil.example)`"
	if !strings.Contains(body, span) {
		t.Errorf("the address is not one code span:\n%s", body)
	}
	body = strings.Replace(body, span, "", 1)
	for _, bad := range []string{"](https://evil", "<img", "@team"} {
		if strings.Contains(body, bad) {
			t.Errorf("the body holds %q:\n%s", bad, body)
		}
	}
}

// TestTaskResultStatus: failed exactly when the check's exit code is 1;
// no outcomes when the platform takes none; an error is failed.
func TestTaskResultStatus(t *testing.T) {
	status := func(doc map[string]any) string {
		return doc["data"].(map[string]any)["attributes"].(map[string]any)["status"].(string)
	}
	r := sample()
	if s := status(taskResult(t, r, TaskResultOptions{})); s != "failed" {
		t.Errorf("exit 1: %s", s)
	}
	if o := outcomesOf(taskResult(t, r, TaskResultOptions{})); o != nil {
		t.Errorf("outcomes without the capability: %v", o)
	}
	r.ExitCode = 0 // --soft-fail
	doc := taskResult(t, r, TaskResultOptions{})
	if s := status(doc); s != "passed" || !strings.Contains(doc["data"].(map[string]any)["attributes"].(map[string]any)["message"].(string), "soft fail") {
		t.Errorf("exit 0 with failures: %v", doc)
	}
	var e map[string]any
	if err := json.Unmarshal(TaskError(strings.Repeat("policy error ", 200)), &e); err != nil || status(e) != "failed" {
		t.Errorf("TaskError: %v %v", e, err)
	}
	if err := compileSchema(t, "testdata/schemas/hcp-task-result.json").Validate(e); err != nil {
		t.Errorf("TaskError is not valid: %v", err)
	}
}

// TestTaskResultWithNothingToShow: a check with no failing, unknown or
// unevaluated result sends no outcomes (the platform takes one at least).
func TestTaskResultWithNothingToShow(t *testing.T) {
	r := sample()
	r.Results = r.Results[2:3] // the pass
	r.Summary = r.Policy.Summarize(r.Results)
	r.ExitCode = 0
	doc := taskResult(t, r, TaskResultOptions{Outcomes: true})
	if _, ok := doc["data"].(map[string]any)["relationships"]; ok {
		t.Errorf("relationships sent with nothing to show: %v", doc)
	}
}

// TestTaskResultCapsTheSmallest: a cap below 2 is 2, and an unevaluated
// part takes one of them.
func TestTaskResultCapsTheSmallest(t *testing.T) {
	if n := len(outcomesOf(taskResult(t, sample(), TaskResultOptions{Outcomes: true, MaxOutcomes: 1}))); n != 2 {
		t.Errorf("%d outcomes with MaxOutcomes 1, want 2", n)
	}
}
