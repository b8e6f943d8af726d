package hclsrc

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/model"
)

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func resource(t *testing.T, m *model.Model, address string) *model.Resource {
	t.Helper()
	for _, r := range m.Resources {
		if r.Address == address {
			return r
		}
	}
	var have []string
	for _, r := range m.Resources {
		have = append(have, r.Address)
	}
	t.Fatalf("no %s; have %v", address, have)
	return nil
}

func TestLoadVariablesInTerraformsOrder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "n" { default = 1 }
variable "f" { default = "default" }
variable "g" { default = "default" }
variable "h" { default = "default" }
resource "terraform_data" "x" {
  input = [var.a, var.b, var.c, var.d, var.e, var.n + 1, var.f, var.g, var.h]
}
`,
		"terraform.tfvars":      "b = \"tfvars\"\nc = \"tfvars\"\nf = \"tfvars\"\n",
		"terraform.tfvars.json": `{"f": "tfvars-json", "g": "tfvars-json", "h": "tfvars-json"}`,
		"a.auto.tfvars.json":    `{"g": "auto-json", "h": "auto-json"}`,
		"z.auto.tfvars":         "c = \"auto\"\nd = \"auto\"\nh = \"auto\"\n",
		"extra.tfvars":          "d = \"file\"\n",
	})
	m, _, err := Load(dir, LoadOptions{
		VarFiles: []string{filepath.Join(dir, "extra.tfvars")},
		Vars:     []string{"e=flag", "n=41"},
		Env:      map[string]string{"a": "env", "b": "env"},
		Now:      time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := resource(t, m, "terraform_data.x").Values["input"]
	want := []any{"env", "tfvars", "auto", "file", "flag", json.Number("42"), "tfvars-json", "auto-json", "auto"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("input (-want +got):\n%s", diff)
	}
}

func TestLoadExpandsAndLinks(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
locals {
  names = toset(["a", "b"])
}
resource "aws_s3_bucket" "b" {
  for_each = local.names
  bucket   = "acme-${each.key}"
}
resource "aws_s3_bucket_versioning" "v" {
  for_each = aws_s3_bucket.b
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}
module "m" {
  source = "./mod"
  count  = 2
  name   = "acme-m-${count.index}"
}
module "remote" {
  source = "terraform-aws-modules/s3-bucket/aws"
}
resource "aws_kms_key" "k" {
  count = length(module.m)
  description = module.m[count.index].bucket_id
}
import {
  to = aws_s3_bucket.b["a"]
  id = "acme-a"
}
moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.b["a"]
}
check "health" {
  assert {
    condition     = true
    error_message = "never"
  }
}
`,
		"mod/main.tf": `
variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
output "bucket_id" {
  value = aws_s3_bucket.this.id
}
`,
	})
	m, warnings, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	v := resource(t, m, `aws_s3_bucket_versioning.v["b"]`)
	if diff := cmp.Diff([]model.Link{{Address: `aws_s3_bucket.b["b"]`, Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaHCLTraversal}}, v.References); diff != "" {
		t.Errorf("versioning links (-want +got):\n%s", diff)
	}
	if !slices.Contains(v.Unknown, "bucket") {
		t.Errorf("unknown = %v, want bucket among them", v.Unknown)
	}
	if got := resource(t, m, "module.m[1].aws_s3_bucket.this").Values["bucket"]; got != "acme-m-1" {
		t.Errorf("module input: bucket = %v", got)
	}
	k := resource(t, m, "aws_kms_key.k[1]")
	if diff := cmp.Diff([]model.Link{{Address: "module.m[1].aws_s3_bucket.this", Type: "aws_s3_bucket", Attribute: "description", Via: model.ViaHCLTraversal}}, k.References); diff != "" {
		t.Errorf("links through a module output (-want +got):\n%s", diff)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %q", warnings)
	}
	want := []model.Gap{{Address: "module.remote", Reason: `the module source "terraform-aws-modules/s3-bucket/aws" is not installed, so its resources were not evaluated; run terraform init`, Location: &model.Location{File: "main.tf", StartLine: 21, EndLine: 21}}}
	if diff := cmp.Diff(want, m.Gaps); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
}

// TestLoadInstalledModules evaluates a remote module that terraform init
// downloaded, found through .terraform/modules/modules.json.
func TestLoadInstalledModules(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":                          "module \"store\" {\n  source = \"acme/store/aws\"\n  name   = \"acme-remote\"\n}\n",
		".terraform/modules/modules.json":  `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"store","Source":"registry.terraform.io/acme/store/aws","Dir":".terraform/modules/store"}]}`,
		".terraform/modules/store/main.tf": "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n",
	})
	m, warnings, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if got := resource(t, m, "module.store.aws_s3_bucket.this").Values["bucket"]; got != "acme-remote" || len(warnings) != 0 {
		t.Errorf("bucket = %v, warnings %q", got, warnings)
	}
}

func TestLoadHidesSensitiveValues(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
variable "token" {
  sensitive = true
  default   = "s3cr3t-value"
}
resource "aws_ssm_parameter" "p" {
  name        = "/p"
  value       = var.token
  description = "token ${var.token}"
  tags        = { Token = var.token, Team = "ops" }
}
`,
	})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	p := resource(t, m, "aws_ssm_parameter.p")
	if diff := cmp.Diff([]string{"description", "tags.Token", "value"}, p.Sensitive); diff != "" {
		t.Errorf("sensitive (-want +got):\n%s", diff)
	}
	for _, v := range []any{p.Values["value"], p.Values["description"], p.Values["tags"].(map[string]any)["Token"]} {
		if v != model.SensitiveMarker {
			t.Errorf("value %v is not hidden", v)
		}
	}
}

// TestLoadUnknownCountIsAGap: a block whose instances cannot be known is a
// gap of the model, with the types it holds, never silently left out.
func TestLoadUnknownCountIsAGap(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
resource "terraform_data" "n" {
  input = 2
}
resource "aws_s3_bucket" "b" {
  count  = terraform_data.n.output
  bucket = "x"
}
`})
	m, warnings, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Gap{{Address: "aws_s3_bucket.b", Types: []string{"aws_s3_bucket"}, Reason: "its count is known only after apply, so its instances were not evaluated", Location: &model.Location{File: "main.tf", StartLine: 5, EndLine: 5}}}
	if diff := cmp.Diff(want, m.Gaps); diff != "" || len(m.Resources) != 1 || len(warnings) != 0 {
		t.Errorf("resources %d, warnings %q, gaps (-want +got):\n%s", len(m.Resources), warnings, diff)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  LoadOptions
		want  string
	}{
		{"syntax", map[string]string{"main.tf": "resource \"a\" \"b\" {\n  x = \n}\n"}, LoadOptions{}, "main.tf:2:7: Invalid expression"},
		{"tfvars syntax", map[string]string{"main.tf": "variable \"a\" {}\n", "terraform.tfvars": "a = [\n"}, LoadOptions{}, "terraform.tfvars:"},
		{"bad var", map[string]string{"main.tf": "variable \"a\" {}\n"}, LoadOptions{Vars: []string{"novalue"}}, `--var "novalue": want NAME=VALUE`},
		{"module calls itself", map[string]string{"main.tf": "module \"again\" {\n  source = \"./\"\n}\n"}, LoadOptions{}, "modules nest deeper than 32 levels"},
		{"missing var file", map[string]string{"main.tf": "variable \"a\" {}\n"}, LoadOptions{VarFiles: []string{"nope.tfvars"}}, "nope.tfvars"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load(writeFiles(t, tt.files), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %v, want one line containing %q", err, tt.want)
			}
		})
	}
}

// FuzzLoad evaluates arbitrary main.tf files: a model or a one-line
// error, never a panic.
func FuzzLoad(f *testing.F) {
	// Every .tf file of the fixtures is a seed.
	for _, pattern := range []string{"../../testdata/cases/*/*.tf", "../../testdata/foundation/*/*/*.tf"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(string(data))
			}
		}
	}
	f.Add("resource \"aws_s3_bucket\" \"b\" {\n  count = 2\n  bucket = \"x-${count.index}\"\n}\n")
	f.Add("locals {\n  a = local.b\n  b = local.a\n}\nresource \"x\" \"y\" {\n  v = local.a\n}\n")
	f.Add("variable \"v\" {\n  default = { a = 1 }\n}\nresource \"x\" \"y\" {\n  for_each = var.v\n  n = each.value + 1\n  dynamic \"d\" {\n    for_each = [1]\n    content {}\n  }\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := writeFiles(t, map[string]string{"main.tf": src})
		m, _, err := Load(dir, LoadOptions{Now: time.Unix(0, 0)})
		if err == nil && m == nil {
			t.Fatal("nil model without an error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error spans lines: %q", err)
		}
	})
}

// TestLoadFollowsTerraform covers what the directory check got wrong
// before it evaluated like Terraform: typed -var values, optional()
// defaults, dynamic blocks, try() keeping its links, nulls inside objects,
// and gaps for modules whose instances cannot be known.
func TestLoadFollowsTerraform(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
variable "account_id" {
  type = string
}
variable "sse" {
  type = object({
    algorithm = optional(string, "aws:kms")
    key       = optional(string)
  })
  default = {}
}
variable "grants" {
  type    = list(object({ uri = string, permission = string }))
  default = [{ uri = "http://acs.amazonaws.com/groups/global/AllUsers", permission = "READ" }]
}
locals {
  context = { tenant = lookup({}, "tenant", null), name = "acme" }
}
resource "terraform_data" "later" {
  input = "x"
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = "{}"
}
resource "aws_s3_bucket" "b" {
  bucket = "${local.context.name}-${var.account_id}"
  tags   = { Tenant = local.context.tenant, Name = local.context.name }
  dynamic "grant" {
    for_each = var.grants
    content {
      uri         = grant.value.uri
      permissions = [grant.value.permission]
      type        = "Group"
    }
  }
}
resource "aws_s3_bucket" "later" {
  bucket = "later"
  dynamic "grant" {
    for_each = terraform_data.later.output == "x" ? var.grants : []
    content {
      uri = grant.value.uri
    }
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse.algorithm
      kms_master_key_id = var.sse.key
    }
  }
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = "r"
  policy_arn = try(aws_iam_policy.p.arn, "")
}
module "m" {
  source   = "./mod"
  for_each = toset([terraform_data.later.output])
}
`,
		"mod/main.tf": "resource \"aws_kms_key\" \"k\" {}\n",
	})
	m, _, err := Load(dir, LoadOptions{Vars: []string{"account_id=012345678901"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	b := resource(t, m, "aws_s3_bucket.b")
	if got := b.Values["bucket"]; got != "acme-012345678901" {
		t.Errorf("a string variable from --var: bucket = %v", got)
	}
	if diff := cmp.Diff(map[string]any{"Tenant": nil, "Name": "acme"}, b.Values["tags"]); diff != "" {
		t.Errorf("a null from lookup() inside an object (-want +got):\n%s", diff)
	}
	wantGrant := []any{map[string]any{"uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permissions": []any{"READ"}, "type": "Group"}}
	if diff := cmp.Diff(wantGrant, b.Values["grant"]); diff != "" {
		t.Errorf("dynamic grant (-want +got):\n%s", diff)
	}
	if later := resource(t, m, "aws_s3_bucket.later"); !slices.Contains(later.Unknown, "grant") || !slices.Contains(later.Configured, "grant") {
		t.Errorf("a dynamic block over a for_each known only after apply: unknown %v, configured %v", later.Unknown, later.Configured)
	}
	sse := resource(t, m, "aws_s3_bucket_server_side_encryption_configuration.b").Values["rule"]
	if diff := cmp.Diff([]any{map[string]any{"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms", "kms_master_key_id": nil}}}}, sse); diff != "" {
		t.Errorf("optional() defaults (-want +got):\n%s", diff)
	}
	a := resource(t, m, "aws_iam_role_policy_attachment.a")
	if !slices.ContainsFunc(a.References, func(l model.Link) bool { return l.Address == "aws_iam_policy.p" && l.Attribute == "policy_arn" }) {
		t.Errorf("try() lost the link: %v", a.References)
	}
	if len(m.Gaps) != 1 || m.Gaps[0].Address != "module.m" || !slices.Equal(m.Gaps[0].Types, []string{"aws_kms_key"}) {
		t.Errorf("gaps = %+v", m.Gaps)
	}
}
