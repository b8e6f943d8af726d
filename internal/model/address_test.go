package model

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseModulePath(t *testing.T) {
	tests := []struct {
		in      string
		want    ModulePath
		wantErr bool
	}{
		{in: "", want: nil},
		{in: "module.a", want: ModulePath{{Name: "a"}}},
		{in: `module.a["k.1"].module.b[0]`, want: ModulePath{{Name: "a", Key: "k.1"}, {Name: "b", Key: json.Number("0")}}},
		{in: `module.a["say \"hi\""]`, want: ModulePath{{Name: "a", Key: `say "hi"`}}},
		{in: "mod.a", wantErr: true},
		{in: "module.", wantErr: true},
		{in: "module.a[", wantErr: true},
		{in: `module.a["x`, wantErr: true},
		{in: "module.a[x]", wantErr: true},
		{in: "module.a.", wantErr: true},
		{in: "module.a]", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseModulePath(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseModulePath(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseModulePath(%q) (-want +got):\n%s", tt.in, diff)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("ParseModulePath(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestSameKey(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{nil, nil, true},
		{nil, "a", false},
		{"a", "a", true},
		{"1", json.Number("1"), false},
		{json.Number("1"), 1, true},
		{json.Number("1"), float64(1), true},
		{json.Number("2"), json.Number("1"), false},
		{json.Number("1"), json.Number("1.0"), true},
		{int64(3), 3, true},
	}
	for _, tt := range tests {
		if got := SameKey(tt.a, tt.b); got != tt.want {
			t.Errorf("SameKey(%#v, %#v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := KeyID(tt.a) == KeyID(tt.b); got != tt.want {
			t.Errorf("KeyID(%#v) == KeyID(%#v) is %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompleteLinksLiteralsAndReverses(t *testing.T) {
	m := &Model{Resources: []*Resource{
		{Address: "aws_s3_bucket_versioning.v", Type: "aws_s3_bucket_versioning", Values: map[string]any{"bucket": "logs"}},
		{Address: "aws_s3_bucket.b[10]", Type: "aws_s3_bucket", Index: json.Number("10"), Values: map[string]any{"bucket": "other"}},
		{Address: "aws_s3_bucket.b[9]", Type: "aws_s3_bucket", Index: json.Number("9"), Values: map[string]any{"bucket": "logs"},
			References: []Link{{Address: "x.y", Type: "x", Attribute: "a", Via: ViaReference}}},
	}}
	m.Complete()
	var order []string
	for _, r := range m.Resources {
		order = append(order, r.Address)
	}
	if diff := cmp.Diff([]string{"aws_s3_bucket.b[9]", "aws_s3_bucket.b[10]", "aws_s3_bucket_versioning.v"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	v := m.Resources[2]
	want := []Link{{Address: "aws_s3_bucket.b[9]", Type: "aws_s3_bucket", Attribute: "bucket", Via: ViaLiteral}}
	if diff := cmp.Diff(want, v.References); diff != "" {
		t.Errorf("literal link (-want +got):\n%s", diff)
	}
	back := []Link{{Address: "aws_s3_bucket_versioning.v", Type: "aws_s3_bucket_versioning", Attribute: "bucket", Via: ViaLiteral}}
	if diff := cmp.Diff(back, m.Resources[0].ReferencedBy); diff != "" {
		t.Errorf("reverse link (-want +got):\n%s", diff)
	}
	if m.Resources[1].References == nil || m.Resources[1].Unknown == nil || m.Resources[1].Sensitive == nil {
		t.Error("Complete left nil lists")
	}
}

func FuzzParseModulePath(f *testing.F) {
	for _, s := range []string{"", "module.a", `module.a["k"].module.b[0]`, `module.a["x\"y"]`, "module.a[", "module.a[1]x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseModulePath(s)
		if err != nil {
			return
		}
		again, err := ParseModulePath(p.String())
		if err != nil {
			t.Fatalf("ParseModulePath(%q).String() = %q does not parse: %v", s, p.String(), err)
		}
		if again.String() != p.String() {
			t.Fatalf("round trip of %q: %q then %q", s, p.String(), again.String())
		}
	})
}

// TestCompleteLinksThroughAliases: a link to a KMS alias is also a link to
// the key the alias names, through the alias.
func TestCompleteLinksThroughAliases(t *testing.T) {
	m := &Model{Resources: []*Resource{
		{Address: "aws_kms_key.k", Mode: "managed", Type: "aws_kms_key", Name: "k"},
		{Address: "aws_kms_alias.a", Mode: "managed", Type: "aws_kms_alias", Name: "a", References: []Link{{Address: "aws_kms_key.k", Type: "aws_kms_key", Attribute: "target_key_id", Via: ViaReference}}},
		{Address: "aws_kms_key_policy.p", Mode: "managed", Type: "aws_kms_key_policy", Name: "p", References: []Link{{Address: "aws_kms_alias.a", Type: "aws_kms_alias", Attribute: "key_id", Via: ViaReference}}},
	}}
	m.Complete()
	var policy *Resource
	for _, r := range m.Resources {
		if r.Address == "aws_kms_key_policy.p" {
			policy = r
		}
	}
	want := []Link{
		{Address: "aws_kms_alias.a", Type: "aws_kms_alias", Attribute: "key_id", Via: ViaReference},
		{Address: "aws_kms_key.k", Type: "aws_kms_key", Attribute: "key_id", Via: ViaReference, Through: []string{"aws_kms_alias.a"}},
	}
	if diff := cmp.Diff(want, policy.References); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	for _, r := range m.Resources {
		if r.Address == "aws_kms_key.k" && !slices.ContainsFunc(r.ReferencedBy, func(l Link) bool { return l.Address == "aws_kms_key_policy.p" }) {
			t.Errorf("the key does not list the policy among its referrers: %v", r.ReferencedBy)
		}
	}
}
