package policy

import (
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestListKeyTellsListsApart(t *testing.T) {
	lists := [][]string{nil, {""}, {"", ""}, {"a", "b"}, {"a1:b"}, {"a:", "b"}, {"a", ":b"}, {"1:a"}, {"a\x00", "b"}, {"a", "\x00b"}}
	seen := map[string][]string{}
	for _, l := range lists {
		k := string(listKey(nil, l))
		if prev, ok := seen[k]; ok {
			t.Errorf("listKey(%q) = listKey(%q) = %q", l, prev, k)
		}
		seen[k] = l
	}
}

// TestValueIsInterfaceToValue holds the converter's values to what OPA's
// own conversion makes of the same Go values.
func TestValueIsInterfaceToValue(t *testing.T) {
	for _, x := range []any{
		nil, true, "s", json.Number("12"), json.Number("-1.5e300"), json.Number("123456789012345678901234567890"),
		1.25, 7, []string{"a", "b"},
		map[string]any{},
		[]any{},
		map[string]any{
			"bucket": "logs", "force_destroy": false, "tags": map[string]any{"env": "prod", "owner": nil},
			"rule":  []any{map[string]any{"apply": []any{map[string]any{"sse_algorithm": "aws:kms", "n": json.Number("0")}}}},
			"mixed": []any{"x", json.Number("1"), nil, []any{true}, map[string]any{"k": []string{"v"}}},
		},
	} {
		want, err := ast.InterfaceToValue(x)
		if err != nil {
			t.Fatal(err)
		}
		c := newConverter()
		for range 2 { // the second time with the keys' terms shared
			got, err := c.value(x)
			if err != nil {
				t.Fatalf("value(%#v): %v", x, err)
			}
			if got.Compare(want) != 0 || got.Hash() != want.Hash() {
				t.Errorf("value(%#v) = %v, want %v", x, got, want)
			}
		}
	}
	if _, err := newConverter().value(map[string]any{"k": []any{struct{ C chan int }{}}}); err == nil {
		t.Error("value of a channel: no error")
	}
}
