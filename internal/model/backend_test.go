package model

import (
	"slices"
	"testing"
)

func TestBackendRedactHidesCredentials(t *testing.T) {
	config := map[string]any{
		"bucket": "state", "key": "k", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/x", "encrypt": true,
		"access_key": "AKIA", "secret_key": "s", "token": "t", "sse_customer_key": "c", "sas_token": "x",
		"client_secret": "y", "credentials": "{}", "http_auth": "u:p", "conn_str": "postgres://u:p@h/db", "password": "p",
	}
	b := &Backend{Type: "s3", Config: config}
	b.Redact()
	want := []string{"access_key", "client_secret", "conn_str", "credentials", "http_auth", "password", "sas_token", "secret_key", "sse_customer_key", "token"}
	if !slices.Equal(b.Sensitive, want) {
		t.Errorf("sensitive = %v, want %v", b.Sensitive, want)
	}
	for _, name := range want {
		if b.Config[name] != SensitiveMarker {
			t.Errorf("%s = %v, want it hidden", name, b.Config[name])
		}
	}
	for _, name := range []string{"bucket", "key", "kms_key_id", "encrypt"} {
		if b.Config[name] != config[name] {
			t.Errorf("%s changed: %v", name, b.Config[name])
		}
	}
	if config["secret_key"] != "s" {
		t.Error("Redact changed the caller's map")
	}
}
