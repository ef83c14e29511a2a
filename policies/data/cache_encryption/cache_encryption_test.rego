package apigw.rules.data.cache_encryption_test

import data.apigw.lib.result
import data.apigw.rules.data.cache_encryption as rule

_settings(address, settings, unknown) := {
	"address": address,
	"values": {"method_path": "*/*", "settings": settings},
	"unknown": unknown,
}

_input(all_settings) := {"resources": {"aws_api_gateway_method_settings": all_settings}}

_unknown(path) := {path: {"set": true, "reason": "after_apply", "references": ["terraform_data.flag.output"]}}

_address := "aws_api_gateway_method_settings.m"

test_fail_cache_unencrypted if {
	settings := _settings(_address, {"caching_enabled": true, "cache_data_encrypted": false}, {})
	findings := result.objects(rule.deny) with input as _input([settings])
	findings == {{
		"rule_id": "APIGW-501",
		"severity": "medium",
		"address": "aws_api_gateway_method_settings.m",
		"message": "Method settings aws_api_gateway_method_settings.m enable response caching without settings.cache_data_encrypted = true, so cached responses are stored unencrypted at rest.",
		"unknown": false,
	}}
}

test_fail_cache_encryption_unset if {
	settings := _settings(_address, {"caching_enabled": true, "cache_data_encrypted": null}, {})
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.severity == "medium"
	finding.unknown == false
}

test_fail_only_unencrypted_caches_reported if {
	all_settings := [
		_settings("aws_api_gateway_method_settings.encrypted", {"caching_enabled": true, "cache_data_encrypted": true}, {}),
		_settings("aws_api_gateway_method_settings.plain", {"caching_enabled": true, "cache_data_encrypted": false}, {}),
	]
	findings := result.objects(rule.deny) with input as _input(all_settings)
	{f.address | some f in findings} == {"aws_api_gateway_method_settings.plain"}
}

test_pass_cache_encrypted if {
	settings := _settings(_address, {"caching_enabled": true, "cache_data_encrypted": true}, {})
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_caching_disabled if {
	settings := _settings(_address, {"caching_enabled": false, "cache_data_encrypted": false}, {})
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_caching_unset if {
	settings := _settings(_address, {"logging_level": "INFO", "caching_enabled": null, "cache_data_encrypted": null}, {})
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_no_settings_block if {
	count(rule.deny) == 0 with input as _input([_settings(_address, null, {})])
}

test_pass_caching_disabled_encryption_unknown if {
	unknown := _unknown("settings.cache_data_encrypted")
	settings := _settings(_address, {"caching_enabled": false, "cache_data_encrypted": null}, unknown)
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_caching_unknown_but_encrypted if {
	unknown := _unknown("settings.caching_enabled")
	settings := _settings(_address, {"caching_enabled": null, "cache_data_encrypted": true}, unknown)
	count(rule.deny) == 0 with input as _input([settings])
}

test_unknown_encryption_is_unverifiable if {
	unknown := _unknown("settings.cache_data_encrypted")
	settings := _settings(_address, {"caching_enabled": true, "cache_data_encrypted": null}, unknown)
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know settings.cache_data_encrypted before apply")
}

test_unknown_caching_unencrypted_is_unverifiable if {
	unknown := _unknown("settings.caching_enabled")
	settings := _settings(_address, {"caching_enabled": null, "cache_data_encrypted": false}, unknown)
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know settings.caching_enabled before apply")
}

test_unknown_both_is_unverifiable if {
	unknown := object.union(_unknown("settings.caching_enabled"), _unknown("settings.cache_data_encrypted"))
	settings := _settings(_address, {"caching_enabled": null, "cache_data_encrypted": null}, unknown)
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_settings_block_is_unverifiable if {
	unknown := {"settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input([_settings(_address, null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
