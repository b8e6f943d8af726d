package hclsrc

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/tffunc"
)

// unknown stands for a value known only after apply in canonical values.
const unknown = "(known after apply)"

// TestEvaluatorMatchesPlan holds static evaluation to terraform plan, the
// oracle: every root output of each project under testdata/oracle must
// have the value the plan beside it gives it (plan.json, which make
// fixtures regenerates with real terraform), the same parts known only
// after apply, and the same sensitivity.
func TestEvaluatorMatchesPlan(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/oracle/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no oracle projects: %v", err)
	}
	total, same := 0, 0
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		var plan struct {
			Timestamp     string `json:"timestamp"`
			PlannedValues struct {
				Outputs map[string]struct {
					Sensitive bool `json:"sensitive"`
					Value     any  `json:"value"`
				} `json:"outputs"`
			} `json:"planned_values"`
			OutputChanges map[string]struct {
				AfterUnknown any `json:"after_unknown"`
			} `json:"output_changes"`
		}
		if err := json.Unmarshal(data, &plan); err != nil {
			t.Fatal(err)
		}
		now, _ := time.Parse(time.RFC3339, plan.Timestamp)
		_, outputs, _, err := evaluate(dir, LoadOptions{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		got := outputs.AsValueMap()
		for name, want := range plan.PlannedValues.Outputs {
			total++
			v, ok := got[name]
			if !ok {
				t.Errorf("%s: output %s: not evaluated", filepath.Base(dir), name)
				continue
			}
			wantValue := planCanonical(want.Value, plan.OutputChanges[name].AfterUnknown)
			gotValue := ctyCanonical(v)
			sensitive := v.HasMarkDeep(tffunc.Sensitive)
			if diff := cmp.Diff(wantValue, gotValue); diff != "" || sensitive != want.Sensitive {
				t.Errorf("%s: output %s (sensitive: plan %t, tfgate %t), plan -, tfgate +:\n%s", filepath.Base(dir), name, want.Sensitive, sensitive, diff)
				continue
			}
			same++
		}
	}
	t.Logf("static evaluation agrees with terraform plan on %d of %d outputs", same, total)
}

// planCanonical writes a plan value with its after_unknown mask as a
// canonical value: the unknown parts replaced by unknown.
func planCanonical(value, mask any) any {
	if mask == true {
		return unknown
	}
	switch m := mask.(type) {
	case map[string]any:
		obj, _ := value.(map[string]any)
		out := map[string]any{}
		for k, v := range obj {
			out[k] = planCanonical(v, m[k])
		}
		for k, u := range m {
			if _, ok := out[k]; !ok {
				out[k] = planCanonical(nil, u)
			}
		}
		return out
	case []any:
		list, _ := value.([]any)
		out := make([]any, max(len(list), len(m)))
		for i := range out {
			var v, u any
			if i < len(list) {
				v = list[i]
			}
			if i < len(m) {
				u = m[i]
			}
			out[i] = planCanonical(v, u)
		}
		return out
	}
	return value
}

// ctyCanonical writes a value as planCanonical writes plan values.
func ctyCanonical(v cty.Value) any {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return unknown
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		if v.AsBigFloat().IsInt() {
			i, _ := v.AsBigFloat().Int(nil)
			f, _ = new(big.Float).SetInt(i).Float64()
		}
		return f
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, ctyCanonical(e))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyCanonical(e)
		}
		return out
	}
	return nil
}
