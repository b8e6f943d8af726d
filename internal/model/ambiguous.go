package model

import (
	"slices"
	"strings"
)

// disambiguate decides the links a resource makes through an attribute
// that holds one value (a string, or a value known only after apply) to
// several resources of one type: a loader links every resource the
// attribute's expression mentions, and an expression such as
// cond ? aws_s3_bucket.a.id : aws_s3_bucket.b.id or
// element(aws_s3_bucket.y[*].id, 0) mentions more than it can be. When the
// value is known, only the resources it names keep their link; when it is
// not, or names none of them (their names are known only after apply),
// every link is kept and marked Ambiguous. links are sorted by address
// and attribute (dedupLinks); the result is too.
func disambiguate(r *Resource, links []Link, byAddress map[string]*Resource) []Link {
	if len(links) < 2 {
		return links
	}
	type group struct{ attribute, typ string }
	count := map[group]int{}
	for _, l := range links {
		count[group{l.Attribute, l.Type}]++
	}
	var drop map[int]bool
	for g, n := range count {
		if n < 2 || !singleValued(r, g.attribute) {
			continue
		}
		value, known := r.Values[g.attribute].(string)
		known = known && value != SensitiveMarker
		var named []int
		for i, l := range links {
			if l.Attribute != g.attribute || l.Type != g.typ {
				continue
			}
			if target := byAddress[l.Address]; known && target != nil && names(target, value) {
				named = append(named, i)
			}
		}
		for i := range links {
			l := &links[i]
			if l.Attribute != g.attribute || l.Type != g.typ {
				continue
			}
			switch {
			case len(named) == 0:
				l.Ambiguous = true
			case !slices.Contains(named, i):
				if drop == nil {
					drop = map[int]bool{}
				}
				drop[i] = true
			}
		}
	}
	if drop == nil {
		return links
	}
	kept := links[:0]
	for i, l := range links {
		if !drop[i] {
			kept = append(kept, l)
		}
	}
	return kept
}

// singleValued reports whether a top-level attribute holds one value: a
// string, or a value known only after apply as a whole. A list or a map,
// or a nested block's attribute, may name several resources.
func singleValued(r *Resource, attribute string) bool {
	if strings.ContainsAny(attribute, ".[") {
		return false
	}
	if v, ok := r.Values[attribute]; ok && v != nil {
		_, isString := v.(string)
		return isString
	}
	whole := false
	for _, p := range r.Unknown {
		switch {
		case p == attribute:
			whole = true
		case strings.HasPrefix(p, attribute) && len(p) > len(attribute) && (p[len(attribute)] == '.' || p[len(attribute)] == '['):
			return false // parts of a list or an object are unknown
		}
	}
	return whole
}

// names reports whether value is one of the names of a resource
// (identity).
func names(r *Resource, value string) bool {
	specific, ids := identity(r)
	return slices.Contains(specific, value) || slices.Contains(ids, value)
}
