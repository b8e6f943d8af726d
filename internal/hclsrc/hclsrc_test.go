package hclsrc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSuppression(t *testing.T) {
	tests := []struct {
		text    string
		want    Suppression
		wantErr string
	}{
		{text: ` aws-s3-versioning reason="replicated by DR" expires=2026-12-31`, want: Suppression{Rule: "aws-s3-versioning", Reason: "replicated by DR", Expires: "2026-12-31"}},
		{text: ` aws-kms-rotation reason=legacy owner=platform ticket="CHG-1"`, want: Suppression{Rule: "aws-kms-rotation", Reason: "legacy", Owner: "platform", Ticket: "CHG-1"}},
		{text: ` aws-kms-rotation reason="say \"why\""`, want: Suppression{Rule: "aws-kms-rotation", Reason: `say "why"`}},
		{text: ``, wantErr: "tfgate:ignore needs a rule id"},
		{text: ` reason="x"`, wantErr: "tfgate:ignore needs a rule id"},
		{text: ` aws-kms-rotation`, wantErr: `tfgate:ignore aws-kms-rotation needs a reason="..."`},
		{text: ` aws-kms-rotation reason="open`, wantErr: "unterminated string after reason="},
		{text: ` aws-kms-rotation because="x"`, wantErr: `unknown key "because"`},
		{text: ` aws-kms-rotation reason="x" stray`, wantErr: `expected key=value, got "stray"`},
	}
	for _, tt := range tests {
		got, err := ParseSuppression(tt.text)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseSuppression(%q) error = %v, want %q", tt.text, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseSuppression(%q): %v", tt.text, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseSuppression(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestReadModule(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `terraform {
  backend "s3" {
    bucket  = "state"
    encrypt = true
    key     = "${path.module}/x"
  }
}

# Logs are replicated elsewhere.
# tfgate:ignore aws-s3-versioning reason="replicated by DR" expires=2026-12-31
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket" "data" { # tfgate:ignore aws-s3-encryption reason="public dataset"
}

module "kms" {
  source = "./modules/kms"
}

import {
  to = aws_s3_bucket.data
  id = "data"
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.data
}
`)
	write("data.tf.json", `{"data": {"aws_iam_policy_document": {"d": {"statement": []}}}}`)
	m, err := ReadModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	blocks := map[string]int{}
	for k, r := range m.Blocks {
		blocks[k] = r.StartLine
	}
	if diff := cmp.Diff(map[string]int{"aws_s3_bucket.logs": 11, "aws_s3_bucket.data": 15, "module.kms": 18, "data.aws_iam_policy_document.d": 1}, blocks); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if r := m.Blocks["aws_s3_bucket.logs"]; r.EndLine != 13 {
		t.Errorf("logs block ends on line %d, want 13", r.EndLine)
	}
	if diff := cmp.Diff(map[string]string{"kms": "./modules/kms"}, m.Calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	wantBackend := &Backend{Type: "s3", Config: map[string]any{"bucket": "state", "encrypt": true}, NotLiteral: []string{"key"}}
	if diff := cmp.Diff(wantBackend, m.Backend, cmpIgnoreRange); diff != "" {
		t.Errorf("backend (-want +got):\n%s", diff)
	}
	main := filepath.Join(dir, "main.tf")
	wantSuppressions := map[string][]Suppression{
		"aws_s3_bucket.logs":             {{Rule: "aws-s3-versioning", Reason: "replicated by DR", Expires: "2026-12-31", File: main, Line: 10}},
		"aws_s3_bucket.data":             {{Rule: "aws-s3-encryption", Reason: "public dataset", File: main, Line: 15}},
		"data.aws_iam_policy_document.d": nil,
	}
	if diff := cmp.Diff(wantSuppressions, m.Suppressions); diff != "" {
		t.Errorf("suppressions (-want +got):\n%s", diff)
	}
}

var cmpIgnoreRange = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Range" }, cmp.Ignore())

func TestReadModuleErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"syntax", "resource \"a\" \"b\" {\n  x = = 1\n}\n", "main.tf:2:"},
		{"bad suppression", "# tfgate:ignore aws-kms-rotation\nresource \"a\" \"b\" {}\n", "main.tf:1: tfgate:ignore aws-kms-rotation needs a reason"},
		{"resource without labels", "resource \"a\" {}\n", "main.tf:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadModule(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %v, want one line containing %q", err, tt.want)
			}
		})
	}
}

// FuzzParseSuppression: the inline suppression parser never panics.
func FuzzParseSuppression(f *testing.F) {
	f.Add(` aws-s3-versioning reason="x" expires=2026-12-31 owner=a ticket="b"`)
	f.Add(` a reason="\"`)
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSuppression(text)
		if err == nil && (s.Rule == "" || s.Reason == "") {
			t.Fatalf("accepted %q without a rule or reason", text)
		}
	})
}
