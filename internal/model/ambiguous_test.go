package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDisambiguate: an attribute that holds one value links only to what
// the value names when it is known, and to every candidate, marked
// ambiguous, when it is not; lists, maps and nested blocks may name
// several resources and keep every link.
func TestDisambiguate(t *testing.T) {
	a := &Resource{Address: "aws_s3_bucket.a", Type: "aws_s3_bucket", Values: map[string]any{"bucket": "bucket-a", "id": "bucket-a"}}
	b := &Resource{Address: "aws_s3_bucket.b", Type: "aws_s3_bucket", Values: map[string]any{"bucket": "bucket-b"}}
	c := &Resource{Address: "aws_s3_bucket.c", Type: "aws_s3_bucket", Values: map[string]any{}, Unknown: []string{"bucket", "id"}}
	byAddress := map[string]*Resource{a.Address: a, b.Address: b, c.Address: c}
	link := func(address, attribute string, ambiguous bool) Link {
		return Link{Address: address, Type: "aws_s3_bucket", Attribute: attribute, Via: ViaReference, Ambiguous: ambiguous}
	}
	tests := []struct {
		name    string
		values  map[string]any
		unknown []string
		links   []Link
		want    []Link
	}{
		{"known value names one", map[string]any{"bucket": "bucket-b"}, nil,
			[]Link{link(a.Address, "bucket", false), link(b.Address, "bucket", false)},
			[]Link{link(b.Address, "bucket", false)}},
		{"unknown value", nil, []string{"bucket"},
			[]Link{link(a.Address, "bucket", false), link(c.Address, "bucket", false)},
			[]Link{link(a.Address, "bucket", true), link(c.Address, "bucket", true)}},
		{"known value names none", map[string]any{"bucket": "elsewhere"}, nil,
			[]Link{link(a.Address, "bucket", false), link(c.Address, "bucket", false)},
			[]Link{link(a.Address, "bucket", true), link(c.Address, "bucket", true)}},
		{"sensitive value", map[string]any{"bucket": SensitiveMarker}, nil,
			[]Link{link(a.Address, "bucket", false), link(b.Address, "bucket", false)},
			[]Link{link(a.Address, "bucket", true), link(b.Address, "bucket", true)}},
		{"one link", nil, []string{"bucket"},
			[]Link{link(a.Address, "bucket", false)},
			[]Link{link(a.Address, "bucket", false)}},
		{"a list", map[string]any{"buckets": []any{"bucket-a", "bucket-b"}}, nil,
			[]Link{link(a.Address, "buckets", false), link(b.Address, "buckets", false)},
			[]Link{link(a.Address, "buckets", false), link(b.Address, "buckets", false)}},
		{"a list known only in part", nil, []string{"buckets[0]", "buckets[1]"},
			[]Link{link(a.Address, "buckets", false), link(c.Address, "buckets", false)},
			[]Link{link(a.Address, "buckets", false), link(c.Address, "buckets", false)}},
		{"nested blocks", nil, []string{"rule"},
			[]Link{link(a.Address, "rule.target", false), link(b.Address, "rule.target", false)},
			[]Link{link(a.Address, "rule.target", false), link(b.Address, "rule.target", false)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := tt.values
			if values == nil {
				values = map[string]any{}
			}
			r := &Resource{Address: "x.y", Type: "x", Values: values, Unknown: tt.unknown}
			got := disambiguate(r, tt.links, byAddress)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
		})
	}
}
