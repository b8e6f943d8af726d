package tffunc

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// evalIn evaluates expr with Functions(opts) and the given variables.
func evalIn(t *testing.T, opts Options, vars map[string]cty.Value, expr string) (cty.Value, error) {
	t.Helper()
	x, diags := hclsyntax.ParseExpression([]byte(expr), "test", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", expr, diags)
	}
	v, diags := x.Value(&hcl.EvalContext{Functions: Functions(opts), Variables: vars})
	if diags.HasErrors() {
		return v, diags
	}
	return v, nil
}

var testVars = map[string]cty.Value{
	"us":     cty.UnknownVal(cty.String),
	"un":     cty.UnknownVal(cty.Number),
	"ub":     cty.UnknownVal(cty.Bool),
	"ud":     cty.DynamicVal,
	"ul":     cty.UnknownVal(cty.List(cty.String)),
	"ulb":    cty.UnknownVal(cty.List(cty.Bool)),
	"uln":    cty.UnknownVal(cty.List(cty.Number)),
	"um":     cty.UnknownVal(cty.Map(cty.String)),
	"uml":    cty.UnknownVal(cty.Map(cty.List(cty.String))),
	"uset":   cty.UnknownVal(cty.Set(cty.String)),
	"uprefx": cty.UnknownVal(cty.String).Refine().StringPrefix("abc").NewValue(),
	"secret": cty.StringVal("hunter2").Mark(Sensitive),
	"smap":   cty.MapVal(map[string]cty.Value{"a": cty.StringVal("x")}).Mark(Sensitive),
	"other":  cty.StringVal("o").Mark("other"),
	"tmpl":   cty.StringVal("Hi ${name}"),
	"stmpl":  cty.StringVal("Hi ${name}").Mark(Sensitive),
}

// TestUnknowns checks what each function returns, in a plan, when an
// argument is unknown: mostly an unknown of the result type, sometimes a
// known result that the unknown cannot change.
func TestUnknowns(t *testing.T) {
	tests := []struct {
		expr  string
		ty    string // typeString of the result
		known bool   // the result is known at the top level
	}{
		{"abs(un)", "number", false},
		{"abspath(us)", "string", false},
		{"alltrue(ulb)", "bool", false},
		{"alltrue([ub, false])", "bool", false}, // Terraform stops at the first unknown
		{"anytrue([ub, true])", "bool", true},
		{"anytrue(ulb)", "bool", false},
		{"base64decode(us)", "string", false},
		{"base64encode(us)", "string", false},
		{"base64gzip(us)", "string", false},
		{"base64sha256(us)", "string", false},
		{"base64sha512(us)", "string", false},
		{"basename(us)", "string", false},
		{"bcrypt(\"x\")", "string", false},
		{"can(us)", "bool", false},
		{"can(ud)", "bool", false},
		{"ceil(un)", "number", false},
		{"chomp(us)", "string", false},
		{"chunklist(ul, 2)", "list(list(string))", false},
		{"cidrhost(us, 1)", "string", false},
		{"cidrnetmask(us)", "string", false},
		{"cidrsubnet(\"10.0.0.0/8\", un, 1)", "string", false},
		{"cidrsubnets(us, 1, 2)", "list(string)", false},
		{"coalesce(us, \"a\")", "string", false},
		{"coalesce(\"a\", us)", "string", true},
		{"coalesce(ud, \"a\")", "string", false},
		{"coalescelist(ul, [\"a\"])", "dynamic", false},
		{"compact(ul)", "list(string)", false},
		{"concat(ul, [\"a\"])", "dynamic", false},
		{"concat([us], [1])", "tuple([string,number])", true},
		{"contains(ul, \"a\")", "bool", false},
		{"csvdecode(us)", "dynamic", false},
		{"dirname(us)", "string", false},
		{"distinct(ul)", "list(string)", false},
		{"element(ul, 0)", "string", false},
		{"element([\"a\"], un)", "dynamic", false},
		{"endswith(us, \"a\")", "bool", false},
		{"ephemeralasnull(us)", "string", false},
		{"file(us)", "string", false},
		{"filebase64(us)", "string", false},
		{"filebase64sha256(us)", "string", false},
		{"filebase64sha512(us)", "string", false},
		{"fileexists(us)", "bool", false},
		{"filemd5(us)", "string", false},
		{"fileset(us, \"*\")", "set(string)", false},
		{"filesha1(us)", "string", false},
		{"filesha256(us)", "string", false},
		{"filesha512(us)", "string", false},
		{"flatten(ul)", "dynamic", false},
		{"floor(un)", "number", false},
		{"format(\"%s\", us)", "string", false},
		{"format(\"%s\", ud)", "dynamic", false},
		{"formatdate(us, \"2020-01-01T00:00:00Z\")", "string", false},
		{"formatlist(\"%s\", ul)", "list(string)", false},
		{"indent(2, us)", "string", false},
		{"index(ul, \"a\")", "number", false},
		{"issensitive(us)", "bool", false},
		{"issensitive(sensitive(us))", "bool", true},
		{"join(\",\", ul)", "string", false},
		{"jsondecode(us)", "dynamic", false},
		{"jsonencode(us)", "string", false},
		{"jsonencode({a = us})", "string", false},
		{"keys(um)", "list(string)", false},
		{"length(us)", "number", false},
		{"length(ul)", "number", false},
		{"length([us, 1])", "number", true},
		{"length({a = ud})", "number", true},
		{"length(ud)", "number", false},
		{"log(un, 2)", "number", false},
		{"lookup(um, \"a\")", "string", false},
		{"lookup({a = 1}, us, 2)", "dynamic", false},
		{"lookup({a = us}, \"a\")", "string", false},
		{"lower(us)", "string", false},
		{"matchkeys(ul, [\"a\"], [\"a\"])", "list(string)", false},
		{"max(1, un)", "number", false},
		{"md5(us)", "string", false},
		{"merge(um, {a = \"b\"})", "dynamic", false},
		{"merge({a = us}, {b = 1})", "object({a: string,b: number})", true},
		{"min(un)", "number", false},
		{"nonsensitive(us)", "string", false},
		{"one(ul)", "string", false},
		{"parseint(us, 10)", "number", false},
		{"pathexpand(us)", "string", false},
		{"pow(un, 2)", "number", false},
		{"range(un)", "list(number)", false},
		{"regex(us, \"a\")", "dynamic", false},
		{"regexall(\"a\", us)", "list(string)", false},
		{"replace(us, \"a\", \"b\")", "string", false},
		{"reverse(ul)", "list(string)", false},
		{"rsadecrypt(us, \"k\")", "string", false},
		{"sensitive(us)", "string", false},
		{"setintersection(uset, [\"a\"])", "set(string)", false},
		{"setproduct(ul, [\"a\"])", "list(tuple([string,string]))", false},
		{"setsubtract(uset, [\"a\"])", "set(string)", false},
		{"setunion(uset, [\"a\"])", "set(string)", false},
		{"sha1(us)", "string", false},
		{"sha256(us)", "string", false},
		{"sha512(us)", "string", false},
		{"signum(un)", "number", false},
		{"slice(ul, 0, 1)", "list(string)", false},
		{"sort(ul)", "list(string)", false},
		{"split(\",\", us)", "list(string)", false},
		{"startswith(us, \"\")", "bool", true},
		{"startswith(uprefx, \"ab\")", "bool", true},
		{"startswith(uprefx, \"x\")", "bool", true},
		{"startswith(uprefx, \"abcd\")", "bool", false},
		{"strcontains(us, \"a\")", "bool", false},
		{"strrev(us)", "string", false},
		{"substr(us, 0, 1)", "string", false},
		{"sum(uln)", "number", false},
		{"templatefile(us, {})", "dynamic", false},
		{"templatefile(\"greeting.tmpl\", {name = us})", "string", false},
		{"templatestring(tmpl, {name = us})", "string", false},
		{"textdecodebase64(us, \"UTF-8\")", "string", false},
		{"textencodebase64(us, \"UTF-8\")", "string", false},
		{"timeadd(us, \"1h\")", "string", false},
		{"timecmp(us, \"2020-01-01T00:00:00Z\")", "number", false},
		{"timestamp()", "string", false},
		{"title(us)", "string", false},
		{"tobool(us)", "bool", false},
		{"tolist(ul)", "list(dynamic)", false},
		{"tolist(ud)", "list(dynamic)", false},
		{"tomap(um)", "map(dynamic)", false},
		{"tonumber(us)", "number", false},
		{"toset(ul)", "set(dynamic)", false},
		{"tostring(ud)", "string", false},
		{"transpose(uml)", "map(list(string))", false},
		{"trim(us, \" \")", "string", false},
		{"trimprefix(us, \"a\")", "string", false},
		{"trimspace(us)", "string", false},
		{"trimsuffix(us, \"a\")", "string", false},
		{"try(us, 1)", "dynamic", false},
		{"try(1, us)", "number", true},
		{"upper(us)", "string", false},
		{"urldecode(us)", "string", false},
		{"urlencode(us)", "string", false},
		{"uuid()", "string", false},
		{"uuidv5(\"dns\", us)", "string", false},
		{"values(um)", "list(string)", false},
		{"yamldecode(us)", "dynamic", false},
		{"yamlencode(us)", "string", false},
		{"zipmap(ul, [1])", "dynamic", false},
		{"zipmap([\"a\"], [us])", "object({a: string})", true},
	}
	opts := Options{BaseDir: filesDir, Now: testNow}
	covered := map[string]bool{}
	for _, tt := range tests {
		name, _, _ := strings.Cut(tt.expr, "(")
		covered[name] = true
		v, err := evalIn(t, opts, testVars, tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		if got := typeString(v.Type()); got != tt.ty {
			t.Errorf("%s: type %s, want %s", tt.expr, got, tt.ty)
		}
		if v.IsKnown() != tt.known {
			t.Errorf("%s = %#v: known %t, want %t", tt.expr, v, v.IsKnown(), tt.known)
		}
	}
	var missing []string
	for name := range Functions(opts) {
		if !covered[name] && name != "list" && name != "map" && name != "plantimestamp" {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no unknown-argument case for: %s", strings.Join(missing, ", "))
	}
}

// TestPlanTimestamp checks that plantimestamp is Options.Now, or unknown
// without one.
func TestPlanTimestamp(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	v, err := evalIn(t, Options{Now: now}, nil, "plantimestamp()")
	if err != nil || !v.RawEquals(cty.StringVal("2025-01-02T02:04:05Z")) {
		t.Errorf("plantimestamp() = %#v, %v", v, err)
	}
	v, err = evalIn(t, Options{}, nil, "plantimestamp()")
	if err != nil || v.IsKnown() || v.Type() != cty.String {
		t.Errorf("plantimestamp() without Now = %#v, %v; want unknown string", v, err)
	}
}

// TestMarks checks that sensitive() adds the Sensitive mark,
// nonsensitive() removes it, issensitive() reads it, and the other
// functions carry marks from arguments to results.
func TestMarks(t *testing.T) {
	tests := []struct {
		expr      string
		sensitive bool // top-level Sensitive mark on the result
		deep      bool // Sensitive mark anywhere in the result
		other     bool // the "other" mark survives
		want      cty.Value
	}{
		{expr: `sensitive("a")`, sensitive: true, deep: true, want: cty.StringVal("a")},
		{expr: `sensitive(null)`, sensitive: true, deep: true, want: cty.NullVal(cty.DynamicPseudoType)},
		{expr: `nonsensitive(secret)`, want: cty.StringVal("hunter2")},
		{expr: `nonsensitive("plain")`, want: cty.StringVal("plain")},
		{expr: `nonsensitive(sensitive(other))`, other: true, want: cty.StringVal("o")},
		{expr: `nonsensitive([secret])`, deep: true},
		{expr: `issensitive(secret)`, want: cty.True},
		{expr: `issensitive("x")`, want: cty.False},
		{expr: `issensitive([secret])`, want: cty.False},
		{expr: `issensitive(smap)`, want: cty.True},
		{expr: `upper(secret)`, sensitive: true, deep: true, want: cty.StringVal("HUNTER2")},
		{expr: `upper(other)`, other: true, want: cty.StringVal("O")},
		{expr: `length(secret)`, sensitive: true, deep: true, want: cty.NumberIntVal(7)},
		{expr: `length(smap)`, sensitive: true, deep: true, want: cty.NumberIntVal(1)},
		{expr: `lookup(smap, "a")`, sensitive: true, deep: true, want: cty.StringVal("x")},
		{expr: `lookup({a = "x"}, secret, "d")`, sensitive: true, deep: true, want: cty.StringVal("d")},
		{expr: `jsonencode([secret])`, sensitive: true, deep: true},
		{expr: `[secret, "p"]`, deep: true},
		{expr: `concat([secret], ["p"])`, deep: true},
		{expr: `coalesce(sensitive(""), "b")`, sensitive: true, deep: true, want: cty.StringVal("b")},
		{expr: `tostring(sensitive(1))`, sensitive: true, deep: true, want: cty.StringVal("1")},
		{expr: `base64decode(sensitive("eA=="))`, sensitive: true, deep: true, want: cty.StringVal("x")},
		{expr: `file(sensitive("hello.txt"))`, sensitive: true, deep: true, want: cty.StringVal("Hello World\n")},
		{expr: `filemd5(sensitive("hello.txt"))`, sensitive: true, deep: true},
		{expr: `fileexists(sensitive("hello.txt"))`, sensitive: true, deep: true, want: cty.True},
		{expr: `templatefile("greeting.tmpl", {name = secret})`, sensitive: true, deep: true, want: cty.StringVal("Hello, hunter2!")},
		{expr: `templatestring(stmpl, {name = "n"})`, sensitive: true, deep: true, want: cty.StringVal("Hi n")},
		{expr: `merge(smap, {b = "y"})`, sensitive: true, deep: true},
		{expr: `keys(smap)`, sensitive: true, deep: true},
		{expr: `element(sensitive(["a"]), 0)`, sensitive: true, deep: true, want: cty.StringVal("a")},
		{expr: `try(secret, "x")`, sensitive: true, deep: true, want: cty.StringVal("hunter2")},
		{expr: `ephemeralasnull(secret)`, sensitive: true, deep: true, want: cty.StringVal("hunter2")},
	}
	for _, tt := range tests {
		v, err := evalIn(t, Options{BaseDir: filesDir}, testVars, tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		if got := v.HasMark(Sensitive); got != tt.sensitive {
			t.Errorf("%s: top-level sensitive %t, want %t (%#v)", tt.expr, got, tt.sensitive, v)
		}
		if got := v.HasMarkDeep(Sensitive); got != tt.deep {
			t.Errorf("%s: sensitive anywhere %t, want %t (%#v)", tt.expr, got, tt.deep, v)
		}
		if got := v.HasMarkDeep("other"); got != tt.other {
			t.Errorf("%s: other mark %t, want %t", tt.expr, got, tt.other)
		}
		if tt.want != cty.NilVal {
			plain, _ := v.UnmarkDeep()
			if !plain.RawEquals(tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.expr, plain, tt.want)
			}
		}
	}
	// Error messages do not reveal sensitive values.
	for _, expr := range []string{`lookup({a = 1}, secret)`, `base64decode(sensitive("hunter2!"))`, `file(sensitive("hunter2.txt"))`} {
		_, err := evalIn(t, Options{BaseDir: filesDir}, testVars, expr)
		if err == nil {
			t.Errorf("%s: no error", expr)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error reveals the sensitive value: %v", expr, err)
		}
	}
}

// TestFileSizeLimit checks that the file functions refuse files larger
// than MaxFileSize and read one of exactly that size.
func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	makeFile := func(name string, size int64) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	makeFile("big", MaxFileSize+1)
	makeFile("limit", MaxFileSize)
	opts := Options{BaseDir: dir}
	for _, fn := range []string{"file", "filebase64", "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512"} {
		_, err := evalIn(t, opts, nil, fn+`("big")`)
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("%s(big): error %v, want the size limit", fn, err)
		}
		// An absolute path is used as given.
		_, err = evalIn(t, Options{BaseDir: "/nonexistent"}, nil, fn+`("`+filepath.ToSlash(filepath.Join(dir, "big"))+`")`)
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("%s(absolute big): error %v, want the size limit", fn, err)
		}
	}
	if _, err := evalIn(t, opts, nil, `templatefile("big", {})`); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("templatefile(big): error %v, want the size limit", err)
	}
	v, err := evalIn(t, opts, nil, `length(filemd5("limit"))`)
	if err != nil || !v.RawEquals(cty.NumberIntVal(32)) {
		t.Errorf("filemd5 of a file of exactly MaxFileSize bytes: %#v, %v", v, err)
	}
}

// TestTemplateRecursion checks that templates cannot call the template
// functions, and that templatestring templates cannot read files.
func TestTemplateRecursion(t *testing.T) {
	opts := Options{BaseDir: filesDir}
	vars := map[string]cty.Value{
		"rec":  cty.StringVal(`${templatefile("greeting.tmpl", {name = "x"})}`),
		"file": cty.StringVal(`${file("hello.txt")}`),
	}
	for _, expr := range []string{
		`templatefile("recursive.tmpl", {})`,
		`templatestring(rec, {})`,
		`templatestring(file, {})`,
	} {
		if _, err := evalIn(t, opts, vars, expr); err == nil {
			t.Errorf("%s: no error", expr)
		}
	}
	v, err := evalIn(t, opts, nil, `templatefile("func.tmpl", {name = "x", items = [1]})`)
	if err != nil || !v.RawEquals(cty.StringVal("X [1]")) {
		t.Errorf("functions inside templatefile: %#v, %v", v, err)
	}
}

// TestPathExpand checks ~ expansion against $HOME.
func TestPathExpand(t *testing.T) {
	t.Setenv("HOME", "/home/someone")
	for expr, want := range map[string]string{
		`pathexpand("~/x/y")`:  "/home/someone/x/y",
		`pathexpand("~")`:      "/home/someone",
		`pathexpand("a/~")`:    "a/~",
		`fileexists("~/nope")`: "false",
	} {
		v, err := evalIn(t, Options{}, nil, expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		got := ""
		if v.Type() == cty.Bool {
			got = map[bool]string{true: "true", false: "false"}[v.True()]
		} else {
			got = v.AsString()
		}
		if got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	if _, err := evalIn(t, Options{}, nil, `pathexpand("~other/x")`); err == nil {
		t.Error(`pathexpand("~other/x"): no error`)
	}
}

// TestAbsPath checks that abspath resolves relative paths against BaseDir.
func TestAbsPath(t *testing.T) {
	base := t.TempDir()
	v, err := evalIn(t, Options{BaseDir: base}, nil, `abspath("a/../b")`)
	if err != nil || v.AsString() != filepath.ToSlash(filepath.Join(base, "b")) {
		t.Errorf("abspath = %#v, %v", v, err)
	}
	v, err = evalIn(t, Options{BaseDir: base}, nil, `abspath("/x/./y")`)
	if err != nil || v.AsString() != "/x/y" {
		t.Errorf("abspath(absolute) = %#v, %v", v, err)
	}
}
