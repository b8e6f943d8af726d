package plan

import (
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
)

// minSubstring is the shortest secret that is also hidden inside longer
// strings; a shorter one is hidden only where it is the whole value.
const minSubstring = 4

// secretSet collects the strings Terraform marked sensitive somewhere.
//
// Terraform's marks do not always travel with a value: a provider may copy
// a sensitive tag into tags_all unmarked, and the plan's variables section
// prints sensitive root variables in the clear. So after redacting the
// marked paths, every copy of a hidden string elsewhere is hidden too.
type secretSet struct {
	exact map[string]bool
	long  []string
}

func (s *secretSet) add(v string) {
	if v == "" || v == model.SensitiveMarker || s.exact[v] {
		return
	}
	if s.exact == nil {
		s.exact = map[string]bool{}
	}
	s.exact[v] = true
	if len(v) >= minSubstring {
		s.long = append(s.long, v)
	}
}

// merge adds the secrets of another set, in the order it found them.
func (s *secretSet) merge(other *secretSet) {
	for v := range other.exact {
		if len(v) < minSubstring {
			s.add(v) // only looked up, never in order
		}
	}
	for _, v := range other.long {
		s.add(v)
	}
}

// addAll adds every string inside a value.
func (s *secretSet) addAll(v any) {
	switch x := v.(type) {
	case string:
		s.add(x)
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

// hide returns the string with every secret in it replaced, and whether
// it changed.
func (s *secretSet) hide(v string) (string, bool) {
	if s.exact[v] {
		return model.SensitiveMarker, true
	}
	changed := false
	for _, secret := range s.long {
		if strings.Contains(v, secret) {
			v = strings.ReplaceAll(v, secret, model.SensitiveMarker)
			changed = true
		}
	}
	return v, changed
}

// sensitiveVariables returns the values of the root module variables the
// configuration declares sensitive.
func sensitiveVariables(doc *document) *secretSet {
	s := &secretSet{}
	if doc.Configuration == nil || doc.Configuration.RootModule == nil {
		return s
	}
	for name, v := range doc.Configuration.RootModule.Variables {
		if v == nil || !v.Sensitive {
			continue
		}
		if pv := doc.Variables[name]; pv != nil {
			s.addAll(pv.Value)
		}
	}
	return s
}

// scrub hides every secret wherever it appears in the resources' values,
// adding the paths it changed to each resource's Sensitive list.
func scrub(resources []*model.Resource, secrets *secretSet) {
	if len(secrets.exact) == 0 {
		return
	}
	// Longest first, so that a secret containing another is replaced whole.
	slices.SortFunc(secrets.long, func(a, b string) int { return len(b) - len(a) })
	parallel.Chunks(len(resources), chunk, func(start, end int) {
		var at path // reused by the chunk's resources
		for _, r := range resources[start:end] {
			var paths []string
			for k, v := range r.Values {
				at.pushKey(k)
				r.Values[k] = scrubValue(v, &at, secrets, &paths)
				at.pop()
			}
			if len(paths) > 0 {
				r.Sensitive = append(r.Sensitive, paths...)
				slices.Sort(r.Sensitive)
				r.Sensitive = slices.Compact(r.Sensitive)
			}
		}
	})
}

func scrubValue(v any, at *path, secrets *secretSet, paths *[]string) any {
	switch x := v.(type) {
	case string:
		if hidden, changed := secrets.hide(x); changed {
			*paths = append(*paths, at.String())
			return hidden
		}
	case map[string]any:
		for k, e := range x {
			at.pushKey(k)
			x[k] = scrubValue(e, at, secrets, paths)
			at.pop()
		}
	case []any:
		for i, e := range x {
			at.pushIndex(i)
			x[i] = scrubValue(e, at, secrets, paths)
			at.pop()
		}
	}
	return v
}
