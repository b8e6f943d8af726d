package main

import (
	"context"
	"io"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/internal/report"
)

func runRules(args []string, stdout io.Writer) error {
	var (
		format    string
		dirs      []string
		noBuiltin bool
	)
	fs := newFlags("rules", "rules [--format text|json|markdown] [--policy DIR]...", stdout)
	fs.StringVar(&format, "format", "text", "text, json or markdown")
	fs.StringArrayVar(&dirs, "policy", nil, "directory of user Rego policies (repeatable)")
	fs.BoolVar(&noBuiltin, "no-builtin", false, "leave out the built-in rules")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := report.CheckRulesFormat(format); err != nil {
		return err
	}
	sources, err := check.PolicySources(dirs, noBuiltin)
	if err != nil {
		return err
	}
	engine, err := policy.New(context.Background(), sources)
	if err != nil {
		return err
	}
	return report.WriteRules(stdout, format, engine.Rules())
}
