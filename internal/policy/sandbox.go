package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// Capabilities is the sandbox every policy compiles against: the OPA
// built-ins reviewed as pure functions of their arguments (allowed), and
// nothing else. A built-in that reaches outside the evaluation (network,
// files, the runtime environment) or makes output depend on the moment or
// on chance is refused (denied), and so is one an OPA upgrade adds that
// nobody has reviewed yet: a policy calling it fails to compile with its
// file and line. Time rules read the clock tfgate passes in
// (input.params.now_ns). TestEveryBuiltinIsReviewed fails when OPA
// offers a built-in that is in neither list.
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if allowed[b.Name] {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	c.AllowNet = []string{} // empty, not nil: no host at all
	return c
}

// denied are the built-ins a policy may not call, with why.
var denied = map[string]string{
	"http.send":                 "reaches the network",
	"net.lookup_ip_addr":        "reaches the network",
	"net.cidr_contains":         "net.* is refused as a family",
	"net.cidr_contains_matches": "net.* is refused as a family",
	"net.cidr_expand":           "net.* is refused as a family",
	"net.cidr_intersects":       "net.* is refused as a family",
	"net.cidr_is_valid":         "net.* is refused as a family",
	"net.cidr_merge":            "net.* is refused as a family",
	"net.cidr_overlap":          "net.* is refused as a family",
	"opa.runtime":               "reads the environment and the configuration of the process",
	"time.now_ns":               "reads the wall clock",
	"rand.intn":                 "depends on chance",
	"uuid.rfc4122":              "depends on chance",
	"uuid.parse":                "uuid.* is refused as a family",
	"trace":                     "prints",
	"print":                     "prints",
	"internal.print":            "prints",
	"io.jwt.decode_verify":      "reads the wall clock when the constraints give no time",
	"io.jwt.encode_sign":        "signatures of some algorithms depend on chance",
	"io.jwt.encode_sign_raw":    "signatures of some algorithms depend on chance",
	"json.verify_schema":        "follows $ref to files and URLs",
	"json.match_schema":         "follows $ref to files and URLs",
	"providers.aws.sign_req":    "signs requests for http.send, and reads the clock",
	"crypto.x509.parse_and_verify_certificates":              "checks validity against the wall clock",
	"crypto.x509.parse_and_verify_certificates_with_options": "checks validity against the wall clock unless told the time",
}

// allowed are the built-ins reviewed as pure functions of their arguments.
var allowed = setOf(
	// Operators and comparisons.
	"and", "or", "assign", "eq", "equal", "neq", "gt", "gte", "lt", "lte",
	"plus", "minus", "mul", "div", "rem", "internal.member_2", "internal.member_3",
	// Numbers, bits and aggregates.
	"abs", "ceil", "floor", "round", "count", "sum", "product", "max", "min", "sort",
	"all", "any", "numbers.range", "numbers.range_step", "format_int", "to_number", "units.parse", "units.parse_bytes",
	"bits.and", "bits.lsh", "bits.negate", "bits.or", "bits.rsh", "bits.xor",
	// Collections.
	"array.concat", "array.flatten", "array.reverse", "array.slice",
	"intersection", "union", "set_diff",
	"object.filter", "object.get", "object.keys", "object.remove", "object.subset", "object.union", "object.union_n",
	"json.filter", "json.patch", "json.remove", "walk", "graph.reachable", "graph.reachable_paths",
	// Types and casts.
	"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "type_name",
	"cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string",
	// Strings and patterns.
	"concat", "contains", "endswith", "startswith", "indexof", "indexof_n", "lower", "upper", "replace", "split", "sprintf",
	"substring", "trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix",
	"strings.any_prefix_match", "strings.any_suffix_match", "strings.count", "strings.render_template", "strings.replace_n",
	"strings.reverse", "strings.split_n", "internal.template_string",
	"re_match", "regex.find_all_string_submatch_n", "regex.find_n", "regex.globs_match", "regex.is_valid", "regex.match",
	"regex.replace", "regex.split", "regex.template_match", "glob.match", "glob.quote_meta",
	"semver.compare", "semver.is_valid",
	// Encodings and parsers of the values given.
	"base64.decode", "base64.encode", "base64.is_valid", "base64url.decode", "base64url.encode", "base64url.encode_no_pad",
	"hex.decode", "hex.encode", "json.is_valid", "json.marshal", "json.marshal_with_options", "json.unmarshal",
	"yaml.is_valid", "yaml.marshal", "yaml.unmarshal", "urlquery.decode", "urlquery.decode_object", "urlquery.encode",
	"urlquery.encode_object", "uri.is_valid", "uri.parse", "graphql.is_valid", "graphql.parse", "graphql.parse_and_verify",
	"graphql.parse_query", "graphql.parse_schema", "graphql.schema_is_valid", "rego.parse_module",
	// Hashes, MACs, keys and tokens given as values.
	"crypto.hmac.equal", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512",
	"crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.parse_private_keys", "crypto.x509.parse_certificate_request",
	"crypto.x509.parse_certificates", "crypto.x509.parse_keypair", "crypto.x509.parse_rsa_private_key",
	"io.jwt.decode", "io.jwt.verify_eddsa", "io.jwt.verify_es256", "io.jwt.verify_es384", "io.jwt.verify_es512",
	"io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512", "io.jwt.verify_ps256", "io.jwt.verify_ps384",
	"io.jwt.verify_ps512", "io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512",
	// Times given as values (UTC unless a zone is given).
	"time.add_date", "time.clock", "time.date", "time.diff", "time.format", "time.parse_duration_ns", "time.parse_ns",
	"time.parse_rfc3339_ns", "time.weekday",
	// Policy metadata and the test runner.
	"rego.metadata.chain", "rego.metadata.rule", "internal.test_case",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// refused reports whether a built-in is not available to policies.
func refused(name string) bool { return !allowed[name] }
