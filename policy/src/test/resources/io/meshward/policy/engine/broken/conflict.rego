package broken

import rego.v1

# Two values for one complete rule: an evaluation-time conflict.
level := "low" if input.a
level := "high" if input.b
