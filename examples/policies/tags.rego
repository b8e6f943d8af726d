# METADATA
# title: Buckets and keys carry an owner tag
# description: |
#   Every S3 bucket and KMS key names the team that owns it in an Owner
#   tag, so that an alert reaches someone. Tags inherited from the
#   provider's default_tags count (they are in tags_all).
# related_resources:
#   - ref: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
#     description: AWS, tagging your resources
# custom:
#   id: acme-owner-tag
#   severity: low
#   enforcement: soft-mandatory
#   resource_types: [aws_s3_bucket, aws_kms_key]
#   remediation: Add `Owner = "<team>"` to the resource's tags or to the provider's default_tags.
package tfgate.rules.acme_owner_tag

import data.tfgate.lib

_types := ["aws_s3_bucket", "aws_kms_key"]

deny contains lib.result(r, "no Owner tag") if {
	some type in _types
	some r in lib.resources(type)
	not lib.is_unknown(r, "tags_all.Owner")
	not _owner(r)
}

unknown contains lib.result(r, "the Owner tag is known only after apply") if {
	some type in _types
	some r in lib.resources(type)
	lib.is_unknown(r, "tags_all.Owner")
}

_owner(r) if {
	some attr in ["tags", "tags_all"]
	owner := r.values[attr].Owner
	is_string(owner)
	owner != ""
}
