package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/model"
)

// sourceDir is the Terraform source root for an input: --dir when given,
// else the input file's folder when it holds .tf files, else "".
func sourceDir(flag, input string) string {
	if flag != "" {
		return flag
	}
	if dir := filepath.Dir(input); hclsrc.HasSources(dir) {
		return dir
	}
	return ""
}

// locate joins a model to its sources under dir: every resource written in
// a local module gets the file and lines of its block (files relative to
// dir), and the model gets the root module's backend. Modules from remote
// sources are not downloaded; their resources keep no location.
func locate(m *model.Model, dir string) error {
	modules := map[string]*hclsrc.Module{} // by call path, "" for the root
	var read func(calls, moduleDir string) error
	read = func(calls, moduleDir string) error {
		mod, err := hclsrc.ReadModule(moduleDir)
		if err != nil {
			return err
		}
		modules[calls] = mod
		for name, source := range mod.Calls {
			if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
				continue
			}
			child := name
			if calls != "" {
				child = calls + "." + name
			}
			if err := read(child, filepath.Join(moduleDir, source)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read("", dir); err != nil {
		return fmt.Errorf("--dir %s: %w", dir, err)
	}
	relative := func(r hclsrc.Range) *model.Location {
		file := r.File
		if rel, err := filepath.Rel(dir, r.File); err == nil {
			file = rel
		}
		return &model.Location{File: filepath.ToSlash(file), StartLine: r.StartLine, EndLine: r.EndLine}
	}
	for _, r := range m.Resources {
		path, err := model.ParseModulePath(r.Module)
		if err != nil {
			return err
		}
		mod := modules[path.Calls()]
		if mod == nil {
			continue
		}
		if rg, ok := mod.Blocks[r.ConfigAddress()]; ok {
			r.Location = relative(rg)
		}
	}
	if b := modules[""].Backend; b != nil {
		m.Backend = &model.Backend{Type: b.Type, Config: b.Config, NotLiteral: b.NotLiteral, Location: relative(b.Range)}
		if m.Backend.NotLiteral == nil {
			m.Backend.NotLiteral = []string{}
		}
	}
	return nil
}
