package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes: the contract with CI pipelines.
const (
	exitPass  = 0 // the gate passed
	exitFail  = 1 // a blocking failure
	exitError = 2 // anything else: bad usage, bad input, policy errors
)

// version is stamped by the build (-ldflags "-X main.version=v1.2.3").
var version = ""

const usage = `tfgate: a policy-as-code gate for Terraform

Usage:
  tfgate check [flags] INPUT...   check plans (terraform show -json) and states
  tfgate plan [flags] -- ARGS...  run terraform plan ARGS, then check the plan
  tfgate inspect INPUT            print the model policies see for an input (JSON)
  tfgate rules [flags]            list the rules and their metadata
  tfgate test [DIR...]            run the Rego tests of the built-in and given policies
  tfgate version                  print versions

Exit codes: 0 the gate passed, 1 the gate failed, 2 an error.
Run "tfgate COMMAND --help" for a command's flags.
`

// run is the whole program with its streams injected; it returns the exit
// code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	var err error
	code := exitPass
	switch cmd {
	case "check":
		code, err = runCheck(rest, stdout, stderr)
	case "plan":
		code, err = runPlan(rest, stdout, stderr)
	case "inspect":
		err = runInspect(rest, stdout)
	case "rules":
		err = runRules(rest, stdout)
	case "test":
		code, err = runTest(rest, stdout)
	case "version", "--version":
		err = runVersion(rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitPass
	default:
		fmt.Fprintf(stderr, "tfgate: unknown command %q\n\n%s", cmd, usage)
		return exitError
	}
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return exitPass
	case err != nil:
		fmt.Fprintf(stderr, "tfgate %s: %s\n", cmd, oneLine(err.Error()))
		return exitError
	}
	return code
}

// newFlags makes a command's flag set, with its usage written to stdout
// for --help and errors returned rather than printed.
func newFlags(name, synopsis string, stdout io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: tfgate %s\n\nFlags:\n%s", synopsis, fs.FlagUsages())
	}
	return fs
}

// parse parses flags and prints usage for --help.
func parse(fs *pflag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		fs.Usage()
	}
	return err
}

func toolVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
