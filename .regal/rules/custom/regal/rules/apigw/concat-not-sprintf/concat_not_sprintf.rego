# METADATA
# description: >-
#   Built-in rules build text with concat (and json.marshal for integers, see marshal-not-format-int), not
#   sprintf. sprintf is the one builtin @open-policy-agent/opa-wasm runs in JavaScript instead of in the
#   compiled policy: each call dumps its arguments to JSON, parses them in JavaScript and loads the result
#   back, which was 14% of an evaluation's time when every finding message was written with it. Rego tests,
#   which are not compiled, may use it.
# schemas:
#   - input: schema.regal.ast
package custom.regal.rules.apigw["concat-not-sprintf"]

import data.regal.result

report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")

	walk(input.rules, [_, term])
	term.type == "call"
	term.value[0].type == "ref"
	term.value[0].value[0].value == "sprintf"
	count(term.value[0].value) == 1

	violation := result.fail(rego.metadata.chain(), result.location(term))
}
