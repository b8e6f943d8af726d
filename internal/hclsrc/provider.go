package hclsrc

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/model"
)

// providerConf is an AWS provider configuration as a module instance
// sees it: key names it as a plan's configuration does (its
// provider_config_key: "aws", "aws.logs", or "module.a:aws" for one a
// module declares itself), tags is its default_tags (cty.NilVal for
// none).
type providerConf struct {
	key  string
	tags cty.Value
	// region is the configuration's region argument, cty.NilVal when it
	// writes none (the region then comes from the environment).
	region cty.Value
}

// providers maps the names a module instance gives AWS provider
// configurations ("aws", "aws.logs") to them.
type providers map[string]providerConf

// rootProviders is what the root module starts from: the default
// configuration, with no default tags until its block says otherwise.
func rootProviders() providers {
	return providers{"aws": {key: "aws", tags: cty.NilVal}}
}

// providerName is the name a provider block gives its configuration:
// "aws", or "aws.ALIAS" with an alias.
func providerName(b *hcl.Block) string {
	name := b.Labels[0]
	if a := blockAttr(b, "alias"); a != nil {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			name += "." + v.AsString()
		}
	}
	return name
}

// evalProvider evaluates an aws provider block of a module instance: its
// key and its default tags.
func (e *evaluator) evalProvider(path model.ModulePath, b *hcl.Block, ctx *hcl.EvalContext) providerConf {
	name := providerName(b)
	conf := providerConf{key: name, tags: cty.NilVal, region: cty.NilVal}
	if len(path) > 0 {
		conf.key = path.String() + ":" + name
	}
	if a := blockAttr(b, "region"); a != nil {
		conf.region = e.value(a.Expr, ctx)
	}
	body, _, _ := b.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "default_tags"}}})
	for _, dt := range body.Blocks {
		if a := blockAttr(dt, "tags"); a != nil {
			conf.tags = e.value(a.Expr, ctx)
		}
	}
	return conf
}

// childProviders is what a module call passes down: the default
// configuration implicitly, and whatever its providers argument maps.
func childProviders(parent providers, b *hcl.Block) providers {
	child := providers{}
	if p, ok := parent["aws"]; ok {
		child["aws"] = p
	}
	a := blockAttr(b, "providers")
	if a == nil {
		return child
	}
	pairs, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		return child
	}
	for _, pair := range pairs {
		local, ok1 := traversalName(pair.Key)
		given, ok2 := traversalName(pair.Value)
		if !ok1 || !ok2 || !strings.HasPrefix(local, "aws") {
			continue
		}
		conf, ok := parent[given]
		if !ok {
			conf = providerConf{key: given, tags: cty.NilVal}
		}
		child[local] = conf
	}
	return child
}

// traversalName writes a provider reference such as aws.logs out.
func traversalName(expr hcl.Expression) (string, bool) {
	tr, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() {
		return "", false
	}
	parts, ok := traversalNames(tr)
	return strings.Join(parts, "."), ok
}

// resourceProvider is the configuration an AWS resource block uses: its
// provider argument's, else the module's default.
func resourceProvider(ps providers, path model.ModulePath, b *hcl.Block) providerConf {
	name := "aws"
	if a := blockAttr(b, "provider"); a != nil {
		if n, ok := traversalName(a.Expr); ok {
			name = n
		}
	}
	if conf, ok := ps[name]; ok {
		return conf
	}
	key := name
	if len(path) > 0 {
		key = path.String() + ":" + name
	}
	return providerConf{key: key, tags: cty.NilVal}
}

// tagged are types that take tags, whose tags_all the rules read even
// when the configuration writes no tags of their own.
var tagged = map[string]bool{"aws_iam_role": true, "aws_iam_policy": true, "aws_iam_user": true, "aws_s3_bucket": true, "aws_kms_key": true, "aws_cloudtrail": true}

// withTagsAll adds tags_all to an AWS resource's value when its provider
// has default tags: the provider's tags with the resource's own over
// them, as the provider merges them; unknown when either is. Only
// resources that write tags, or whose type the rules read tags of, get
// it: others may take no tags at all.
func withTagsAll(typ string, obj cty.Value, defaults cty.Value) cty.Value {
	if defaults == cty.NilVal {
		return obj
	}
	plain, marks := obj.Unmark()
	if !plain.IsKnown() || plain.IsNull() || !plain.Type().IsObjectType() {
		return obj
	}
	if !tagged[typ] && !plain.Type().HasAttribute("tags") {
		return obj
	}
	attrs := plain.AsValueMap()
	if attrs == nil {
		attrs = map[string]cty.Value{}
	}
	own := cty.NullVal(cty.DynamicPseudoType)
	if v, ok := attrs["tags"]; ok {
		own = v
	}
	attrs["tags_all"] = mergeTags(defaults, own)
	return cty.ObjectVal(attrs).WithMarks(marks)
}

// mergeTags merges two maps (or objects) of tags, the second's over the
// first's; unknown when either is not known.
func mergeTags(first, second cty.Value) cty.Value {
	merged := map[string]cty.Value{}
	for _, v := range []cty.Value{first, second} {
		plain, marks := v.Unmark()
		if plain.IsNull() {
			continue
		}
		if !plain.IsKnown() || !(plain.Type().IsMapType() || plain.Type().IsObjectType()) {
			return cty.DynamicVal.WithMarks(marks)
		}
		for it := plain.ElementIterator(); it.Next(); {
			k, el := it.Element()
			merged[k.AsString()] = el.WithMarks(marks)
		}
	}
	if len(merged) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(merged)
}
