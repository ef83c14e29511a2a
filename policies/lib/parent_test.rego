package apigw.lib.parent_test

import data.apigw.lib.parent
import data.apigw.lib.test.build

_route := build.resource("aws_apigatewayv2_route", "r", {"api_id": "abc123"})

_method := build.resource("aws_api_gateway_method", "m", {"rest_api_id": "abc123"})

test_outside_link_of_absent_v2_api if {
	parent.outside_link(build.absent_link(_route, "api")) == "links.api"
}

test_outside_link_of_absent_rest_api if {
	parent.outside_link(build.absent_link(_method, "rest_api")) == "links.rest_api"
}

test_no_outside_link_when_resolved if {
	api := build.resource("aws_apigatewayv2_api", "a", {})
	not parent.outside_link(build.link(_route, "api", api))
}

test_no_outside_link_when_uncertain if {
	not parent.outside_link(build.uncertain_link(_route, "api"))
}

test_judged_marks_the_link_unknown if {
	judged := parent.judged(build.absent_link(_route, "api"))
	judged.unknown["links.api"] == {"set": false, "reason": "outside_input", "references": [], "origins": []}
	judged.address == _route.address
}

test_judged_keeps_other_unknown_marks if {
	route := build.unknown(build.absent_link(_route, "api"), ["authorization_type"])
	judged := parent.judged(route)
	object.keys(judged.unknown) == {"links.api", "authorization_type"}
}

test_judged_leaves_a_linked_entity_alone if {
	api := build.resource("aws_apigatewayv2_api", "a", {})
	route := build.link(_route, "api", api)
	parent.judged(route) == route
}
