package plan

import (
	"reflect"
	"strings"
	"testing"
)

// referenceChanges decodes resource_changes elements with encoding/json,
// which decodeChanges must agree with.
func referenceChanges(elements string) ([]*resourceChange, error) {
	var changes []*resourceChange
	err := decodeNumbers([]byte("["+elements+"]"), &changes)
	return changes, err
}

// TestDecodeChangesMatchesEncodingJSON: what the one-pass decoder accepts,
// it decodes exactly as encoding/json does.
func TestDecodeChangesMatchesEncodingJSON(t *testing.T) {
	for name, elements := range map[string]string{
		"none":   ``,
		"spaces": " \n\t ",
		"plain": `{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
			"provider_name": "registry.terraform.io/hashicorp/aws",
			"change": {"actions": ["create"], "before": null, "after": {"bucket": "x", "tags": {}, "grant": []},
				"after_unknown": {"id": true}, "before_sensitive": false, "after_sensitive": {"tags": {}}}}`,
		"module and index": `{"address": "module.m[\"k\"].a.b[0]", "module_address": "module.m[\"k\"]", "mode": "managed", "type": "a", "name": "b", "index": 0, "change": {"actions": ["delete", "create"]}},
			{"address": "a.c[\"x\"]", "mode": "managed", "type": "a", "name": "c", "index": "x", "deposed": "00000001", "change": {"actions": ["delete"], "before": {"n": 1}}}`,
		"numbers":  `{"address": "a.b", "change": {"after": {"n": [0, -0, 1, -12, 3.25, 1e3, 1E+3, 2.5e-7, 123456789012345678901234567890]}}}`,
		"literals": `{"address": "a.b", "change": {"after": {"t": true, "f": false, "n": null, "l": [true, false, null]}}}`,
		"escapes": `{"address": "a.b", "change": {"after": {"policy": "{\"Version\":\"2012-10-17\",\"a\\\\b\":\"\u00e9\\n\\t\/\"}",
			"pair": "\ud83d\ude00", "lone": "\ud800x", "ctl": "\u0001", "html": "\u0026\u003c\u003e", "upper": "\u00E9\u00e9",
			"short": "\b\f\r", "nul": "\u0000", "mixed": "é\\\"ü"}}}`,
		"unicode":       `{"address": "a.b", "change": {"after": {"s": "naïve – ✓", "k€y": 1}}}`,
		"invalid utf-8": "{\"address\": \"a.b\", \"change\": {\"after\": {\"s\": \"a\xffb\xc3\", \"\xfe\": 2}}}",
		"unread members": `{"address": "a.b", "action_reason": "replace_because_tainted", "previous_address": "a.old",
			"change": {"actions": ["update"], "replace_paths": [["a", 0]], "importing": {"id": "i-1"}, "after": {}, "generated_config": "x \"y\""}}`,
		"raw before":  `{"address": "a.b", "change": {"actions": ["delete"], "before": { "n" : [1, {"m": "x"}] }, "before_sensitive": {"n": [false, {"m": true}]}}}`,
		"nested":      `{"address": "a.b", "change": {"after": {"a": [[[{"b": [[{}], []]}]]]}}}`,
		"white space": " { \"address\" : \"a.b\" , \"change\" : { \"actions\" : [ \"create\" ] , \"after\" : { \"x\" : [ 1 , 2 ] } } } \n",
	} {
		t.Run(name, func(t *testing.T) {
			want, err := referenceChanges(elements)
			if err != nil {
				t.Fatalf("encoding/json refuses the case: %v", err)
			}
			got, ok := decodeChanges([]byte(elements))
			if !ok {
				t.Fatal("decodeChanges gave up")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeChanges differs from encoding/json:\ngot  %#v\nwant %#v", got, want)
			}
		})
	}
}

// TestDecodeChangesGivesUp: input the one-pass decoder leaves to
// encoding/json, because it is not JSON or encoding/json reads it in a way
// the decoder does not copy.
func TestDecodeChangesGivesUp(t *testing.T) {
	for name, elements := range map[string]string{
		"case-folded field":  `{"Address": "a.b"}`,
		"escaped field":      `{"addr\u0065ss": "a.b"}`,
		"repeated field":     `{"address": "a.b", "address": "a.c"}`,
		"repeated change":    `{"change": {"actions": ["create"]}, "change": {"after": {}}}`,
		"repeated value key": `{"address": "a.b", "change": {"after": {"k": 1, "k": 2}}}`,
		"null element":       `null`,
		"null field":         `{"address": null}`,
		"null change":        `{"change": null}`,
		"null actions":       `{"change": {"actions": null}}`,
		"number action":      `{"change": {"actions": [1]}}`,
		"number address":     `{"address": 1}`,
		"trailing comma":     `{"address": "a.b"},`,
		"comma in object":    `{"address": "a.b",}`,
		"missing colon":      `{"address" "a.b"}`,
		"missing comma":      `{"address": "a.b"} {"address": "a.c"}`,
		"bad escape":         `{"address": "a\x"}`,
		"short unicode":      `{"address": "a\u00"}`,
		"control character":  "{\"address\": \"a\tb\"}",
		"unterminated":       `{"address": "a.b`,
		"leading zero":       `{"change": {"after": {"n": 01}}}`,
		"bare point":         `{"change": {"after": {"n": 1.}}}`,
		"bare exponent":      `{"change": {"after": {"n": 1e}}}`,
		"bare minus":         `{"change": {"after": {"n": -}}}`,
		"plus sign":          `{"change": {"after": {"n": +1}}}`,
		"bad literal":        `{"change": {"after": {"n": tru}}}`,
		"glued literal":      `{"change": {"after": {"n": truex}}}`,
		"bad skipped member": `{"action_reason": [1,], "address": "a.b"}`,
		"bad raw member":     `{"change": {"before": {"a" 1}}}`,
		"deep":               `{"change": {"after": ` + strings.Repeat("[", maxSplitDepth+1) + strings.Repeat("]", maxSplitDepth+1) + `}}`,
		"deep skipped":       `{"x": ` + strings.Repeat("[", maxSplitDepth+1) + strings.Repeat("]", maxSplitDepth+1) + `}`,
	} {
		if _, ok := decodeChanges([]byte(elements)); ok {
			t.Errorf("%s: decodeChanges accepted %s", name, elements)
		}
	}
}

// TestSkipString: the quick scan ends a string at the first quote that is
// not escaped, however many backslashes come before it.
func TestSkipString(t *testing.T) {
	for _, tc := range []struct {
		text string
		end  int // 0: unterminated
	}{
		{`"" x`, 2},
		{`"ab" x`, 4},
		{`"a\"b" x`, 6},
		{`"a\\" x`, 5},
		{`"a\\\"b" x`, 8},
		{`"\\\\" x`, 6},
		{`"a\" x`, 0},
		{`"a`, 0},
	} {
		end, ok := skipString([]byte(tc.text), 0)
		if ok != (tc.end > 0) || end != tc.end {
			t.Errorf("skipString(%s) = %d, %v; want %d", tc.text, end, ok, tc.end)
		}
	}
}
