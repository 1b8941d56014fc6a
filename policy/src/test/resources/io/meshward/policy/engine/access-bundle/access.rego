# METADATA
# title: Meshward connection policy (test bundle)
package meshward.access

import rego.v1

default allow := false

# METADATA
# title: Group pairs from data may connect
# custom:
#   id: group-pair
allow if {
	some pair in data.meshward.pairs
	pair.from in input.source.groups
	pair.to in input.destination.groups
	count(deny) == 0
}

# METADATA
# title: Admins with a healthy OS reach anything not quarantined
# custom:
#   id: admin-healthy-os
allow if {
	"admins" in input.source.groups
	input.source.posture["os-version"].verdict == "pass"
	count(deny) == 0
}

deny contains "source device fails the os-version posture check" if {
	input.source.posture["os-version"].verdict == "fail"
}

deny contains "destination is quarantined" if {
	"quarantine" in input.destination.groups
}
