# Helpers for rules about S3 buckets and the separate resources that
# configure them (encryption, public access block, versioning, ACL, policy),
# which all name their bucket in a "bucket" attribute.
package tfgate.lib

# bucket_configs returns the resources of a type that configure a bucket
# through a link on their "bucket" attribute, leaving out those being
# deleted.
bucket_configs(bucket, type) := referrers(bucket, type, "bucket")

# bucket_configured holds when some resource of the type, not being
# deleted, configures the bucket: count(bucket_configs(bucket, type)) > 0
# without building the list.
bucket_configured(bucket, type) if count(input.index.referrers[bucket.address][type].bucket) > 0

# buckets_without returns the buckets, not being deleted, that no resource
# of the type configures: the buckets for which bucket_configured does not
# hold. Rules start from it; the index lists them, so that a plan whose
# buckets are all configured costs nothing here.
buckets_without(type) := unreferred("aws_s3_bucket", type, "bucket")

# configured_buckets returns the buckets, not being deleted, that a
# resource configures through a link on its "bucket" attribute: the
# reverse of bucket_configs. Rules that judge a configuration's settings
# start from the configuration and look its buckets up only when a setting
# is wrong, which is cheaper than asking every bucket for its
# configurations.
configured_buckets(config) := [bucket |
	some l in config.references
	l.attribute == "bucket"
	l.type == "aws_s3_bucket"
	bucket := resource(l.address)
	bucket.mode == "managed"
	not deleted(bucket)
]

# bucket_undecided holds when no resource of the type is linked to the
# bucket but one might belong to it: a resource of that type whose bucket is
# known only after apply and links to no bucket, or, when the bucket's own
# name is unknown, one that names a bucket not in this input.
bucket_undecided(bucket, type) if count(_unlinked[type].unknown) > 0

bucket_undecided(bucket, type) if count(maybe_referrers(bucket, type, "bucket")) > 0

bucket_undecided(bucket, type) if {
	is_unknown(bucket, "bucket")
	count(_unlinked[type].known) > 0
}

# bucket_undecided_message explains bucket_undecided for a result message.
bucket_undecided_message(bucket, type) := msg if {
	found := _maybe_of(bucket, type, {c.address | some c in maybe_referrers(bucket, type, "bucket")})
	count(found) > 0
	msg := sprintf("no %s is surely linked to this bucket: %s refers to this bucket or to another, and which one is known only after apply", [type, address_list(found)])
} else := msg if {
	count(_unlinked[type].unknown) > 0
	msg := sprintf("no %s is linked to this bucket, and %s %s known only after apply", [
		type,
		address_list(_unlinked[type].unknown),
		_plural(count(_unlinked[type].unknown), "has a bucket", "have buckets"),
	])
} else := sprintf("no %s is linked to this bucket, whose name is known only after apply, so it may be the bucket of %s", [
	type,
	address_list(_unlinked[type].known),
])

# bucket_maybe holds when no resource of the type is linked to the bucket
# but one whose address is in candidates might belong to it, as
# bucket_undecided decides: rules pass the resources that would change
# the verdict (for a rule that fails a bucket without a configuration, the
# configurations that would pass it; for one that fails a bucket with a
# public ACL, the ACLs that may be public), so that an unlinked resource
# that changes nothing does not make every bucket unknown.
# bucket_maybe_message explains it; role says what the candidates would
# do, such as "which may make it public".
bucket_maybe(bucket, type, candidates) if count(_among(type, candidates, "unknown")) > 0

bucket_maybe(bucket, type, candidates) if count(_maybe_of(bucket, type, candidates)) > 0

bucket_maybe(bucket, type, candidates) if {
	is_unknown(bucket, "bucket")
	count(_among(type, candidates, "known")) > 0
}

bucket_maybe_message(bucket, type, candidates, role) := msg if {
	found := _maybe_of(bucket, type, candidates)
	count(found) > 0
	msg := sprintf("no %s is surely linked to this bucket: %s, which %s, refers to this bucket or to another, and which one is known only after apply", [
		type,
		address_list(found),
		role,
	])
} else := msg if {
	found := _among(type, candidates, "unknown")
	count(found) > 0
	msg := sprintf("no %s is linked to this bucket, and %s, which %s, %s known only after apply", [
		type,
		address_list(found),
		role,
		_plural(count(found), "has a bucket", "have buckets"),
	])
} else := sprintf("no %s is linked to this bucket, whose name is known only after apply, so %s, which %s, may be its own", [
	type,
	address_list(_among(type, candidates, "known")),
	role,
])

_among(type, candidates, which) := [a | some a in _unlinked[type][which]; candidates[a]]

# bucket_may_be_configured is bucket_maybe for a rule that fails a bucket
# lacking a configuration, with passing the configurations that would pass
# it, and with the blast radius of an unlinked configuration bounded: one
# whose bucket is known only after apply configures one bucket, so when
# there are fewer such candidates than buckets lacking the configuration,
# at least that many buckets surely lack it, and none is excused; the
# rule fails them all (bucket_unconfigured_message says why). A decoy
# such as bucket = "x${substr(timestamp(), 0, 0)}" cannot turn every
# unconfigured bucket unknown.
bucket_may_be_configured(bucket, type, passing) if count(_maybe_of(bucket, type, passing)) > 0

bucket_may_be_configured(bucket, type, passing) if {
	k := count(_among(type, passing, "unknown"))
	k > 0
	k >= _lacking[type].all
}

bucket_may_be_configured(bucket, type, passing) if {
	is_unknown(bucket, "bucket")
	k := count(_among(type, passing, "known"))
	k > 0
	k >= _lacking[type].unnamed
}

# bucket_unconfigured_message is the failure message base of a bucket
# lacking a configuration, with why the candidates do not excuse it when
# bucket_may_be_configured bounded them.
bucket_unconfigured_message(bucket, type, passing, base) := msg if {
	found := _among(type, passing, "unknown")
	count(found) > 0
	msg := sprintf("%s; %s, whose bucket %s known only after apply, can configure at most %d of the %d buckets without one", [
		base,
		address_list(found),
		_plural(count(found), "is", "are"),
		count(found),
		_lacking[type].all,
	])
} else := base

# _lacking[type] counts, once per evaluation, the buckets no resource of
# the type surely configures, and those of them whose name is known only
# after apply.
_lacking[type] := {"all": count(without), "unnamed": count([b | some b in without; is_unknown(b, "bucket")])} if {
	some type in _bucket_config_types
	without := buckets_without(type)
}

# _maybe_of lists the candidates that may configure the bucket or another
# (maybe_referrers).
_maybe_of(bucket, type, candidates) := sort([c.address | some c in maybe_referrers(bucket, type, "bucket"); candidates[c.address]])

# _unlinked[type] holds, once per evaluation, the addresses of the
# resources of a type that link to no bucket, by whether their bucket is
# known.
_unlinked[type] := {"unknown": unknown, "known": known} if {
	some type in _bucket_config_types
	configs := unlinked(type, "aws_s3_bucket", "bucket")
	unknown := sort([r.address | some r in configs; is_unknown(r, "bucket")])
	known := sort([r.address | some r in configs; not is_unknown(r, "bucket")])
}

# encryption_settings lists what sets a bucket's default encryption:
# every encryption configuration, and every bucket that writes the legacy
# inline block. Each comes with the name messages give it ("" for a
# configuration, whose address the engine puts before its findings), its
# apply_server_side_encryption_by_default blocks, and the paths in its
# values of its rules and of its first default's algorithm and key.
encryption_settings := array.concat(
	[{
		"resource": config,
		"label": "",
		"defaults": [d |
			some rule in config.values.rule
			some d in rule.apply_server_side_encryption_by_default
		],
		"rule_path": "rule",
		"default_path": "rule[0].apply_server_side_encryption_by_default[0]",
	} |
		some config in resources("aws_s3_bucket_server_side_encryption_configuration")
	],
	[{
		"resource": bucket,
		"label": "server_side_encryption_configuration: ",
		"defaults": [d |
			some block in bucket.values.server_side_encryption_configuration
			some rule in block.rule
			some d in rule.apply_server_side_encryption_by_default
		],
		"rule_path": "server_side_encryption_configuration[0].rule",
		"default_path": "server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default[0]",
	} |
		some bucket in resources("aws_s3_bucket")
		inline_encryption(bucket)
	],
)

# inline_encryption holds for a bucket that writes the legacy inline
# server_side_encryption_configuration block. A computed one does not
# count: unknown at plan time for a new bucket, and for an existing one
# the provider copies what S3 holds now (its AES256 default), which a
# configuration resource of the plan replaces. A state, which has no
# configuration, shows what S3 holds.
inline_encryption(bucket) if {
	size(bucket.values.server_side_encryption_configuration) > 0
	_writes(bucket, "server_side_encryption_configuration")
}

_writes(r, _) if r.configured == null

_writes(r, name) if name in r.configured

_bucket_config_types := {
	"aws_s3_bucket_server_side_encryption_configuration",
	"aws_s3_bucket_public_access_block",
	"aws_s3_bucket_versioning",
	"aws_s3_bucket_acl",
	"aws_s3_bucket_policy",
}

# address_list names up to three addresses and counts the rest.
address_list(addresses) := concat(", ", addresses) if {
	count(addresses) <= 3
} else := sprintf("%s and %d more", [concat(", ", array.slice(addresses, 0, 3)), count(addresses) - 3])

_plural(1, one, _) := one

_plural(n, _, many) := many if n != 1
