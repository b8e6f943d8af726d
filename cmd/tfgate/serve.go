package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/runtask"
)

// serveOptions are the flags of tfgate serve beside the check flags.
type serveOptions struct {
	listen          string
	keyFile         string
	workers         int
	queue           int
	shutdownTimeout time.Duration
	logFormat       string
}

// notForServe are check flags that mean nothing to a server, which takes
// its plans from the platform and answers it alone: they are hidden, and
// refused when given.
var notForServe = []string{"format", "output", "report", "dir", "var-file", "var", "now", "ticket", "ticket-pattern", "state-backup", "quiet", "color", "no-color", "base-dir", "category"}

// maxRunTimeout bounds --timeout for a server: the platform fails a run
// task that takes an hour.
const maxRunTimeout = 50 * time.Minute

// defaultServeMaxInput is the largest plan a server fetches unless
// --max-input-size says otherwise: each check holds several times its
// plan in memory, and several run at once.
const defaultServeMaxInput = 256 << 20

// runServe runs the HCP Terraform run task server until SIGINT or
// SIGTERM, then finishes the runs it accepted.
func runServe(args []string, stdout, stderr io.Writer) (int, error) {
	o, so, key, err := parseServe(args, stdout, os.LookupEnv)
	if err != nil {
		return exitError, err
	}
	var handler slog.Handler = slog.NewJSONHandler(stderr, nil)
	if so.logFormat == "text" {
		handler = slog.NewTextHandler(stderr, nil)
	}
	log := slog.New(handler)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	opts := checkerOptions(o)
	opts.TuneGC = false // checks run side by side
	c, err := check.New(context.Background(), opts)
	if err != nil {
		return exitError, err
	}
	if err := c.Prepare(); err != nil {
		return exitError, err
	}
	rules, _ := c.Rules()
	s, err := runtask.New(c, runtask.Options{
		Key:         key,
		Workers:     so.workers,
		Queue:       so.queue,
		RunTimeout:  o.timeout,
		MaxPlanSize: o.maxInput,
		Logger:      log,
	})
	if err != nil {
		return exitError, err
	}
	ln, err := net.Listen("tcp", so.listen)
	if err != nil {
		return exitError, fmt.Errorf("--listen %s: %v", so.listen, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("tfgate run task server listening", "address", ln.Addr().String(), "version", toolVersion(), "rules", len(rules), "workers", so.workers)

	select {
	case err := <-served:
		// The runs accepted still get their results.
		drain, cancel := context.WithTimeout(context.Background(), so.shutdownTimeout)
		defer cancel()
		s.Shutdown(drain)
		return exitError, err
	case <-ctx.Done():
	}
	stop()
	log.Info("shutting down: no new runs; finishing the runs accepted", "timeout", so.shutdownTimeout.String())
	drain, cancel := context.WithTimeout(context.Background(), so.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		log.Warn("connections still open at the deadline", "error", err)
	}
	if err := s.Shutdown(drain); err != nil {
		log.Warn("runs cut short at the deadline were reported failed", "error", err)
	}
	log.Info("stopped")
	return exitPass, nil
}

// parseServe parses tfgate serve's flags: its own and the check flags
// that apply to a server. The HMAC key comes from --hmac-key-file, else
// from TFGATE_HMAC_KEY.
func parseServe(args []string, stdout io.Writer, lookup func(string) (string, bool)) (checkOptions, serveOptions, []byte, error) {
	var o checkOptions
	var so serveOptions
	fs := newFlags("serve", "serve --listen ADDR --hmac-key-file FILE [check flags]\n\nServes tfgate as an HCP Terraform / Terraform Enterprise run task: the\nplatform POSTs a signed request at the task's stage, tfgate fetches the\nrun's plan JSON, checks it as tfgate check would, and sends the result\nback. The HMAC key is the run task's; it may also be given in\nTFGATE_HMAC_KEY. SIGINT or SIGTERM stops taking runs and finishes those\naccepted. Endpoints: POST / (the run task), GET /healthz, /readyz, /metrics.", stdout)
	serveFlags(fs, &o, &so)
	if err := parse(fs, args); err != nil {
		return o, so, nil, err
	}
	// A TFGATE_ variable for a flag that means nothing to a server (set
	// for tfgate check in the same environment) is ignored.
	serveLookup := func(name string) (string, bool) {
		for _, flag := range notForServe {
			if name == envName(flag) {
				return "", false
			}
		}
		return lookup(name)
	}
	if err := fromEnvironment(fs, serveLookup); err != nil {
		return o, so, nil, err
	}
	if fs.NArg() > 0 {
		return o, so, nil, fmt.Errorf("tfgate serve takes no input (%s); the platform sends the plans", fs.Arg(0))
	}
	for _, name := range notForServe {
		if fs.Changed(name) {
			return o, so, nil, fmt.Errorf("--%s does not apply to tfgate serve, which checks the plans the platform sends and answers it", name)
		}
	}
	switch {
	case o.timeout <= 0:
		return o, so, nil, fmt.Errorf("--timeout must be positive, got %s", o.timeout)
	case so.workers <= 0:
		return o, so, nil, fmt.Errorf("--workers must be positive, got %d", so.workers)
	case so.queue < 0:
		return o, so, nil, fmt.Errorf("--queue must not be negative, got %d", so.queue)
	case so.logFormat != "json" && so.logFormat != "text":
		return o, so, nil, fmt.Errorf("--log-format %q: want json or text", so.logFormat)
	case so.shutdownTimeout < 0:
		return o, so, nil, fmt.Errorf("--shutdown-timeout must not be negative, got %s", so.shutdownTimeout)
	case o.timeout > maxRunTimeout:
		return o, so, nil, fmt.Errorf("--timeout %s: the platform gives up on a run task after an hour; at most %s", o.timeout, maxRunTimeout)
	}
	if so.shutdownTimeout <= 0 {
		so.shutdownTimeout = o.timeout + time.Minute
	}
	key, err := hmacKey(so.keyFile, lookup)
	if err != nil {
		return o, so, nil, err
	}
	if o.set, err = resolve(o, fs.Changed); err != nil {
		return o, so, nil, err
	}
	o.given = fs.Changed
	return o, so, key, nil
}

// serveFlags defines the flags of tfgate serve: its own, then the check
// flags, those that do not apply hidden.
func serveFlags(fs *pflag.FlagSet, o *checkOptions, so *serveOptions) {
	fs.StringVar(&so.listen, "listen", ":8080", "address to listen on, host:port")
	fs.StringVar(&so.keyFile, "hmac-key-file", "", "file holding the run task's HMAC key (default: $TFGATE_HMAC_KEY)")
	fs.IntVar(&so.workers, "workers", runtime.GOMAXPROCS(0), "checks run at once")
	fs.IntVar(&so.queue, "queue", 0, "accepted runs that may wait for a worker; more are answered 503 (default 4 per worker)")
	fs.DurationVar(&so.shutdownTimeout, "shutdown-timeout", 0, "on SIGTERM, how long the accepted runs may take to finish before they are reported failed (default --timeout and a minute)")
	fs.StringVar(&so.logFormat, "log-format", "json", "log format on stderr: json or text")
	checkFlags(fs, o)
	o.maxInput = defaultServeMaxInput
	fs.Lookup("max-input-size").DefValue = strconv.Itoa(defaultServeMaxInput)
	for _, name := range notForServe {
		fs.MarkHidden(name)
	}
}

// hmacKey reads the run task's HMAC key: from the file, without its
// trailing newline, else from TFGATE_HMAC_KEY. There must be one.
func hmacKey(file string, lookup func(string) (string, bool)) ([]byte, error) {
	env, inEnv := lookup("TFGATE_HMAC_KEY")
	if file == "" {
		if !inEnv || env == "" {
			return nil, errors.New("no HMAC key: give the run task's key with --hmac-key-file FILE or TFGATE_HMAC_KEY; tfgate serve refuses unsigned requests")
		}
		return []byte(env), nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--hmac-key-file: %w", err)
	}
	key := strings.TrimRight(string(data), "\r\n")
	if key == "" {
		return nil, fmt.Errorf("--hmac-key-file %s is empty", file)
	}
	return []byte(key), nil
}
