// Package policies embeds the built-in Rego: the helper library (lib/)
// and the rule catalogue (rules/), tests included, so the tfgate binary
// carries them.
package policies

import (
	"embed"
	"io/fs"
)

//go:embed lib/*.rego rules
var files embed.FS

// Lib is the helper library (package tfgate.lib); every evaluation needs
// it.
func Lib() fs.FS { return sub("lib") }

// Rules are the built-in rules, one package under tfgate.rules each.
func Rules() fs.FS { return sub("rules") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		// fs.Sub fails only for an invalid path, and dir is a constant.
		panic(err)
	}
	return f
}
