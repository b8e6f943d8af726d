package report

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// tricky are strings that exercise every escape encoding/json makes.
var tricky = []string{
	"",
	"plain",
	`quote " and backslash \`,
	"controls \x00\x01\b\f\n\r\t\x1f\x7f",
	"html <script>&amp;</script>",
	"separators \u2028 and \u2029, and \u2027\u202a beside them",
	"invalid \xff\xfe utf-8 \xc3",
	"surrogate half \xed\xa0\x80",
	"multibyte é ü 世界 🙂",
	`module.copy["7"].aws_s3_bucket.logs`,
}

// TestAppendResultIsMarshalIndent holds the hand-written encoder of a
// result to the bytes encoding/json gives for the wire type.
func TestAppendResultIsMarshalIndent(t *testing.T) {
	results := []jsonResult{
		{},
		{Rule: "aws-s3-encryption", Title: "t", Severity: "high", Enforcement: "hard-mandatory", Status: "fail",
			Blocking: true, Input: "plan.json", Resource: "aws_s3_bucket.logs", ResourceType: "aws_s3_bucket",
			Message: "no encryption", Location: &jsonLocation{File: "main.tf", StartLine: 3, EndLine: 12}},
		{Status: "waived", Waiver: &jsonWaiver{Name: "w", Reason: "r", Source: ".tfgate.hcl:4"}},
		{Status: "waived", Waiver: &jsonWaiver{Name: "w", Reason: "r", Owner: "o", Ticket: "T-1", Expires: "2026-12-01", Expired: true, Source: "s"},
			Location: &jsonLocation{StartLine: -1}},
		{Status: "fail", Related: []jsonRelated{{Resource: "aws_s3_bucket_acl.a", Location: &jsonLocation{File: "acl.tf", StartLine: 1, EndLine: 4}}}},
		{Status: "fail", Related: []jsonRelated{{Resource: "a"}, {Resource: "b", Location: &jsonLocation{File: "b.tf"}}}, Waiver: &jsonWaiver{Name: "w"}},
		{Status: "fail", Location: &jsonLocation{File: "modules/kms/main.tf", StartLine: 20, EndLine: 30}, Calls: []jsonLocation{{File: "main.tf", StartLine: 12, EndLine: 14}}},
	}
	for _, s := range tricky {
		results = append(results, jsonResult{Rule: s, Message: s, Location: &jsonLocation{File: s}, Waiver: &jsonWaiver{Owner: s}})
	}
	for _, res := range results {
		want, err := json.MarshalIndent(res, "    ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendResult(nil, res); string(got) != string(want) {
			t.Errorf("appendResult(%+v):\n got %s\nwant %s", res, got, want)
		}
	}
}

// TestAppendStringIsMarshal compares the string encoder with encoding/json
// on the tricky strings and on random ones made of the bytes that matter.
func TestAppendStringIsMarshal(t *testing.T) {
	alphabet := []string{"a", "\"", "\\", "<", ">", "&", "\x00", "\x1f", "\n", "\b", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "🙂", "\x7f"}
	rnd := rand.New(rand.NewPCG(1, 2))
	cases := append([]string{}, tricky...)
	for range 2000 {
		var s string
		for range rnd.IntN(12) {
			s += alphabet[rnd.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		checkAppendString(t, s)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(checkAppendString)
}

func checkAppendString(t *testing.T, s string) {
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendString(nil, s); string(got) != string(want) {
		t.Errorf("appendString(%q) = %s, want %s", s, got, want)
	}
}
