package runtask

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
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
		r.Header.Set("Accept", "application/json")
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

// send PATCHes a task result body to the run's callback URL.
func (s *Server) send(ctx context.Context, req Request, body []byte) error {
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
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		switch {
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			return &retryable{err: fmt.Errorf("send the result: %s", resp.Status), after: retryAfter(resp)}
		case resp.StatusCode/100 != 2:
			return fmt.Errorf("send the result: the platform answered %s", resp.Status)
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

// redact keeps a run's token out of an error that may quote a URL.
func redact(err error, req Request) error {
	msg := err.Error()
	if req.AccessToken != "" {
		msg = string(bytes.ReplaceAll([]byte(msg), []byte(req.AccessToken), []byte("[token]")))
	}
	return errors.New(msg)
}
