package hclsrc

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestOverrideFilesMerge holds override files to Terraform's merge: an
// argument replaces the original's, nested blocks of a type replace all
// the original's of that type, the rest is kept; variables and locals are
// overridden; a provider block of an override file is the configuration
// when no other file has one.
func TestOverrideFilesMerge(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
variable "status" { default = "Enabled" }
locals { suffix = "a" }
resource "aws_s3_bucket" "b" {
  bucket = "acme-${local.suffix}"
  tags   = { team = "data" }
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = var.status
  }
}
`,
		"dev_override.tf": `
variable "status" { default = "Suspended" }
locals { suffix = "dev" }
resource "aws_s3_bucket_public_access_block" "b" {
  block_public_policy     = false
  restrict_public_buckets = false
}
resource "aws_s3_bucket_versioning" "b" {
  versioning_configuration {
    status     = var.status
    mfa_delete = "Disabled"
  }
}
provider "aws" {
  default_tags {
    tags = { env = "dev" }
  }
}
`,
	})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.Resources); n != 3 {
		t.Errorf("%d resources, want 3 (an override block is not a resource of its own)", n)
	}
	got := map[string]any{
		"bucket":   resource(t, m, "aws_s3_bucket.b").Values["bucket"],
		"tags_all": resource(t, m, "aws_s3_bucket.b").Values["tags_all"],
		"pab":      resource(t, m, "aws_s3_bucket_public_access_block.b").Values,
		"version":  resource(t, m, "aws_s3_bucket_versioning.b").Values["versioning_configuration"],
	}
	want := map[string]any{
		"bucket":   "acme-dev",
		"tags_all": map[string]any{"env": "dev", "team": "data"},
		"pab": map[string]any{
			"block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true, "restrict_public_buckets": false,
		},
		"version": []any{map[string]any{"status": "Suspended", "mfa_delete": "Disabled"}},
	}
	// The bucket argument of the block is known only after apply.
	delete(got["pab"].(map[string]any), "bucket")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged values (-want +got):\n%s", diff)
	}
	if r := resource(t, m, "aws_s3_bucket_public_access_block.b"); len(r.References) == 0 {
		t.Error("the merged block lost its link to the bucket")
	}
}

func TestOverrideAndBackendErrors(t *testing.T) {
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"a resource that overrides nothing": {map[string]string{
			"main.tf":       `resource "aws_s3_bucket" "b" {}`,
			"x_override.tf": `resource "aws_s3_bucket" "c" { bucket = "x" }`,
		}, "the override resource block aws_s3_bucket.c overrides nothing"},
		"a local that overrides nothing": {map[string]string{
			"main.tf":       `locals { a = 1 }`,
			"x_override.tf": `locals { b = 2 }`,
		}, "the override local value b overrides nothing"},
		"two backend blocks": {map[string]string{
			"a.tf": "terraform {\n  backend \"s3\" {}\n}\n",
			"b.tf": "terraform {\n  backend \"local\" {}\n}\n",
		}, "a second backend block (the first is at"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := Load(writeFiles(t, tt.files), LoadOptions{Now: time.Now()})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	// A backend in an override file replaces the block.
	m, err := ReadModule(writeFiles(t, map[string]string{
		"a.tf":                "terraform {\n  backend \"s3\" {\n    encrypt = true\n  }\n}\n",
		"backend_override.tf": "terraform {\n  backend \"local\" {}\n}\n",
	}))
	if err != nil || m.Backend == nil || m.Backend.Type != "local" {
		t.Fatalf("override backend: %v, %+v", err, m)
	}
}

// TestStringsTakeTheArgumentsTypes: a string written for a bool or number
// argument is converted as Terraform converts it, so a directory check
// sees what a plan shows ("false" is false); one that does not convert
// stays as written.
func TestStringsTakeTheArgumentsTypes(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
variable "settings" {
  type    = map(string)
  default = { enabled = "false", window = "7" }
}
resource "aws_kms_key" "k" {
  is_enabled              = var.settings.enabled
  deletion_window_in_days = var.settings.window
  enable_key_rotation     = "true"
  description             = "7"
}
resource "aws_cloudtrail" "t" {
  enable_logging = "false"
  event_selector {
    include_management_events = "true"
    read_write_type           = "All"
  }
  is_multi_region_trail = "maybe"
}
`})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	key, trail := resource(t, m, "aws_kms_key.k").Values, resource(t, m, "aws_cloudtrail.t").Values
	got := []any{key["is_enabled"], key["deletion_window_in_days"], key["enable_key_rotation"], key["description"],
		trail["enable_logging"], trail["event_selector"].([]any)[0].(map[string]any)["include_management_events"], trail["is_multi_region_trail"]}
	want := []any{false, json.Number("7"), true, "7", false, true, "maybe"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

// TestSuppressionsAreComments: only comments suppress; a marker in a
// string, a template or a heredoc is data, and JSON has no comments.
func TestSuppressionsAreComments(t *testing.T) {
	src := `# tfgate:ignore aws-s3-versioning reason="replicated"
resource "aws_s3_bucket" "a" {}
resource "aws_s3_bucket" "b" { tags = { Share = "\\\\fs01\\x\\", Note = "see #tfgate:ignore aws-s3-encryption reason=runbook" } }
resource "aws_s3_bucket" "c" { tags = { Note = "${"#"}tfgate:ignore aws-s3-encryption reason=x" } } # tfgate:ignore aws-s3-logging reason="ok"
locals {
  doc = <<EOT
# tfgate:ignore aws-s3-encryption reason="in a heredoc"
EOT
}
resource "aws_s3_bucket" "d" {}
`
	for _, tt := range []struct {
		line int
		want []string
	}{{2, []string{"aws-s3-versioning"}}, {3, nil}, {4, []string{"aws-s3-logging"}}, {10, nil}} {
		got, err := suppressions([]byte(src), "main.tf", tt.line)
		if err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, s := range got {
			rules = append(rules, s.Rule)
		}
		if !slices.Equal(rules, tt.want) {
			t.Errorf("line %d: suppressions %v, want %v", tt.line, rules, tt.want)
		}
	}
	if got, _ := suppressions([]byte(`{"resource": {"aws_s3_bucket": {"a": {"//": "# tfgate:ignore aws-s3-versioning reason=x"}}}}`), "main.tf.json", 1); len(got) != 0 {
		t.Errorf("a JSON file gave suppressions %v", got)
	}
}

// TestJSONBlocksAreLists: a nested block written in JSON syntax as one
// object is read as a list of one, as Terraform reads it by the schema.
func TestJSONBlocksAreLists(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf.json": `{
  "resource": {
    "aws_s3_bucket_versioning": {"v": {"bucket": "acme", "versioning_configuration": {"status": "Suspended"}}},
    "aws_s3_bucket_acl": {"a": {"bucket": "acme", "access_control_policy": {
      "owner": {"id": "o"},
      "grant": [{"permission": "READ", "grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}]
    }}}
  }
}`})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{
		"versioning": resource(t, m, "aws_s3_bucket_versioning.v").Values["versioning_configuration"],
		"acl":        resource(t, m, "aws_s3_bucket_acl.a").Values["access_control_policy"],
	}
	want := map[string]any{
		"versioning": []any{map[string]any{"status": "Suspended"}},
		"acl": []any{map[string]any{
			"owner": []any{map[string]any{"id": "o"}},
			"grant": []any{map[string]any{"permission": "READ", "grantee": []any{map[string]any{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}}},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

// TestInstalledModulesMustBeTheCalledOnes: a module terraform init
// installed from another source, or at a version the call no longer
// accepts, is not evaluated in its place.
func TestInstalledModulesMustBeTheCalledOnes(t *testing.T) {
	for _, tt := range []struct {
		installed installedModule
		source    string
		version   string
		stale     bool
	}{
		{installedModule{source: "registry.terraform.io/terraform-aws-modules/s3-bucket/aws", version: "4.1.2"}, "terraform-aws-modules/s3-bucket/aws", "~> 4.1", false},
		{installedModule{source: "registry.terraform.io/terraform-aws-modules/s3-bucket/aws", version: "3.15.0"}, "terraform-aws-modules/s3-bucket/aws", "~> 4.1", true},
		{installedModule{source: "git::https://github.com/acme/site.git?ref=v1.0.0"}, "git::https://github.com/acme/site.git?ref=v2.0.0", "", true},
		{installedModule{source: "git::https://github.com/acme/site.git?ref=v1.0.0"}, "github.com/acme/site?ref=v1.0.0", "", false},
		{installedModule{source: "git::https://github.com/acme/mods.git//kms?ref=v1"}, "github.com/acme/mods//kms?ref=v1", "", false},
		{installedModule{source: "registry.terraform.io/acme/kms/aws"}, "acme/other/aws", "", true},
	} {
		if got := tt.installed.stale(tt.source, tt.version) != ""; got != tt.stale {
			t.Errorf("%+v for %s %s: stale %v, want %v", tt.installed, tt.source, tt.version, got, tt.stale)
		}
	}
}
