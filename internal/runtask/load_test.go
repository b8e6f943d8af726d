package runtask

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/benchplan"
	"github.com/tfgate/tfgate/internal/runtask/runtasktest"
)

var (
	loadRuns        = flag.Int("loadtest.runs", 0, "runs the load test sends (0: no load test; make loadtest)")
	loadClients     = flag.Int("loadtest.clients", 4, "runs in flight at once, each sent when the one before it has its result")
	loadResources   = flag.Int("loadtest.resources", 10000, "resource instances of the plan every run checks")
	loadWorkers     = flag.Int("loadtest.workers", runtime.GOMAXPROCS(0), "the server's workers")
	loadMaxPlanSize = flag.Int64("loadtest.maxplan", 1<<30, "the server's plan size limit")
)

// TestLoad sends runs of a large plan to a server through the platform
// stand-in, a few at a time, and reports the runs per second and the
// latency from the request to the result: make loadtest.
func TestLoad(t *testing.T) {
	if *loadRuns <= 0 {
		t.Skip("the load test runs with make loadtest (-loadtest.runs N)")
	}
	base, err := os.ReadFile(noncompliant)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := benchplan.Synthesise(base, *loadResources)
	if err != nil {
		t.Fatal(err)
	}
	p := runtasktest.New(t)
	_, url := startServer(t, Options{Workers: *loadWorkers, Queue: *loadRuns, MaxPlanSize: *loadMaxPlanSize})
	next := make(chan int)
	go func() {
		for i := range *loadRuns {
			next <- i
		}
		close(next)
	}()
	latencies := make([]time.Duration, *loadRuns)
	var wg sync.WaitGroup
	start := time.Now()
	for range *loadClients {
		wg.Go(func() {
			for i := range next {
				n := fmt.Sprint(i)
				p.PlanJSON(n, plan)
				sent := time.Now()
				if code := post(t, url, p.Payload(n, "post_plan"), testKey); code != http.StatusOK {
					t.Errorf("run %s: answered %d", n, code)
					continue
				}
				if s := p.Wait(n).Status(); s != "failed" {
					t.Errorf("run %s: %s, want failed", n, s)
				}
				latencies[i] = time.Since(sent)
				p.PlanJSON(n, nil)
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	slices.Sort(latencies)
	pct := func(q float64) time.Duration {
		return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))].Round(time.Millisecond)
	}
	fmt.Printf("load test: %d runs of a %d-resource plan (%.1f MiB), %d clients, %d workers, GOMAXPROCS %d\n",
		*loadRuns, *loadResources, float64(len(plan))/(1<<20), *loadClients, *loadWorkers, runtime.GOMAXPROCS(0))
	fmt.Printf("  %.2f runs/s; latency from request to result: p50 %s, p90 %s, p99 %s, max %s\n",
		float64(*loadRuns)/took.Seconds(), pct(0.5), pct(0.9), pct(0.99), latencies[len(latencies)-1].Round(time.Millisecond))
}
