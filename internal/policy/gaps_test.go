package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/policy"
)

// TestUnevaluatedSubResourcesLeaveSubjectsUnknown: a sub-resource block
// that was not evaluated (a gap) may configure any subject of the rules
// that fold it (an ACL block may grant a bucket to the public): no subject
// passes those rules; each is unknown, as not evaluated.
func TestUnevaluatedSubResourcesLeaveSubjectsUnknown(t *testing.T) {
	m := &model.Model{Kind: model.KindHCL, Source: "dir", Resources: []*model.Resource{
		{Address: "aws_s3_bucket.b", Mode: "managed", Type: "aws_s3_bucket", Name: "b", Values: map[string]any{"bucket": "b"}},
	}, Gaps: []model.Gap{{Address: "aws_s3_bucket_acl.a", Types: []string{"aws_s3_bucket_acl"}, Reason: "a dynamic block in JSON syntax"}}}
	m.Complete()
	engine, err := policy.New(context.Background(), builtin())
	if err != nil {
		t.Fatal(err)
	}
	results, err := engine.Evaluate(context.Background(), m, policy.Params{Now: time.Now(), EmergencyPattern: policy.DefaultEmergencyPattern, EmergencyWindow: policy.DefaultEmergencyWindow, TicketPattern: policy.DefaultTicketPattern})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Rule.ID == "aws-s3-public-acl" && r.Resource == "aws_s3_bucket.b" {
			if r.Status != gate.Unknown || !r.NotEvaluated {
				t.Errorf("the bucket: %s (not evaluated %v) %q, want unknown, not evaluated", r.Status, r.NotEvaluated, r.Message)
			}
			return
		}
	}
	t.Error("no aws-s3-public-acl result for the bucket")
}
