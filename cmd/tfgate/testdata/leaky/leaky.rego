# METADATA
# title: Echoes values into messages
# description: A careless rule that copies attribute values into its messages, to prove redaction holds anyway.
# custom:
#   id: test-leaky
#   severity: low
#   resource_types: [aws_kms_key, aws_ssm_parameter]
package tfgate.rules.test_leaky

import data.tfgate.lib

deny contains lib.result(r, sprintf("description=%v tags=%v value=%v", [object.get(r.values, "description", ""), object.get(r.values, "tags", {}), object.get(r.values, "value", "")])) if {
	some type in ["aws_kms_key", "aws_ssm_parameter"]
	some r in lib.resources(type)
}
