package tffunc

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

var updateConsole = flag.Bool("update-console", false, "regenerate testdata/console.golden.json by running terraform console")

// testNow is the Now the differential test gives Functions.
var testNow = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// TestConsoleGolden evaluates every corpus expression with Functions and
// compares value, type, sensitivity and unknown-ness with what terraform
// console answered (testdata/console.golden.json). With -update-console it
// first regenerates the golden file by running terraform.
func TestConsoleGolden(t *testing.T) {
	entries := readCorpus(t)
	if *updateConsole {
		o := newOracle(t)
		start := time.Now()
		recs := o.recordAll(t, entries)
		if t.Failed() {
			t.Fatal("not writing the golden file: the oracle failed")
		}
		writeGolden(t, recs)
		t.Logf("wrote %s: %d expressions in %s", goldenPath, len(recs), time.Since(start).Round(time.Second))
	}
	golden := readGolden(t)
	if len(golden) != len(entries) {
		t.Fatalf("%s has %d records but %s has %d expressions: run with -update-console", goldenPath, len(golden), corpusPath, len(entries))
	}
	t.Setenv("HOME", fakeHome)
	ev := newEvaluator(t)
	agree, documented := 0, 0
	for i, e := range entries {
		g := golden[i]
		if g.Expr != e.Expr {
			t.Fatalf("line %d: golden record %d is for %q, not %q: run with -update-console", e.Line, i, g.Expr, e.Expr)
		}
		got := ev.record(e.Expr)
		diff := compareRecords(g, got)
		switch {
		case diff == "":
			agree++
			if e.Differs != "" {
				t.Errorf("line %d: %s\n\tmarked #! but now agrees with the console; drop the mark", e.Line, e.Expr)
			}
		case e.Differs != "":
			documented++
			t.Logf("line %d: documented difference: %s\n\t%s\n\t%s", e.Line, e.Expr, e.Differs, diff)
		default:
			t.Errorf("line %d: %s\n\t%s", e.Line, e.Expr, diff)
		}
	}
	t.Logf("agreement with terraform console: %d of %d expressions (%d documented differences)", agree, len(entries), documented)
}

var oracleAll = flag.Bool("oracle-all", false, "TestConsoleLive asks terraform console about every expression of the corpus (make oracle), not a sample")

// TestConsoleLive runs terraform console on the corpus, when terraform is
// on the PATH, and compares its answers with the golden file so that a
// drift between the recorded and the installed Terraform is caught. It
// asks about every 25th expression, which takes seconds; -oracle-all
// (make oracle) asks about all of them, which takes minutes.
func TestConsoleLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the live console run starts terraform many times")
	}
	if *updateConsole {
		t.Skip("-update-console: TestConsoleGolden has just regenerated the golden file")
	}
	o := newOracle(t)
	if out, err := o.version(); err == nil {
		t.Logf("oracle: %s", out)
	}
	entries := readCorpus(t)
	golden := readGolden(t)
	if len(golden) != len(entries) {
		t.Fatalf("%s is out of date with %s: run with -update-console", goldenPath, corpusPath)
	}
	if !*oracleAll {
		var sample []corpusEntry
		var sampleGolden []consoleRecord
		for i := 0; i < len(entries); i += 25 {
			sample = append(sample, entries[i])
			sampleGolden = append(sampleGolden, golden[i])
		}
		entries, golden = sample, sampleGolden
	}
	start := time.Now()
	live := o.recordAll(t, entries)
	same := 0
	for i := range entries {
		if diff := compareRecords(golden[i], live[i]); diff != "" {
			t.Errorf("line %d: %s: terraform console now answers differently from the golden file:\n\t%s", entries[i].Line, entries[i].Expr, diff)
			continue
		}
		same++
	}
	t.Logf("live console agrees with the golden file on %d of %d expressions (%s)", same, len(entries), time.Since(start).Round(time.Second))
}

// compareRecords describes how got differs from want, or returns "".
func compareRecords(want, got consoleRecord) string {
	wantErr, gotErr := want.Error != "", got.Error != ""
	switch {
	case wantErr && gotErr:
		return ""
	case wantErr:
		return fmt.Sprintf("console failed (%s) but tfgate returned %s of type %s", want.Error, describe(got), got.Type)
	case gotErr:
		return fmt.Sprintf("console returned %s of type %s but tfgate failed: %s", describe(want), want.Type, got.Error)
	}
	var diffs []string
	if want.Type != got.Type {
		diffs = append(diffs, fmt.Sprintf("type: console %s, tfgate %s", want.Type, got.Type))
	}
	if want.Sensitive != got.Sensitive {
		diffs = append(diffs, fmt.Sprintf("sensitive: console %t, tfgate %t", want.Sensitive, got.Sensitive))
	}
	if want.Unknown != got.Unknown {
		diffs = append(diffs, fmt.Sprintf("value: console %s, tfgate %s", describe(want), describe(got)))
	} else if want.Unknown {
		if want.Console != got.Console {
			diffs = append(diffs, fmt.Sprintf("value: console %s, tfgate %s", want.Console, got.Console))
		}
	} else if !jsonEqual(want.Value, got.Value) {
		diffs = append(diffs, fmt.Sprintf("value: console %s, tfgate %s", want.Value, got.Value))
	}
	return strings.Join(diffs, "; ")
}

func describe(r consoleRecord) string {
	if r.Unknown {
		return "unknown " + strconv.Quote(r.Console)
	}
	return string(r.Value)
}

// jsonEqual compares two JSON texts exactly, ignoring layout only.
func jsonEqual(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return ca.String() == cb.String()
}

// evaluator evaluates corpus expressions the way the console does, with
// Functions and the two objects the console configuration declares.
type evaluator struct {
	ctx *hcl.EvalContext
}

func newEvaluator(t testing.TB) *evaluator {
	t.Helper()
	funcs := Functions(Options{BaseDir: filesDir, Now: testNow})
	ctx := &hcl.EvalContext{Functions: funcs, Variables: map[string]cty.Value{}}
	// terraform_data.u is planned for creation: its output, which has the
	// type of its input, is known only after apply.
	ctx.Variables["terraform_data"] = cty.ObjectVal(map[string]cty.Value{
		"u": cty.ObjectVal(map[string]cty.Value{
			"input":  cty.StringVal("x"),
			"output": cty.UnknownVal(cty.String),
		}),
	})
	ctx.Variables["local"] = readLocals(t, ctx)
	return &evaluator{ctx: ctx}
}

// readLocals evaluates the locals block of testdata/files/main.tf.
func readLocals(t testing.TB, ctx *hcl.EvalContext) cty.Value {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(filesDir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	file, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	locals := map[string]cty.Value{}
	for _, block := range file.Body.(*hclsyntax.Body).Blocks {
		if block.Type != "locals" {
			continue
		}
		for name, attr := range block.Body.Attributes {
			v, diags := attr.Expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatalf("local.%s: %s", name, diags)
			}
			locals[name] = v
		}
	}
	return cty.ObjectVal(locals)
}

func (ev *evaluator) eval(expr string) (cty.Value, error) {
	x, diags := hclsyntax.ParseExpression([]byte(expr), "<console-input>", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	v, diags := x.Value(ev.ctx)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return v, nil
}

// record evaluates expr and describes the result as the oracle would.
func (ev *evaluator) record(expr string) consoleRecord {
	rec := consoleRecord{Expr: expr}
	v, err := ev.eval(expr)
	if err != nil {
		rec.Error = err.Error()
		return rec
	}
	rec.Type = typeString(v.Type())
	rec.Sensitive = v.HasMarkDeep(Sensitive)
	if !v.IsWhollyKnown() {
		// The console shows an unknown value as "(known after apply)"
		// whether or not it is sensitive, so only the sensitive parts it
		// can show are compared.
		rec.Unknown = true
		rec.Console = formatValue(v, 0)
		rec.Sensitive = strings.Contains(rec.Console, sensitiveOp)
		return rec
	}
	plain, _ := v.UnmarkDeep()
	b, err := ctyjson.Marshal(plain, plain.Type())
	if err != nil {
		rec.Error = "jsonencode: " + err.Error()
		return rec
	}
	rec.Value = b
	return rec
}

// typeString renders a type as normalizeType renders the console's type().
func typeString(ty cty.Type) string {
	switch {
	case ty == cty.DynamicPseudoType:
		return "dynamic"
	case ty.IsPrimitiveType():
		return ty.FriendlyName()
	case ty.IsListType():
		return "list(" + typeString(ty.ElementType()) + ")"
	case ty.IsSetType():
		return "set(" + typeString(ty.ElementType()) + ")"
	case ty.IsMapType():
		return "map(" + typeString(ty.ElementType()) + ")"
	case ty.IsTupleType():
		var parts []string
		for _, et := range ty.TupleElementTypes() {
			parts = append(parts, typeString(et))
		}
		return "tuple([" + strings.Join(parts, ",") + "])"
	case ty.IsObjectType():
		names := make([]string, 0, len(ty.AttributeTypes()))
		for n := range ty.AttributeTypes() {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			parts = append(parts, n+": "+typeString(ty.AttributeType(n)))
		}
		return "object({" + strings.Join(parts, ",") + "})"
	}
	return ty.GoString()
}

// formatValue renders a value the way terraform console prints it; it is
// used only to compare partly unknown results.
func formatValue(v cty.Value, indent int) string {
	if !v.IsKnown() {
		return knownAfter
	}
	if v.HasMark(Sensitive) {
		return sensitiveOp
	}
	v, _ = v.Unmark()
	ty := v.Type()
	if v.IsNull() {
		switch {
		case ty == cty.DynamicPseudoType:
			return "null"
		case ty == cty.String:
			return "tostring(null)"
		case ty == cty.Number:
			return "tonumber(null)"
		case ty == cty.Bool:
			return "tobool(null)"
		case ty.IsListType():
			return "tolist(null) /* of " + ty.ElementType().FriendlyName() + " */"
		case ty.IsSetType():
			return "toset(null) /* of " + ty.ElementType().FriendlyName() + " */"
		case ty.IsMapType():
			return "tomap(null) /* of " + ty.ElementType().FriendlyName() + " */"
		default:
			return "null /* " + ty.FriendlyName() + " */"
		}
	}
	pad := strings.Repeat(" ", indent+2)
	switch {
	case ty == cty.String:
		s := v.AsString()
		if lines := strings.Split(s, "\n"); len(lines) > 1 {
			op := "<<"
			if indent > 0 {
				op = "<<-"
			}
			var b strings.Builder
			b.WriteString(op + "EOT")
			for _, l := range lines {
				b.WriteString("\n" + strings.Repeat(" ", indent) + l)
			}
			b.WriteString("\n" + strings.Repeat(" ", indent) + "EOT")
			return b.String()
		}
		return strconv.Quote(s)
	case ty == cty.Number:
		return v.AsBigFloat().Text('f', -1)
	case ty == cty.Bool:
		return strconv.FormatBool(v.True())
	case ty.IsObjectType() || ty.IsMapType():
		var b strings.Builder
		b.WriteString("{")
		n := 0
		for it := v.ElementIterator(); it.Next(); n++ {
			k, ev := it.Element()
			b.WriteString("\n" + pad + strconv.Quote(k.AsString()) + " = " + formatValue(ev, indent+2))
		}
		if n > 0 {
			b.WriteString("\n" + strings.Repeat(" ", indent))
		}
		b.WriteString("}")
		if ty.IsMapType() {
			return "tomap(" + b.String() + ")"
		}
		return b.String()
	default:
		var b strings.Builder
		b.WriteString("[")
		n := 0
		for it := v.ElementIterator(); it.Next(); n++ {
			_, ev := it.Element()
			b.WriteString("\n" + pad + formatValue(ev, indent+2) + ",")
		}
		if n > 0 {
			b.WriteString("\n" + strings.Repeat(" ", indent))
		}
		b.WriteString("]")
		switch {
		case ty.IsListType():
			return "tolist(" + b.String() + ")"
		case ty.IsSetType():
			return "toset(" + b.String() + ")"
		}
		return b.String()
	}
}
