package plan

import (
	"encoding/json"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeChanges decodes the elements of a resource_changes array, the bulk
// of a plan, in one pass over the bytes: elements holds them without the
// brackets, separated by commas. It builds what encoding/json builds for
// []*resourceChange with UseNumber, and skips the members the model does
// not read after checking their syntax.
//
// Like decodeSplit it is a fast path for what Terraform writes. It gives
// up (ok false) where encoding/json would refuse the bytes or read them in
// a way this code does not copy: a key in a change that is not plain
// lowercase (encoding/json matches field names case-insensitively), a
// field repeated in one object, a field of the wrong type or null, a null
// element, nesting deeper than maxSplitDepth, or any syntax error.
func decodeChanges(elements []byte) ([]*resourceChange, bool) {
	p := &parser{data: elements}
	changes := []*resourceChange{}
	if p.space() == len(p.data) {
		return changes, true
	}
	for {
		rc, ok := p.resourceChange()
		if !ok {
			return nil, false
		}
		changes = append(changes, rc)
		switch p.space(); {
		case p.i == len(p.data):
			return changes, true
		case p.data[p.i] == ',':
			p.i++
		default:
			return nil, false
		}
	}
}

// parser reads JSON values from data, starting at i.
type parser struct {
	data  []byte
	i     int
	depth int
	// keys holds each object key read so far, once: the same keys recur
	// in every instance of a resource type.
	keys map[string]string
}

// space skips white space and returns the new position.
func (p *parser) space() int {
	p.i = skipSpace(p.data, p.i)
	return p.i
}

// next skips white space and reports whether the next byte is c, taking it
// if so.
func (p *parser) next(c byte) bool {
	if p.space() < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// items reads the members of an array or an object after its opening
// bracket, calling item for each, up to the closing bracket.
func (p *parser) items(closing byte, item func() bool) bool {
	if p.next(closing) {
		return true
	}
	for item() {
		if !p.next(',') {
			return p.next(closing)
		}
	}
	return false
}

// nest enters an array or object; leave undoes it. Nesting deeper than
// maxSplitDepth gives up.
func (p *parser) nest() bool {
	p.depth++
	return p.depth <= maxSplitDepth
}

func (p *parser) leave(ok bool) bool {
	p.depth--
	return ok
}

// fields reads an object whose keys are plain lowercase, calling field for
// each member with the parser at its value. It gives up on a repeated key
// among the ones field reads (known reports whether field read it).
func (p *parser) fields(field func(key string) (known, ok bool)) bool {
	if !p.next('{') {
		return false
	}
	var seen []string
	return p.items('}', func() bool {
		if !p.next('"') {
			return false
		}
		start := p.i
		for p.i < len(p.data) && plainKeyByte(p.data[p.i]) {
			p.i++
		}
		if p.i == start || p.i >= len(p.data) || p.data[p.i] != '"' {
			return false
		}
		key := string(p.data[start:p.i])
		p.i++
		if !p.next(':') {
			return false
		}
		p.space()
		known, ok := field(key)
		if !ok || !known {
			return ok
		}
		if slices.Contains(seen, key) {
			return false
		}
		seen = append(seen, key)
		return true
	})
}

func (p *parser) resourceChange() (*resourceChange, bool) {
	rc := &resourceChange{}
	ok := p.fields(func(key string) (bool, bool) {
		var s *string
		switch key {
		case "address":
			s = &rc.Address
		case "module_address":
			s = &rc.ModuleAddress
		case "mode":
			s = &rc.Mode
		case "type":
			s = &rc.Type
		case "name":
			s = &rc.Name
		case "deposed":
			s = &rc.DeposedKey
		case "index":
			v, ok := p.value()
			rc.Index = v
			return true, ok
		case "change":
			rc.Change = &change{}
			return true, p.change(rc.Change)
		default:
			return false, p.skip()
		}
		var ok bool
		*s, ok = p.string()
		return true, ok
	})
	return rc, ok
}

func (p *parser) change(c *change) bool {
	return p.fields(func(key string) (bool, bool) {
		var target *any
		var raw *json.RawMessage
		switch key {
		case "actions":
			return true, p.strings(&c.Actions)
		case "before":
			raw = &c.Before
		case "before_sensitive":
			raw = &c.BeforeSensitive
		case "after":
			target = &c.After
		case "after_unknown":
			target = &c.AfterUnknown
		case "after_sensitive":
			target = &c.AfterSensitive
		default:
			return false, p.skip()
		}
		if raw != nil {
			start := p.i
			if !p.skip() {
				return true, false
			}
			*raw = p.data[start:p.i]
			return true, true
		}
		var ok bool
		*target, ok = p.value()
		return true, ok
	})
}

// strings reads an array of strings.
func (p *parser) strings(list *[]string) bool {
	if !p.next('[') {
		return false
	}
	*list = []string{}
	return p.items(']', func() bool {
		p.space()
		s, ok := p.string()
		*list = append(*list, s)
		return ok
	})
}

// value reads any JSON value as encoding/json decodes it into an
// interface with UseNumber.
func (p *parser) value() (any, bool) {
	p.space()
	if p.i >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		return p.string()
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		if !p.number() {
			return nil, false
		}
		return json.Number(p.data[start:p.i]), true
	default:
		return p.literal()
	}
}

func (p *parser) object() (any, bool) {
	p.i++ // {
	obj := map[string]any{}
	ok := p.nest() && p.leave(p.items('}', func() bool {
		p.space()
		key, ok := p.key()
		if !ok || !p.next(':') {
			return false
		}
		// A repeated key gives up: decodeWhole refuses it.
		n := len(obj)
		obj[key], ok = p.value()
		return ok && len(obj) > n
	}))
	return obj, ok
}

func (p *parser) array() (any, bool) {
	p.i++ // [
	list := []any{}
	ok := p.nest() && p.leave(p.items(']', func() bool {
		v, ok := p.value()
		list = append(list, v)
		return ok
	}))
	return list, ok
}

func (p *parser) literal() (any, bool) {
	for _, l := range [...]struct {
		text  string
		value any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(p.data)-p.i >= len(l.text) && string(p.data[p.i:p.i+len(l.text)]) == l.text {
			p.i += len(l.text)
			return l.value, true
		}
	}
	return nil, false
}

// key reads an object key as string does, returning the one copy of each
// plain key the parser keeps.
func (p *parser) key() (string, bool) {
	start := p.i
	escaped, ascii, ok := p.scanString()
	if !ok {
		return "", false
	}
	if escaped || !ascii {
		p.i = start
		return p.string()
	}
	text := p.data[start+1 : p.i-1]
	if k, ok := p.keys[string(text)]; ok {
		return k, true
	}
	if p.keys == nil {
		p.keys = map[string]string{}
	}
	k := string(text)
	p.keys[k] = k
	return k, true
}

// string reads a string. Most need no work beyond a copy; escapes are
// decoded by unquote, and the rare string holding bytes that are not
// valid UTF-8 or a UTF-16 surrogate escape by encoding/json, so that they
// come out exactly as it makes them.
func (p *parser) string() (string, bool) {
	start := p.i
	escaped, ascii, ok := p.scanString()
	if !ok {
		return "", false
	}
	text := p.data[start+1 : p.i-1]
	if ascii || utf8.Valid(text) {
		if !escaped {
			return string(text), true
		}
		if s, ok := unquote(text); ok {
			return s, true
		}
	}
	var s string
	if err := json.Unmarshal(p.data[start:p.i], &s); err != nil {
		return "", false
	}
	return s, true
}

// unquote decodes the escapes in the text of a string that scanString
// checked. It reports false for a surrogate escape (\ud800 to \udfff),
// which it leaves to encoding/json.
func unquote(text []byte) (string, bool) {
	b := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		switch c = text[i]; c {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			var r rune
			for _, h := range text[i+1 : i+5] {
				r = r<<4 | rune(unhex(h))
			}
			if utf16.IsSurrogate(r) {
				return "", false
			}
			b = utf8.AppendRune(b, r)
			i += 4
		default: // '"', '\\', '/'
			b = append(b, c)
		}
	}
	return string(b), true
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// scanString passes the string at i after checking its syntax: no control
// characters, and only the escapes JSON defines. It reports whether the
// string has escapes and whether it is all ASCII.
func (p *parser) scanString() (escaped, ascii, ok bool) {
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return false, false, false
	}
	ascii = true
	for p.i++; p.i < len(p.data); p.i++ {
		c := p.data[p.i]
		if !stringSpecial[c] {
			continue
		}
		switch {
		case c == '"':
			p.i++
			return escaped, ascii, true
		case c < 0x20:
			return false, false, false
		case c >= utf8.RuneSelf:
			ascii = false
		default: // '\\'
			escaped = true
			p.i++
			if p.i >= len(p.data) {
				return false, false, false
			}
			switch p.data[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(p.data)-p.i <= 4 {
					return false, false, false
				}
				for _, h := range p.data[p.i+1 : p.i+5] {
					if !isHex(h) {
						return false, false, false
					}
				}
				p.i += 4
			default:
				return false, false, false
			}
		}
	}
	return false, false, false
}

// stringSpecial marks the bytes scanString looks at: the end of the
// string, escapes, control characters and non-ASCII bytes.
var stringSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number passes a number at i after checking it against JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() bool {
	d := p.data
	i := p.i
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i)
	default:
		return false
	}
	if i < len(d) && d[i] == '.' {
		if i++; i >= len(d) || !isDigit(d[i]) {
			return false
		}
		i = digits(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		if i++; i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			return false
		}
		i = digits(d, i)
	}
	p.i = i
	return true
}

func digits(d []byte, i int) int {
	for i < len(d) && isDigit(d[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// valid reports whether b holds exactly one JSON value; unlike json.Valid
// it gives up on nesting deeper than maxSplitDepth.
func valid(b []byte) bool {
	p := &parser{data: b}
	return p.skip() && p.space() == len(b)
}

// skip passes any JSON value after checking its syntax, building nothing.
func (p *parser) skip() bool {
	p.space()
	if p.i >= len(p.data) {
		return false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		_, _, ok := p.scanString()
		return ok
	case c == '{':
		p.i++
		return p.nest() && p.leave(p.items('}', func() bool {
			p.space()
			_, _, ok := p.scanString()
			return ok && p.next(':') && p.skip()
		}))
	case c == '[':
		p.i++
		return p.nest() && p.leave(p.items(']', p.skip))
	case c == '-' || isDigit(c):
		return p.number()
	default:
		_, ok := p.literal()
		return ok
	}
}
