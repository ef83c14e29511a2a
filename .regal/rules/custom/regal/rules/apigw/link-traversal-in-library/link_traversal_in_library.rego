# METADATA
# description: >-
#   Rules follow links only through library helpers: a reference to a link's `.indices` (a link set) or
#   `.index` (a forward link) outside policies/lib/ is reported. The library owns link traversal and what
#   a link known only after apply means, so every rule reading the same related resources reads them alike
#   (policies/lib/model.rego: linked, method_settings, rest_api_policies, ...).
# schemas:
#   - input: schema.regal.ast
package custom.regal.rules.apigw["link-traversal-in-library"]

import data.regal.result

report contains violation if {
	not _in_library(input.regal.file.name)

	walk(input.rules, [_, term])
	term.type == "ref"
	_follows_link(term.value)

	violation := result.fail(rego.metadata.chain(), result.location(term))
}

_in_library(file) if regex.match(`(^|/)policies/lib/`, file)

# x.links.<name>.indices or x.links.<name>.index, the name written or computed.
_follows_link(ref) if {
	some i, part in ref
	part.type == "string"
	part.value == "links"
	ref[i + 2].type == "string"
	ref[i + 2].value in {"indices", "index"}
}
