package policy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
)

// TestInOrderIsGateSort checks that joining the rules' results by counting
// gives the order sorting them does, on rules that each report on a random
// part of the addresses in a random order.
func TestInOrderIsGateSort(t *testing.T) {
	rules := []*gate.Rule{{ID: "aws-a"}, {ID: "aws-b"}, {ID: "tf-c"}} // the catalogue's order
	addresses := []string{
		"aws_s3_bucket.logs", `module.copy["10"].aws_s3_bucket.logs`, `module.copy["9"].aws_s3_bucket.logs`,
		"aws_kms_key.main", "terraform_plan", "aws_s3_bucket.logs[0]", "aws_s3_bucket.log",
	}
	for seed := range uint64(50) {
		rnd := rand.New(rand.NewPCG(seed, 1))
		perRule := make([][]gate.Result, len(rules))
		for i, rule := range rules {
			for _, a := range addresses {
				if rnd.IntN(3) > 0 {
					perRule[i] = append(perRule[i], gate.Result{Rule: rule, Input: "plan.json", Resource: a, Message: fmt.Sprint(seed)})
				}
			}
			rnd.Shuffle(len(perRule[i]), func(a, b int) { perRule[i][a], perRule[i][b] = perRule[i][b], perRule[i][a] })
		}
		want := slices.Concat(perRule...)
		gate.Sort(want)
		if diff := cmp.Diff(want, inOrder(perRule)); diff != "" {
			t.Fatalf("seed %d: inOrder differs from gate.Sort (-want +got):\n%s", seed, diff)
		}
	}
	if got := inOrder(make([][]gate.Result, 2)); len(got) != 0 {
		t.Errorf("inOrder of no results = %v", got)
	}
}

// TestByWorkStartsUnknownWorkFirst: rules that declare no resource types
// start first, in catalogue order, then the others by how many resources
// of their types the model has, most first, ties in catalogue order.
func TestByWorkStartsUnknownWorkFirst(t *testing.T) {
	e := &Engine{rules: []*gate.Rule{
		{ID: "aws-a", ResourceTypes: []string{"aws_kms_key"}},
		{ID: "aws-b", ResourceTypes: []string{"aws_s3_bucket"}},
		{ID: "aws-c"},
		{ID: "aws-d", ResourceTypes: []string{"aws_s3_bucket", "aws_kms_key"}},
		{ID: "aws-e", ResourceTypes: []string{"aws_cloudtrail"}},
		{ID: "tf-f"},
		{ID: "aws-g", ResourceTypes: []string{"aws_s3_bucket"}},
	}}
	m := &model.Model{}
	for i, typ := range []string{"aws_s3_bucket", "aws_s3_bucket", "aws_s3_bucket", "aws_kms_key", "aws_iam_role"} {
		m.Resources = append(m.Resources, &model.Resource{Address: fmt.Sprintf("%s.r%d", typ, i), Type: typ, Mode: "managed"})
	}
	var got []string
	for _, i := range e.byWork(m) {
		got = append(got, e.rules[i].ID)
	}
	want := []string{"aws-c", "tf-f", "aws-d", "aws-b", "aws-g", "aws-a", "aws-e"}
	if !slices.Equal(got, want) {
		t.Errorf("byWork = %v, want %v", got, want)
	}
}

// TestTouchedReachesThroughLinks: a change touches what lies within
// touchHops links of it, either way (a break-glass user whose group's
// attached policy changes), and nothing farther.
func TestTouchedReachesThroughLinks(t *testing.T) {
	link := func(address, attribute string) model.Link {
		return model.Link{Address: address, Type: strings.SplitN(address, ".", 2)[0], Attribute: attribute}
	}
	rs := []*model.Resource{
		{Address: "aws_iam_policy.p", Actions: []string{"update"}},
		{Address: "aws_iam_group_policy_attachment.a", Actions: []string{"no-op"}, References: []model.Link{link("aws_iam_policy.p", "policy_arn"), link("aws_iam_group.g", "group")}},
		{Address: "aws_iam_group.g", Actions: []string{"no-op"}},
		{Address: "aws_iam_user_group_membership.m", Actions: []string{"no-op"}, References: []model.Link{link("aws_iam_group.g", "groups"), link("aws_iam_user.u", "user")}},
		{Address: "aws_iam_user.u", Actions: []string{"no-op"}},
		{Address: "aws_iam_user_policy.far", Actions: []string{"no-op"}, References: []model.Link{link("aws_iam_user.u", "user")}},
		{Address: "aws_s3_bucket.other", Actions: []string{"no-op"}},
	}
	byAddress := map[string]*model.Resource{}
	for _, r := range rs {
		byAddress[r.Address] = r
	}
	touched := touchedBy(rs, byAddress)
	for address, want := range map[string]bool{
		"aws_iam_policy.p": true, "aws_iam_group_policy_attachment.a": true, "aws_iam_group.g": true,
		"aws_iam_user_group_membership.m": true, "aws_iam_user.u": true,
		"aws_iam_user_policy.far": false, "aws_s3_bucket.other": false,
	} {
		if touched[address] != want {
			t.Errorf("%s touched %v, want %v", address, touched[address], want)
		}
	}
}

// TestTouchedFollowsWhatAReplacedObjectNamed: a block replaced to point
// at another bucket touches the bucket it protected before.
func TestTouchedFollowsWhatAReplacedObjectNamed(t *testing.T) {
	rs := []*model.Resource{
		{Address: "aws_s3_bucket_public_access_block.b", Actions: []string{"delete", "create"}, PriorLinks: []string{"aws_s3_bucket.data"}},
		{Address: "aws_s3_bucket.data", Actions: []string{"no-op"}},
		{Address: "aws_s3_bucket.other", Actions: []string{"no-op"}},
	}
	byAddress := map[string]*model.Resource{}
	for _, r := range rs {
		byAddress[r.Address] = r
	}
	touched := touchedBy(rs, byAddress)
	if !touched["aws_s3_bucket.data"] || touched["aws_s3_bucket.other"] {
		t.Errorf("touched %v; want the bucket the block protected before, not the other", touched)
	}
}
