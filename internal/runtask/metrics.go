package runtask

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the server's counters, written in Prometheus' text format.
type metrics struct {
	queued, running  atomic.Int64
	callbackFailures atomic.Int64

	mu       sync.Mutex
	requests map[string]int64 // by outcome
	runs     map[string]int64 // by verdict: passed, failed, error
	duration histogram        // seconds from a worker taking a run to its result sent
	wait     histogram        // seconds a run waited for a worker
}

func newMetrics() *metrics {
	buckets := []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
	return &metrics{
		requests: map[string]int64{},
		runs:     map[string]int64{},
		duration: histogram{bounds: buckets, counts: make([]int64, len(buckets))},
		wait:     histogram{bounds: buckets, counts: make([]int64, len(buckets))},
	}
}

func (m *metrics) request(outcome string) {
	m.mu.Lock()
	m.requests[outcome]++
	m.mu.Unlock()
}

func (m *metrics) finished(verdict string, took, waited time.Duration) {
	m.mu.Lock()
	m.runs[verdict]++
	m.duration.observe(took.Seconds())
	m.wait.observe(waited.Seconds())
	m.mu.Unlock()
}

// histogram counts observations at or below each bound.
type histogram struct {
	bounds []float64
	counts []int64 // per bound, not cumulative
	sum    float64
	n      int64
}

func (h *histogram) observe(v float64) {
	h.sum += v
	h.n++
	if i, _ := slices.BinarySearch(h.bounds, v); i < len(h.bounds) {
		h.counts[i]++
	}
}

func (h *histogram) write(w io.Writer, name, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	var cumulative int64
	for i, b := range h.bounds {
		cumulative += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{le=\"%g\"} %d\n", name, b, cumulative)
	}
	fmt.Fprintf(w, "%s_bucket{le=\"+Inf\"} %d\n%s_sum %g\n%s_count %d\n", name, h.n, name, h.sum, name, h.n)
}

// write writes the metrics, rendered first, so that a slow reader holds
// no lock.
func (m *metrics) write(out io.Writer) {
	var w bytes.Buffer
	defer func() { out.Write(w.Bytes()) }()
	m.mu.Lock()
	defer m.mu.Unlock()
	counter := func(name, help, label string, values map[string]int64, keys []string) {
		fmt.Fprintf(&w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
		for _, k := range keys {
			fmt.Fprintf(&w, "%s{%s=%q} %d\n", name, label, k, values[k])
		}
	}
	counter("tfgate_runtask_requests_total", "Run task requests, by what became of them.", "outcome", m.requests,
		[]string{"accepted", "verification", "duplicate", "unsigned", "bad_signature", "bad_request", "too_large", "busy", "draining"})
	counter("tfgate_runtask_runs_total", "Runs finished, by verdict: passed, failed, or error (not checked, reported failed); tfgate_runtask_callback_failures_total counts those whose result could not be sent.", "result", m.runs,
		[]string{"passed", "failed", "error"})
	fmt.Fprintf(&w, "# HELP tfgate_runtask_callback_failures_total Results the platform could not be sent.\n# TYPE tfgate_runtask_callback_failures_total counter\ntfgate_runtask_callback_failures_total %d\n", m.callbackFailures.Load())
	fmt.Fprintf(&w, "# HELP tfgate_runtask_runs_queued Runs accepted and waiting for a worker.\n# TYPE tfgate_runtask_runs_queued gauge\ntfgate_runtask_runs_queued %d\n", m.queued.Load())
	fmt.Fprintf(&w, "# HELP tfgate_runtask_runs_in_progress Runs being checked.\n# TYPE tfgate_runtask_runs_in_progress gauge\ntfgate_runtask_runs_in_progress %d\n", m.running.Load())
	m.duration.write(&w, "tfgate_runtask_run_duration_seconds", "Time from a worker taking a run to its result sent.")
	m.wait.write(&w, "tfgate_runtask_queue_wait_seconds", "Time a run waited for a worker.")
}
