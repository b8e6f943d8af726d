package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Step is one module call in a module instance path: module.NAME[KEY].
type Step struct {
	// Name is the module call's name.
	Name string
	// Key is the instance key: nil, json.Number or string, as Resource.Index.
	Key any
}

// ModulePath is a module instance address split into its calls; nil is the
// root module.
type ModulePath []Step

// String formats the path as Terraform writes a module address.
func (p ModulePath) String() string {
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(s.Name)
		b.WriteString(FormatKey(s.Key))
	}
	return b.String()
}

// Calls returns the call names without keys: the path of the module's
// configuration, which all instances of a call share.
func (p ModulePath) Calls() string {
	names := make([]string, len(p))
	for i, s := range p {
		names[i] = s.Name
	}
	return strings.Join(names, ".")
}

// FormatKey formats an instance key as Terraform does in addresses: "" for
// nil, [0] for a number, ["k"] for a string.
func FormatKey(key any) string {
	switch k := key.(type) {
	case nil:
		return ""
	case string:
		return "[" + strconv.Quote(k) + "]"
	default:
		return fmt.Sprintf("[%v]", k)
	}
}

// KeyID returns a comparable form of an instance key (a string or a
// number, as ParseKey and the plan give them): KeyID(a) == KeyID(b)
// exactly when SameKey(a, b), so keys can be looked up in a map.
func KeyID(key any) any {
	if n, ok := keyNumber(key); ok {
		return n
	}
	return key
}

// SameKey reports whether two instance keys are equal, comparing numbers
// by value whatever their Go type.
func SameKey(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		return ok && sa == sb
	}
	na, okA := keyNumber(a)
	nb, okB := keyNumber(b)
	return okA && okB && na == nb
}

func keyNumber(k any) (float64, bool) {
	switch n := k.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// ParseModulePath parses a module instance address such as
// module.a["k"].module.b[0]. The empty string is the root module.
func ParseModulePath(s string) (ModulePath, error) {
	var path ModulePath
	rest := s
	for rest != "" {
		if !strings.HasPrefix(rest, "module.") {
			return nil, fmt.Errorf("module address %q: expected \"module.\" at %q", s, rest)
		}
		rest = rest[len("module."):]
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		step := Step{Name: rest[:end]}
		if !isIdentifier(step.Name) {
			return nil, fmt.Errorf("module address %q: bad module name %q", s, step.Name)
		}
		rest = rest[end:]
		if strings.HasPrefix(rest, "[") {
			key, n, err := ParseKey(rest)
			if err != nil {
				return nil, fmt.Errorf("module address %q: %w", s, err)
			}
			step.Key = key
			rest = rest[n:]
		}
		path = append(path, step)
		if rest == "" {
			break
		}
		if rest[0] != '.' {
			return nil, fmt.Errorf("module address %q: unexpected %q", s, rest)
		}
		rest = rest[1:]
		if rest == "" {
			return nil, fmt.Errorf("module address %q: trailing dot", s)
		}
	}
	return path, nil
}

// ParseKey parses a leading instance key, [0] or ["k"], and returns the key
// (json.Number or string) and the number of bytes it took.
func ParseKey(s string) (any, int, error) {
	if len(s) > 1 && s[1] == '"' {
		quoted, err := strconv.QuotedPrefix(s[1:])
		if err != nil {
			return nil, 0, fmt.Errorf("bad instance key %q", s)
		}
		n := 1 + len(quoted)
		if n >= len(s) || s[n] != ']' {
			return nil, 0, fmt.Errorf("unclosed instance key %q", s)
		}
		key, err := strconv.Unquote(quoted)
		if err != nil {
			return nil, 0, fmt.Errorf("bad instance key %q", s)
		}
		return key, n + 1, nil
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return nil, 0, fmt.Errorf("unclosed instance key %q", s)
	}
	digits := s[1:end]
	if _, err := strconv.Atoi(digits); err != nil {
		return nil, 0, fmt.Errorf("bad instance key %q", s[:end+1])
	}
	return json.Number(digits), end + 1, nil
}

// isIdentifier reports whether s is a valid Terraform name.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && (i == 0 || (c != '-' && (c < '0' || c > '9'))) {
			return false
		}
	}
	return true
}
