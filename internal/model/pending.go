package model

import "strings"

// providerComputed lists, by resource type, the top-level arguments and
// blocks the AWS provider computes when the configuration leaves them
// unset: a plan shows them as known only after apply even though nothing
// in the configuration makes them so. It covers the types the built-in
// rules read, and is read off a real plan of the provider (hashicorp/aws
// 5.100.0) that configures none of them: testdata/provider/computed,
// which TestProviderComputedMatchesPlan holds it to. A type that is not
// here is taken to compute nothing, so that whatever of it is unknown
// counts as pending: a gap in the table can only turn a pass into an
// unknown, never the reverse.
var providerComputed = map[string][]string{
	"aws_cloudtrail":                                     {"arn", "home_region", "id", "sns_topic_arn", "tags_all"},
	"aws_dynamodb_table":                                 {"arn", "id", "point_in_time_recovery", "read_capacity", "server_side_encryption", "stream_arn", "stream_label", "stream_view_type", "tags_all", "ttl", "write_capacity"},
	"aws_iam_group_policy":                               {"id", "name", "name_prefix"},
	"aws_iam_group_policy_attachment":                    {"id"},
	"aws_iam_policy":                                     {"arn", "attachment_count", "id", "name", "name_prefix", "policy_id", "tags_all"},
	"aws_iam_policy_attachment":                          {"id"},
	"aws_iam_role":                                       {"arn", "create_date", "id", "inline_policy", "managed_policy_arns", "name", "name_prefix", "tags_all", "unique_id"},
	"aws_iam_role_policies_exclusive":                    {},
	"aws_iam_role_policy":                                {"id", "name", "name_prefix"},
	"aws_iam_role_policy_attachment":                     {"id"},
	"aws_iam_role_policy_attachments_exclusive":          {},
	"aws_iam_user_policy":                                {"id", "name", "name_prefix"},
	"aws_iam_user_policy_attachment":                     {"id"},
	"aws_kms_alias":                                      {"arn", "id", "name_prefix", "target_key_arn"},
	"aws_kms_external_key":                               {"arn", "enabled", "expiration_model", "id", "key_state", "key_usage", "multi_region", "policy", "tags_all"},
	"aws_kms_key":                                        {"arn", "description", "id", "key_id", "multi_region", "policy", "rotation_period_in_days", "tags_all"},
	"aws_kms_key_policy":                                 {"id"},
	"aws_kms_replica_external_key":                       {"arn", "enabled", "expiration_model", "id", "key_id", "key_state", "key_usage", "policy", "tags_all"},
	"aws_kms_replica_key":                                {"arn", "id", "key_id", "key_rotation_enabled", "key_spec", "key_usage", "policy", "tags_all"},
	"aws_s3_account_public_access_block":                 {"account_id", "id"},
	"aws_s3_bucket":                                      {"acceleration_status", "acl", "arn", "bucket", "bucket_domain_name", "bucket_prefix", "bucket_regional_domain_name", "cors_rule", "grant", "hosted_zone_id", "id", "lifecycle_rule", "logging", "object_lock_configuration", "object_lock_enabled", "policy", "region", "replication_configuration", "request_payer", "server_side_encryption_configuration", "tags_all", "versioning", "website", "website_domain", "website_endpoint"},
	"aws_s3_bucket_acl":                                  {"access_control_policy", "id"},
	"aws_s3_bucket_ownership_controls":                   {"id"},
	"aws_s3_bucket_policy":                               {"id"},
	"aws_s3_bucket_public_access_block":                  {"id"},
	"aws_s3_bucket_server_side_encryption_configuration": {"id"},
	"aws_s3_bucket_versioning":                           {"id"},
}

// ProviderComputed reports whether the provider computes the top-level
// argument or block name of a resource type when the configuration leaves
// it unset.
func ProviderComputed(resourceType, name string) bool {
	for _, n := range providerComputed[resourceType] {
		if n == name {
			return true
		}
	}
	return false
}

// ProviderComputedTypes returns the table behind ProviderComputed, for the
// policy input and for tests. The caller must not modify it.
func ProviderComputedTypes() map[string][]string { return providerComputed }

// Pending reports whether the value at path ("grant", "rule[0]",
// "versioning_configuration[0].status") is wholly known only after apply
// because the configuration makes it so: the value, or a value containing
// it, is unknown, and the configuration sets its top-level argument or
// block (or the input does not say what it sets, or the provider would
// not compute it if it were unset). A value that is only partly unknown
// (path "grant" when only "grant[0].uri" is) is not pending: a rule can
// still read the known parts.
//
// A value hidden because it is sensitive is pending too: the
// configuration set it, and a rule cannot read it.
func (r *Resource) Pending(path string) bool {
	if within(path, r.Sensitive) {
		return true
	}
	return within(path, r.Unknown) && r.Sets(TopLevel(path))
}

// within reports whether path is one of paths or lies inside one.
func within(path string, paths []string) bool {
	for _, u := range paths {
		if u == path || strings.HasPrefix(path, u) && (path[len(u)] == '.' || path[len(u)] == '[') {
			return true
		}
	}
	return false
}

// Sets reports whether the configuration may set the top-level argument or
// block name: it writes it, or the input does not describe the
// configuration, or the provider would not compute the value were it
// unset (so that an unknown value can only come from the configuration,
// such as from a dynamic block a plan does not describe).
func (r *Resource) Sets(name string) bool {
	if r.Configured == nil || !ProviderComputed(r.Type, name) {
		return true
	}
	for _, c := range r.Configured {
		if c == name {
			return true
		}
	}
	return false
}

// TopLevel is the top-level argument or block of a path: "rule" for
// "rule[0].id".
func TopLevel(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}
