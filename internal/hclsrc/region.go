package hclsrc

import (
	"regexp"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// partitions are AWS's partitions by the prefix of their regions' names,
// the longest prefixes first; a standard region name with none of them is
// in "aws".
var partitions = []struct {
	prefix, partition, dnsSuffix, reverseDNS string
}{
	{"us-isob-", "aws-iso-b", "sc2s.sgov.gov", "gov.sgov.sc2s"},
	{"us-isof-", "aws-iso-f", "csp.hci.ic.gov", "gov.ic.hci.csp"},
	{"eu-isoe-", "aws-iso-e", "cloud.adc-e.uk", "uk.adc-e.cloud"},
	{"us-iso-", "aws-iso", "c2s.ic.gov", "gov.ic.c2s"},
	{"us-gov-", "aws-us-gov", "amazonaws.com", "com.amazonaws"},
	{"cn-", "aws-cn", "amazonaws.com.cn", "cn.com.amazonaws"},
}

var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)

// withRegionFacts gives the data sources that only read the provider
// configuration what they read (a plan reads them without calling AWS):
// aws_partition's partition and DNS names, aws_region's name, from the
// configuration's region when it is known. Without a known region (one
// the environment gives) they stay known only after apply.
func withRegionFacts(typ string, obj cty.Value, region cty.Value) cty.Value {
	return withAttributes(obj, func(vals map[string]cty.Value) {
		name := region
		if typ == "aws_region" {
			if v, ok := vals["name"]; ok && !v.IsNull() {
				name = v // the region it asks for
			}
		}
		if name.Type() != cty.String || name.IsMarked() || name.IsNull() || !name.IsKnown() || !regionName.MatchString(name.AsString()) {
			return
		}
		setRegionFacts(typ, name.AsString(), vals)
	})
}

// setRegionFacts sets what a region says of a data source's attributes.
func setRegionFacts(typ, r string, vals map[string]cty.Value) {
	switch typ {
	case "aws_region":
		vals["name"], vals["id"] = cty.StringVal(r), cty.StringVal(r)
	case "aws_partition":
		partition, dns, reverse := "aws", "amazonaws.com", "com.amazonaws"
		for _, p := range partitions {
			if strings.HasPrefix(r, p.prefix) {
				partition, dns, reverse = p.partition, p.dnsSuffix, p.reverseDNS
				break
			}
		}
		vals["partition"], vals["id"] = cty.StringVal(partition), cty.StringVal(partition)
		vals["dns_suffix"], vals["reverse_dns_prefix"] = cty.StringVal(dns), cty.StringVal(reverse)
	}
}
