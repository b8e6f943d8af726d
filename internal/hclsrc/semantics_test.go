package hclsrc

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/model"
)

// TestLoadFollowsTerraformsSemantics holds the static evaluation to what
// terraform plan gives in places it once did not (each checked with a
// real plan): optional() defaults of inputs holding values known only
// after apply, repeated principals and condition blocks of a policy
// document, bool and number condition values, path.cwd, a provider's
// bool and number arguments read through the whole resource, and dynamic
// blocks in JSON syntax.
func TestLoadFollowsTerraformsSemantics(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
resource "aws_s3_bucket" "b" {
  bucket = "semantics"
}

module "k" {
  source = "./kms"
  cfg    = { name = aws_s3_bucket.b.arn }
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = [true]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_kms_key" "doc" {
  policy = data.aws_iam_policy_document.doc.json
}

resource "aws_iam_role" "cwd" {
  name               = "${basename(path.cwd)}-role"
  assume_role_policy = "{}"
}

resource "aws_kms_key" "a" {
  deletion_window_in_days = 30
}

locals {
  a = aws_kms_key.a
}

resource "aws_kms_key" "b" {
  enable_key_rotation = try(local.a.enable_key_rotation, true)
}
`,
		"kms/main.tf": `
variable "cfg" {
  type = object({
    name    = string
    window  = optional(number, 7)
    enabled = optional(bool, false)
  })
}

resource "aws_kms_key" "k" {
  description             = var.cfg.name
  deletion_window_in_days = var.cfg.window
  is_enabled              = var.cfg.enabled
}
`,
		"json.tf.json": `{"resource": {"aws_s3_bucket_acl": {"j": {"bucket": "x", "access_control_policy": {"owner": {"id": "abc"},
  "dynamic": {"grant": {"for_each": ["READ"], "content": {"permission": "READ", "grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}}}}}}}}`,
	})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	k := resource(t, m, "module.k.aws_kms_key.k")
	if fmt.Sprint(k.Values["deletion_window_in_days"]) != "7" || k.Values["is_enabled"] != false {
		t.Errorf("optional() defaults of an input with an unknown part: window %v, enabled %v; want 7 and false", k.Values["deletion_window_in_days"], k.Values["is_enabled"])
	}
	doc, _ := resource(t, m, "aws_kms_key.doc").Values["policy"].(string)
	for _, want := range []string{`"AWS":["*","arn:aws:iam::111122223333:root"]`, `"aws:MultiFactorAuthPresent":["true","false"]`} {
		if !strings.Contains(doc, want) {
			t.Errorf("policy %s: want %s", doc, want)
		}
	}
	if name := resource(t, m, "aws_iam_role.cwd").Values["name"]; name != filepath.Base(dir)+"-role" {
		t.Errorf("path.cwd: role name %v, want the directory's name", name)
	}
	if b := resource(t, m, "aws_kms_key.b"); !slices.Contains(b.Unknown, "enable_key_rotation") {
		t.Errorf("an unset bool read through the whole resource: enable_key_rotation = %v, want unknown (Terraform has its default)", b.Values["enable_key_rotation"])
	}
	if !slices.ContainsFunc(m.Gaps, func(g model.Gap) bool { return g.Address == "aws_s3_bucket_acl.j" }) {
		t.Errorf("a dynamic block in JSON syntax: gaps %+v, want one for aws_s3_bucket_acl.j", m.Gaps)
	}
}

// TestLoadIgnoredChanges: the arguments lifecycle ignore_changes lists are
// what the object holds after its creation, which a directory check cannot
// know: unknown, their links kept; tags stay as written.
func TestLoadIgnoredChanges(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" {
  bucket = "ignored"
}

resource "aws_kms_key" "k" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = { Purpose = "break-glass" }
  lifecycle {
    ignore_changes = [enable_key_rotation, tags]
  }
}

resource "aws_s3_bucket_public_access_block" "p" {
  bucket              = aws_s3_bucket.b.id
  block_public_acls   = true
  block_public_policy = true
  lifecycle {
    ignore_changes = all
  }
}
`})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	k := resource(t, m, "aws_kms_key.k")
	if !slices.Contains(k.Unknown, "enable_key_rotation") || slices.Contains(k.Unknown, "deletion_window_in_days") || k.Values["tags"] == nil {
		t.Errorf("ignore_changes = [enable_key_rotation, tags]: unknown %q, tags %v", k.Unknown, k.Values["tags"])
	}
	p := resource(t, m, "aws_s3_bucket_public_access_block.p")
	if !slices.Contains(p.Unknown, "block_public_acls") || !slices.Contains(p.Unknown, "bucket") || len(p.References) == 0 {
		t.Errorf("ignore_changes = all: unknown %q, links %v", p.Unknown, p.References)
	}
}

// TestLoadRegionFacts: aws_partition and aws_region read only the provider
// configuration (a plan reads them without calling AWS): known from the
// configuration's region; known only after apply without one.
func TestLoadRegionFacts(t *testing.T) {
	for _, tc := range []struct {
		provider, partition, region string
	}{
		{`provider "aws" { region = "us-east-1" }`, "aws", "us-east-1"},
		{`provider "aws" { region = var.region }`, "aws-cn", "cn-north-1"},
		{`provider "aws" { region = "us-gov-west-1" }`, "aws-us-gov", "us-gov-west-1"},
		{``, "", ""},
	} {
		dir := writeFiles(t, map[string]string{"main.tf": tc.provider + `
variable "region" {
  default = "cn-north-1"
}
data "aws_partition" "p" {}
data "aws_region" "r" {}
resource "aws_iam_role" "r" {
  name               = "${data.aws_partition.p.partition}-${data.aws_region.r.name}"
  assume_role_policy = "{}"
}
`})
		m, _, err := Load(dir, LoadOptions{Now: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		role := resource(t, m, "aws_iam_role.r")
		want := tc.partition + "-" + tc.region
		if tc.partition == "" {
			if !slices.Contains(role.Unknown, "name") {
				t.Errorf("no region: name %v, want unknown", role.Values["name"])
			}
			continue
		}
		if role.Values["name"] != want {
			t.Errorf("%s: name %v, want %s", tc.provider, role.Values["name"], want)
		}
	}
}

// TestLoadModuleRoundTrip: a policy document that reads a module's output
// and goes back into the module as an input is no cycle for Terraform,
// which follows each input and output on its own. The call is evaluated
// before the rest of the loop, its inputs from the loop unknown: no error.
func TestLoadModuleRoundTrip(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${module.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

module "b" {
  source = "./bucket"
  policy = data.aws_iam_policy_document.p.json
}
`,
		"bucket/main.tf": `
variable "policy" {
  type = string
}
resource "aws_s3_bucket" "this" {
  bucket = "round-trip"
}
resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = var.policy
}
output "arn" {
  value = aws_s3_bucket.this.arn
}
`,
	})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if p := resource(t, m, "module.b.aws_s3_bucket_policy.this"); !slices.Contains(p.Unknown, "policy") {
		t.Errorf("the policy from the loop: %v, want unknown", p.Values["policy"])
	}
	if b := resource(t, m, "module.b.aws_s3_bucket.this"); b.Values["bucket"] != "round-trip" {
		t.Errorf("the module's own values: %v", b.Values)
	}
}
