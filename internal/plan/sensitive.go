package plan

import (
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
// copy of a secret, adding its path to the resource's Sensitive list.
func scrubCopies(r *model.Resource, secrets secretSet) {
	if len(secrets) == 0 {
		return
	}
	var at path
	var paths []string
	for k, v := range r.Values {
		at.pushKey(k)
		r.Values[k] = scrubValue(v, &at, secrets, &paths)
		at.pop()
	}
	r.Sensitive = append(r.Sensitive, paths...)
}

func scrubValue(v any, at *path, secrets secretSet, paths *[]string) any {
	switch x := v.(type) {
	case string:
		if secrets[x] {
			*paths = append(*paths, at.String())
			return model.SensitiveMarker
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
