# Inputs of the fixture's rest_api module. Every security knob is a variable so the root decides, per
# instance, whether the API is secure; values that come from root resources cross the module boundary.

variable "name" {
  type = string
}

variable "authorization" {
  description = "authorization of GET /items (AWS_IAM, CUSTOM, NONE, ...)."
  type        = string
}

variable "api_key_required" {
  type    = bool
  default = false
}

variable "policy" {
  description = "Resource policy JSON, or null for none."
  type        = string
  default     = null
}

variable "logging_level" {
  type = string
}

variable "data_trace_enabled" {
  type    = bool
  default = false
}

variable "caching_enabled" {
  type    = bool
  default = false
}

variable "cache_data_encrypted" {
  type    = bool
  default = false
}

variable "access_log_destination_arn" {
  description = "Log group ARN for access logs; \"\" writes the block with an empty destination."
  type        = string
}

variable "xray_tracing_enabled" {
  type = bool
}

variable "client_certificate_id" {
  type    = string
  default = null
}

variable "enable_waf" {
  description = "Whether to associate web_acl_arn with the stage (must be known at plan time: it drives count)."
  type        = bool
}

variable "web_acl_arn" {
  type    = string
  default = null
}
