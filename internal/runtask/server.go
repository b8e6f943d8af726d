package runtask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/report"
)

// Options configure a Server. Zero values take the defaults.
type Options struct {
	// Key is the run task's HMAC key; required: unsigned and wrongly
	// signed requests are refused.
	Key []byte
	// Workers is how many checks run at once (default 2).
	Workers int
	// Queue is how many accepted runs may wait for a worker; a request
	// beyond that is answered 503, which the platform retries
	// (default 4 per worker).
	Queue int
	// RunTimeout bounds one run: fetching the plan and checking it
	// (default 5 minutes). The result is sent all the same.
	RunTimeout time.Duration
	// MaxPlanSize refuses larger plans (default 256 MiB).
	MaxPlanSize int64
	// AttemptTimeout bounds each try to fetch the plan or send the
	// result (default 1 minute).
	AttemptTimeout time.Duration
	// Attempts is how many times a fetch or a result is tried when the
	// platform answers 429 or 5xx or cannot be reached (default 4).
	Attempts int
	// Backoff is the wait before the second try, doubled for each next
	// one (default 1 second); a Retry-After the platform gives wins, up
	// to a minute.
	Backoff time.Duration
	// Heartbeat is how often a long check tells the platform it is still
	// running (default 4 minutes; the platform gives up on a task silent
	// for 10).
	Heartbeat time.Duration
	// MaxOutcomes caps the outcomes of a result (default
	// report.TaskMaxOutcomes, the platform's limit).
	MaxOutcomes int
	// StopGrace is how long the results of the runs a shutdown cuts short
	// may take to be sent, all together, once Shutdown's context has
	// ended (default 10 seconds).
	StopGrace time.Duration
	// Client makes the requests to the platform (default: an
	// http.Client, which drops the token on a redirect to another host).
	Client *http.Client
	// Logger receives the server's structured logs (default: discarded).
	Logger *slog.Logger
}

func (o *Options) defaults() {
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	setDuration := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&o.Workers, 2)
	set(&o.Queue, 4*o.Workers)
	set(&o.Attempts, 4)
	set(&o.MaxOutcomes, report.TaskMaxOutcomes)
	setDuration(&o.RunTimeout, 5*time.Minute)
	setDuration(&o.AttemptTimeout, time.Minute)
	setDuration(&o.Backoff, time.Second)
	setDuration(&o.Heartbeat, 4*time.Minute)
	setDuration(&o.StopGrace, 10*time.Second)
	if o.MaxPlanSize <= 0 {
		o.MaxPlanSize = 256 << 20
	}
	if o.Client == nil {
		o.Client = &http.Client{CheckRedirect: checkRedirect}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// maxRequest bounds a run task request's body, read before its signature
// is checked: a few kilobytes in practice.
const maxRequest = 256 << 10

// Server is a run task endpoint. Its checks share one Checker, whose
// policies compile once.
type Server struct {
	checker *check.Checker
	o       Options
	log     *slog.Logger
	metrics *metrics

	mu       sync.RWMutex // guards draining and sends on queue
	draining bool
	queue    chan job
	seen     map[string]time.Time // task result ids taken, for the platform's retries

	workers sync.WaitGroup
	// stop cancels the runs still going when Shutdown's context ends;
	// sendCtx ends StopGrace after that, and with it every send.
	stopCtx    context.Context
	stop       context.CancelFunc
	sendCtx    context.Context
	sendCancel context.CancelFunc
}

// job is one accepted run.
type job struct {
	req      Request
	accepted time.Time
	started  chan struct{} // closed when a worker takes the run
}

// New makes a Server and starts its workers. The Checker should be
// prepared (Checker.Prepare), so that a policy error stops the server
// before it takes a run.
func New(c *check.Checker, o Options) (*Server, error) {
	if len(o.Key) == 0 {
		return nil, errors.New("no HMAC key: the server refuses unsigned requests, so it needs the run task's key")
	}
	o.defaults()
	s := &Server{checker: c, o: o, log: o.Logger, metrics: newMetrics(), queue: make(chan job, o.Queue), seen: map[string]time.Time{}}
	s.stopCtx, s.stop = context.WithCancel(context.Background())
	s.sendCtx, s.sendCancel = context.WithCancel(context.Background())
	for range o.Workers {
		s.workers.Go(func() {
			for j := range s.queue {
				s.metrics.queued.Add(-1)
				s.process(j)
			}
		})
	}
	return s, nil
}

// Handler serves the run task endpoint (POST /) and the operator's
// endpoints: /healthz (the process is up), /readyz (it takes runs),
// /metrics (Prometheus text format).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{$}", s.serveRunTask)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.RLock()
		draining := s.draining
		s.mu.RUnlock()
		switch {
		case draining:
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
		case len(s.queue) >= cap(s.queue):
			http.Error(w, "queue full", http.StatusServiceUnavailable)
		default:
			io.WriteString(w, "ready\n")
		}
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		s.metrics.write(w)
	})
	return mux
}

// serveRunTask takes a run task request: it checks the signature and the
// payload, and queues the run, answering 200 at once; the result follows
// on the callback URL.
func (s *Server) serveRunTask(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.refuse(w, "too_large", http.StatusRequestEntityTooLarge, "the request body is too large for a run task request")
		return
	case err != nil:
		s.refuse(w, "bad_request", http.StatusBadRequest, "the request body could not be read")
		return
	}
	if err := verify(s.o.Key, body, r.Header.Get(SignatureHeader)); err != nil {
		outcome := "bad_signature"
		if errors.Is(err, errUnsigned) {
			outcome = "unsigned"
		}
		s.refuse(w, outcome, http.StatusUnauthorized, err.Error())
		return
	}
	req, err := parseRequest(body)
	if err != nil {
		s.refuse(w, "bad_request", http.StatusBadRequest, err.Error())
		return
	}
	if req.verification() {
		s.metrics.request("verification")
		s.log.Info("verification request accepted")
		w.WriteHeader(http.StatusOK)
		return
	}
	log := s.log.With(runAttrs(req)...)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draining {
		s.refuse(w, "draining", http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	if _, dup := s.seen[req.TaskResultID]; dup && req.TaskResultID != "" {
		// The platform sent it again (it did not see our 200): the run
		// is under way or done already.
		s.metrics.request("duplicate")
		log.Info("run already taken")
		w.WriteHeader(http.StatusOK)
		return
	}
	s.metrics.queued.Add(1)
	j := job{req: req, accepted: time.Now(), started: make(chan struct{})}
	select {
	case s.queue <- j:
	default:
		s.metrics.queued.Add(-1)
		s.refuse(w, "busy", http.StatusServiceUnavailable, "every worker is busy and the queue is full; retry later")
		return
	}
	go s.waiting(j, log)
	s.remember(req.TaskResultID)
	s.metrics.request("accepted")
	log.Info("run accepted", "queued", len(s.queue))
	w.WriteHeader(http.StatusOK)
}

// remember notes a task result id, forgetting those older than two hours
// (the platform gives up on a task after one).
func (s *Server) remember(id string) {
	if id == "" {
		return
	}
	now := time.Now()
	if len(s.seen) >= 1024 {
		for k, t := range s.seen {
			if now.Sub(t) > 2*time.Hour {
				delete(s.seen, k)
			}
		}
	}
	s.seen[id] = now
}

// refuse answers a request that is not taken, and counts it.
func (s *Server) refuse(w http.ResponseWriter, outcome string, code int, why string) {
	s.metrics.request(outcome)
	s.log.Warn("request refused", "outcome", outcome, "status", code, "reason", why)
	if code == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10")
	}
	http.Error(w, why, code)
}

// Shutdown stops taking runs and waits for the accepted ones to finish
// and be reported. When ctx ends first, the runs still going or waiting
// are cancelled: each reports "failed" (the server stopped), all their
// results within StopGrace, and Shutdown returns ctx's error.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if !s.draining {
		s.draining = true
		close(s.queue)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.workers.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
	}
	s.stop()
	grace := time.AfterFunc(s.o.StopGrace, s.sendCancel)
	defer grace.Stop()
	select {
	case <-done:
	case <-time.After(s.o.StopGrace + time.Second):
		// A send that ignores its context: give up on it.
	}
	return ctx.Err()
}

// runAttrs are what the logs say of a run: never its token.
func runAttrs(r Request) []any {
	return []any{"run_id", r.RunID, "task_result_id", r.TaskResultID, "stage", r.Stage,
		"organization", r.OrganizationName, "workspace", r.WorkspaceName, "speculative", r.IsSpeculative}
}

// waiting tells the platform every Heartbeat that a queued run is still
// waiting for a worker (the platform gives up on a task silent for ten
// minutes), until a worker takes it.
func (s *Server) waiting(j job, log *slog.Logger) {
	t := time.NewTicker(s.o.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-j.started:
			return
		case <-s.sendCtx.Done():
			return
		case <-t.C:
			if err := s.send(s.o.AttemptTimeout, j.req, report.TaskRunning("tfgate is waiting for a free worker")); err != nil {
				log.Warn("progress update not delivered", "error", err)
			}
		}
	}
}

// process runs one accepted run and reports its result, whatever
// happens.
func (s *Server) process(j job) {
	close(j.started)
	log := s.log.With(runAttrs(j.req)...)
	s.metrics.running.Add(1)
	defer s.metrics.running.Add(-1)
	start := time.Now()
	body, fallback, verdict := s.check(j.req, log)
	err := s.send(s.o.AttemptTimeout*time.Duration(s.o.Attempts), j.req, body)
	var refused *refusedError
	if errors.As(err, &refused) && fallback != nil {
		log.Warn("the platform refused the result; sending it again without outcomes", "status", refused.status, "detail", refused.detail)
		err = s.send(s.o.AttemptTimeout*time.Duration(s.o.Attempts), j.req, fallback)
	}
	if err != nil {
		s.metrics.callbackFailures.Add(1)
		log.Error("result not delivered", "error", err)
	}
	d := time.Since(start)
	s.metrics.finished(verdict, d, start.Sub(j.accepted))
	log.Info("run checked", "verdict", verdict, "duration_ms", d.Milliseconds(), "waited_ms", start.Sub(j.accepted).Milliseconds())
}

// check fetches a run's plan and checks it, and returns the result to
// send, the same without outcomes for a platform that refuses it (nil
// when it has none), and the verdict: passed, failed, or error (not
// checked, reported failed). A panic is an error too: the run is
// reported, and the other runs go on.
func (s *Server) check(req Request, log *slog.Logger) (body, fallback []byte, verdict string) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("run not checked: internal error", "stack", string(debug.Stack()))
			body, fallback, verdict = report.TaskError("internal error in tfgate; the server's log has its stack"), nil, "error"
		}
	}()
	ctx, cancel := context.WithTimeout(s.stopCtx, s.o.RunTimeout)
	defer cancel()
	stopBeat := s.heartbeat(req, log)
	defer stopBeat()
	body, fallback, verdict, err := s.run(ctx, req)
	if err == nil {
		return body, fallback, verdict
	}
	reason := err.Error()
	switch {
	case s.stopCtx.Err() != nil:
		reason = "the server stopped before the check finished: " + reason
	case ctx.Err() != nil:
		reason = fmt.Sprintf("the run did not finish within the server's --timeout (%s): %s", s.o.RunTimeout, reason)
	}
	// What a check's error says may quote the plan's values (a policy's
	// runtime error): the platform's user sees it in the result; the log
	// says where it came from.
	logged := "the check failed: the reason is in the task result"
	var f *fetchError
	if errors.As(err, &f) {
		logged = reason
	}
	log.Error("run not checked", "error", logged)
	return report.TaskError(reason), nil, "error"
}

// fetchError is an error fetching a plan, which quotes no plan value.
type fetchError struct{ err error }

func (e *fetchError) Error() string { return e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

// run fetches a run's plan and checks it: the result's body, the same
// without outcomes, and the verdict, or why it could not be checked.
func (s *Server) run(ctx context.Context, req Request) (body, fallback []byte, verdict string, err error) {
	if req.PlanJSONAPIURL == "" {
		return nil, nil, "", &fetchError{fmt.Errorf("the %s stage carries no plan, and tfgate checks plans: attach the run task to the post_plan or pre_apply stage", req.Stage)}
	}
	plan, err := s.fetch(ctx, req)
	if err != nil {
		return nil, nil, "", &fetchError{err}
	}
	rep, err := s.checker.Run(ctx, []check.Input{{Path: "plan.json", Data: plan}})
	if err != nil {
		return nil, nil, "", err
	}
	if body, err = report.TaskResult(rep, report.TaskResultOptions{Outcomes: req.Capabilities.Outcomes, MaxOutcomes: s.o.MaxOutcomes}); err != nil {
		return nil, nil, "", err
	}
	if req.Capabilities.Outcomes {
		if fallback, err = report.TaskResult(rep, report.TaskResultOptions{}); err != nil {
			return nil, nil, "", err
		}
	}
	verdict = "passed"
	if rep.ExitCode != 0 {
		verdict = "failed"
	}
	return body, fallback, verdict, nil
}

// heartbeat tells the platform every Heartbeat that the run is still
// being checked, until the returned function is called, which lets a
// progress update under way finish first (so that it cannot arrive after
// the result).
func (s *Server) heartbeat(req Request, log *slog.Logger) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(s.o.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := s.send(s.o.AttemptTimeout, req, report.TaskRunning("tfgate is checking the plan")); err != nil {
					log.Warn("progress update not delivered", "error", err)
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
