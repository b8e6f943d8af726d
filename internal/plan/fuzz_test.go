package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the plan and state loader, seeded
// with the small real case plans (the large ones slow mutation down): it
// must return a model or a one-line error, never panic.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/cases/*/plan.json")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "values": {"x": 1}, "sensitive_values": {"x": true}}]}}}`))
	f.Add([]byte(`{"format_version": "1.2", "resource_changes": [{"address": "module.m[\"k\"].a.b[0]", "module_address": "module.m[\"k\"]", "mode": "managed", "type": "a", "name": "b", "index": 0, "change": {"actions": ["create"], "after": {"bucket": "x"}, "after_unknown": {"id": true}, "after_sensitive": {"bucket": true}}}], "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "expressions": {"bucket": {"references": ["var.v", "module.x.y", "each.value"]}}}]}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data, "fuzz.json")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if m == nil {
			t.Fatal("nil model without an error")
		}
	})
}

// FuzzDecodeRawState: the state backup reader returns a state or an error.
func FuzzDecodeRawState(f *testing.F) {
	f.Add([]byte(`{"version": 4, "serial": 3, "lineage": "l", "resources": [{"module": "module.m[\"k\"]", "mode": "managed", "type": "a", "name": "b", "instances": [{"index_key": 0}, {"index_key": "x"}, {}]}]}`))
	f.Add([]byte(`{"version": 3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeRawState(data, "fuzz.tfstate")
		if err == nil && s == nil {
			t.Fatal("nil state without an error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error spans lines: %q", err)
		}
	})
}

// FuzzDecodeSplit: the parallel decoder either gives up or gives exactly
// what encoding/json gives for the whole document, and never accepts a
// document encoding/json refuses. Arrays of any size are halved.
func FuzzDecodeSplit(f *testing.F) {
	// The small case plans only: large seeds slow mutation down.
	seeds, _ := filepath.Glob("../../testdata/cases/*/plan.json")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format_version": "1.2", "resource_changes": [null, {"address": "a.b"}], "planned_values": {}}`))
	f.Add([]byte(`{"format_version": "1.2", "resource_changes": [ ,{"address": "a.b"}]}`))
	f.Add([]byte(`{"Format_version": "1.2", "resource_changes": []}`))
	f.Add([]byte(`{"format_version": "1.2", "format_version": "1.0"} `))
	f.Fuzz(func(t *testing.T, data []byte) {
		split, ok := decodeSplit(data, 0)
		if !ok {
			return
		}
		whole, err := decodeWhole(data)
		agree(t, split, whole, err)
	})
}

// FuzzDecodeChanges: whatever the one-pass decoder accepts, encoding/json
// accepts too and decodes to the same changes.
func FuzzDecodeChanges(f *testing.F) {
	f.Add(`{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "index": 0, "change": {"actions": ["create"], "before": null, "after": {"s": "x\"y", "n": -1.5e3, "l": [true, null, {}]}, "after_unknown": {"id": true}, "after_sensitive": {}}}`)
	f.Add(`{"address": "a.b", "change": {"actions": ["delete"], "before": {"k": "\u00e9"}, "before_sensitive": {"k": true}}}, {"address": "a.c", "x": [1, "2"]}`)
	f.Add("{\"change\": {\"after\": {\"\xff\": \"\\ud800\"}}}")
	f.Fuzz(func(t *testing.T, elements string) {
		got, ok := decodeChanges([]byte(elements))
		if !ok {
			return
		}
		want, err := referenceChanges(elements)
		agree(t, got, want, err)
	})
}

// agree fails a differential fuzz case where a fast path accepted input
// that encoding/json refuses (err), or decoded it differently.
func agree(t *testing.T, fast, reference any, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("the fast path accepted what encoding/json refuses: %v", err)
	}
	if !reflect.DeepEqual(fast, reference) {
		t.Fatalf("the fast path and encoding/json differ:\nfast          %#v\nencoding/json %#v", fast, reference)
	}
}

// FuzzDecodePriorState: whatever the one-pass prior_state reader accepts,
// encoding/json accepts too and decodes to the same data sources.
func FuzzDecodePriorState(f *testing.F) {
	f.Add(`{"values": {"root_module": {"resources": [` + priorManagedJSON + `, ` + priorDataJSON + `], "child_modules": [{"address": "module.a", "resources": [null]}]}}}`)
	f.Add(`{"format_version": "1.0", "values": {"outputs": {}, "root_module": {"resources": [{"mode": "data", "values": {"k": "\u00e9"}}]}}}`)
	f.Fuzz(func(t *testing.T, value string) {
		got, ok := decodePriorState([]byte(value))
		if !ok {
			return
		}
		want, err := referencePriorState(value)
		agree(t, got, want, err)
	})
}
