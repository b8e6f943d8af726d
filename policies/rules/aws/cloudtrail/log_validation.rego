# METADATA
# title: CloudTrail log files can be validated
# description: |
#   Log file validation writes signed digest files, so that a changed or
#   deleted log file can be detected.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#     description: AWS CloudTrail User Guide, validating CloudTrail log file integrity
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure CloudTrail log file validation is enabled
# custom:
#   id: aws-cloudtrail-log-validation
#   severity: medium
#   enforcement: soft-mandatory
#   resource_types: [aws_cloudtrail]
#   reads:
#     aws_cloudtrail: [enable_log_file_validation]
#   runbook: post-apply verification (CloudTrail logging)
#   remediation: Set `enable_log_file_validation = true` on the aws_cloudtrail.
#   verdicts:
#     fail:
#       - 'enable_log_file_validation is not true'
#     unknown:
#       - 'it is known only after apply'
#     pass:
#       - 'enable_log_file_validation = true'
package tfgate.rules.aws_cloudtrail_log_validation

import data.tfgate.lib

deny contains lib.result(trail, "log file validation is off (enable_log_file_validation is not true)") if {
	some trail in lib.resources("aws_cloudtrail")
	not trail.values.enable_log_file_validation == true
	not lib.is_unknown(trail, "enable_log_file_validation")
}

unknown contains lib.result(trail, "enable_log_file_validation is known only after apply") if {
	some trail in lib.resources("aws_cloudtrail")
	lib.is_unknown(trail, "enable_log_file_validation")
}
