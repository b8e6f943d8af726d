package plan

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// checkKeys refuses a JSON value that encoding/json would read into a
// value of type t differently from a reader that matches keys exactly,
// such as jq: a key repeated in one object (encoding/json keeps the last),
// or a key that is not a field's name but matches it ignoring case
// ("Resource_changes" beside "resource_changes"). Terraform writes neither,
// so either one means the document was made to read one way to tfgate and
// another to a person. The value's syntax is assumed to have been checked.
func checkKeys(data []byte, t reflect.Type) error {
	c := &keyChecker{parser: parser{data: data}, fields: map[reflect.Type]map[string]fieldInfo{}}
	if err := c.value(t, "$"); err != nil {
		return err
	}
	if !c.ok {
		return fmt.Errorf("JSON nests deeper than %d levels", maxSplitDepth)
	}
	return nil
}

type keyChecker struct {
	parser
	ok     bool
	fields map[reflect.Type]map[string]fieldInfo
}

// fieldInfo is a struct field as encoding/json decodes it: by its name,
// or by a name that matches ignoring case.
type fieldInfo struct {
	name string
	typ  reflect.Type
}

var (
	expressionType    = reflect.TypeFor[tfjson.Expression]()
	priorResourceType = reflect.TypeFor[priorResource]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	anyType           = reflect.TypeFor[any]()
)

// value checks the value at the parser's position, to be decoded into t
// (nil: into an interface), with path naming it in errors.
func (c *keyChecker) value(t reflect.Type, path string) error {
	c.ok = true
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case nil, rawMessageType:
		t = anyType
	case priorResourceType:
		t = reflect.TypeFor[priorData]()
	case expressionType:
		// An expression is an object, or an array of nested blocks.
		if c.space() < len(c.data) && c.data[c.i] == '[' {
			t = reflect.TypeFor[[]map[string]*tfjson.Expression]()
		} else {
			t = reflect.TypeFor[tfjson.ExpressionData]()
		}
	}
	c.space()
	if c.i >= len(c.data) {
		c.ok = false
		return nil
	}
	switch c.data[c.i] {
	case '{':
		return c.object(t, path)
	case '[':
		elem := anyType
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			elem = t.Elem()
		}
		c.i++
		if !c.nest() {
			c.ok = false
			return nil
		}
		n := 0
		var err error
		c.ok = c.leave(c.items(']', func() bool {
			err = c.value(elem, fmt.Sprintf("%s[%d]", path, n))
			n++
			return err == nil && c.ok
		}))
		return err
	default:
		c.ok = c.skip()
		return nil
	}
}

func (c *keyChecker) object(t reflect.Type, path string) error {
	var fields map[string]fieldInfo
	elem := anyType
	switch t.Kind() {
	case reflect.Struct:
		fields = c.structFields(t)
	case reflect.Map:
		elem = t.Elem()
	}
	c.i++ // {
	if !c.nest() {
		c.ok = false
		return nil
	}
	seen := map[string]bool{}
	var err error
	c.ok = c.leave(c.items('}', func() bool {
		c.space()
		key, ok := c.key()
		if !ok || !c.next(':') {
			return false
		}
		if seen[key] {
			err = fmt.Errorf("key %q appears twice in %s; a plan Terraform wrote has each key once", key, path)
			return false
		}
		seen[key] = true
		next := path + "." + key
		if fields == nil {
			err = c.value(elem, next)
			return err == nil && c.ok
		}
		if f, ok := fields[key]; ok {
			err = c.value(f.typ, next)
			return err == nil && c.ok
		}
		for _, f := range fields {
			if strings.EqualFold(f.name, key) {
				err = fmt.Errorf("key %q in %s is not %q, though a case-insensitive reader takes it for it; a plan Terraform wrote has no such key", key, path, f.name)
				return false
			}
		}
		return c.skip()
	}))
	return err
}

// structFields lists the fields encoding/json decodes into a struct, with
// the fields of embedded structs promoted.
func (c *keyChecker) structFields(t reflect.Type) map[string]fieldInfo {
	if fields, ok := c.fields[t]; ok {
		return fields
	}
	fields := map[string]fieldInfo{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && name == "" {
			inner := f.Type
			if inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				for k, v := range c.structFields(inner) {
					fields[k] = v
				}
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = fieldInfo{name: name, typ: f.Type}
	}
	c.fields[t] = fields
	return fields
}
