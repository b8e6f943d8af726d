package hclsrc

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestPassesOn: an expression passes on the document it reads only when
// it returns one of its values as it is.
func TestPassesOn(t *testing.T) {
	for src, want := range map[string]bool{
		`data.aws_iam_policy_document.p.json`:                                            true,
		`data.aws_iam_policy_document.p[each.key].json`:                                  true,
		`data.aws_iam_policy_document.p[0].json`:                                         true,
		`each.value.json`:                                                                true,
		`coalesce(var.policy, data.aws_iam_policy_document.p.json)`:                      true,
		`try(data.aws_iam_policy_document.p[0].json, "")`:                                true,
		`var.create ? data.aws_iam_policy_document.p.json : null`:                        true,
		`one(data.aws_iam_policy_document.p[*].json)`:                                    true,
		`replace(data.aws_iam_policy_document.p.json, "arn", "*")`:                       false,
		`jsonencode(merge(jsondecode(data.aws_iam_policy_document.p.json), {}))`:         false,
		`"${data.aws_iam_policy_document.p.json}"`:                                       true,
		`"prefix${data.aws_iam_policy_document.p.json}"`:                                 false,
		`format("%s", data.aws_iam_policy_document.p.json)`:                              false,
		`coalesce(replace(data.aws_iam_policy_document.p.json, "a", "*"), var.fallback)`: false,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if got := (&Module{}).passesOn(expr, 0); got != want {
			t.Errorf("%s: %v, want %v", src, got, want)
		}
	}
}

// TestTransformedThroughLocals: a local value passes on what its own
// expression does.
func TestTransformedThroughLocals(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
locals {
  replaced = replace(data.aws_iam_policy_document.p.json, "a", "*")
  plain    = data.aws_iam_policy_document.p.json
  chained  = local.replaced
}
resource "aws_s3_bucket_policy" "replaced" {
  bucket = "a"
  policy = local.chained
}
resource "aws_s3_bucket_policy" "plain" {
  bucket = "b"
  policy = coalesce(var.policy, local.plain)
}
resource "aws_s3_bucket_policy" "encoded" {
  bucket = "c"
  policy = jsonencode({Statement = []})
}
`})
	m, err := ReadModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"aws_s3_bucket_policy.replaced": {"policy"}, "aws_s3_bucket_policy.encoded": {"policy"}}
	if len(m.Transformed) != len(want) || len(m.Transformed["aws_s3_bucket_policy.replaced"]) != 1 || len(m.Transformed["aws_s3_bucket_policy.encoded"]) != 1 {
		t.Errorf("transformed %v, want %v", m.Transformed, want)
	}
}

// TestTransformedMergedDocuments: a policy document data source's merged
// documents written other than as references passed on (a conditional
// with a jsonencode branch) are not its linked data sources'.
func TestTransformedMergedDocuments(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
locals {
  docs = { a = data.aws_iam_policy_document.a.json }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.a.json, local.docs["a"]]
}
data "aws_iam_policy_document" "sneaky" {
  source_policy_documents = [var.shared ? data.aws_iam_policy_document.a.json : jsonencode({Statement = []})]
}
`})
	m, err := ReadModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Transformed) != 1 || len(m.Transformed["data.aws_iam_policy_document.sneaky"]) != 1 {
		t.Errorf("transformed %v, want data.aws_iam_policy_document.sneaky's source_policy_documents only", m.Transformed)
	}
}

// TestTransformedModuleInputsAndOutputs: module inputs and outputs that
// may change what they pass are recorded, and a document that goes
// through one no longer links to its data source in a directory check.
func TestTransformedModuleInputsAndOutputs(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "through"
}
module "m" {
  source = "./mod"
  bucket = aws_s3_bucket.b.id
  policy = replace(data.aws_iam_policy_document.p.json, "arn:aws:iam::111122223333:root", "*")
  plain  = data.aws_iam_policy_document.p.json
}
`,
		"mod/main.tf": `
variable "bucket" {}
variable "policy" {}
variable "plain" {}
resource "aws_s3_bucket_policy" "p" {
  bucket = var.bucket
  policy = var.policy
}
resource "aws_s3_bucket_policy" "q" {
  bucket = var.bucket
  policy = var.plain
}
output "rewritten" {
  value = replace(var.plain, "a", "b")
}
`,
	})
	root, err := ReadModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !root.TransformedInputs["module.m"]["policy"] || root.TransformedInputs["module.m"]["plain"] || root.TransformedInputs["module.m"]["bucket"] {
		t.Errorf("transformed inputs %v, want module.m's policy only", root.TransformedInputs)
	}
	child, err := ReadModule(dir + "/mod")
	if err != nil {
		t.Fatal(err)
	}
	if !child.TransformedOutputs["rewritten"] {
		t.Errorf("transformed outputs %v, want rewritten", child.TransformedOutputs)
	}
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	links := func(address string) (doc, bucket bool) {
		for _, l := range resource(t, m, address).References {
			doc = doc || l.Address == "data.aws_iam_policy_document.p"
			bucket = bucket || l.Address == "aws_s3_bucket.b"
		}
		return doc, bucket
	}
	if doc, bucket := links("module.m.aws_s3_bucket_policy.p"); doc || !bucket {
		t.Errorf("through the rewriting input: links to the document %v (want false), to the bucket %v (want true)", doc, bucket)
	}
	if doc, _ := links("module.m.aws_s3_bucket_policy.q"); !doc {
		t.Error("through the plain input: no link to the document")
	}
}

// TestTransformedInJSONSyntax: a policy document attribute written in
// JSON syntax (a template string) is taken as transformed.
func TestTransformedInJSONSyntax(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf.json": `{"resource": {"aws_s3_bucket_policy": {"p": {
  "bucket": "b", "policy": "${replace(data.aws_iam_policy_document.p.json, \"a\", \"*\")}"}}}}`})
	m, err := ReadModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Transformed["aws_s3_bucket_policy.p"]; len(got) != 1 || got[0] != "policy" {
		t.Errorf("transformed %v, want the policy", m.Transformed)
	}
}
