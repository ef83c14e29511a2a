# METADATA
# title: policy-check entrypoint
# description: Every finding of every rule under data.apigw.rules, evaluated once over the whole model.
# entrypoint: true
package apigw.main

# METADATA
# description: The set of findings built by apigw.lib.result.
findings contains finding if {
	some family in data.apigw.rules
	some rule in family
	some finding in rule.deny
}

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
