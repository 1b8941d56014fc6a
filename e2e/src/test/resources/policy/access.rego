package meshward.access

import rego.v1

default allow := false

# METADATA
# custom:
#   id: engineering-to-servers
allow if {
	"engineering" in input.source.groups
	"servers" in input.destination.groups
	input.source.posture["os-version"].verdict == "pass"
	input.destination.posture["os-version"].verdict == "pass"
}

# METADATA
# custom:
#   id: servers-to-engineering
allow if {
	"servers" in input.source.groups
	"engineering" in input.destination.groups
	input.source.posture["os-version"].verdict == "pass"
	input.destination.posture["os-version"].verdict == "pass"
}

# METADATA
# custom:
#   id: quarantine
deny contains {"id": "quarantine", "reason": sprintf("%s is quarantined", [peer.name])} if {
	some peer in [input.source, input.destination]
	"quarantine" in peer.groups
}

# METADATA
# custom:
#   id: os-outdated
deny contains {"id": "os-outdated", "reason": sprintf("%s: os-version %s: %s", [peer.name, check.verdict, check.reason])} if {
	some peer in [input.source, input.destination]
	check := peer.posture["os-version"]
	check.verdict != "pass"
}
