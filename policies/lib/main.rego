# The engine's single entry point. It gathers what every rule package under
# tfgate.rules reports; Go turns the raw entries into results and checks
# their shape, so a malformed entry is an error rather than a lost finding.
package tfgate.main

findings contains {"package": name, "status": "fail", "finding": f} if {
	some name
	some f in data.tfgate.rules[name].deny
}

findings contains {"package": name, "status": "unknown", "finding": f} if {
	some name
	some f in data.tfgate.rules[name].unknown
}
