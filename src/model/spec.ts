/**
 * How each Terraform resource type becomes a model entity: which attributes are kept, which nested blocks
 * occur at most once (and become an object instead of a list), and which attributes are renamed.
 * The entity types in ./types.ts mirror this table; the model schema test checks that they agree.
 */
import type { ResourceType } from "./types";

/** A nested block kept as a list (it may repeat): the attributes kept in each element, and its own blocks. */
export interface ListBlockSpec {
  attributes: readonly string[];
  listBlocks?: Readonly<Record<string, ListBlockSpec>>;
}

export interface TypeSpec {
  /** Top-level attributes copied as they are (null when absent). */
  attributes: readonly string[];
  /** Nested blocks with at most one element: block name → attributes kept inside it. */
  singleBlocks?: Readonly<Record<string, readonly string[]>>;
  /** Nested blocks that may repeat, kept as lists of normalized objects. */
  listBlocks?: Readonly<Record<string, ListBlockSpec>>;
  /** Model attribute name → Terraform attribute names it is read from, first present wins. */
  renamed?: Readonly<Record<string, readonly string[]>>;
  /** Attributes holding an IAM policy JSON string, parsed into `<attribute>_document`. */
  policies?: readonly string[];
  /**
   * Optional+computed attributes that another resource can write: a known value counts only when this
   * resource's configuration sets it (`aws_api_gateway_rest_api.policy` reads back the policy an
   * `aws_api_gateway_rest_api_policy` attached, which would otherwise look like a second, inline policy).
   */
  configuredOnly?: readonly string[];
  /**
   * Policy attributes the provider requires: a known empty string there means the provider could not read
   * the configured document as a policy (it normalizes unreadable policy JSON to "").
   */
  requiredPolicies?: readonly string[];
  /** Attributes holding an OpenAPI document (JSON or YAML), parsed into `<attribute>_document`. */
  openapi?: readonly string[];
  /**
   * Values the model derives from Terraform attributes it does not keep as they are: derived name →
   * the Terraform attribute it comes from (an unknown source makes the derived value unknown).
   */
  derived?: Readonly<Record<string, string>>;
  /**
   * Single blocks the provider computes when configuration leaves them out: unknown at plan time but unset.
   * Any other single block that is unknown with no configuration is a `dynamic` block (Terraform leaves
   * dynamic blocks out of the plan's configuration), so its content is genuinely unknown.
   */
  computedBlocks?: readonly string[];
}

const ENDPOINT_CONFIGURATION = ["types", "vpc_endpoint_ids"] as const;
const MUTUAL_TLS = ["truststore_uri", "truststore_version"] as const;

export const SPECS: Readonly<Record<ResourceType, TypeSpec>> = {
  aws_api_gateway_rest_api: {
    attributes: ["id", "name", "body", "policy", "disable_execute_api_endpoint", "execution_arn", "root_resource_id", "api_key_source", "tags"],
    singleBlocks: { endpoint_configuration: ENDPOINT_CONFIGURATION },
    computedBlocks: ["endpoint_configuration"],
    policies: ["policy"],
    configuredOnly: ["policy"],
    openapi: ["body"],
  },
  aws_api_gateway_rest_api_policy: {
    attributes: ["id", "rest_api_id", "policy"],
    policies: ["policy"],
    requiredPolicies: ["policy"],
  },
  aws_api_gateway_stage: {
    attributes: [
      "id",
      "arn",
      "rest_api_id",
      "stage_name",
      "deployment_id",
      "xray_tracing_enabled",
      "client_certificate_id",
      "web_acl_arn",
      "cache_cluster_enabled",
      "variables",
      "tags",
    ],
    singleBlocks: { access_log_settings: ["destination_arn", "format"] },
  },
  aws_api_gateway_method_settings: {
    attributes: ["id", "rest_api_id", "stage_name", "method_path"],
    singleBlocks: {
      settings: [
        "logging_level",
        "metrics_enabled",
        "data_trace_enabled",
        "throttling_burst_limit",
        "throttling_rate_limit",
        "caching_enabled",
        "cache_ttl_in_seconds",
        "cache_data_encrypted",
        "require_authorization_for_cache_control",
        "unauthorized_cache_control_header_strategy",
      ],
    },
  },
  aws_api_gateway_method: {
    attributes: [
      "id",
      "rest_api_id",
      "resource_id",
      "http_method",
      "authorization",
      "authorizer_id",
      "authorization_scopes",
      "api_key_required",
      "request_validator_id",
      "operation_name",
    ],
  },
  aws_api_gateway_integration: {
    attributes: ["id", "rest_api_id", "resource_id", "http_method", "type", "uri", "integration_http_method", "connection_type", "connection_id"],
    singleBlocks: { tls_config: ["insecure_skip_verification"] },
  },
  aws_api_gateway_authorizer: {
    attributes: ["id", "rest_api_id", "name", "type", "authorizer_uri", "identity_source", "provider_arns", "authorizer_result_ttl_in_seconds"],
  },
  aws_api_gateway_deployment: {
    attributes: ["id", "rest_api_id", "description"],
  },
  aws_api_gateway_client_certificate: {
    attributes: ["id", "description"],
  },
  aws_api_gateway_domain_name: {
    attributes: ["id", "arn", "domain_name", "security_policy", "certificate_arn", "regional_certificate_arn"],
    singleBlocks: { endpoint_configuration: ENDPOINT_CONFIGURATION, mutual_tls_authentication: MUTUAL_TLS },
    computedBlocks: ["endpoint_configuration"],
  },
  aws_apigatewayv2_domain_name: {
    attributes: ["id", "arn", "domain_name"],
    singleBlocks: {
      domain_name_configuration: ["certificate_arn", "endpoint_type", "security_policy"],
      mutual_tls_authentication: MUTUAL_TLS,
    },
  },
  aws_api_gateway_base_path_mapping: {
    attributes: ["id", "api_id", "stage_name", "domain_name", "base_path"],
  },
  aws_wafv2_web_acl_association: {
    attributes: ["id", "resource_arn"],
    renamed: { web_acl: ["web_acl_arn"] },
  },
  aws_wafregional_web_acl_association: {
    attributes: ["id", "resource_arn"],
    renamed: { web_acl: ["web_acl_id"] },
  },
  aws_wafv2_web_acl: {
    attributes: ["id", "arn", "name", "scope"],
    derived: { managed_rule_groups: "rule", has_rate_based_rule: "rule" },
  },
  aws_wafv2_web_acl_logging_configuration: {
    attributes: ["id", "resource_arn", "log_destination_configs"],
  },
  aws_api_gateway_integration_response: {
    attributes: ["id", "rest_api_id", "status_code", "response_parameters"],
  },
  aws_api_gateway_method_response: {
    attributes: ["id", "rest_api_id", "status_code", "response_parameters"],
  },
  aws_api_gateway_gateway_response: {
    attributes: ["id", "rest_api_id", "status_code", "response_type", "response_parameters"],
  },
  aws_api_gateway_request_validator: {
    attributes: ["id", "rest_api_id", "name", "validate_request_body", "validate_request_parameters"],
  },
  aws_api_gateway_usage_plan: {
    attributes: ["id", "name"],
    singleBlocks: { throttle_settings: ["burst_limit", "rate_limit"], quota_settings: ["limit", "offset", "period"] },
    listBlocks: {
      api_stages: { attributes: ["api_id", "stage"], listBlocks: { throttle: { attributes: ["path", "burst_limit", "rate_limit"] } } },
    },
  },
  aws_api_gateway_api_key: {
    attributes: ["id", "name", "enabled", "value"],
  },
  aws_api_gateway_account: {
    attributes: ["id", "cloudwatch_role_arn"],
  },
  aws_apigatewayv2_api: {
    attributes: ["id", "name", "protocol_type", "execution_arn", "disable_execute_api_endpoint", "body"],
    singleBlocks: { cors_configuration: ["allow_origins", "allow_credentials", "allow_methods", "allow_headers"] },
    openapi: ["body"],
  },
  aws_apigatewayv2_stage: {
    attributes: ["id", "arn", "api_id", "name", "client_certificate_id", "stage_variables"],
    singleBlocks: {
      access_log_settings: ["destination_arn", "format"],
      default_route_settings: ["logging_level", "data_trace_enabled", "detailed_metrics_enabled", "throttling_burst_limit", "throttling_rate_limit"],
    },
    listBlocks: {
      route_settings: {
        attributes: [
          "route_key",
          "logging_level",
          "data_trace_enabled",
          "detailed_metrics_enabled",
          "throttling_burst_limit",
          "throttling_rate_limit",
        ],
      },
    },
  },
  aws_apigatewayv2_route: {
    attributes: ["id", "api_id", "route_key", "authorization_type", "authorizer_id", "api_key_required", "target"],
  },
  aws_apigatewayv2_integration: {
    attributes: ["id", "api_id", "integration_type", "integration_uri", "integration_method", "connection_type"],
    singleBlocks: { tls_config: ["server_name_to_verify"] },
  },
  aws_apigatewayv2_authorizer: {
    attributes: ["id", "api_id", "name", "authorizer_type"],
    singleBlocks: { jwt_configuration: ["issuer", "audience"] },
  },
  aws_apigatewayv2_api_mapping: {
    attributes: ["id", "api_id", "domain_name", "stage"],
  },
  aws_lambda_permission: {
    attributes: ["id", "action", "function_name", "principal", "source_arn"],
    derived: { source_api_id: "source_arn" },
  },
  aws_cloudwatch_log_group: {
    attributes: ["id", "arn", "name", "retention_in_days", "kms_key_id"],
  },
};

export const RESOURCE_TYPES = Object.keys(SPECS) as ResourceType[];

/** Resource types the model keeps; adapters drop everything else as early as they can. */
export const MODEL_TYPES: ReadonlySet<string> = new Set(RESOURCE_TYPES);

export function isResourceType(type: string): type is ResourceType {
  return MODEL_TYPES.has(type);
}
