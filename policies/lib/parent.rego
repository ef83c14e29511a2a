# METADATA
# title: Parent API outside the input
# description: >-
#   One rule for children (routes, stages, methods, integrations) whose API is not in the input: an api_id or
#   rest_api_id naming an API managed in another configuration, or coming from a variable or data source that
#   no API in the input can match (the model's link is then "absent"). Where the API's kind or settings decide
#   a rule's verdict, the child is judged as if its link to the API were unknown, so the finding is
#   unverifiable, never silent and never a guess.
package apigw.lib.parent

# METADATA
# scope: document
# description: >-
#   The path of an entity's link to its API (links.rest_api for REST, links.api for HTTP and WebSocket) when
#   that API is not in the input; undefined when the API is linked, or when the model cannot decide which API it is (then
#   `links.<name>` is already in `unknown`).
outside_link(entity) := "links.rest_api" if entity.links.rest_api.state == "absent"

outside_link(entity) := "links.api" if entity.links.api.state == "absent"

# METADATA
# scope: document
# description: >-
#   The entity as rules judge it: when its API is not in the input, its link to the API is marked unknown
#   (reason "outside_input"), so model.unknown and the on_possibly_* helpers treat the API's kind and settings
#   as unknown, and result.fail makes any finding that lists the link path unverifiable. Otherwise the entity.
#   Rules over routes, stages, methods and integrations iterate `some x in ...; entity := parent.judged(x)`.
judged(entity) := object.union(entity, {"unknown": {path: _outside_mark}}) if path := outside_link(entity)

judged(entity) := entity if not outside_link(entity)

# METADATA
# description: >-
#   An aws_wafv2_web_acl_association whose web ACL is not in the input (a literal ARN of an ACL managed
#   elsewhere, or an ARN from a variable or data source that no ACL in the input can match), with links.web_acl
#   marked as judged marks an API link; undefined when the ACL is in the input or may be (uncertain).
outside_web_acl(association) := object.union(association, {"unknown": {"links.web_acl": _outside_mark}}) if {
	association.links.web_acl.state == "absent"
}

# METADATA
# description: What a link path marked by this package names, as unverifiable messages say it.
described(path) := _descriptions[path]

_descriptions := {
	"links.rest_api": "the API this resource belongs to (rest_api_id)",
	"links.api": "the API this resource belongs to (api_id)",
	"links.web_acl": "the web ACL (web_acl_arn)",
}

_outside_mark := {"set": false, "reason": "outside_input", "references": [], "origins": []}
