/**
 * The typed model of API Gateway resources: the only contract between the TypeScript side and Rego.
 *
 * Every input adapter (plan JSON, CDKTF synth output, HCL) ends in this shape; every rule reads only this
 * shape (as `input`). `schema/model.schema.json` is generated from these types and `opa check` type-checks
 * the policies against it, so a renamed field breaks the build rather than silently passing every rule.
 *
 * Conventions:
 * - `values` keeps Terraform attribute names. Nested blocks that can appear at most once
 *   (`access_log_settings`, `settings`, `endpoint_configuration`, ...) are an object or null, not a list.
 * - A value that is not known before apply is null in `values` and has an entry in `unknown` under its
 *   dotted path (`access_log_settings.destination_arn`). An attribute absent from configuration is *unset*:
 *   null (or the provider default the plan shows) and NOT listed in `unknown`.
 * - Each resource type is a list sorted by address. Lists, not maps keyed by address, because OPA's schema
 *   checker types list elements but not the values of maps with arbitrary keys: with lists, `opa check`
 *   catches a misspelt attribute in any rule.
 * - Links between resources are resolved here, never by joins in Rego: a link holds the target's address
 *   (for messages) and its position in the target type's list (for a typed O(1) lookup in Rego). A link the
 *   model cannot decide is recorded in `unknown` as `links.<name>` so rules report it as unverifiable.
 * - Sensitive values are kept as they are, so rules judge the real value; `sensitive` lists their paths.
 *   Nothing a rule emits reaches output unredacted: the runner and the CLI hide every sensitive string
 *   (src/redact.ts), in findings of custom rules too.
 */

export const MODEL_VERSION = "1";

/** The resource tag, and the HCL comment prefix, that waive a rule's findings on that resource (src/config/waivers.ts). */
export const WAIVE_TAG = "policy-check:waive";

/**
 * How every placeholder for an unknown part of a partially known value starts (`known-after-apply:` and the
 * expression it stands for): adapters write it into partial texts, the model reads them (src/model/partial.ts).
 */
export const UNKNOWN_PART = "known-after-apply";

export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export type SourceKind = "plan" | "cdktf" | "hcl";

export interface SourceLocation {
  /**
   * Where the location comes from: the input itself, or (`plan+source`) a plan's resource found in its
   * `--source-dir` Terraform source.
   */
  kind: SourceKind | "plan+source";
  /**
   * The input file (plan JSON, cdk.tf.json); for HCL the `.tf` file relative to the scanned root, and for
   * `plan+source` relative to the source directory (reports join it with the run's `source_dir`).
   */
  file: string;
  /** 1-based line of the resource block, when known. */
  line?: number;
  /** CDKTF construct path (`stack/api/prod-stage`), when known. */
  construct_path?: string;
}

export interface UnknownMark {
  /**
   * True when the attribute will certainly have a value after apply: its configuration references another
   * managed resource (`aws_cloudwatch_log_group.x.arn`), or the value is known but cannot be read.
   */
  set: boolean;
  /**
   * Why it is not known: a value computed at apply time, a link the model cannot decide, or a known value
   * the model cannot read (an OpenAPI body that is not JSON or YAML, or whose `$ref` it cannot follow).
   */
  reason: "after_apply" | "link" | "unreadable";
  /** Configuration references behind the value, module-relative as written (`aws_cloudwatch_log_group.x.arn`). */
  references: string[];
  /**
   * Terraform source inputs (HCL, CDKTF): what the source cannot know that the value comes from, sorted
   * (unverifiable messages say it). Empty for plans: there the plan itself says the value is known after apply.
   */
  origins: UnknownOrigin[];
  /**
   * The text the value certainly starts with, when configuration shows one: the literal start of a template
   * (`https://` of `"https://${aws_lb.x.dns_name}/"`), or `arn:` for an attribute that is an ARN by the
   * provider schema (`aws_lb_listener.x.arn`). Rules read it through policies/lib (model.known_prefix).
   */
  prefix?: string;
}

/**
 * Why a source scan cannot know a value: a root variable without a value, a data source (read at plan
 * time), a managed resource's attribute known only after apply, an output of a module the scan does not
 * read, or an expression (a function, a directive) the evaluator does not compute.
 */
export type UnknownOrigin = "variable" | "data" | "resource" | "module" | "expression";

/** A forward link from one resource to another, resolved by the model. */
export interface Link {
  /** Address of the linked resource instance, when resolved. */
  target: string | null;
  /** Position of the linked resource in its type's list (`input.resources.<type>[index]`), when resolved. */
  index: number | null;
  /**
   * resolved: `target` is the linked resource. absent: nothing in the input can be it (for example a literal
   * ID of a resource managed elsewhere). uncertain: something in the input might be it, but the plan cannot
   * say which (then `unknown["links.<name>"]` is set too).
   */
  state: "resolved" | "absent" | "uncertain";
}

/** The reverse side of links: every resource that links here. */
export interface LinkSet {
  /** Addresses of the linking resources, sorted. */
  targets: string[];
  /** Their positions in their type's list, in the same order as `targets`. */
  indices: number[];
  /** True when some resource in the input might link here but the model cannot tell. */
  uncertain: boolean;
}

export interface EntityBase<TType extends string, TValues, TLinks> {
  /** Full Terraform address with module path and instance keys: `module.api["a"].aws_api_gateway_stage.this`. */
  address: string;
  type: TType;
  /** Resource name in configuration (`this`). */
  name: string;
  /** Module instance address (`module.api["a"]`), empty string for the root module. */
  module_address: string;
  /** `count` index or `for_each` key, null when the resource has neither. */
  index: string | number | null;
  /** Plan actions; `["delete","create"]` and `["create","delete"]` are replacements. */
  actions: PlanAction[];
  source: SourceLocation;
  values: TValues;
  /** Attributes (dotted paths) and links whose value is not known before apply. */
  unknown: Record<string, UnknownMark>;
  /** Dotted paths the input marks sensitive. Their values are real (rules judge them); output hides them. */
  sensitive: string[];
  /**
   * Dotted paths whose configuration is a literal constant (`value = "abc"`), as opposed to a reference or a
   * function of other values. Rules about secrets written into configuration use it.
   */
  literals: string[];
  links: TLinks;
  /**
   * Waivers written on the resource itself, as written: its `policy-check:waive` tag and the
   * `# policy-check:waive` comments above its block (HCL source, or a plan's `--source-dir`). The runner
   * parses them (src/config/waivers.ts); no rule reads them.
   */
  waivers: InlineWaiver[];
}

/** One inline waiver, unparsed: `APIGW-201 reason...`. */
export interface InlineWaiver {
  /** The tag's value, or the comment's text after `policy-check:waive`. */
  text: string;
  /** Where it is written, for reports: `main.tf:4`, `tag policy-check:waive on aws_api_gateway_stage.prod`. */
  where: string;
  /** A peer scanner's suppression comment (`checkov:skip=CKV_AWS_59:reason`), as written. */
  peer?: true;
}

// ---------------------------------------------------------------------------------------------------------
// Resource policies (parsed in TypeScript, never in Rego)

export interface PolicyPrincipal {
  /** `"*"` or `{"AWS": "*"}`: anyone. */
  any: boolean;
  aws: string[];
  service: string[];
  federated: string[];
}

export interface PolicyCondition {
  /** Operator as written, e.g. `StringNotEquals`, `ForAnyValue:StringLike`, `IpAddressIfExists`. */
  operator: string;
  /**
   * Operator without `ForAnyValue:`/`ForAllValues:`, `IfExists` and `IgnoreCase`, lower-cased (IAM reads operators
   * case-insensitively): `ForAnyValue:StringNotEqualsIgnoreCaseIfExists` is `stringnotequals`. Rules compare this
   * one spelling; the modifiers are in set_operator, if_exists and ignore_case.
   */
  base_operator: string;
  /** `foranyvalue` or `forallvalues` when the operator has that set prefix, else null. */
  set_operator: "foranyvalue" | "forallvalues" | null;
  /** True for an `...IfExists` operator: the condition also holds when the request lacks the key. */
  if_exists: boolean;
  /** True for an `...IgnoreCase` operator (`StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`). */
  ignore_case: boolean;
  /** Condition key as written, e.g. `aws:SourceVpce`. */
  key: string;
  /** Condition key lower-cased: IAM keys are case-insensitive. */
  key_lower: string;
  values: string[];
}

export interface PolicyStatement {
  sid: string | null;
  /** `Allow` or `Deny` (anything else makes the document invalid). */
  effect: string;
  principal: PolicyPrincipal | null;
  not_principal: PolicyPrincipal | null;
  /** Lower-cased actions (IAM actions are case-insensitive). */
  actions: string[];
  not_actions: string[];
  resources: string[];
  not_resources: string[];
  conditions: PolicyCondition[];
  /** True when the statement applies to every caller: Principal `*` or `{"AWS": "*"}`, or any NotPrincipal. */
  applies_to_everyone: boolean;
  /**
   * True when the statement applies to `execute-api:Invoke`: one of its Action patterns matches it, or it has
   * NotAction patterns and none matches it (IAM wildcards: `*` any run of characters, `?` one character).
   */
  covers_invoke: boolean;
  /**
   * True for an Allow statement that a Deny statement of the same document narrows by condition: the Deny has a
   * Condition, applies to every caller, covers `execute-api:Invoke`, and covers every resource this statement
   * names (or has `*` / `execute-api:/*`). This is the allow-list pattern (Deny unless the caller comes from
   * these IPs or VPC endpoints, then Allow everyone). Worked out here rather than in Rego: matching every
   * resource against every Deny pattern in Rego compiles a regular expression per pair.
   */
  narrowed_by_conditional_deny: boolean;
  /**
   * True for an Allow statement that an unconditional Deny of the same document overrides: the Deny has no
   * Condition, Principal `*` and no NotPrincipal, covers `execute-api:Invoke`, and covers every resource this
   * statement names (or has `*` / `execute-api:/*`). IAM evaluates an explicit Deny first, so this Allow grants
   * nothing. Worked out here for the same reason as narrowed_by_conditional_deny.
   */
  denied_unconditionally: boolean;
}

export interface PolicyDocument {
  /**
   * parsed: `statements` hold the policy. invalid: a known value that is not a policy document (`error` says
   * why). unknown: the value is known only after apply. absent: no policy on this resource.
   */
  state: "parsed" | "invalid" | "unknown" | "absent";
  error: string | null;
  statements: PolicyStatement[];
}

// ---------------------------------------------------------------------------------------------------------
// OpenAPI bodies (parsed in TypeScript)

export interface OpenApiOperation {
  /** Path as written (`/pets/{id}`). */
  path: string;
  /** Lower-case HTTP method (`get`, `post`, ..., `x-amazon-apigateway-any-method`). */
  method: string;
  /**
   * True when the operation requires authorization: its own `security`, else the document's, names at least
   * one requirement and every requirement names a scheme other than a bare API key (an empty list or an
   * empty requirement `{}` allows anonymous calls), or it carries an `x-amazon-apigateway-auth` whose type is
   * not NONE.
   */
  secured: boolean;
  /**
   * True when the operation is not secured only because a caller needs nothing but an API key: some
   * requirement names only `apiKey` schemes without `x-amazon-apigateway-authtype` or
   * `x-amazon-apigateway-authorizer` (API Gateway's `api_key_required`, not an authorizer).
   */
  api_key_only: boolean;
  /** `x-amazon-apigateway-request-validator` on the operation. */
  request_validator: string | null;
  /**
   * True when the operation accepts a request body: post, put, patch or ANY, a `requestBody`, or a Swagger 2
   * parameter `in: body` or `in: formData` (on the operation or its path item).
   */
  accepts_body: boolean;
  /**
   * The type of the operation's `x-amazon-apigateway-integration`, upper case as aws_api_gateway_integration
   * writes it (`HTTP_PROXY`, `AWS_PROXY`, `MOCK`, ...); null when the operation has none or its type is
   * not a string.
   */
  integration_type: string | null;
}

export interface OpenApiDocument {
  /**
   * parsed, unknown (known only after apply, or a known body the parser cannot read: then `error` says why
   * and `unknown.body` has reason "unreadable"), absent.
   */
  state: "parsed" | "unknown" | "absent";
  error: string | null;
  /** `openapi` (3.x) or `swagger` (2.0) version string. */
  version: string | null;
  /** Top-level `x-amazon-apigateway-request-validator`. */
  request_validator: string | null;
  operations: OpenApiOperation[];
}

// ---------------------------------------------------------------------------------------------------------
// REST APIs (API Gateway v1)

export interface EndpointConfiguration {
  types: string[] | null;
  vpc_endpoint_ids: string[] | null;
}

export interface RestApiValues {
  id: string | null;
  name: string | null;
  body: string | null;
  policy: string | null;
  disable_execute_api_endpoint: boolean | null;
  execution_arn: string | null;
  root_resource_id: string | null;
  api_key_source: string | null;
  endpoint_configuration: EndpointConfiguration | null;
  tags: Record<string, string> | null;
  /** `policy` parsed into statements. */
  policy_document: PolicyDocument;
  /** `body` parsed as OpenAPI. */
  body_document: OpenApiDocument;
  /**
   * True when the API has an HTTP or HTTP_PROXY integration (an aws_api_gateway_integration linked to it, or
   * an operation of its OpenAPI body): the backends a stage's client certificate reaches. When it is false but
   * some integration may be one (a type, a body or which API an integration belongs to is known only after
   * apply), `unknown.has_http_integration` is set. Worked out in the model (src/model/link.ts).
   */
  has_http_integration: boolean;
}

export interface RestApiLinks {
  stages: LinkSet;
  /** `aws_api_gateway_integration` resources of this API. */
  integrations: LinkSet;
  /** `aws_api_gateway_rest_api_policy` resources attached to this API. */
  policies: LinkSet;
  methods: LinkSet;
  base_path_mappings: LinkSet;
}

export type RestApi = EntityBase<"aws_api_gateway_rest_api", RestApiValues, RestApiLinks>;

export interface RestApiPolicyValues {
  id: string | null;
  rest_api_id: string | null;
  policy: string | null;
  policy_document: PolicyDocument;
}

export interface RestApiPolicyLinks {
  rest_api: Link;
}

export type RestApiPolicy = EntityBase<"aws_api_gateway_rest_api_policy", RestApiPolicyValues, RestApiPolicyLinks>;

export interface AccessLogSettings {
  destination_arn: string | null;
  format: string | null;
}

export interface RestStageValues {
  id: string | null;
  arn: string | null;
  rest_api_id: string | null;
  stage_name: string | null;
  deployment_id: string | null;
  xray_tracing_enabled: boolean | null;
  client_certificate_id: string | null;
  web_acl_arn: string | null;
  cache_cluster_enabled: boolean | null;
  variables: Record<string, string> | null;
  access_log_settings: AccessLogSettings | null;
  tags: Record<string, string> | null;
}

export interface RestStageLinks {
  rest_api: Link;
  deployment: Link;
  client_certificate: Link;
  method_settings: LinkSet;
  wafv2_associations: LinkSet;
  wafregional_associations: LinkSet;
  /** Usage plans whose `api_stages` name this stage. */
  usage_plans: LinkSet;
}

export type RestStage = EntityBase<"aws_api_gateway_stage", RestStageValues, RestStageLinks>;

export interface MethodSettingsSettings {
  logging_level: string | null;
  metrics_enabled: boolean | null;
  data_trace_enabled: boolean | null;
  throttling_burst_limit: number | null;
  throttling_rate_limit: number | null;
  caching_enabled: boolean | null;
  cache_ttl_in_seconds: number | null;
  cache_data_encrypted: boolean | null;
  require_authorization_for_cache_control: boolean | null;
  unauthorized_cache_control_header_strategy: string | null;
}

export interface MethodSettingsValues {
  id: string | null;
  rest_api_id: string | null;
  stage_name: string | null;
  method_path: string | null;
  settings: MethodSettingsSettings | null;
}

export interface MethodSettingsLinks {
  rest_api: Link;
  stage: Link;
}

export type MethodSettings = EntityBase<"aws_api_gateway_method_settings", MethodSettingsValues, MethodSettingsLinks>;

export interface MethodValues {
  id: string | null;
  rest_api_id: string | null;
  resource_id: string | null;
  http_method: string | null;
  authorization: string | null;
  authorizer_id: string | null;
  authorization_scopes: string[] | null;
  api_key_required: boolean | null;
  request_validator_id: string | null;
  operation_name: string | null;
}

export interface MethodLinks {
  rest_api: Link;
  authorizer: Link;
  request_validator: Link;
}

export type Method = EntityBase<"aws_api_gateway_method", MethodValues, MethodLinks>;

export interface IntegrationTlsConfig {
  insecure_skip_verification: boolean | null;
}

export interface IntegrationValues {
  id: string | null;
  rest_api_id: string | null;
  resource_id: string | null;
  http_method: string | null;
  type: string | null;
  uri: string | null;
  integration_http_method: string | null;
  connection_type: string | null;
  connection_id: string | null;
  tls_config: IntegrationTlsConfig | null;
}

export interface RestApiChildLinks {
  rest_api: Link;
}

export type Integration = EntityBase<"aws_api_gateway_integration", IntegrationValues, RestApiChildLinks>;

export interface AuthorizerValues {
  id: string | null;
  rest_api_id: string | null;
  name: string | null;
  type: string | null;
  authorizer_uri: string | null;
  identity_source: string | null;
  provider_arns: string[] | null;
  authorizer_result_ttl_in_seconds: number | null;
}

export type Authorizer = EntityBase<"aws_api_gateway_authorizer", AuthorizerValues, RestApiChildLinks>;

export interface DeploymentValues {
  id: string | null;
  rest_api_id: string | null;
  description: string | null;
}

export type Deployment = EntityBase<"aws_api_gateway_deployment", DeploymentValues, RestApiChildLinks>;

export interface ClientCertificateValues {
  id: string | null;
  description: string | null;
}

/** Entities that link nowhere (yet). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NoLinks {}

export type ClientCertificate = EntityBase<"aws_api_gateway_client_certificate", ClientCertificateValues, NoLinks>;

// ---------------------------------------------------------------------------------------------------------
// Custom domains

export interface MutualTlsAuthentication {
  truststore_uri: string | null;
  truststore_version: string | null;
}

export interface DomainNameValues {
  id: string | null;
  arn: string | null;
  domain_name: string | null;
  security_policy: string | null;
  certificate_arn: string | null;
  regional_certificate_arn: string | null;
  endpoint_configuration: EndpointConfiguration | null;
  mutual_tls_authentication: MutualTlsAuthentication | null;
}

export interface DomainNameLinks {
  base_path_mappings: LinkSet;
}

export type DomainName = EntityBase<"aws_api_gateway_domain_name", DomainNameValues, DomainNameLinks>;

export interface DomainNameConfiguration {
  certificate_arn: string | null;
  endpoint_type: string | null;
  security_policy: string | null;
}

export interface V2DomainNameValues {
  id: string | null;
  arn: string | null;
  domain_name: string | null;
  domain_name_configuration: DomainNameConfiguration | null;
  mutual_tls_authentication: MutualTlsAuthentication | null;
}

export interface V2DomainNameLinks {
  api_mappings: LinkSet;
}

export type V2DomainName = EntityBase<"aws_apigatewayv2_domain_name", V2DomainNameValues, V2DomainNameLinks>;

export interface BasePathMappingValues {
  id: string | null;
  api_id: string | null;
  stage_name: string | null;
  domain_name: string | null;
  base_path: string | null;
}

export interface BasePathMappingLinks {
  rest_api: Link;
  stage: Link;
  domain_name: Link;
}

export type BasePathMapping = EntityBase<"aws_api_gateway_base_path_mapping", BasePathMappingValues, BasePathMappingLinks>;

// ---------------------------------------------------------------------------------------------------------
// WAF

export interface WafAssociationValues {
  id: string | null;
  resource_arn: string | null;
  /** `web_acl_arn` (wafv2) or `web_acl_id` (wafregional). */
  web_acl: string | null;
}

export interface WafAssociationLinks {
  /** The REST API stage the association protects. */
  stage: Link;
}

export interface WafV2AssociationLinks extends WafAssociationLinks {
  /** The aws_wafv2_web_acl, when it is in the input. */
  web_acl: Link;
  /**
   * When the web ACL is not in the input: an aws_wafv2_web_acl_logging_configuration in the input whose literal
   * resource_arn is the association's literal web_acl_arn (a web ACL in the input has links.logging_configurations).
   */
  web_acl_logging: Link;
}

export type WafV2Association = EntityBase<"aws_wafv2_web_acl_association", WafAssociationValues, WafV2AssociationLinks>;
export type WafRegionalAssociation = EntityBase<"aws_wafregional_web_acl_association", WafAssociationValues, WafAssociationLinks>;

export interface WafV2WebAclValues {
  id: string | null;
  arn: string | null;
  name: string | null;
  scope: string | null;
  /** Names of every managed rule group the ACL's rules use (AWSManagedRulesCommonRuleSet, ...), at any depth. */
  managed_rule_groups: string[];
  /** True when some rule has a rate_based_statement. */
  has_rate_based_rule: boolean;
}

export interface WafV2WebAclLinks {
  associations: LinkSet;
  /** `aws_wafv2_web_acl_logging_configuration` resources whose resource_arn is this web ACL. */
  logging_configurations: LinkSet;
}

export type WafV2WebAcl = EntityBase<"aws_wafv2_web_acl", WafV2WebAclValues, WafV2WebAclLinks>;

export interface WafV2LoggingConfigurationValues {
  id: string | null;
  /** ARN of the web ACL whose requests are logged. */
  resource_arn: string | null;
  /** Kinesis Data Firehose, CloudWatch Logs log group or S3 bucket ARNs (one per configuration). */
  log_destination_configs: string[] | null;
}

export interface WafV2LoggingConfigurationLinks {
  /** The aws_wafv2_web_acl it logs, when it is in the input. */
  web_acl: Link;
}

export type WafV2LoggingConfiguration = EntityBase<
  "aws_wafv2_web_acl_logging_configuration",
  WafV2LoggingConfigurationValues,
  WafV2LoggingConfigurationLinks
>;

// ---------------------------------------------------------------------------------------------------------
// REST responses, validators, usage plans, keys, account

export interface ResponseValues {
  id: string | null;
  rest_api_id: string | null;
  status_code: string | null;
  /** Header mappings: `method.response.header.Access-Control-Allow-Origin` → `'*'` (or a boolean on method responses). */
  response_parameters: Record<string, string | boolean> | null;
}

export type IntegrationResponse = EntityBase<"aws_api_gateway_integration_response", ResponseValues, RestApiChildLinks>;
export type MethodResponse = EntityBase<"aws_api_gateway_method_response", ResponseValues, RestApiChildLinks>;

export interface GatewayResponseValues extends ResponseValues {
  response_type: string | null;
}

export type GatewayResponse = EntityBase<"aws_api_gateway_gateway_response", GatewayResponseValues, RestApiChildLinks>;

export interface RequestValidatorValues {
  id: string | null;
  rest_api_id: string | null;
  name: string | null;
  validate_request_body: boolean | null;
  validate_request_parameters: boolean | null;
}

export type RequestValidator = EntityBase<"aws_api_gateway_request_validator", RequestValidatorValues, RestApiChildLinks>;

export interface ThrottleSettings {
  burst_limit: number | null;
  rate_limit: number | null;
}

export interface UsagePlanApiStage {
  api_id: string | null;
  stage: string | null;
  throttle: Array<ThrottleSettings & { path: string | null }>;
}

export interface UsagePlanValues {
  id: string | null;
  name: string | null;
  api_stages: UsagePlanApiStage[];
  throttle_settings: ThrottleSettings | null;
  quota_settings: { limit: number | null; offset: number | null; period: string | null } | null;
}

export interface UsagePlanLinks {
  /** The REST stages named by `api_stages`, resolved. */
  stages: LinkSet;
}

export type UsagePlan = EntityBase<"aws_api_gateway_usage_plan", UsagePlanValues, UsagePlanLinks>;

export interface ApiKeyValues {
  id: string | null;
  name: string | null;
  enabled: boolean | null;
  /** Sensitive (the provider marks it so): judged, never printed; whether it is a literal is in `literals`. */
  value: string | null;
}

export type ApiKey = EntityBase<"aws_api_gateway_api_key", ApiKeyValues, NoLinks>;

export interface AccountValues {
  id: string | null;
  cloudwatch_role_arn: string | null;
}

export type Account = EntityBase<"aws_api_gateway_account", AccountValues, NoLinks>;

// ---------------------------------------------------------------------------------------------------------
// HTTP and WebSocket APIs (API Gateway v2)

export interface CorsConfiguration {
  allow_origins: string[] | null;
  allow_credentials: boolean | null;
  allow_methods: string[] | null;
  allow_headers: string[] | null;
}

export interface V2ApiValues {
  id: string | null;
  name: string | null;
  /** HTTP or WEBSOCKET. */
  protocol_type: string | null;
  execution_arn: string | null;
  disable_execute_api_endpoint: boolean | null;
  body: string | null;
  cors_configuration: CorsConfiguration | null;
  body_document: OpenApiDocument;
}

export interface V2ApiLinks {
  stages: LinkSet;
  routes: LinkSet;
  api_mappings: LinkSet;
}

export type V2Api = EntityBase<"aws_apigatewayv2_api", V2ApiValues, V2ApiLinks>;

export interface RouteSettings {
  logging_level: string | null;
  data_trace_enabled: boolean | null;
  detailed_metrics_enabled: boolean | null;
  throttling_burst_limit: number | null;
  throttling_rate_limit: number | null;
}

export interface V2StageValues {
  id: string | null;
  arn: string | null;
  api_id: string | null;
  name: string | null;
  client_certificate_id: string | null;
  stage_variables: Record<string, string> | null;
  access_log_settings: AccessLogSettings | null;
  default_route_settings: RouteSettings | null;
  route_settings: Array<RouteSettings & { route_key: string | null }>;
}

export interface V2ApiChildLinks {
  api: Link;
}

export type V2Stage = EntityBase<"aws_apigatewayv2_stage", V2StageValues, V2ApiChildLinks>;

export interface V2RouteValues {
  id: string | null;
  api_id: string | null;
  route_key: string | null;
  authorization_type: string | null;
  authorizer_id: string | null;
  api_key_required: boolean | null;
  target: string | null;
}

export interface V2RouteLinks {
  api: Link;
  authorizer: Link;
}

export type V2Route = EntityBase<"aws_apigatewayv2_route", V2RouteValues, V2RouteLinks>;

export interface V2IntegrationValues {
  id: string | null;
  api_id: string | null;
  integration_type: string | null;
  integration_uri: string | null;
  integration_method: string | null;
  connection_type: string | null;
  tls_config: { server_name_to_verify: string | null } | null;
}

export type V2Integration = EntityBase<"aws_apigatewayv2_integration", V2IntegrationValues, V2ApiChildLinks>;

export interface V2AuthorizerValues {
  id: string | null;
  api_id: string | null;
  name: string | null;
  authorizer_type: string | null;
  jwt_configuration: { issuer: string | null; audience: string[] | null } | null;
}

export type V2Authorizer = EntityBase<"aws_apigatewayv2_authorizer", V2AuthorizerValues, V2ApiChildLinks>;

export interface V2ApiMappingValues {
  id: string | null;
  api_id: string | null;
  domain_name: string | null;
  stage: string | null;
}

export interface V2ApiMappingLinks extends V2ApiChildLinks {
  domain_name: Link;
}

export type V2ApiMapping = EntityBase<"aws_apigatewayv2_api_mapping", V2ApiMappingValues, V2ApiMappingLinks>;

// ---------------------------------------------------------------------------------------------------------
// Lambda permissions and log groups

export interface LambdaPermissionValues {
  id: string | null;
  action: string | null;
  function_name: string | null;
  principal: string | null;
  source_arn: string | null;
  /**
   * The API ID in a known `arn:aws:execute-api:REGION:ACCOUNT:API_ID/...` source ARN (`*` when wildcarded),
   * null when the ARN is unknown, absent or of another service.
   */
  source_api_id: string | null;
}

export interface LambdaPermissionLinks {
  /** The REST API (directly or through one of its stages) that `source_arn` references. */
  rest_api: Link;
  /** The HTTP or WebSocket API (directly or through a stage) that `source_arn` references. */
  v2_api: Link;
}

export type LambdaPermission = EntityBase<"aws_lambda_permission", LambdaPermissionValues, LambdaPermissionLinks>;

export interface LogGroupValues {
  id: string | null;
  arn: string | null;
  name: string | null;
  retention_in_days: number | null;
  kms_key_id: string | null;
}

export type LogGroup = EntityBase<"aws_cloudwatch_log_group", LogGroupValues, NoLinks>;

// ---------------------------------------------------------------------------------------------------------
// The whole model

export interface ModelResources {
  aws_api_gateway_rest_api: RestApi[];
  aws_api_gateway_rest_api_policy: RestApiPolicy[];
  aws_api_gateway_stage: RestStage[];
  aws_api_gateway_method_settings: MethodSettings[];
  aws_api_gateway_method: Method[];
  aws_api_gateway_integration: Integration[];
  aws_api_gateway_authorizer: Authorizer[];
  aws_api_gateway_deployment: Deployment[];
  aws_api_gateway_client_certificate: ClientCertificate[];
  aws_api_gateway_domain_name: DomainName[];
  aws_apigatewayv2_domain_name: V2DomainName[];
  aws_api_gateway_base_path_mapping: BasePathMapping[];
  aws_wafv2_web_acl_association: WafV2Association[];
  aws_wafregional_web_acl_association: WafRegionalAssociation[];
  aws_wafv2_web_acl: WafV2WebAcl[];
  aws_wafv2_web_acl_logging_configuration: WafV2LoggingConfiguration[];
  aws_api_gateway_integration_response: IntegrationResponse[];
  aws_api_gateway_method_response: MethodResponse[];
  aws_api_gateway_gateway_response: GatewayResponse[];
  aws_api_gateway_request_validator: RequestValidator[];
  aws_api_gateway_usage_plan: UsagePlan[];
  aws_api_gateway_api_key: ApiKey[];
  aws_api_gateway_account: Account[];
  aws_apigatewayv2_api: V2Api[];
  aws_apigatewayv2_stage: V2Stage[];
  aws_apigatewayv2_route: V2Route[];
  aws_apigatewayv2_integration: V2Integration[];
  aws_apigatewayv2_authorizer: V2Authorizer[];
  aws_apigatewayv2_api_mapping: V2ApiMapping[];
  aws_lambda_permission: LambdaPermission[];
  aws_cloudwatch_log_group: LogGroup[];
}

export type ResourceType = keyof ModelResources;

export type AnyEntity = ModelResources[ResourceType][number];

export interface ModelInput {
  kind: SourceKind;
  /** The file (or `-` for stdin) the model was read from. */
  file: string;
  /** Plan `format_version`, when the input is a plan. */
  format_version: string | null;
  /** `terraform_version` the plan records (Terraform or OpenTofu). */
  tool_version: string | null;
}

export interface Model {
  model_version: string;
  input: ModelInput;
  resources: ModelResources;
}
