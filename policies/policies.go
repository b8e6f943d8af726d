// Package policies embeds the built-in Rego policies, their tests and the
// helper library, so the tfgate binary carries them.
package policies

import "embed"

// FS holds every built-in .rego file, tests included, at its path below
// this directory.
//
//go:embed *.rego lib/*.rego aws/*/*.rego
var FS embed.FS
