# METADATA
# title: Echoes values into messages
# description: A careless rule that copies attribute values and the backend's settings into its messages, to prove redaction holds anyway.
# custom:
#   id: test-leaky
#   severity: low
#   resource_types: [aws_kms_key, aws_ssm_parameter, aws_db_instance]
package tfgate.rules.test_leaky

import data.tfgate.lib

deny contains lib.result(r, sprintf("values=%v sensitive=%v", [r.values, r.sensitive])) if {
	some type in ["aws_kms_key", "aws_ssm_parameter", "aws_db_instance"]
	some r in lib.resources(type)
}

deny contains lib.backend_result(sprintf("backend=%v", [input.backend])) if {
	input.backend
}
