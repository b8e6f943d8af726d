package hclsrc

import (
	"maps"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// withAttributeTypes converts the known string values a resource block
// writes for bool and number arguments (attributeTypes) to those types,
// as Terraform does before the provider sees them: "false" for
// is_enabled is false, "7" for deletion_window_in_days is 7. A string
// that does not convert is left as written: Terraform refuses it.
//
// A nested block written in JSON syntax as one object, not a list of
// them, is made a list of one, as Terraform reads it by the schema: rules
// read nested blocks as lists whatever the syntax. Blocks are listed
// outermost first.
func withAttributeTypes(typ string, obj cty.Value) cty.Value {
	paths := attributeTypes[typ]
	if len(paths) == 0 {
		return obj
	}
	for _, path := range slices.SortedFunc(maps.Keys(paths), byDepth) {
		steps := strings.Split(path, ".")
		switch paths[path] {
		case "block":
			obj = atPath(obj, steps, asList)
		case "bool":
			obj = atPath(obj, steps, func(v cty.Value) cty.Value { return convertValue(v, cty.Bool) })
		case "number":
			obj = atPath(obj, steps, func(v cty.Value) cty.Value { return convertValue(v, cty.Number) })
		}
	}
	return obj
}

// byDepth orders dotted paths outermost first, then by name.
func byDepth(a, b string) int {
	if d := strings.Count(a, ".") - strings.Count(b, "."); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// atPath replaces the value at a path of attribute names, through nested
// blocks (lists of objects), by what change makes of it.
func atPath(v cty.Value, path []string, change func(cty.Value) cty.Value) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() || plain.IsNull() {
		return v
	}
	ty := plain.Type()
	switch {
	case ty.IsObjectType():
		if !ty.HasAttribute(path[0]) {
			return v
		}
		attrs := plain.AsValueMap()
		if len(path) == 1 {
			attrs[path[0]] = change(attrs[path[0]])
		} else {
			attrs[path[0]] = atPath(attrs[path[0]], path[1:], change)
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	case ty.IsTupleType() || ty.IsListType():
		if plain.LengthInt() == 0 {
			return v
		}
		list := make([]cty.Value, 0, plain.LengthInt())
		for it := plain.ElementIterator(); it.Next(); {
			_, el := it.Element()
			list = append(list, atPath(el, path, change))
		}
		return cty.TupleVal(list).WithMarks(marks)
	}
	return v
}

// asList makes one object (a nested block written in JSON as an object)
// a list of one.
func asList(v cty.Value) cty.Value {
	plain, marks := v.Unmark()
	if plain.IsKnown() && !plain.IsNull() && (plain.Type().IsObjectType() || plain.Type().IsMapType()) {
		return cty.TupleVal([]cty.Value{plain}).WithMarks(marks)
	}
	return v
}

func convertValue(v cty.Value, want cty.Type) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() || plain.IsNull() || plain.Type() != cty.String {
		return v
	}
	converted, err := convert.Convert(plain, want)
	if err != nil {
		return v
	}
	return converted.WithMarks(marks)
}
