package policy_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/policy"
)

// compliant is a model that every built-in rule passes: a bucket with all
// its sub-resources, KMS keys of every type, a trail and a break-glass
// role, each set up as the rules want. Each call makes a new one.
func compliant() *model.Model {
	doc := func(statements ...map[string]any) string {
		data, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
		return string(data)
	}
	root := map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}
	key := "arn:aws:kms:us-east-1:111122223333:key/0a1b"
	link := func(address, attribute string) []model.Link {
		return []model.Link{{Address: address, Type: strings.Split(address, ".")[0], Attribute: attribute, Via: model.ViaReference}}
	}
	r := func(address string, values map[string]any, references []model.Link) *model.Resource {
		typ, name, _ := strings.Cut(address, ".")
		configured := []string{}
		for k := range values {
			configured = append(configured, k)
		}
		for _, l := range references {
			configured = append(configured, l.Attribute)
		}
		slices.Sort(configured)
		return &model.Resource{Address: address, Mode: "managed", Type: typ, Name: name, Actions: []string{"create"},
			Values: values, Configured: slices.Compact(configured), References: references}
	}
	m := &model.Model{Kind: model.KindPlan, Source: "plan.json", Resources: []*model.Resource{
		r("aws_s3_bucket.b", map[string]any{"bucket": "b"}, nil),
		r("aws_s3_bucket_server_side_encryption_configuration.b", map[string]any{"rule": []any{map[string]any{
			"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms", "kms_master_key_id": key}},
		}}}, link("aws_s3_bucket.b", "bucket")),
		r("aws_s3_bucket_public_access_block.b", map[string]any{"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}, link("aws_s3_bucket.b", "bucket")),
		r("aws_s3_account_public_access_block.this", map[string]any{"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}, nil),
		r("aws_s3_bucket_versioning.b", map[string]any{"versioning_configuration": []any{map[string]any{"status": "Enabled"}}}, link("aws_s3_bucket.b", "bucket")),
		r("aws_s3_bucket_acl.b", map[string]any{"acl": "private"}, link("aws_s3_bucket.b", "bucket")),
		r("aws_s3_bucket_policy.b", map[string]any{"policy": doc(map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})}, link("aws_s3_bucket.b", "bucket")),
		r("aws_kms_key.k", map[string]any{"enable_key_rotation": true, "deletion_window_in_days": 30, "is_enabled": true, "customer_master_key_spec": "SYMMETRIC_DEFAULT", "policy": doc(root)}, nil),
		r("aws_kms_key_policy.k", map[string]any{"policy": doc(root)}, link("aws_kms_key.k", "key_id")),
		r("aws_kms_external_key.k", map[string]any{"enabled": true, "deletion_window_in_days": 30, "policy": doc(root)}, nil),
		r("aws_kms_replica_key.k", map[string]any{"enabled": true, "deletion_window_in_days": 30, "policy": doc(root)}, nil),
		r("aws_kms_replica_external_key.k", map[string]any{"enabled": true, "deletion_window_in_days": 30, "policy": doc(root)}, nil),
		r("aws_cloudtrail.t", map[string]any{"enable_logging": true, "is_multi_region_trail": true, "enable_log_file_validation": true, "kms_key_id": key,
			"event_selector": []any{map[string]any{"include_management_events": true}}, "advanced_event_selector": []any{}}, nil),
		r("aws_iam_role.breakglass", map[string]any{"name": "breakglass", "max_session_duration": 3600, "assume_role_policy": doc(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole",
			"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}},
		})}, nil),
		r("aws_iam_role_policy.breakglass", map[string]any{"policy": doc(map[string]any{
			"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*",
			"Condition": map[string]any{"DateLessThan": map[string]any{"aws:CurrentTime": "2026-11-28T13:00:00Z"}},
		})}, link("aws_iam_role.breakglass", "role")),
	}}
	m.Complete()
	return m
}

// TestBuiltinRulesNeverPassWhatIsPending checks every path every built-in
// rule reads (custom.reads) on a model every rule passes: made wholly
// known only after apply, by the configuration, it turns the result of
// the resource or of its subject into unknown.
func TestBuiltinRulesNeverPassWhatIsPending(t *testing.T) {
	engine, err := policy.New(context.Background(), builtin())
	if err != nil {
		t.Fatal(err)
	}
	evaluate := func(m *model.Model) map[[2]string]gate.Result {
		results, err := engine.Evaluate(context.Background(), m, params)
		if err != nil {
			t.Fatal(err)
		}
		out := map[[2]string]gate.Result{}
		for _, res := range results {
			out[[2]string{res.Rule.ID, res.Resource}] = res
		}
		return out
	}
	for key, res := range evaluate(compliant()) {
		if res.Status != gate.Pass && res.ResourceType != "terraform_plan" {
			t.Fatalf("the compliant model does not pass %s on %s: %s %s", key[0], key[1], res.Status, res.Message)
		}
	}
	checked := 0
	for _, rule := range engine.Rules() {
		for typ, paths := range rule.Reads {
			for _, path := range paths {
				m := compliant()
				var target *model.Resource
				for _, r := range m.Resources {
					if r.Type == typ {
						target = r
					}
				}
				if target == nil {
					t.Errorf("%s reads %s.%s, which the compliant model has no instance of", rule.ID, typ, path)
					continue
				}
				top := model.TopLevel(path)
				delete(target.Values, top)
				target.Unknown = append(target.Unknown, top)
				if !slices.Contains(target.Configured, top) {
					target.Configured = append(target.Configured, top)
					slices.Sort(target.Configured)
				}
				subject := target.Address
				if attribute, ok := rule.Related[typ]; ok {
					for _, l := range target.References {
						if l.Attribute == attribute {
							subject = l.Address
						}
					}
				}
				got, ok := evaluate(m)[[2]string{rule.ID, subject}]
				switch {
				case !ok:
					t.Errorf("%s with %s.%s pending: no result on %s", rule.ID, typ, top, subject)
				case got.Status != gate.Unknown:
					t.Errorf("%s with %s.%s pending: %s is %s (%s), want unknown", rule.ID, typ, top, subject, got.Status, got.Message)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no rule reads anything")
	}
}

// TestBuiltinRulesDeclareWhatTheyRead makes every built-in rule that
// judges resource types say which attributes decide it (custom.reads), so
// that a pending one can never pass, unless it decides what is pending
// itself, as the rules below do for policy documents, which they may read
// through the data source that renders them.
func TestBuiltinRulesDeclareWhatTheyRead(t *testing.T) {
	decidesItself := map[string]bool{
		"aws-s3-public-policy":    true, // lib.is_pending on the policy
		"aws-kms-policy-wildcard": true, // lib.is_pending on the policy
		"aws-cloudtrail-kms":      true, // a pending key may be linked to a customer-managed key
		"aws-iam-admin-wildcard":  true, // lib.grants: pending documents
		"tf-destroy-protected":    true, // reads only planned actions
	}
	engine, err := policy.New(context.Background(), builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range engine.Rules() {
		if len(rule.ResourceTypes) == 0 || decidesItself[rule.ID] {
			continue
		}
		for _, typ := range rule.ResourceTypes {
			if _, ok := rule.Reads[typ]; !ok {
				t.Errorf("%s judges %s but does not say what it reads of it (custom.reads)", rule.ID, typ)
			}
		}
		for typ := range rule.Related {
			if len(rule.Reads[typ]) == 0 {
				t.Errorf("%s folds %s into its subjects but reads nothing of it (custom.reads)", rule.ID, typ)
			}
		}
	}
}
