# METADATA
# description: >-
#   Built-in rules write an integer as text with json.marshal, not format_int: both give its digits, but
#   opa-wasm's format_int converts the number through a decimal library, which made it most of
#   no_open_ip_condition's CPU at 10,000 API Gateway resources (policies/policy/ say so where they name
#   statements). Rego tests, which are not compiled, may use it.
# schemas:
#   - input: schema.regal.ast
package custom.regal.rules.apigw["marshal-not-format-int"]

import data.regal.result

# A call inside a term (`concat("", ["statement ", format_int(i, 10)])`, a rule's value).
report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")

	walk(input.rules, [_, term])
	term.type == "call"
	_format_int(term.value)

	violation := result.fail(rego.metadata.chain(), result.location(term))
}

# A call that is an expression of its own, with an output argument (`format_int(i, 10, text)`).
report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")

	walk(input.rules, [_, expr])
	is_array(expr.terms)
	_format_int(expr.terms)

	violation := result.fail(rego.metadata.chain(), result.location(expr))
}

_format_int(call) if {
	call[0].type == "ref"
	call[0].value[0].value == "format_int"
	count(call[0].value) == 1
}
