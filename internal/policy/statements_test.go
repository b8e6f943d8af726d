package policy

import (
	"context"
	"io/fs"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/policies"
)

// statementDocuments are policy documents, and strings that look like
// them, in the shapes statementsOf must read as lib.statements does or
// leave to it.
var statementDocuments = []string{
	`{"Version":"2012-10-17","Statement":[{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}]}`,
	`{"Statement":{"Effect":"Deny","NotAction":["iam:*","s3:Get*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}`,
	"\n  {\n \"Statement\": [\n  {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\"}\n ]\n}\n",
	`{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::1:root"]},"NotResource":"arn:aws:s3:::b/*"},{"Effect":"Allow","Principal":{"Service":"a.amazonaws.com"}}]}`,
	`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"}},{"Effect":"Allow","Principal":{"Service":["b.amazonaws.com","a.amazonaws.com"],"AWS":["arn:aws:iam::1:root",7]}}]}`,
	`{"Statement":[{"Effect":"Allow","Principal":["*"],"Action":[1,"x",null,{"a":1}]}]}`,
	`{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}]}`,
	`{"Statement":[{"Condition":{"StringEquals":{"B":["x",1.50,false,null,{"k":"<&>"},[1]],"a":"y"},"Ignored":"not an object","ForAnyValue:StringLike":{}}}]}`,
	`{"Statement":[{"Sid":5,"Effect":null,"Action":{"not":"a list"},"Resource":true}]}`,
	`{"Statement":[{}]}`,
	`{"Statement":[]}`,
	`{"Statement":[{"Effect":"Allow","Effect":"Deny"}]}`,
	`{"Statement":[{"Effect":"Allow","Action":"s3:\u0047et*","Condition":{"StringLike":{"s3:Pr\u00e9fix":"h\u00e9"}}}]}`,
	`{"Statement":[{"Effect":"Allow"}],"Statement":{"Effect":"Deny"}}`,
	// Not documents, or shapes left to Rego.
	`{"Statement":"text"}`,
	`{"Statement":null}`,
	`{"Statement":["text"]}`,
	`{"Statement":[{"Effect":"Allow"},5]}`,
	`{"Statement":[{"Condition":"text"}]}`,
	`{"Statement":[{"Condition":["text"]}]}`,
	`{"Statement":[{"Condition":{"StringEquals":{"k":"v"}}}]} trailing`,
	`{"Statement":[{"Effect":"Allow"}]`,
	`{"NoStatement":[]}`,
	`["Statement"]`,
	`{}`,
	`not json`,
	``,
}

// TestStatementsOfIsRego holds the Go normalisation (index.statements) to
// the Rego one lib.statements falls back to: the same statements, or no
// entry where Rego gives none or fails.
//
// A document statementsOf leaves out is only slower to read, so the fuzz
// target accepts that; the table names the ones it must leave out.
func TestStatementsOfIsRego(t *testing.T) {
	check := regoStatements(t)
	for _, doc := range statementDocuments {
		if indexed, inRego := check(t, doc); inRego && !indexed && !leftToRego(doc) {
			t.Errorf("statementsOf(%q) gives nothing, lib.statements gives statements", doc)
		}
	}
}

func FuzzStatementsOf(f *testing.F) {
	for _, doc := range statementDocuments {
		f.Add(doc)
	}
	check := regoStatements(f)
	f.Fuzz(func(t *testing.T, doc string) { check(t, doc) })
}

// regoStatements returns a check of statementsOf(doc) against
// lib.statements(doc) evaluated without the index, which reports whether
// each gave statements.
func regoStatements(tb testing.TB) func(*testing.T, string) (indexed, inRego bool) {
	tb.Helper()
	ctx := context.Background()
	opts := []func(*rego.Rego){
		rego.Query("x := data.tfgate.lib.statements(input.document)"),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	}
	err := fs.WalkDir(policies.Lib(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(policies.Lib(), path)
		opts = append(opts, rego.Module(path, string(data)))
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	query, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return func(t *testing.T, doc string) (bool, bool) {
		t.Helper()
		input := ast.NewObject(ast.Item(ast.StringTerm("document"), ast.StringTerm(doc)))
		rs, regoErr := query.Eval(ctx, rego.EvalParsedInput(input))
		got, ok := statementsOf(doc)
		if regoErr != nil || len(rs) == 0 {
			if ok {
				t.Fatalf("statementsOf(%q) = %v, but lib.statements gives none (error %v)", doc, got, regoErr)
			}
			return false, false
		}
		if ok {
			want, err := ast.InterfaceToValue(rs[0].Bindings["x"])
			if err != nil {
				t.Fatal(err)
			}
			if got.Value.Compare(want) != 0 {
				t.Fatalf("statementsOf(%q) =\n%v\nlib.statements gives\n%v", doc, got, want)
			}
		}
		return ok, true
	}
}

// leftToRego tells the documents of the table that statementsOf leaves
// to lib.statements on purpose: a Condition that is not an object.
func leftToRego(doc string) bool {
	switch doc {
	case `{"Statement":[{"Condition":["text"]}]}`, `{"Statement":[{"Condition":"text"}]}`:
		return true
	}
	return false
}

// TestInputIndexesPolicyDocuments checks which strings index.statements
// holds: the documents of policy and assume_role_policy attributes at any
// depth, once each, and nothing else.
func TestInputIndexesPolicyDocuments(t *testing.T) {
	doc := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	other := `{"Statement":{"Effect":"Deny","Action":"s3:*"}}`
	m := &model.Model{Version: model.Version, Kind: model.KindPlan, Source: "p", Resources: []*model.Resource{
		{Address: "aws_iam_policy.a", Mode: "managed", Type: "aws_iam_policy", Name: "a", Values: map[string]any{
			"policy": doc, "description": other,
		}},
		{Address: "aws_iam_role.r", Mode: "managed", Type: "aws_iam_role", Name: "r", Values: map[string]any{
			"assume_role_policy": other,
			"inline_policy":      []any{map[string]any{"name": "x", "policy": doc}, map[string]any{"policy": `{"Statement":["text"]}`}},
		}},
		{Address: "aws_s3_bucket_policy.b", Mode: "managed", Type: "aws_s3_bucket_policy", Name: "b", Values: map[string]any{
			"policy": "not a document",
		}},
	}}
	for _, r := range m.Resources {
		r.Actions = []string{"create"}
	}
	in, err := Input(m, Params{EmergencyPattern: DefaultEmergencyPattern, TicketPattern: DefaultTicketPattern})
	if err != nil {
		t.Fatal(err)
	}
	index, err := in.Find(ast.Ref{ast.StringTerm("index"), ast.StringTerm("statements")})
	if err != nil {
		t.Fatal(err)
	}
	statements := index.(ast.Object)
	var keys []string
	for _, k := range statements.Keys() {
		keys = append(keys, string(k.Value.(ast.String)))
	}
	if len(keys) != 2 || keys[0] != doc || keys[1] != other {
		t.Errorf("index.statements has %q, want the two documents", keys)
	}
	want, _ := statementsOf(doc)
	if got := statements.Get(ast.StringTerm(doc)); got == nil || got.Value.Compare(want.Value) != 0 {
		t.Errorf("index.statements[doc] = %v, want %v", got, want)
	}
}
