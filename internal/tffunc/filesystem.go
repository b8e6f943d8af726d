package tffunc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// fileFuncs builds the functions that read files relative to baseDir.
type fileFuncs struct {
	baseDir string
}

// pathParam is the path parameter of the file functions: its marks carry
// over to the result.
var pathParam = function.Parameter{Name: "path", Type: cty.String, AllowMarked: true}

// shown is how an error message shows a path: not at all when sensitive.
func shown(path string, marks cty.ValueMarks) string {
	if _, ok := marks[Sensitive]; ok {
		return "(sensitive value)"
	}
	return path
}

// resolve expands a leading ~ and makes path relative to the base
// directory, as Terraform does.
func (fs fileFuncs) resolve(path string) (string, error) {
	path, err := expandHome(path)
	if err != nil {
		return "", fmt.Errorf("failed to expand ~: %w", err)
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(fs.baseDir, path)
	}
	return filepath.Clean(path), nil
}

// read returns the contents of a file, refusing files over MaxFileSize.
func (fs fileFuncs) read(path string, marks cty.ValueMarks) ([]byte, error) {
	full, err := fs.resolve(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(full)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no file exists at %s; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource", shown(path, marks))
		}
		return nil, fmt.Errorf("failed to open %s: %s", shown(path, marks), errors.Unwrap(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("file %s is %d bytes, larger than the %d bytes tfgate reads", shown(path, marks), fi.Size(), MaxFileSize)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read file: %s", errors.Unwrap(err))
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("file %s is larger than the %d bytes tfgate reads", shown(path, marks), MaxFileSize)
	}
	return b, nil
}

// fileFunc is file (the contents as a UTF-8 string) or, with b64,
// filebase64 (the contents in Base64).
func (fs fileFuncs) fileFunc(b64 bool) function.Function {
	return function.New(&function.Spec{
		Description:  "Reads the contents of a file at the given path.",
		Params:       []function.Parameter{pathParam},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pathVal, marks := args[0].Unmark()
			path := pathVal.AsString()
			b, err := fs.read(path, marks)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(b)).WithMarks(marks), nil
			}
			if !utf8.Valid(b) {
				return cty.NilVal, fmt.Errorf("contents of %s are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead", shown(path, marks))
			}
			return cty.StringVal(string(b)).WithMarks(marks), nil
		},
	})
}

// fileHashFunc hashes a file's contents (filemd5, filesha1, ...).
func (fs fileFuncs) fileHashFunc(k hashKind, b64 bool) function.Function {
	return function.New(&function.Spec{
		Description:  "Computes a hash of the contents of the file at the given path.",
		Params:       []function.Parameter{pathParam},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pathVal, marks := args[0].Unmark()
			b, err := fs.read(pathVal.AsString(), marks)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			return cty.StringVal(k.digest(b, b64)).WithMarks(marks), nil
		},
	})
}

// fileExistsFunc reports whether a regular file exists at a path; any
// other kind of file there is an error.
func (fs fileFuncs) fileExistsFunc() function.Function {
	return function.New(&function.Spec{
		Description:  "Determines whether a file exists at the given path.",
		Params:       []function.Parameter{pathParam},
		Type:         function.StaticReturnType(cty.Bool),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pathVal, marks := args[0].Unmark()
			full, err := fs.resolve(pathVal.AsString())
			if err != nil {
				return cty.NilVal, err
			}
			fi, err := os.Stat(full)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					return cty.False.WithMarks(marks), nil
				}
				return cty.NilVal, fmt.Errorf("failed to stat %s", shown(full, marks))
			}
			if fi.Mode().IsRegular() {
				return cty.True.WithMarks(marks), nil
			}
			name := shown(full, marks)
			switch t := fi.Mode().Type(); {
			case t&os.ModeDir != 0:
				return cty.NilVal, function.NewArgErrorf(0, "%s is a directory, not a file", name)
			case t&os.ModeDevice != 0:
				return cty.NilVal, function.NewArgErrorf(0, "%s is a device node, not a regular file", name)
			case t&os.ModeNamedPipe != 0:
				return cty.NilVal, function.NewArgErrorf(0, "%s is a named pipe, not a regular file", name)
			case t&os.ModeSocket != 0:
				return cty.NilVal, function.NewArgErrorf(0, "%s is a unix domain socket, not a regular file", name)
			}
			return cty.NilVal, function.NewArgErrorf(0, "%s is not a regular file", name)
		},
	})
}

// fileSetFunc lists the regular files under a directory that match a
// pattern, as slash-separated paths relative to that directory.
func (fs fileFuncs) fileSetFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Enumerates a set of regular file names given a path and pattern.",
		Params: []function.Parameter{
			pathParam,
			{Name: "pattern", Type: cty.String, AllowMarked: true},
		},
		Type:         function.StaticReturnType(cty.Set(cty.String)),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pathVal, pathMarks := args[0].Unmark()
			patVal, patMarks := args[1].Unmark()
			// Terraform works in the root module's directory and joins
			// relative paths lexically from there, so ".." can climb above
			// it; tfgate keeps the paths relative the same way and resolves
			// them against BaseDir only to reach the filesystem.
			dir := filepath.Clean(pathVal.AsString())
			pattern := filepath.Join(dir, patVal.AsString())
			matches, err := glob(fs.baseDir, pattern)
			if err != nil {
				return cty.NilVal, fmt.Errorf("failed to glob pattern %s: %w", shown(pattern, patMarks), err)
			}
			var vals []cty.Value
			for _, m := range matches {
				onDisk := m
				if !filepath.IsAbs(m) && fs.baseDir != "" {
					onDisk = filepath.Join(fs.baseDir, m)
				}
				fi, err := os.Stat(onDisk)
				if err != nil {
					return cty.NilVal, fmt.Errorf("failed to stat %s: %s", shown(m, pathMarks), errors.Unwrap(err))
				}
				if !fi.Mode().IsRegular() {
					continue
				}
				rel, err := filepath.Rel(dir, m)
				if err != nil {
					return cty.NilVal, fmt.Errorf("failed to trim path of match %s: %w", shown(m, pathMarks), err)
				}
				vals = append(vals, cty.StringVal(filepath.ToSlash(rel)))
			}
			if len(vals) == 0 {
				return cty.SetValEmpty(cty.String).WithMarks(pathMarks, patMarks), nil
			}
			return cty.SetVal(vals).WithMarks(pathMarks, patMarks), nil
		},
	})
}

// absPathFunc makes a path absolute. Terraform resolves a relative path
// against its working directory, the root module; tfgate resolves it
// against BaseDir, which stands for that directory.
func (fs fileFuncs) absPathFunc() function.Function {
	return function.New(&function.Spec{
		Description:  "Converts a string containing a filesystem path to an absolute path.",
		Params:       []function.Parameter{{Name: "path", Type: cty.String}},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			if !filepath.IsAbs(path) && fs.baseDir != "" {
				path = filepath.Join(fs.baseDir, path)
			}
			abs, err := filepath.Abs(path)
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(filepath.ToSlash(abs)), nil
		},
	})
}

// templateFileFunc renders a template file with the given variables and
// the functions in funcs (the table without the template functions).
func (fs fileFuncs) templateFileFunc(funcs map[string]function.Function) function.Function {
	load := func(path string, marks cty.ValueMarks) (hcl.Expression, error) {
		b, err := fs.read(path, marks)
		if err != nil {
			return nil, function.NewArgError(0, err)
		}
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("contents of %s are not valid UTF-8", shown(path, marks))
		}
		expr, diags := hclsyntax.ParseTemplate(b, path, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		return expr, nil
	}
	return function.New(&function.Spec{
		Description: "Reads the file at the given path and renders its content as a template using the supplied set of template variables.",
		Params: []function.Parameter{
			pathParam,
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if !args[0].IsKnown() || !args[1].IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			pathVal, marks := args[0].Unmark()
			expr, err := load(pathVal.AsString(), marks)
			if err != nil {
				return cty.DynamicPseudoType, err
			}
			v, err := renderTemplate(expr, args[1], funcs)
			return v.Type(), err
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pathVal, marks := args[0].Unmark()
			expr, err := load(pathVal.AsString(), marks)
			if err != nil {
				return cty.DynamicVal, err
			}
			v, err := renderTemplate(expr, args[1], funcs)
			if err != nil {
				return cty.DynamicVal, err
			}
			return v.WithMarks(marks), nil
		},
	})
}

// renderTemplate evaluates a parsed template with vars (a map or object
// whose keys are identifiers) as its only variables.
func renderTemplate(expr hcl.Expression, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	if ty := vars.Type(); !ty.IsMapType() && !ty.IsObjectType() {
		return cty.DynamicVal, function.NewArgErrorf(1, "invalid vars value: must be a map")
	}
	ctx := &hcl.EvalContext{Variables: vars.AsValueMap(), Functions: funcs}
	for name := range ctx.Variables {
		if !hclsyntax.ValidIdentifier(name) {
			return cty.DynamicVal, function.NewArgErrorf(1, "invalid template variable name %q: must start with a letter, followed by zero or more letters, digits, and underscores", name)
		}
	}
	for _, tr := range expr.Variables() {
		if _, ok := ctx.Variables[tr.RootName()]; !ok {
			return cty.DynamicVal, function.NewArgErrorf(1, "vars map does not contain key %q, referenced at %s", tr.RootName(), tr[0].SourceRange())
		}
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	if v.IsKnown() && v.IsNull() {
		return cty.DynamicVal, errors.New("template result is null, which is not a valid result for a template")
	}
	return v, nil
}

// basenameFunc is the last element of a path.
var basenameFunc = function.New(&function.Spec{
	Description:  "Takes a string containing a filesystem path and removes all except the last portion from it.",
	Params:       []function.Parameter{{Name: "path", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(filepath.Base(args[0].AsString())), nil
	},
})

// dirnameFunc is all but the last element of a path.
var dirnameFunc = function.New(&function.Spec{
	Description:  "Takes a string containing a filesystem path and removes the last portion from it.",
	Params:       []function.Parameter{{Name: "path", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(filepath.Dir(args[0].AsString())), nil
	},
})

// pathExpandFunc replaces a leading ~ with the home directory ($HOME).
var pathExpandFunc = function.New(&function.Spec{
	Description:  "Takes a filesystem path that might begin with a `~` segment, and if so it replaces that segment with the current user's home directory path.",
	Params:       []function.Parameter{{Name: "path", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := expandHome(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(p), nil
	},
})

// expandHome expands a leading "~" or "~/" as go-homedir, which Terraform
// uses, does: "~user" is an error.
func expandHome(path string) (string, error) {
	if path == "" || path[0] != '~' {
		return path, nil
	}
	if len(path) > 1 && path[1] != '/' && path[1] != '\\' {
		return "", errors.New("cannot expand user-specific home dir")
	}
	home := os.Getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		home = h
	}
	return filepath.Join(home, path[1:]), nil
}
