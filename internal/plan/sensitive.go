package plan

import (
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
)

// secretSet collects the strings Terraform marked sensitive in one
// resource.
//
// Terraform's marks do not always travel with a value: a provider may copy
// a sensitive tag into tags_all unmarked. So after redacting the marked
// paths of a resource, every other value of the resource that is one of
// the hidden strings, as a whole, is hidden too. Nothing else is changed:
// a string is never rewritten in part, and nothing outside the resource is
// touched, so that no document a policy reads can be altered into meaning
// something else (a sensitive "Allow" hiding every Allow statement).
type secretSet map[string]bool

// addAll adds every string inside a value.
func (s secretSet) addAll(v any) {
	switch x := v.(type) {
	case string:
		if x != "" && x != model.SensitiveMarker {
			s[x] = true
		}
	case map[string]any:
		for _, e := range x {
			s.addAll(e)
		}
	case []any:
		for _, e := range x {
			s.addAll(e)
		}
	}
}

// scrubCopies hides, in a resource's values, every string that is a whole
// copy of a secret, and every map that has a secret as a key (Terraform
// cannot mark a key, so a sensitive value used as one travels unmarked),
// adding their paths to the resource's Sensitive list. With keysOnly, only
// maps are hidden: values keep their marks, keys lose them.
func scrubCopies(r *model.Resource, secrets secretSet, keysOnly bool) {
	if len(secrets) == 0 {
		return
	}
	var at path
	var paths []string
	for k, v := range r.Values {
		if secrets[k] {
			// An attribute name is the provider's, never a secret.
			continue
		}
		at.pushKey(k)
		r.Values[k] = scrubValue(v, &at, secrets, keysOnly, &paths)
		at.pop()
	}
	if len(paths) == 0 {
		return
	}
	// A path under a hidden map names its key: the map's path replaces it.
	r.Sensitive = slices.DeleteFunc(r.Sensitive, func(p string) bool {
		for _, hidden := range paths {
			if strings.HasPrefix(p, hidden) && len(p) > len(hidden) && (p[len(hidden)] == '.' || p[len(hidden)] == '[') {
				return true
			}
		}
		return false
	})
	r.Sensitive = append(r.Sensitive, paths...)
}

func scrubValue(v any, at *path, secrets secretSet, keysOnly bool, paths *[]string) any {
	switch x := v.(type) {
	case string:
		if !keysOnly && secrets[x] {
			*paths = append(*paths, at.String())
			return model.SensitiveMarker
		}
	case map[string]any:
		for k := range x {
			if secrets[k] {
				*paths = append(*paths, at.String())
				return model.SensitiveMarker
			}
		}
		for k, e := range x {
			at.pushKey(k)
			x[k] = scrubValue(e, at, secrets, keysOnly, paths)
			at.pop()
		}
	case []any:
		for i, e := range x {
			at.pushIndex(i)
			x[i] = scrubValue(e, at, secrets, keysOnly, paths)
			at.pop()
		}
	}
	return v
}

// configSecrets collects the values a plan's configuration declares
// sensitive where Terraform writes them unmarked: the literal values of
// sensitive outputs and of module arguments to sensitive variables, and
// the values of the root module's sensitive variables. They can reach a
// resource only as map keys (a value keeps its mark), which scrubCopies
// hides with keysOnly.
func configSecrets(cfg *tfjson.Config, vars map[string]*tfjson.PlanVariable) secretSet {
	secrets := secretSet{}
	if cfg == nil || cfg.RootModule == nil {
		return secrets
	}
	for name, v := range cfg.RootModule.Variables {
		if v != nil && v.Sensitive && vars[name] != nil {
			secrets.addAll(vars[name].Value)
		}
	}
	var walk func(m *tfjson.ConfigModule, depth int)
	walk = func(m *tfjson.ConfigModule, depth int) {
		if m == nil || depth > maxSplitDepth {
			return
		}
		for _, o := range m.Outputs {
			if o != nil && o.Sensitive && o.Expression != nil && o.Expression.ExpressionData != nil {
				secrets.addAll(o.Expression.ConstantValue)
			}
		}
		for _, call := range m.ModuleCalls {
			if call == nil || call.Module == nil {
				continue
			}
			for name, v := range call.Module.Variables {
				if e := call.Expressions[name]; v != nil && v.Sensitive && e != nil && e.ExpressionData != nil {
					secrets.addAll(e.ConstantValue)
				}
			}
			walk(call.Module, depth+1)
		}
	}
	walk(cfg.RootModule, 0)
	return secrets
}
