# METADATA
# title: policy-check entrypoint
# description: Every finding of every rule under data.apigw.rules, evaluated once over the whole model.
# entrypoint: true
package apigw.main

# METADATA
# description: >-
#   Every finding of every rule package's deny set (built by apigw.lib.result). An array, not a set: the
#   compiled policy hashes a whole finding on every set insertion, and the engine sorts the findings and
#   drops duplicates itself (src/engine/engine.ts mergeFindings). The deny sets are named by reference, not
#   by iterating each rule package as a value, which would evaluate every rule of the package, not only deny.
findings := [finding | finding := data.apigw.rules[_][_].deny[_]]

# METADATA
# description: >-
#   Rule parameters the configuration sets to values a rule cannot use (each rule's invalid_params set,
#   built with data.apigw.lib.model.invalid_regex_param): evaluated by the CLI before judging, which refuses
#   the configuration instead of letting the rule fall back to its default.
invalid_params contains problem if {
	some family in data.apigw.rules
	some rule in family
	some problem in rule.invalid_params
}
