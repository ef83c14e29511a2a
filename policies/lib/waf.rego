# METADATA
# title: Stage WAF
# description: >-
#   Which web ACLs guard REST stages, from both sides of the association: whether a stage has a web ACL, and
#   which stages a WAFv2 web ACL guards. Each helper that decides comes with the paths its answer depends on,
#   for result.fail, so an association the plan cannot place makes a finding unverifiable.
package apigw.lib.waf

import data.apigw.lib.model

# METADATA
# description: >-
#   Whether a REST stage has a web ACL: `guarded` when an aws_wafv2_web_acl_association or
#   aws_wafregional_web_acl_association targets it or its web_acl_arn is set; `paths`, what "no web ACL"
#   depends on (an association that might target it, a web_acl_arn known only after apply).
stage_web_acl(stage) := {
	"guarded": _stage_guarded(stage),
	"paths": ["links.wafv2_associations", "links.wafregional_associations", "web_acl_arn"],
}

default _stage_guarded(_) := false

_stage_guarded(stage) if count(stage.links.wafv2_associations.targets) > 0

_stage_guarded(stage) if count(stage.links.wafregional_associations.targets) > 0

_stage_guarded(stage) if not model.value(stage, "web_acl_arn") in {null, ""}

# METADATA
# description: The addresses of the REST stages a WAFv2 web ACL certainly guards, through its associations.
acl_stages(acl) := [association.links.stage.target |
	some association in model.web_acl_associations(acl)
	association.links.stage.state == "resolved"
]

# METADATA
# scope: document
# description: >-
#   True when a WAFv2 web ACL guards a REST stage in the input, or may: an association might be the ACL's,
#   or one of its associations might target a stage.
possibly_guards_stage(acl) if count(acl_stages(acl)) > 0

possibly_guards_stage(acl) if acl.links.associations.uncertain

possibly_guards_stage(acl) if {
	some association in model.web_acl_associations(acl)
	association.links.stage.state == "uncertain"
}

# METADATA
# scope: document
# description: >-
#   What possibly_guards_stage depends on, for result.fail: nothing when a stage is certainly guarded, else
#   the ACL's associations and the stage link of each.
acl_stage_paths(acl) := [] if count(acl_stages(acl)) > 0

acl_stage_paths(acl) := array.concat(
	["links.associations"],
	[[association, "links.stage"] | some association in model.web_acl_associations(acl)],
) if {
	count(acl_stages(acl)) == 0
}

# METADATA
# description: The aws_wafv2_web_acl_logging_configuration resources whose resource_arn is a WAFv2 web ACL.
logging_configurations(acl) := model.linked(acl, "logging_configurations", "aws_wafv2_web_acl_logging_configuration")
