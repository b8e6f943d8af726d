package model

import (
	"slices"
	"testing"
)

// TestLiteralLinksFromLists: a list of names or ARNs (an attachment's
// roles, a membership's groups) links to each resource it names, as a
// single name does.
func TestLiteralLinksFromLists(t *testing.T) {
	m := &Model{Kind: KindPlan, Resources: []*Resource{
		{Address: "aws_iam_role.ci", Mode: "managed", Type: "aws_iam_role", Name: "ci", Values: map[string]any{"name": "ci-deployer"}},
		{Address: "aws_iam_group.ops", Mode: "managed", Type: "aws_iam_group", Name: "ops", Values: map[string]any{"name": "ops"}},
		{Address: "aws_iam_policy_attachment.a", Mode: "managed", Type: "aws_iam_policy_attachment", Name: "a", Values: map[string]any{
			"roles": []any{"ci-deployer", "not-in-the-input"}, "groups": []any{"ops"}, "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}},
	}}
	m.Complete()
	var got []string
	i := slices.IndexFunc(m.Resources, func(r *Resource) bool { return r.Address == "aws_iam_policy_attachment.a" })
	for _, l := range m.Resources[i].References {
		got = append(got, l.Attribute+" "+l.Address+" "+string(l.Via))
	}
	slices.Sort(got)
	want := []string{"groups aws_iam_group.ops literal", "roles aws_iam_role.ci literal"}
	if !slices.Equal(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
}
