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
