package meshward.access_test

import rego.v1

import data.meshward.access

healthy := {"os-version": {"verdict": "pass", "reason": "ok"}}

outdated := {"os-version": {"verdict": "fail", "reason": "debian 11 is older than the required minimum 12"}}

test_engineering_reaches_servers if {
	access.allow with input as {
		"source": {"name": "a", "groups": ["engineering"], "posture": healthy},
		"destination": {"name": "b", "groups": ["servers"], "posture": healthy},
	}
}

test_quarantine_is_denied if {
	count(access.deny) == 1 with input as {
		"source": {"name": "c", "groups": ["engineering", "quarantine"], "posture": healthy},
		"destination": {"name": "b", "groups": ["servers"], "posture": healthy},
	}
}

test_outdated_os_is_not_allowed if {
	not access.allow with input as {
		"source": {"name": "a", "groups": ["engineering"], "posture": healthy},
		"destination": {"name": "b", "groups": ["servers"], "posture": outdated},
	}
}
