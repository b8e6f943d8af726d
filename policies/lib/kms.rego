# Helpers for KMS keys: telling the AWS-managed keys of services (such as
# aws/s3) from customer-managed ones.
package tfgate.lib

# aws_managed_key holds when a key identifier names the AWS-managed key of
# a service ("s3" for aws/s3): by alias name, with or without "alias/", or
# by alias ARN. Such a key is not the customer's: its policy and rotation
# are AWS's.
aws_managed_key(id, service) if id in {sprintf("alias/aws/%s", [service]), sprintf("aws/%s", [service])}

aws_managed_key(id, service) if {
	regex.match(`^arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias/aws/`, id)
	endswith(id, sprintf(":alias/aws/%s", [service]))
}

# aws_managed_key_sources returns the addresses of the data sources an
# attribute of r ending in suffix takes a service's AWS-managed key from:
# an aws_kms_alias or aws_kms_key data source read by the name of that
# key (data "aws_kms_alias" { name = "alias/aws/s3" }), whose ARNs do not
# show it.
aws_managed_key_sources(r, suffix, service) := [l.address |
	some l in r.references
	endswith(l.attribute, suffix)
	l.type in {"aws_kms_alias", "aws_kms_key"}
	source := resource(l.address)
	source.mode == "data"
	some attr in ["name", "key_id"]
	aws_managed_key(source.values[attr], service)
]

# key_types are the resource types of KMS keys.
key_types := ["aws_kms_key", "aws_kms_external_key", "aws_kms_replica_key", "aws_kms_replica_external_key"]

# key_enabled_attributes name, by key type, the attribute that says
# whether the key is enabled.
key_enabled_attributes := {
	"aws_kms_key": "is_enabled",
	"aws_kms_external_key": "enabled",
	"aws_kms_replica_key": "enabled",
	"aws_kms_replica_external_key": "enabled",
}
