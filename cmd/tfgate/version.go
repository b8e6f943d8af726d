package main

import (
	"fmt"
	"io"

	opaversion "github.com/open-policy-agent/opa/v1/version"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
)

func runVersion(args []string, stdout io.Writer) error {
	fs := newFlags("version", "version", stdout)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "tfgate %s\nopa %s\nplan and state JSON formats %s\nmodel version %d\n",
		toolVersion(), opaversion.Version, plan.SupportedFormats, model.Version)
	return nil
}
