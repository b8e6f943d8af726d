# METADATA
# title: CloudTrail trails cover every region
# description: |
#   A single-region trail misses activity in the other regions, which is
#   where an intruder would work unseen.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     description: AWS CloudTrail User Guide, receiving log files from multiple regions
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure CloudTrail is enabled in all regions
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_cloudtrail]
#   reads:
#     aws_cloudtrail: [is_multi_region_trail]
#   runbook: post-apply verification (CloudTrail logging)
#   remediation: Set `is_multi_region_trail = true` on the aws_cloudtrail.
#   verdicts:
#     fail:
#       - 'is_multi_region_trail is not true'
#     unknown:
#       - 'it is known only after apply'
#     pass:
#       - 'is_multi_region_trail = true'
package tfgate.rules.aws_cloudtrail_multi_region

import data.tfgate.lib

deny contains lib.result(trail, "the trail records one region only (is_multi_region_trail is not true)") if {
	some trail in lib.resources("aws_cloudtrail")
	not trail.values.is_multi_region_trail == true
	not lib.is_unknown(trail, "is_multi_region_trail")
}

unknown contains lib.result(trail, "is_multi_region_trail is known only after apply") if {
	some trail in lib.resources("aws_cloudtrail")
	lib.is_unknown(trail, "is_multi_region_trail")
}
