// Command tfgate is a policy-as-code gate for Terraform: it checks a plan,
// a state or .tf sources against Rego policies before terraform apply.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
