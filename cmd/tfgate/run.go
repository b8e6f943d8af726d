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
  tfgate check [flags] INPUT...   check plans and states (terraform show -json), binary
                                  plan files, or directories of .tf files; - reads stdin
  tfgate plan [flags] -- ARGS...  run terraform plan ARGS, then check the plan
  tfgate inspect [flags] INPUT    print the model policies see for an input (JSON)
  tfgate rules [flags]            list the rules and their metadata
  tfgate test [DIR...]            run the Rego tests of the built-in and given policies
  tfgate completion SHELL         print a completion script: bash, zsh, fish, powershell
  tfgate hook check|test FILE...  pre-commit: check the roots, or test the policies, of changed files
  tfgate serve [flags]            serve as an HCP Terraform / Terraform Enterprise run task
  tfgate version                  print versions

Examples:
  terraform plan -out=tfplan && terraform show -json tfplan > plan.json
  tfgate check plan.json                         check a plan; exit 1 if it fails the gate
  terraform show -json tfplan | tfgate check -   the same, from a pipe
  tfgate check ./environments/prod               check .tf sources without a plan
  tfgate check --format sarif -o tfgate.sarif plan.json
  tfgate check --report markdown=checklist.md --report junit=junit.xml plan.json
  tfgate check --rule 'aws-s3-*' --soft-fail plan.json
  tfgate plan --save-plan tfplan -- -var-file=prod.tfvars
  tfgate serve --listen :8080 --hmac-key-file /etc/tfgate/hmac-key

Every flag can also be set in the environment as TFGATE_<FLAG> (TFGATE_FAIL_ON=high);
a flag given on the command line wins. Configuration: .tfgate.hcl (see the README).

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
	case "completion":
		err = runCompletion(rest, stdout)
	case "hook":
		code, err = runHook(rest, stdout, stderr)
	case "serve":
		code, err = runServe(rest, stdout, stderr)
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

// parse parses flags; for --help, pflag prints the usage itself.
func parse(fs *pflag.FlagSet, args []string) error {
	return fs.Parse(args)
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

// envName is the environment variable that sets a flag: TFGATE_ and the
// flag's name in upper case, dashes as underscores (TFGATE_FAIL_ON).
func envName(flag string) string {
	return "TFGATE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// fromEnvironment sets every flag the command line did not give from its
// environment variable (envName), when set: a flag given wins. A
// repeatable flag takes a comma-separated list; an empty variable counts
// as unset. A set variable counts as a given flag, so it also wins over
// the configuration file.
func fromEnvironment(fs *pflag.FlagSet, lookup func(string) (string, bool)) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed || f.Name == "help" {
			return
		}
		value, ok := lookup(envName(f.Name))
		if !ok || value == "" {
			return // an empty variable is unset
		}
		values := []string{value}
		if f.Value.Type() == "stringArray" {
			values = strings.Split(value, ",")
		}
		for _, v := range values {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s=%q: %v", envName(f.Name), value, e)
				return
			}
		}
	})
	return err
}
