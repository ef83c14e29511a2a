# METADATA
# title: Stage method settings
# description: >-
#   What the "*/*" method settings of a REST stage (aws_api_gateway_method_settings for all its methods) set,
#   with one meaning for every rule that reads them: settings whose method_path is "*/*" count; settings
#   whose method_path is known only after apply might be the "*/*" ones, so they never count as setting a
#   value (no pass) and their paths make a failure unverifiable (never a definite finding); settings for
#   other method paths do not count.
package apigw.lib.method_settings

import data.apigw.lib.model

# METADATA
# description: >-
#   A reading of settings.<field> for each of `fields` from the stage's "*/*" method settings:
#   `values` holds one object per aws_api_gateway_method_settings with method_path "*/*", field name to
#   value (null when unset or unknown); `paths` is what a failure judged on those values depends on, for
#   result.fail: the stage's link to its method settings and, for each settings resource that applies or
#   may apply to all methods, its method_path, its settings block and the fields read.
all_methods(stage, fields) := {
	"values": [{field: model.value(settings, concat(".", ["settings", field])) | some field in fields} |
		some settings in model.method_settings(stage)
		settings.values.method_path == "*/*"
	],
	"paths": array.concat(["links.method_settings"], [[settings, path] |
		some settings in model.method_settings(stage)
		_may_apply_to_all_methods(settings)
		some path in array.concat(["method_path", "settings"], [concat(".", ["settings", field]) | some field in fields])
	]),
}

_may_apply_to_all_methods(settings) if settings.values.method_path == "*/*"

_may_apply_to_all_methods(settings) if model.unknown(settings, "method_path")
