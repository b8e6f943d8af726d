package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Capabilities is the sandbox every policy compiles against: OPA's
// built-ins less those that reach outside the evaluation (network, the
// runtime environment) or make output depend on the moment or on chance.
// A policy calling a removed built-in fails to compile with its file and
// line. Time rules read the clock tfgate passes in (input.now).
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if !denied(b.Name) {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	c.AllowNet = []string{} // empty, not nil: no host at all
	return c
}

func denied(name string) bool {
	switch name {
	case "http.send", "opa.runtime", "time.now_ns", "rand.intn", "uuid.rfc4122", "uuid.parse", "trace", "print":
		return true
	}
	return strings.HasPrefix(name, "net.")
}
