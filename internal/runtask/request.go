// Package runtask serves tfgate as an HCP Terraform / Terraform Enterprise
// run task: the platform POSTs a signed request when a run reaches the
// task's stage; the server answers at once, then fetches the run's plan
// JSON with the request's token, checks it with the same pipeline as
// tfgate check (internal/check), and PATCHes the result back to the
// request's callback URL. Whatever stops a check (a plan that cannot be
// fetched, a policy error, the timeout) reports "failed" with the
// reason: the task fails closed.
package runtask

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// SignatureHeader carries the HMAC-SHA512 of the request body, in hex,
// keyed with the run task's HMAC key.
const SignatureHeader = "X-TFC-Task-Signature"

// verificationToken is the access token of the request the platform sends
// to check the endpoint when a run task is created or changed: it carries
// no run and asks for no result.
const verificationToken = "test-token"

// Request is the run task request of payload version 1, the fields tfgate
// uses. Unknown fields are ignored.
type Request struct {
	PayloadVersion        int          `json:"payload_version"`
	Stage                 string       `json:"stage"`
	AccessToken           string       `json:"access_token"`
	Capabilities          Capabilities `json:"capabilities"`
	IsSpeculative         bool         `json:"is_speculative"`
	OrganizationName      string       `json:"organization_name"`
	PlanJSONAPIURL        string       `json:"plan_json_api_url"`
	RunID                 string       `json:"run_id"`
	RunAppURL             string       `json:"run_app_url"`
	TaskResultCallbackURL string       `json:"task_result_callback_url"`
	TaskResultEnforcement string       `json:"task_result_enforcement_level"`
	TaskResultID          string       `json:"task_result_id"`
	WorkspaceID           string       `json:"workspace_id"`
	WorkspaceName         string       `json:"workspace_name"`
}

// Capabilities says what the platform takes in a result.
type Capabilities struct {
	Outcomes bool `json:"outcomes"`
}

// Sign is the signature of a request body under key, as the platform
// computes it.
func Sign(key, body []byte) string {
	mac := hmac.New(sha512.New, key)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// errUnsigned and errBadSignature refuse a request.
var (
	errUnsigned     = errors.New("the request is not signed (" + SignatureHeader + "); give the run task the server's HMAC key")
	errBadSignature = errors.New("the request's signature does not match the server's HMAC key")
)

// verify checks a body's signature in constant time.
func verify(key, body []byte, signature string) error {
	if strings.TrimSpace(signature) == "" {
		return errUnsigned
	}
	got, err := hex.DecodeString(strings.TrimSpace(signature))
	if err != nil {
		return errBadSignature
	}
	mac := hmac.New(sha512.New, key)
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return errBadSignature
	}
	return nil
}

// parseRequest decodes and checks a request body. A verification request
// needs nothing but its version.
func parseRequest(body []byte) (Request, error) {
	var r Request
	if err := json.Unmarshal(body, &r); err != nil {
		return r, fmt.Errorf("the request is not a run task payload: %v", err)
	}
	if r.PayloadVersion != 1 {
		return r, fmt.Errorf("payload_version %d: tfgate speaks version 1", r.PayloadVersion)
	}
	if r.verification() {
		return r, nil
	}
	if r.AccessToken == "" {
		return r, errors.New("the request has no access_token")
	}
	if err := webURL(r.TaskResultCallbackURL); err != nil {
		return r, fmt.Errorf("task_result_callback_url: %v", err)
	}
	if r.PlanJSONAPIURL != "" {
		if err := webURL(r.PlanJSONAPIURL); err != nil {
			return r, fmt.Errorf("plan_json_api_url: %v", err)
		}
		// The run's token goes to both: they are the same platform's.
		plan, _ := url.Parse(r.PlanJSONAPIURL)
		callback, _ := url.Parse(r.TaskResultCallbackURL)
		if plan.Scheme != callback.Scheme || plan.Host != callback.Host {
			return r, fmt.Errorf("plan_json_api_url (%s://%s) and task_result_callback_url (%s://%s) are not on the same platform", plan.Scheme, plan.Host, callback.Scheme, callback.Host)
		}
	}
	return r, nil
}

// verification reports whether r is the endpoint's verification request.
func (r Request) verification() bool { return r.AccessToken == verificationToken }

// webURL checks that s is an absolute http or https address.
func webURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case s == "":
		return errors.New("missing")
	case err != nil:
		return err
	case u.Scheme != "https" && u.Scheme != "http" || u.Host == "":
		return fmt.Errorf("%q is not an http(s) address", s)
	}
	return nil
}
