# The engine's single entry point. It gathers what every rule package under
# tfgate.rules reports in its deny, unknown and pass sets; Go turns the raw
# entries into results and checks their shape, so a malformed entry is an
# error rather than a lost finding. A pass entry makes a resource the rule
# does not name in resource_types applicable, with a message saying why it
# passed; deny and unknown outweigh it.
package tfgate.main

findings contains {"package": name, "status": "fail", "finding": f} if {
	some name
	some f in data.tfgate.rules[name].deny
}

findings contains {"package": name, "status": "unknown", "finding": f} if {
	some name
	some f in data.tfgate.rules[name].unknown
}

findings contains {"package": name, "status": "pass", "finding": f} if {
	some name
	some f in data.tfgate.rules[name].pass
}
