# METADATA
# description: >-
#   Built-in rules do not match text with a regular expression written in the rule. opa-wasm compiles a
#   pattern at most once per evaluation, but keeps its compilations on the heap it resets after each, and the
#   engine evaluates a big model in batches of a few hundred entities: a pattern is compiled again for every
#   batch (RE2 built to WebAssembly; compiling one case-insensitive pattern was most of a rule's CPU).
#   startswith, endswith, contains, split, indexof and lower do the same work and compile nothing. A pattern
#   built at run time (from configuration, or one no string builtin can express) is not reported. Rego tests,
#   which are not compiled, may use them.
# schemas:
#   - input: schema.regal.ast
package custom.regal.rules.apigw["literal-regex"]

import data.regal.result

# A call inside a term (`x := regex.find_n(...)`, a rule's value).
report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")

	walk(input.rules, [_, term])
	term.type == "call"
	_literal_pattern(term.value)

	violation := result.fail(rego.metadata.chain(), result.location(term))
}

# A call that is an expression of its own (`regex.match(...)` in a body): its terms are the operator and arguments.
report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")

	walk(input.rules, [_, expr])
	is_array(expr.terms)
	_literal_pattern(expr.terms)

	violation := result.fail(rego.metadata.chain(), result.location(expr))
}

# A regex builtin called with a pattern written as a string: `call` is the operator's ref, then the arguments.
_literal_pattern(call) if {
	call[0].type == "ref"
	call[0].value[0].value == "regex"
	count(call[0].value) == 2
	some pattern in _patterns(call)
	pattern.type == "string"
}

# The arguments that are patterns: regex.replace(s, pattern, value) takes its pattern second; regex.globs_match
# takes two; every other regex builtin takes its pattern (or template) first.
_patterns(call) := [call[2]] if call[0].value[1].value == "replace"

_patterns(call) := [call[1], call[2]] if call[0].value[1].value == "globs_match"

_patterns(call) := [call[1]] if not call[0].value[1].value in {"replace", "globs_match"}
