package runaway

import rego.v1

# Ten billion pairs: no budget lets this finish.
spin := count([x |
	some a in numbers.range(1, 100000)
	some b in numbers.range(1, 100000)
	x := a * b
])
