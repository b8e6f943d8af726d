package plan

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/tfgate/tfgate/internal/parallel"
)

// maxSplitDepth is the deepest nesting decodeSplit takes on; deeper
// documents go to encoding/json whole, which enforces its own limit.
const maxSplitDepth = 512

// minHalves is the smallest resource_changes array, in bytes, worth
// decoding in two halves.
const minHalves = 64 << 10

// decodeSplit decodes a document on every CPU: a quick scan finds the
// extent of each top-level member, then the members, and the two halves
// of resource_changes, are decoded at the same time: resource_changes by
// decodeChanges, the others by encoding/json. Members the model does not
// read, such as planned_values, are only validated.
//
// It is a fast path for what Terraform writes and nothing more. It gives
// up (ok false) on anything unusual: a key that is not plain lowercase
// ASCII, a repeated key, deep nesting, trailing data, any decoding error.
// The caller then decodes the whole document with encoding/json, which
// gives the same document or the error to report, so the two paths never
// disagree (FuzzDecodeSplit checks it).
func decodeSplit(data []byte, minHalves int) (doc *document, ok bool) {
	members, ok := splitObject(data)
	if !ok {
		return nil, false
	}
	doc = &document{}
	var tasks []task
	var first, second []*resourceChange
	halved := false
	seen := map[string]bool{}
	for _, m := range members {
		if seen[m.key] {
			return nil, false
		}
		seen[m.key] = true
		var target any // where the member is decoded; nil: only validated
		switch m.key {
		case "format_version":
			target = &doc.FormatVersion
		case "terraform_version":
			target = &doc.TerraformVersion
		case "timestamp":
			target = &doc.Timestamp
		case "errored":
			target = &doc.Errored
		case "complete":
			target = &doc.Complete
		case "prior_state":
			tasks = append(tasks, task{len(m.value), func() (ok bool) {
				doc.PriorState, ok = decodePriorState(m.value)
				return ok
			}})
			continue
		case "configuration":
			target = &doc.Configuration
		case "variables":
			target = &doc.Variables
		case "values":
			target = &doc.Values
		case "resource_changes":
			a, b, split := halves(m.value, minHalves)
			if !split {
				elements, ok := elements(m.value)
				if !ok {
					return nil, false // null, not an array, or malformed
				}
				tasks = append(tasks, task{len(m.value), func() (ok bool) {
					doc.ResourceChanges, ok = decodeChanges(elements)
					return ok
				}})
				continue
			}
			halved = true
			tasks = append(tasks,
				task{len(a), func() (ok bool) { first, ok = decodeChanges(a); return ok && len(first) > 0 }},
				task{len(b), func() (ok bool) { second, ok = decodeChanges(b); return ok && len(second) > 0 }})
			continue
		case "planned_values":
			tasks = append(tasks, task{len(m.value), func() bool { return doc.PlannedValues.read(m.value) }})
			continue
		case "lineage":
			doc.Lineage = true
		case "resources":
			doc.Resources = true
		}
		if target == nil {
			tasks = append(tasks, task{len(m.value), func() bool { return valid(m.value) }})
			continue
		}
		tasks = append(tasks, task{len(m.value), func() bool {
			return decodeNumbers(m.value, target) == nil && checkKeys(m.value, reflect.TypeOf(target).Elem()) == nil
		}})
	}
	if !runAll(tasks) {
		return nil, false
	}
	if halved {
		doc.ResourceChanges = append(first, second...)
	}
	return doc, true
}

// task is one piece of decoding, with its size in bytes.
type task struct {
	size int
	run  func() bool
}

// runAll runs the tasks on every CPU, largest first, and reports whether
// all succeeded.
func runAll(tasks []task) bool {
	slices.SortStableFunc(tasks, func(a, b task) int { return cmp.Compare(b.size, a.size) })
	var failed atomic.Bool
	parallel.For(len(tasks), func(n int) {
		if !failed.Load() && !tasks[n].run() {
			failed.Store(true)
		}
	})
	return !failed.Load()
}

// decodeNumbers decodes exactly one JSON value into target as Decode does
// the whole document: numbers become json.Number.
func decodeNumbers(value []byte, target any) error {
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	if err := dec.Decode(target); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// member is a top-level member of a JSON object: its key and the extent of
// its value.
type member struct {
	key   string
	value []byte
}

// splitObject finds the members of the object data holds. It checks the
// object's own punctuation but not the members' values, which the caller
// decodes or validates. Keys must be plain: lowercase ASCII letters,
// digits and underscores, as Terraform writes them.
func splitObject(data []byte) ([]member, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i = skipSpace(data, i+1)
	var members []member
	if i < len(data) && data[i] == '}' {
		return members, skipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		start := i + 1
		for i = start; i < len(data) && plainKeyByte(data[i]); i++ {
		}
		if i >= len(data) || data[i] != '"' || i == start {
			return nil, false
		}
		key := string(data[start:i])
		i = skipSpace(data, i+1)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		end, ok := skipValue(data, i)
		if !ok {
			return nil, false
		}
		members = append(members, member{key: key, value: data[i:end]})
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return members, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

func plainKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value that starts at i, matching
// brackets and skipping strings without validating anything else.
func skipValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				end, ok := skipString(data, i)
				if !ok {
					return 0, false
				}
				i = end
				continue
			case '{', '[':
				depth++
				if depth > maxSplitDepth {
					return 0, false
				}
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true
				}
			}
			i++
		}
		return 0, false
	default:
		// A number or a literal: up to the next delimiter.
		start := i
		for i < len(data) && strings.IndexByte(",}] \t\r\n", data[i]) < 0 {
			i++
		}
		return i, i > start
	}
}

// skipString returns the end of the string whose opening quote is at i:
// the first quote after it that an odd number of backslashes does not
// escape.
func skipString(data []byte, i int) (int, bool) {
	for from := i + 1; ; {
		q := bytes.IndexByte(data[from:], '"')
		if q < 0 {
			return 0, false
		}
		end := from + q
		backslashes := 0
		for end-1-backslashes > i && data[end-1-backslashes] == '\\' {
			backslashes++
		}
		if backslashes%2 == 0 {
			return end + 1, true
		}
		from = end + 1
	}
}

// elements returns what is between the brackets of an array that
// skipValue delimited. skipValue only counts brackets, so the closing one
// is checked here; what is between them is left to the decoder.
func elements(array []byte) ([]byte, bool) {
	if len(array) < 2 || array[0] != '[' || array[len(array)-1] != ']' {
		return nil, false
	}
	return array[1 : len(array)-1], true
}

// halves splits a JSON array between two of its elements near the middle
// and returns the elements of each half, without the brackets. It reports
// false for an array shorter than min bytes, or one it cannot split.
func halves(array []byte, min int) (first, second []byte, ok bool) {
	if len(array) < min {
		return nil, nil, false
	}
	if _, ok := elements(array); !ok {
		return nil, nil, false
	}
	// Walk the elements from the first until one ends past the middle.
	i := skipSpace(array, 1)
	for i < len(array) {
		end, ok := skipValue(array, i)
		if !ok {
			return nil, nil, false
		}
		i = skipSpace(array, end)
		if i >= len(array) || array[i] != ',' {
			return nil, nil, false
		}
		if i >= len(array)/2 {
			return array[1:i], array[i+1 : len(array)-1], true
		}
		i = skipSpace(array, i+1)
	}
	return nil, nil, false
}
