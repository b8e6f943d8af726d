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
