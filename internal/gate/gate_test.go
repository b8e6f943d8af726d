package gate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSort(t *testing.T) {
	a, b := &Rule{ID: "a"}, &Rule{ID: "b"}
	tests := []struct {
		name     string
		in, want []Result
	}{
		{"empty", nil, nil},
		{"sorted stays", []Result{
			{Input: "x", Resource: "r1", Rule: a}, {Input: "x", Resource: "r1", Rule: b}, {Input: "x", Resource: "r2", Rule: a},
		}, []Result{
			{Input: "x", Resource: "r1", Rule: a}, {Input: "x", Resource: "r1", Rule: b}, {Input: "x", Resource: "r2", Rule: a},
		}},
		{"by input, resource, rule", []Result{
			{Input: "y", Resource: "r1", Rule: a}, {Input: "x", Resource: "r2", Rule: a}, {Input: "x", Resource: "r1", Rule: b}, {Input: "x", Resource: "r1", Rule: a},
		}, []Result{
			{Input: "x", Resource: "r1", Rule: a}, {Input: "x", Resource: "r1", Rule: b}, {Input: "x", Resource: "r2", Rule: a}, {Input: "y", Resource: "r1", Rule: a},
		}},
		{"equal keys keep their order", []Result{
			{Input: "x", Resource: "r2", Rule: a}, {Input: "x", Resource: "r1", Rule: a, Message: "first"}, {Input: "x", Resource: "r1", Rule: a, Message: "second"},
		}, []Result{
			{Input: "x", Resource: "r1", Rule: a, Message: "first"}, {Input: "x", Resource: "r1", Rule: a, Message: "second"}, {Input: "x", Resource: "r2", Rule: a},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Sort(tt.in)
			if diff := cmp.Diff(tt.want, tt.in); diff != "" {
				t.Errorf("Sort (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnknownsAndIncompleteChecksBlock(t *testing.T) {
	yes, no := true, false
	hard := &Rule{ID: "h", Severity: SeverityCritical, Enforcement: HardMandatory}
	soft := &Rule{ID: "s", Severity: SeverityHigh, Enforcement: SoftMandatory}
	softOn := &Rule{ID: "so", Severity: SeverityHigh, Enforcement: SoftMandatory, FailOnUnknown: &yes}
	hardOff := &Rule{ID: "ho", Severity: SeverityCritical, Enforcement: HardMandatory, FailOnUnknown: &no}
	unknown := func(r *Rule) Result { return Result{Rule: r, Status: Unknown, Changed: true} }
	tests := []struct {
		name   string
		policy Policy
		result Result
		want   bool
	}{
		{"hard-mandatory unknown, by default", Policy{FailOnUnknown: DefaultFailOnUnknown}, unknown(hard), true},
		{"soft-mandatory unknown, by default", Policy{FailOnUnknown: DefaultFailOnUnknown}, unknown(soft), false},
		{"soft-mandatory unknown, at soft-mandatory", Policy{FailOnUnknown: SoftMandatory}, unknown(soft), true},
		{"none", Policy{}, unknown(hard), false},
		{"the rule says yes", Policy{}, unknown(softOn), true},
		{"the rule says no", Policy{FailOnUnknown: DefaultFailOnUnknown}, unknown(hardOff), false},
		{"unchanged, --changed-only", Policy{FailOnUnknown: DefaultFailOnUnknown, ChangedOnly: true}, Result{Rule: hard, Status: Unknown}, false},
		{"not evaluated: left to AllowIncomplete", Policy{FailOnUnknown: DefaultFailOnUnknown}, Result{Rule: hard, Status: Unknown, Changed: true, NotEvaluated: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Blocks(tt.result); got != tt.want {
				t.Errorf("Blocks = %v, want %v", got, tt.want)
			}
		})
	}
	s := Policy{FailOnUnknown: DefaultFailOnUnknown}.Summarize([]Result{unknown(hard), unknown(soft)})
	if s.BlockingUnknown != 1 || s.Blocking != 0 || s.Verdict() != "fail" {
		t.Errorf("summary %+v, verdict %s", s, s.Verdict())
	}
	incomplete := Summary{Incomplete: []string{"module.vpc: not installed"}}
	if incomplete.Verdict() != "fail" {
		t.Error("an incomplete check passes")
	}
	incomplete.AllowIncomplete = true
	if incomplete.Verdict() != "pass" {
		t.Error("--allow-incomplete does not let an incomplete check pass")
	}
}
