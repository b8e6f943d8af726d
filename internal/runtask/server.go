package runtask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
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
	if o.MaxPlanSize <= 0 {
		o.MaxPlanSize = 256 << 20
	}
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// maxRequest bounds a run task request's body: a few kilobytes in
// practice.
const maxRequest = 1 << 20

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
	// stop cancels the runs still going when Shutdown's context ends.
	stopCtx context.Context
	stop    context.CancelFunc
}

// job is one accepted run.
type job struct {
	req      Request
	accepted time.Time
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
	if err != nil {
		s.refuse(w, "too_large", http.StatusRequestEntityTooLarge, "the request body is too large or unreadable")
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
	select {
	case s.queue <- job{req: req, accepted: time.Now()}:
	default:
		s.metrics.queued.Add(-1)
		s.refuse(w, "busy", http.StatusServiceUnavailable, "every worker is busy and the queue is full; retry later")
		return
	}
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
// and be reported. When ctx ends first, the runs still going are
// cancelled: each reports "failed" (the server stopped) before Shutdown
// returns ctx's error.
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
		s.stop()
		<-done
		return ctx.Err()
	}
}

// runAttrs are what the logs say of a run: never its token.
func runAttrs(r Request) []any {
	return []any{"run_id", r.RunID, "task_result_id", r.TaskResultID, "stage", r.Stage,
		"organization", r.OrganizationName, "workspace", r.WorkspaceName, "speculative", r.IsSpeculative}
}

// process runs one accepted run and reports its result, whatever
// happens.
func (s *Server) process(j job) {
	log := s.log.With(runAttrs(j.req)...)
	s.metrics.running.Add(1)
	defer s.metrics.running.Add(-1)
	start := time.Now()
	ctx, cancel := context.WithTimeout(s.stopCtx, s.o.RunTimeout)
	defer cancel()

	stopBeat := s.heartbeat(ctx, j.req, log)
	body, verdict, err := s.run(ctx, j.req)
	stopBeat()
	if err != nil {
		verdict = "error"
		body = report.TaskError(err.Error())
		log.Error("run not checked", "error", err)
	}
	// The result goes out even when the run's time is up.
	sendCtx, cancelSend := context.WithTimeout(context.WithoutCancel(ctx), s.o.AttemptTimeout*time.Duration(s.o.Attempts))
	defer cancelSend()
	if err := s.send(sendCtx, j.req, body); err != nil {
		s.metrics.callbackFailures.Add(1)
		log.Error("result not delivered", "error", err)
	}
	d := time.Since(start)
	s.metrics.finished(verdict, d, start.Sub(j.accepted))
	log.Info("run checked", "verdict", verdict, "duration_ms", d.Milliseconds(), "waited_ms", start.Sub(j.accepted).Milliseconds())
}

// run fetches a run's plan and checks it: the result's body and verdict
// ("passed" or "failed"), or why it could not be checked.
func (s *Server) run(ctx context.Context, req Request) ([]byte, string, error) {
	if req.PlanJSONAPIURL == "" {
		return nil, "", fmt.Errorf("the %s stage carries no plan, and tfgate checks plans: attach the run task to the post_plan or pre_apply stage", req.Stage)
	}
	plan, err := s.fetch(ctx, req)
	if err != nil {
		return nil, "", err
	}
	rep, err := s.checker.Run(ctx, []check.Input{{Path: "plan.json", Data: plan}})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return nil, "", fmt.Errorf("the check did not finish in time (%s, or the server stopped): %v", s.o.RunTimeout, err)
		}
		return nil, "", err
	}
	body, err := report.TaskResult(rep, report.TaskResultOptions{Outcomes: req.Capabilities.Outcomes, MaxOutcomes: s.o.MaxOutcomes})
	if err != nil {
		return nil, "", err
	}
	verdict := "passed"
	if rep.ExitCode != 0 {
		verdict = "failed"
	}
	return body, verdict, nil
}

// heartbeat tells the platform every Heartbeat that the run is still
// being checked, until the returned function is called.
func (s *Server) heartbeat(ctx context.Context, req Request, log *slog.Logger) func() {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(s.o.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.send(ctx, req, report.TaskRunning("tfgate is checking the plan")); err != nil && ctx.Err() == nil {
					log.Warn("progress update not delivered", "error", err)
				}
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}
