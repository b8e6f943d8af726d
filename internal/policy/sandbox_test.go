package policy

import (
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestEveryBuiltinIsReviewed fails when this OPA offers a built-in that is
// neither allowed nor denied: an upgrade must not hand policies a built-in
// nobody has checked for file, network, clock or chance.
func TestEveryBuiltinIsReviewed(t *testing.T) {
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, isDenied := denied[b.Name]
		switch {
		case allowed[b.Name] && isDenied:
			t.Errorf("%s is both allowed and denied", b.Name)
		case !allowed[b.Name] && !isDenied:
			t.Errorf("%s is new in this OPA: review it and add it to allowed or denied in sandbox.go", b.Name)
		}
	}
	for name := range allowed {
		if ast.BuiltinMap[name] == nil {
			t.Errorf("allowed names %s, which this OPA does not have", name)
		}
	}
	caps := Capabilities()
	for _, b := range caps.Builtins {
		if !allowed[b.Name] {
			t.Errorf("Capabilities keeps %s", b.Name)
		}
	}
	if slices.ContainsFunc(caps.Builtins, func(b *ast.Builtin) bool { return b.Name == "json.verify_schema" }) {
		t.Error("json.verify_schema follows file references")
	}
}
