package hclsrc

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/tffunc"
)

// TestStaticDraft: a jsonencode(...) document gets a draft when what
// decides its statements is written literally, with every other part
// "(known after apply)", and a statement whose decisive fields are not
// all written literally "(undecided)"; none when no statement is decided.
func TestStaticDraft(t *testing.T) {
	funcs := functions(t.TempDir(), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	tests := []struct {
		name, src, want string
	}{
		{"resource ARN", `jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*"}]})`,
			`{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Principal":"*","Resource":"(known after apply)"}],"Version":"2012-10-17"}`},
		{"one statement object", `jsonencode({Statement = {Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn], Condition = {Bool = {"aws:SecureTransport" = "false"}}}})`,
			`{"Statement":{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":"*","Resource":["(known after apply)"]}}`},
		{"functions of literals", `jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = format("arn:aws:iam::%s:root", "111122223333")}, Action = concat(["s3:GetObject"], ["s3:ListBucket"]), Resource = "*"}]})`,
			`{"Statement":[{"Action":["s3:GetObject","s3:ListBucket"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Resource":"*"}]}`},
		{"principal from a reference", `jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = aws_iam_role.r.arn}, Action = "s3:GetObject", Resource = "*"}]})`, ""},
		{"actions from a variable", `jsonencode({Statement = [{Effect = "Allow", Principal = "*", Action = var.actions, Resource = "*"}]})`, ""},
		{"condition value from a reference", `jsonencode({Statement = [{Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*", Condition = {StringEquals = {"aws:SourceVpce" = aws_vpc_endpoint.e.id}}}]})`, ""},
		{"effect from a condition", `jsonencode({Statement = [{Effect = var.deny ? "Deny" : "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*"}]})`, ""},
		{"statements from a for", `jsonencode({Statement = [for a in var.actions : {Effect = "Allow", Principal = "*", Action = a, Resource = "*"}]})`, ""},
		{"one statement undecided", `jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = aws_iam_role.r.arn}, Action = "kms:*", Resource = "*"}, {Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*"}]})`,
			`{"Statement":[{"Effect":"(undecided)"},{"Action":"kms:Decrypt","Effect":"Allow","Principal":"*","Resource":"*"}]}`},
		{"undecided Deny left out", `jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = "arn:aws:iam::111122223333:root"}, Action = "s3:GetObject", Resource = "*"}, {Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = {StringNotEquals = {"aws:SourceVpce" = aws_vpc_endpoint.e.id}}}]})`,
			`{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Resource":"*"}]}`},
		{"not jsonencode", `data.aws_iam_policy_document.d.json`, ""},
		{"not a document", `jsonencode({a = 1})`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tt.src), "x.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got, ok := staticDraftOf(expr, funcs)
			if !ok {
				got = ""
			}
			if got != tt.want {
				t.Errorf("draft = %s\nwant    %s", got, tt.want)
			}
		})
	}
}

// TestDraftOfSensitiveDocument: a document with a sensitive part gets no
// draft: hidden stays hidden.
func TestDraftOfSensitiveDocument(t *testing.T) {
	doc := cty.ObjectVal(map[string]cty.Value{
		"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"Effect":    cty.StringVal("Allow"),
			"Principal": cty.StringVal("*"),
			"Action":    cty.StringVal("s3:GetObject"),
			"Resource":  cty.StringVal("arn:aws:s3:::secret").Mark(tffunc.Sensitive),
		})}),
	})
	if d, ok := draftDocument(doc); ok {
		t.Errorf("draft of a sensitive document: %s", d)
	}
}
