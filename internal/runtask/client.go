package runtask

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// retryable marks a try that may succeed when made again: the platform
// could not be reached, answered 429 or 5xx, or had no plan yet (204).
type retryable struct {
	err   error
	after time.Duration // the platform's Retry-After, 0 if none
}

func (e *retryable) Error() string { return e.err.Error() }
func (e *retryable) Unwrap() error { return e.err }

// refusedError is a result the platform refused (a 4xx other than 429),
// or answered with a redirect, which a result must not follow.
type refusedError struct {
	status int
	detail string // the start of the platform's answer
}

func (e *refusedError) Error() string {
	return fmt.Sprintf("send the result: the platform answered %d %s", e.status, http.StatusText(e.status))
}

// checkRedirect is the client's redirect policy. A result (a PATCH) never
// follows one: Go would turn it into a GET and lose the result. A plan
// download follows the platform's redirect to its object store, with the
// run's token only to the same scheme, host and port, and never from
// https to http.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if via[0].Method != http.MethodGet {
		return http.ErrUseLastResponse
	}
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	prev := via[len(via)-1]
	if prev.URL.Scheme == "https" && req.URL.Scheme != "https" {
		return errors.New("refused a redirect from https to http")
	}
	if req.URL.Scheme != prev.URL.Scheme || req.URL.Host != prev.URL.Host {
		req.Header.Del("Authorization")
	}
	return nil
}

// fetch downloads a run's plan JSON with the run's token, within
// MaxPlanSize.
func (s *Server) fetch(ctx context.Context, req Request) ([]byte, error) {
	var plan []byte
	err := s.retry(ctx, func(ctx context.Context) error {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, req.PlanJSONAPIURL, nil)
		if err != nil {
			return err
		}
		r.Header.Set("Authorization", "Bearer "+req.AccessToken)
		resp, err := s.o.Client.Do(r)
		if err != nil {
			return &retryable{err: fmt.Errorf("fetch the plan: %v", redact(err, req))}
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusNoContent:
			return &retryable{err: errors.New("fetch the plan: the platform has no plan JSON yet (204)"), after: retryAfter(resp)}
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			return &retryable{err: fmt.Errorf("fetch the plan: %s", resp.Status), after: retryAfter(resp)}
		case resp.StatusCode != http.StatusOK:
			return fmt.Errorf("fetch the plan: the platform answered %s", resp.Status)
		case resp.ContentLength > s.o.MaxPlanSize:
			return fmt.Errorf("the plan is %d bytes, more than the server's limit of %d (--max-input-size)", resp.ContentLength, s.o.MaxPlanSize)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, s.o.MaxPlanSize+1))
		if err != nil {
			return &retryable{err: fmt.Errorf("fetch the plan: %v", redact(err, req))}
		}
		if int64(len(data)) > s.o.MaxPlanSize {
			return fmt.Errorf("the plan is more than the server's limit of %d bytes (--max-input-size)", s.o.MaxPlanSize)
		}
		plan = data
		return nil
	})
	return plan, err
}

// send PATCHes a task result body to the run's callback URL, within
// budget, and within StopGrace of a shutdown's deadline.
func (s *Server) send(budget time.Duration, req Request, body []byte) error {
	ctx, cancel := context.WithTimeout(s.sendCtx, budget)
	defer cancel()
	return s.retry(ctx, func(ctx context.Context) error {
		r, err := http.NewRequestWithContext(ctx, http.MethodPatch, req.TaskResultCallbackURL, bytes.NewReader(body))
		if err != nil {
			return err
		}
		r.Header.Set("Authorization", "Bearer "+req.AccessToken)
		r.Header.Set("Content-Type", "application/vnd.api+json")
		resp, err := s.o.Client.Do(r)
		if err != nil {
			return &retryable{err: fmt.Errorf("send the result: %v", redact(err, req))}
		}
		defer resp.Body.Close()
		answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		switch {
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			return &retryable{err: fmt.Errorf("send the result: %s", resp.Status), after: retryAfter(resp)}
		case resp.StatusCode/100 != 2:
			return &refusedError{status: resp.StatusCode, detail: strings.ToValidUTF8(string(answer), "?")}
		}
		return nil
	})
}

// retry makes a try up to Attempts times, each within AttemptTimeout,
// while it fails in a way worth retrying, waiting Backoff and twice as
// long each time after (or the platform's Retry-After, up to a minute).
func (s *Server) retry(ctx context.Context, try func(context.Context) error) error {
	wait := s.o.Backoff
	for attempt := 1; ; attempt++ {
		tctx, cancel := context.WithTimeout(ctx, s.o.AttemptTimeout)
		err := try(tctx)
		timedOut := tctx.Err() != nil && ctx.Err() == nil
		cancel()
		if err == nil {
			return nil
		}
		var r *retryable
		if !errors.As(err, &r) {
			return err
		}
		if timedOut {
			err = fmt.Errorf("%w (no answer within %s)", err, s.o.AttemptTimeout)
		}
		if attempt >= s.o.Attempts || ctx.Err() != nil {
			return fmt.Errorf("%w, after %d tries", err, attempt)
		}
		pause := wait
		if r.after > 0 {
			pause = min(r.after, time.Minute)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w, after %d tries", err, attempt)
		case <-time.After(pause):
		}
		wait *= 2
	}
}

// retryAfter reads a Retry-After header given in seconds.
func retryAfter(resp *http.Response) time.Duration {
	n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}

// redact keeps a run's token, and the addresses the platform's redirects
// lead to (which carry credentials of their own), out of an error: a URL
// error says what failed and on which host.
func redact(err error, req Request) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		host := ue.URL
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Scheme + "://" + u.Host
		}
		err = fmt.Errorf("%s %s: %v", ue.Op, host, ue.Err)
	}
	msg := err.Error()
	if req.AccessToken != "" {
		msg = strings.ReplaceAll(msg, req.AccessToken, "[token]")
	}
	return errors.New(msg)
}
