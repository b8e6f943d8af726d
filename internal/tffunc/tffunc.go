// Package tffunc provides Terraform's built-in functions, with the results,
// errors and treatment of unknown and sensitive values that Terraform 1.11
// gives them during `terraform plan`, for evaluating Terraform sources
// statically with HCL and go-cty.
//
// Functions returns the function table for an hcl.EvalContext. Most
// functions are go-cty's standard library functions, which Terraform uses
// too; the others are written here to follow Terraform where it departs from
// go-cty or has functions go-cty lacks. The table is checked against
// `terraform console -plan` by the package's differential test (see
// testdata/expressions.txt and testdata/console.golden.json).
//
// Values marked with Sensitive are what Terraform calls sensitive values:
// sensitive() adds the mark, nonsensitive() removes it, issensitive() tests
// it, and every other function carries it from its arguments to its result.
//
// Functions whose result Terraform only knows at apply time (timestamp,
// uuid, bcrypt) return unknown values, as they do in a plan. Every function
// is wrapped so that a panic inside it becomes an error.
package tffunc

import (
	"fmt"
	"math/big"
	"time"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Options configure the functions that depend on the evaluation's context.
type Options struct {
	// BaseDir is the directory relative paths given to the file functions
	// (file, fileexists, fileset, templatefile and the file hashes) and to
	// abspath are resolved against. Terraform resolves them against its
	// working directory, the root module's directory. Empty means the
	// process's working directory.
	BaseDir string
	// Now is what plantimestamp() returns, formatted in RFC 3339 in UTC. A
	// zero Now makes plantimestamp() unknown.
	Now time.Time
}

// MaxFileSize is the largest file the file functions read: a larger file is
// an error rather than a 16 MiB string in memory.
const MaxFileSize = 16 << 20

// sensitiveMark is the type of Sensitive.
type sensitiveMark struct{}

// String returns "sensitive", the name Terraform gives the mark.
func (sensitiveMark) String() string { return "sensitive" }

// GoString returns the Go expression for the mark.
func (sensitiveMark) GoString() string { return "tffunc.Sensitive" }

// Sensitive is the value mark that makes a value sensitive, as Terraform's
// sensitive() does: sensitive() adds it, nonsensitive() removes it,
// issensitive() reports it. An evaluator recognises sensitive values with
// value.HasMark(tffunc.Sensitive) (or HasMarkDeep for nested parts) and
// marks sensitive inputs (sensitive variables, for example) with
// value.Mark(tffunc.Sensitive).
var Sensitive = sensitiveMark{}

// Functions returns Terraform's built-in functions by name, configured by
// opts. The map is new on every call and the caller may change it.
func Functions(opts Options) map[string]function.Function {
	fs := fileFuncs{baseDir: opts.BaseDir}
	funcs := map[string]function.Function{
		// Numbers.
		"abs":      stdlib.AbsoluteFunc,
		"ceil":     stdlib.CeilFunc,
		"floor":    stdlib.FloorFunc,
		"log":      stdlib.LogFunc,
		"max":      stdlib.MaxFunc,
		"min":      stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc,
		"pow":      stdlib.PowFunc,
		"signum":   stdlib.SignumFunc,
		"sum":      sumFunc,

		// Strings.
		"chomp":       stdlib.ChompFunc,
		"endswith":    endsWithFunc,
		"format":      unknownForUntyped(stdlib.FormatFunc),
		"formatlist":  unknownForUntyped(stdlib.FormatListFunc),
		"indent":      indentFunc,
		"join":        stdlib.JoinFunc,
		"lower":       stdlib.LowerFunc,
		"regex":       stdlib.RegexFunc,
		"regexall":    stdlib.RegexAllFunc,
		"replace":     replaceFunc,
		"split":       stdlib.SplitFunc,
		"startswith":  startsWithFunc,
		"strcontains": strContainsFunc,
		"strrev":      stdlib.ReverseFunc,
		"substr":      stdlib.SubstrFunc,
		"title":       stdlib.TitleFunc,
		"trim":        stdlib.TrimFunc,
		"trimprefix":  stdlib.TrimPrefixFunc,
		"trimspace":   stdlib.TrimSpaceFunc,
		"trimsuffix":  stdlib.TrimSuffixFunc,
		"upper":       stdlib.UpperFunc,

		// Collections.
		"alltrue":         allTrueFunc,
		"anytrue":         anyTrueFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        coalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        containsFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         elementFunc,
		"flatten":         stdlib.FlattenFunc,
		"index":           indexFunc,
		"keys":            stdlib.KeysFunc,
		"length":          lengthFunc,
		"list":            removedFunc("list", "tolist([ ... ])", "a literal list"),
		"lookup":          lookupFunc,
		"map":             removedFunc("map", "tomap({ ... })", "a literal map"),
		"matchkeys":       matchkeysFunc,
		"merge":           stdlib.MergeFunc,
		"one":             oneFunc,
		"range":           stdlib.RangeFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"transpose":       transposeFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,

		// Encoding.
		"base64decode":     base64DecodeFunc,
		"base64encode":     base64EncodeFunc,
		"base64gzip":       base64GzipFunc,
		"csvdecode":        stdlib.CSVDecodeFunc,
		"jsondecode":       jsonDecodeFunc,
		"jsonencode":       stdlib.JSONEncodeFunc,
		"textdecodebase64": textDecodeBase64Func,
		"textencodebase64": textEncodeBase64Func,
		"urldecode":        urlDecodeFunc,
		"urlencode":        urlEncodeFunc,
		"yamldecode":       yamlDecodeFunc,
		"yamlencode":       yamlEncodeFunc,

		// Filesystem.
		"abspath":          fs.absPathFunc(),
		"basename":         basenameFunc,
		"dirname":          dirnameFunc,
		"file":             fs.fileFunc(false),
		"filebase64":       fs.fileFunc(true),
		"filebase64sha256": fs.fileHashFunc(hashSHA256, true),
		"filebase64sha512": fs.fileHashFunc(hashSHA512, true),
		"fileexists":       fs.fileExistsFunc(),
		"filemd5":          fs.fileHashFunc(hashMD5, false),
		"fileset":          fs.fileSetFunc(),
		"filesha1":         fs.fileHashFunc(hashSHA1, false),
		"filesha256":       fs.fileHashFunc(hashSHA256, false),
		"filesha512":       fs.fileHashFunc(hashSHA512, false),
		"pathexpand":       pathExpandFunc,

		// Date and time.
		"formatdate":    stdlib.FormatDateFunc,
		"plantimestamp": planTimestampFunc(opts.Now),
		"timeadd":       stdlib.TimeAddFunc,
		"timecmp":       timeCmpFunc,
		"timestamp":     unknownAtPlan(nil, nil, cty.String),

		// Hashes and crypto.
		"base64sha256": stringHashFunc(hashSHA256, true),
		"base64sha512": stringHashFunc(hashSHA512, true),
		"bcrypt": unknownAtPlan(
			[]function.Parameter{{Name: "str", Type: cty.String}},
			&function.Parameter{Name: "cost", Type: cty.Number},
			cty.String),
		"md5":        stringHashFunc(hashMD5, false),
		"rsadecrypt": rsaDecryptFunc,
		"sha1":       stringHashFunc(hashSHA1, false),
		"sha256":     stringHashFunc(hashSHA256, false),
		"sha512":     stringHashFunc(hashSHA512, false),
		"uuid":       unknownAtPlan(nil, nil, cty.String),
		"uuidv5":     uuidV5Func,

		// Network.
		"cidrhost":    cidrHostFunc,
		"cidrnetmask": cidrNetmaskFunc,
		"cidrsubnet":  cidrSubnetFunc,
		"cidrsubnets": cidrSubnetsFunc,

		// Type conversion.
		"can":             tryfunc.CanFunc,
		"ephemeralasnull": ephemeralAsNullFunc,
		"issensitive":     isSensitiveFunc,
		"nonsensitive":    nonsensitiveFunc,
		"sensitive":       sensitiveFunc,
		"tobool":          makeToFunc(cty.Bool),
		"tolist":          makeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           makeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        makeToFunc(cty.Number),
		"toset":           makeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        makeToFunc(cty.String),
		"try":             tryfunc.TryFunc,
	}

	// The template functions see the table itself, less themselves: a
	// template cannot render another template, and templatestring's
	// templates cannot read files either.
	inTemplate := map[string]function.Function{}
	inStringTemplate := map[string]function.Function{}
	funcs["templatefile"] = fs.templateFileFunc(inTemplate)
	funcs["templatestring"] = templateStringFunc(inStringTemplate)

	for name, f := range funcs {
		funcs[name] = panicSafe(name, f)
	}
	for name, f := range funcs {
		switch {
		case name == "templatefile" || name == "templatestring":
			inTemplate[name] = refusing(f, fmt.Sprintf("cannot recursively call %s from inside another template function", name))
			inStringTemplate[name] = inTemplate[name]
		case fileSystemFuncs[name]:
			inTemplate[name] = f
			inStringTemplate[name] = refusing(f, fmt.Sprintf("cannot use filesystem access functions like %s in templatestring templates; consider passing the function result as a template variable instead", name))
		default:
			inTemplate[name] = f
			inStringTemplate[name] = f
		}
	}
	return funcs
}

// fileSystemFuncs are the functions that read the filesystem.
var fileSystemFuncs = map[string]bool{
	"abspath": true, "file": true, "filebase64": true, "filebase64sha256": true,
	"filebase64sha512": true, "fileexists": true, "filemd5": true, "fileset": true,
	"filesha1": true, "filesha256": true, "filesha512": true, "templatefile": true,
}

// refusing returns a function with f's signature that always fails with msg.
func refusing(f function.Function, msg string) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func([]cty.Value) (cty.Type, error) {
			return cty.NilType, fmt.Errorf("%s", msg)
		},
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.NilVal, fmt.Errorf("%s", msg)
		},
	})
}

// panicSafe wraps f so that a panic in its type check or implementation
// becomes an error. The wrapper declares f's parameters with every Allow
// flag set, so arguments reach f untouched and f's own handling of unknown,
// null and marked values (and its refinements) applies; the parameter types
// stay f's, so HCL converts arguments as it would for f.
func panicSafe(name string, f function.Function) function.Function {
	loosen := func(p function.Parameter) function.Parameter {
		p.AllowNull, p.AllowUnknown, p.AllowDynamicType, p.AllowMarked = true, true, true, true
		return p
	}
	params := f.Params()
	for i := range params {
		params[i] = loosen(params[i])
	}
	var varParam *function.Parameter
	if vp := f.VarParam(); vp != nil {
		l := loosen(*vp)
		varParam = &l
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    varParam,
		Type: func(args []cty.Value) (ty cty.Type, err error) {
			defer recoverTo(name, &err)
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (v cty.Value, err error) {
			defer recoverTo(name, &err)
			v, err = f.Call(args)
			if err == nil && v != cty.NilVal {
				if errs := v.Type().TestConformance(retType); errs != nil {
					return cty.NilVal, fmt.Errorf("%s returned %s, not the %s it announced", name, v.Type().FriendlyName(), retType.FriendlyName())
				}
			}
			return v, err
		},
	})
}

func recoverTo(name string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("internal error in function %s: %v", name, r)
	}
}

// restricted returns f behind a signature changed by edit, which must only
// make it stricter: the outer function machinery then rejects or
// short-circuits some calls before f sees them.
func restricted(f function.Function, edit func(p *function.Parameter)) function.Function {
	params := f.Params()
	for i := range params {
		edit(&params[i])
	}
	var varParam *function.Parameter
	if vp := f.VarParam(); vp != nil {
		edit(vp)
		varParam = vp
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    varParam,
		Type:        f.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return f.Call(args)
		},
	})
}

// unknownForUntyped makes f return an unknown value of unknown type when an
// argument is null or unknown of unknown type (such as the literal null),
// as go-cty 1.16.0's format and formatlist, which Terraform 1.11 uses, do.
func unknownForUntyped(f function.Function) function.Function {
	return restricted(f, func(p *function.Parameter) { p.AllowDynamicType = false })
}

// containsFunc is go-cty's contains without the null second argument that
// go-cty 1.18 began to accept: Terraform 1.11 rejects it.
var containsFunc = restricted(stdlib.ContainsFunc, func(p *function.Parameter) {
	if p.Name == "value" {
		p.AllowNull = false
	}
})

// maxIndent bounds indent's spaces: a larger indent would try to allocate
// an absurd string and kill the process rather than fail.
const maxIndent = 1 << 20

// indentFunc is go-cty's indent with a bound on the number of spaces.
var indentFunc = function.New(&function.Spec{
	Description: stdlib.IndentFunc.Description(),
	Params:      stdlib.IndentFunc.Params(),
	Type:        function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if n, acc := args[0].AsBigFloat().Int64(); acc == big.Exact && (n < -maxIndent || n > maxIndent) {
			return cty.NilVal, function.NewArgErrorf(0, "tfgate does not indent by more than %d spaces", maxIndent)
		}
		return stdlib.IndentFunc.Call(args)
	},
})

// removedFunc is a function Terraform removed in v0.12, which now only
// explains what to write instead.
func removedFunc(name, instead, what string) function.Function {
	msg := fmt.Sprintf("the %q function was deprecated in Terraform v0.12 and is no longer available; use %s syntax to write %s", name, instead, what)
	return function.New(&function.Spec{
		VarParam: &function.Parameter{
			Name:             "vals",
			Type:             cty.DynamicPseudoType,
			AllowUnknown:     true,
			AllowDynamicType: true,
			AllowNull:        true,
			AllowMarked:      true,
		},
		Type: func([]cty.Value) (cty.Type, error) {
			return cty.DynamicPseudoType, fmt.Errorf("%s", msg)
		},
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal, fmt.Errorf("%s", msg)
		},
	})
}

// unknownAtPlan is a function whose value Terraform only knows at apply
// time (timestamp, uuid, bcrypt): in a plan its result is unknown.
func unknownAtPlan(params []function.Parameter, varParam *function.Parameter, ret cty.Type) function.Function {
	return function.New(&function.Spec{
		Params:   params,
		VarParam: varParam,
		Type:     function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(ret), nil
		},
	})
}

// planTimestampFunc returns now, the time of the plan.
func planTimestampFunc(now time.Time) function.Function {
	return function.New(&function.Spec{
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			if now.IsZero() {
				return cty.UnknownVal(cty.String), nil
			}
			return cty.StringVal(now.UTC().Format(time.RFC3339)), nil
		},
	})
}

func refineNotNull(b *cty.RefinementBuilder) *cty.RefinementBuilder {
	return b.NotNull()
}
