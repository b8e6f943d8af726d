package model

import (
	"maps"
	"regexp"
	"slices"
)

// backendSecret matches the backend arguments that hold credentials,
// whatever the backend type: access_key and secret_key (s3, oss, azurerm),
// token (s3, remote, cloud, kubernetes), password (http, kubernetes),
// sas_token and client_secret (azurerm), credentials, access_token and
// encryption_key (gcs), http_auth (consul), conn_str (pg), client_key
// (kubernetes), sse_customer_key (s3), secret_id (cos), security_token.
// Terraform marks none of them: a backend block is not a provider's.
var backendSecret = regexp.MustCompile(`(?i)(secret|password|passwd|token|credential|access_key|client_key|private_key|sse_customer_key|encryption_key|http_auth|conn_str)`)

// Redact replaces the literal values of the backend's credential arguments
// with SensitiveMarker and lists them in Sensitive, so that no policy and
// no report sees them. That a credential is written in the block stays
// visible.
func (b *Backend) Redact() {
	b.Config = maps.Clone(b.Config) // the caller's map stays as it was
	for name, v := range b.Config {
		if v != nil && backendSecret.MatchString(name) {
			b.Config[name] = SensitiveMarker
			b.Sensitive = append(b.Sensitive, name)
		}
	}
	slices.Sort(b.Sensitive)
	if b.Sensitive == nil {
		b.Sensitive = []string{}
	}
}
