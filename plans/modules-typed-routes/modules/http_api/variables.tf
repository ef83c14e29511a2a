# Inputs of the fixture's http_api module, typed the way registry modules type them: objects whose
# optional() attributes the caller may leave out (null) or that take a default.

variable "api" {
  description = "The API: its name, protocol and, for WebSocket APIs, the route selection expression."
  type = object({
    name                       = string
    protocol_type              = optional(string, "HTTP")
    route_selection_expression = optional(string)
    description                = optional(string)
  })
}

variable "routes" {
  description = "Routes by name, each with its integration."
  type = map(object({
    route_key          = string
    authorization_type = optional(string, "NONE")
    authorizer_id      = optional(string)
    api_key_required   = optional(bool)
    integration = object({
      type            = optional(string, "HTTP_PROXY")
      uri             = string
      method          = optional(string, "ANY")
      connection_type = optional(string, "INTERNET")
      connection_id   = optional(string)
      timeout_ms      = optional(number, 29000)
      tls_config = optional(object({
        server_name_to_verify = optional(string)
      }))
    })
  }))
  default = {}
}

variable "stage" {
  description = "The stage: access logs and default route settings (throttling, metrics, logging)."
  type = object({
    name                       = optional(string, "$default")
    auto_deploy                = optional(bool, true)
    access_log_destination_arn = optional(string)
    access_log_format          = optional(string, "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"caller\":\"$context.identity.caller\",\"user\":\"$context.identity.user\",\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\"}")
    default_route_settings = optional(object({
      throttling_burst_limit   = optional(number, 50)
      throttling_rate_limit    = optional(number, 25)
      detailed_metrics_enabled = optional(bool, false)
      data_trace_enabled       = optional(bool, false)
      logging_level            = optional(string)
    }), {})
  })
  default = {}
}
