package apigw.lib.method_settings_test

import data.apigw.lib.method_settings
import data.apigw.lib.test.build

_settings(name, method_path, settings) := build.resource(
	"aws_api_gateway_method_settings",
	name,
	{"method_path": method_path, "settings": settings},
)

# A model with one stage linked to the given method settings.
_model(settings) := build.input_of(array.concat(
	[build.link_set(build.resource("aws_api_gateway_stage", "prod", {}), "method_settings", settings)],
	settings,
))

test_all_methods_settings_are_read if {
	every_method := _settings("all", "*/*", {"logging_level": "INFO", "metrics_enabled": true})
	model := _model([every_method])
	reading := method_settings.all_methods(model.resources.aws_api_gateway_stage[0], ["logging_level", "metrics_enabled"]) with input as model
	reading.values == [{"logging_level": "INFO", "metrics_enabled": true}]
	reading.paths == [
		"links.method_settings",
		[every_method, "method_path"], [every_method, "settings"],
		[every_method, "settings.logging_level"], [every_method, "settings.metrics_enabled"],
	]
}

test_other_method_paths_do_not_count if {
	model := _model([_settings("one", "users/GET", {"logging_level": "INFO"})])
	reading := method_settings.all_methods(model.resources.aws_api_gateway_stage[0], ["logging_level"]) with input as model
	reading.values == []
	reading.paths == ["links.method_settings"]
}

test_unset_field_reads_null if {
	model := _model([_settings("all", "*/*", {})])
	reading := method_settings.all_methods(model.resources.aws_api_gateway_stage[0], ["logging_level"]) with input as model
	reading.values == [{"logging_level": null}]
}

# The one meaning of a method_path known only after apply: it may be "*/*", so it never supplies a value (no
# pass) and its paths make a failure unverifiable (no definite finding).
test_unknown_method_path_adds_paths_but_no_value if {
	maybe := build.unknown(_settings("maybe", null, {"logging_level": "INFO"}), ["method_path"])
	model := _model([maybe])
	reading := method_settings.all_methods(model.resources.aws_api_gateway_stage[0], ["logging_level"]) with input as model
	reading.values == []
	reading.paths == ["links.method_settings", [maybe, "method_path"], [maybe, "settings"], [maybe, "settings.logging_level"]]
}
