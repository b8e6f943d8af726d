# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: |
#   The trail's log files must be encrypted with a customer-managed KMS key
#   (kms_key_id), so that reading the audit trail needs a key the team
#   controls and every decrypt is itself logged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#     description: AWS CloudTrail User Guide, encrypting log files with AWS KMS keys
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure CloudTrail logs are encrypted at rest using KMS CMKs
# custom:
#   id: aws-cloudtrail-kms
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_cloudtrail]
#   reads:
#     aws_kms_alias: []
#   runbook: post-apply verification (CloudTrail logging, KMS keys usable)
#   remediation: Set `kms_key_id` on the aws_cloudtrail to a customer-managed key's ARN (`aws_kms_key.NAME.arn`).
#   verdicts:
#     fail:
#       - 'kms_key_id is not set'
#       - 'kms_key_id names a key this change deletes'
#     unknown:
#       - 'kms_key_id is known only after apply and links to no aws_kms_key'
#     pass:
#       - 'kms_key_id names a key the change keeps'
package tfgate.rules.aws_cloudtrail_kms

import data.tfgate.lib

deny contains lib.result(trail, "the trail's log files are not encrypted with a KMS key (kms_key_id is not set)") if {
	some trail in lib.resources("aws_cloudtrail")
	not _key_set(trail)
	not lib.is_unknown(trail, "kms_key_id")
}

unknown contains lib.result(trail, "kms_key_id is known only after apply and is not linked to an aws_kms_key") if {
	some trail in lib.resources("aws_cloudtrail")
	lib.is_unknown(trail, "kms_key_id")
	not lib.refers_to_kms_key(trail, "kms_key_id")
}

# A trail whose key this change deletes (or schedules for deletion) can
# no longer encrypt its logs: CloudTrail stops delivering them.
deny contains lib.result(trail, sprintf("its KMS key %s is deleted by this change, so CloudTrail can no longer encrypt and deliver its logs", [l.address])) if {
	some trail in lib.resources("aws_cloudtrail")
	some l in trail.references
	l.attribute == "kms_key_id"
	startswith(l.type, "aws_kms_")
	key := lib.resource(l.address)
	lib.deleted(key)
}

_key_set(trail) if {
	is_string(trail.values.kms_key_id)
	trail.values.kms_key_id != ""
}
