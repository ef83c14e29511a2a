/**
 * A deliberately insecure stack: the CDKTF port of the fixtures plans/rest-insecure and plans/http-insecure
 * (same resources, same mistakes), so the findings `policy-check cdktf.out` reports can be compared with the
 * ones the plan of the Terraform original gives. Each comment names the rules the resource breaks.
 */
import { Fn, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { ApiGatewayUsagePlanKey } from "@cdktf/provider-aws/lib/api-gateway-usage-plan-key";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/** An orders REST API (plus a private and an OpenAPI-defined API) that breaks every REST rule it can. */
export class InsecureRestApi extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // APIGW-301 (Allow "*" unconditionally), APIGW-302 (execute-api:*), APIGW-303 (aws:SourceIp 0.0.0.0/0),
    // APIGW-203 (REGIONAL, info), APIGW-204 (mapped to a custom domain, execute-api endpoint still enabled).
    // The policy is built with JSON.stringify: a literal string in cdk.tf.json, judged as written.
    const api = new ApiGatewayRestApi(this, "api", {
      name: "orders-insecure",
      description: "Orders API (insecure example)",
      endpointConfiguration: { types: ["REGIONAL"] },
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/orders-ops" }, Action: "execute-api:*", Resource: "execute-api:/*" },
          {
            Effect: "Allow",
            Principal: "*",
            Action: "execute-api:Invoke",
            Resource: "execute-api:/*/GET/orders",
            Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } },
          },
        ],
      }),
    });

    // APIGW-306 (a second policy on the same API) and APIGW-304 (no Statement).
    new ApiGatewayRestApiPolicy(this, "policy-override", { restApiId: api.id, policy: JSON.stringify({ Version: "2012-10-17" }) });

    // APIGW-008: no CloudWatch role, execution logging silently does nothing.
    new ApiGatewayAccount(this, "account", {});

    // APIGW-105 (low): a TOKEN authorizer.
    const token = new ApiGatewayAuthorizer(this, "token-authorizer", {
      name: "orders-token",
      restApiId: api.id,
      type: "TOKEN",
      authorizerUri:
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer/invocations",
      identitySource: "method.request.header.Authorization",
    });

    const orders = new ApiGatewayResource(this, "orders-resource", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "orders" });
    const order = new ApiGatewayResource(this, "order-resource", { restApiId: api.id, parentId: orders.id, pathPart: "{orderId}" });

    // APIGW-101: GET /orders open to anyone.
    const listOrders = new ApiGatewayMethod(this, "list-orders", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "GET",
      authorization: "NONE",
    });
    // APIGW-101 and APIGW-102 (an API key is the only control), APIGW-701 (no body validation).
    const createOrder = new ApiGatewayMethod(this, "create-order", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "POST",
      authorization: "NONE",
      apiKeyRequired: true,
    });
    // CORS preflight: NONE is fine for OPTIONS.
    const ordersOptions = new ApiGatewayMethod(this, "orders-options", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "OPTIONS",
      authorization: "NONE",
    });
    const cancelOrder = new ApiGatewayMethod(this, "cancel-order", {
      restApiId: api.id,
      resourceId: order.id,
      httpMethod: "DELETE",
      authorization: "CUSTOM",
      authorizerId: token.id,
      requestParameters: { "method.request.path.orderId": true },
    });

    // APIGW-802: plain http:// backends.
    const listIntegration = new ApiGatewayIntegration(this, "list-orders-integration", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: listOrders.httpMethod,
      type: "HTTP_PROXY",
      integrationHttpMethod: "GET",
      uri: "http://orders.internal.example.com/orders",
    });
    const createIntegration = new ApiGatewayIntegration(this, "create-order-integration", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: createOrder.httpMethod,
      type: "HTTP_PROXY",
      integrationHttpMethod: "POST",
      uri: "http://orders.internal.example.com/orders",
    });
    // APIGW-803: HTTPS, but the backend certificate is not verified.
    const cancelIntegration = new ApiGatewayIntegration(this, "cancel-order-integration", {
      restApiId: api.id,
      resourceId: order.id,
      httpMethod: cancelOrder.httpMethod,
      type: "HTTP_PROXY",
      integrationHttpMethod: "DELETE",
      uri: "https://orders.internal.example.com/orders/{orderId}",
      requestParameters: { "integration.request.path.orderId": "method.request.path.orderId" },
      tlsConfig: { insecureSkipVerification: true },
    });
    const optionsIntegration = new ApiGatewayIntegration(this, "orders-options-integration", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: ordersOptions.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: 200 }) },
    });
    const optionsResponse = new ApiGatewayMethodResponse(this, "orders-options-response", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: ordersOptions.httpMethod,
      statusCode: "200",
      responseParameters: {
        "method.response.header.Access-Control-Allow-Origin": true,
        "method.response.header.Access-Control-Allow-Methods": true,
        "method.response.header.Access-Control-Allow-Headers": true,
      },
    });
    // APIGW-703: the preflight answers Access-Control-Allow-Origin '*'.
    const optionsIntegrationResponse = new ApiGatewayIntegrationResponse(this, "orders-options-integration-response", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: ordersOptions.httpMethod,
      statusCode: optionsResponse.statusCode,
      responseParameters: {
        "method.response.header.Access-Control-Allow-Origin": "'*'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,DELETE,OPTIONS'",
        "method.response.header.Access-Control-Allow-Headers": "'Authorization,Content-Type,X-Api-Key'",
      },
      dependsOn: [optionsIntegration],
    });
    // APIGW-703: 4XX error responses allow any origin too.
    new ApiGatewayGatewayResponse(this, "default-4xx", {
      restApiId: api.id,
      responseType: "DEFAULT_4XX",
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
    });

    // APIGW-107: any API in any account may invoke the handler (no source ARN).
    new LambdaPermission(this, "handler-permission", {
      statementId: "AllowApiGatewayInvoke",
      action: "lambda:InvokeFunction",
      functionName: "orders-handler",
      principal: "apigateway.amazonaws.com",
    });

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: api.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            orders.id,
            listOrders.id,
            createOrder.id,
            ordersOptions.id,
            order.id,
            cancelOrder.id,
            listIntegration.id,
            createIntegration.id,
            cancelIntegration.id,
            optionsIntegration.id,
            optionsIntegrationResponse.id,
          ]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
    });

    // APIGW-001, 003, 007, 009, 201, 403, 502 (a password in a stage variable), 601.
    const prod = new ApiGatewayStage(this, "prod-stage", {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: "prod",
      xrayTracingEnabled: false,
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      variables: { backend_host: "orders.internal.example.com", db_password: "DO-NOT-PRINT-cdktf-insecure-db-password" },
    });
    // APIGW-006 (data trace) and APIGW-501 (cache not encrypted); OFF logging, no metrics, no throttling.
    new ApiGatewayMethodSettings(this, "prod-all-methods", {
      restApiId: api.id,
      stageName: prod.stageName,
      methodPath: "*/*",
      settings: {
        loggingLevel: "OFF",
        dataTraceEnabled: true,
        metricsEnabled: false,
        cachingEnabled: true,
        cacheDataEncrypted: false,
        cacheTtlInSeconds: 300,
      },
    });

    const stagingLogs = new CloudwatchLogGroup(this, "staging-access-logs", { name: "/aws/apigateway/orders-insecure/staging", retentionInDays: 30 });
    // APIGW-005 (the format omits the status), APIGW-001, 007, 009, 403, 601.
    const staging = new ApiGatewayStage(this, "staging-stage", {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: "staging",
      accessLogSettings: {
        destinationArn: stagingLogs.arn,
        format: "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath",
      },
    });
    // APIGW-202: the common rule set, but no rate-based rule.
    const acl = new Wafv2WebAcl(this, "staging-web-acl", {
      name: "orders-insecure-staging",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [
        {
          name: "aws-common",
          priority: 1,
          overrideAction: { none: {} },
          statement: { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } },
          visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "aws-common", sampledRequestsEnabled: true },
        },
      ],
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "orders-insecure-staging", sampledRequestsEnabled: true },
    });
    new Wafv2WebAclAssociation(this, "staging-web-acl-association", { resourceArn: staging.arn, webAclArn: acl.arn });

    // APIGW-401 (TLS 1.0) and APIGW-402 (low: no mutual TLS).
    const domain = new ApiGatewayDomainName(this, "domain", {
      domainName: "orders.example.com",
      regionalCertificateArn: CERTIFICATE,
      securityPolicy: "TLS_1_0",
      endpointConfiguration: { types: ["REGIONAL"] },
    });
    new ApiGatewayBasePathMapping(this, "domain-mapping", { apiId: api.id, stageName: prod.stageName, domainName: domain.domainName });

    // APIGW-503: the key value is written into the configuration.
    const key = new ApiGatewayApiKey(this, "partner-key", { name: "orders-partner", value: "DO-NOT-PRINT-cdktf-insecure-partner-key" });
    // APIGW-603 (low): neither throttle nor quota.
    const plan = new ApiGatewayUsagePlan(this, "partner-plan", {
      name: "orders-partner",
      apiStages: [{ apiId: api.id, stage: prod.stageName }],
    });
    new ApiGatewayUsagePlanKey(this, "partner-plan-key", { keyId: key.id, keyType: "API_KEY", usagePlanId: plan.id });

    // APIGW-305: PRIVATE without any resource policy.
    new ApiGatewayRestApi(this, "internal-api", {
      name: "orders-insecure-internal",
      endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718"] },
    });

    // APIGW-901 (POST /products has no security), APIGW-902 (low: no request validation), APIGW-203 (EDGE).
    new ApiGatewayRestApi(this, "catalog-api", {
      name: "orders-insecure-catalog",
      body: JSON.stringify({
        openapi: "3.0.1",
        info: { title: "catalog", version: "1.0" },
        components: {
          securitySchemes: {
            sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
          },
        },
        paths: {
          "/products": {
            get: {
              security: [{ sigv4: [] }],
              responses: { "200": { description: "products" } },
              "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: "https://catalog.internal.example.com/products" },
            },
            post: {
              requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
              responses: { "201": { description: "created" } },
              "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "POST", uri: "https://catalog.internal.example.com/products" },
            },
          },
        },
      }),
    });
  }
}

/** An orders HTTP API that breaks the HTTP rules. */
export class InsecureHttpApi extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // APIGW-702 (any origin with credentials) and APIGW-204 (mapped to a domain, endpoint still enabled).
    const api = new Apigatewayv2Api(this, "api", {
      name: "orders-http",
      protocolType: "HTTP",
      corsConfiguration: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true },
    });
    // APIGW-106: the issuer is fetched over plain http.
    const keycloak = new Apigatewayv2Authorizer(this, "keycloak-authorizer", {
      apiId: api.id,
      authorizerType: "JWT",
      name: "keycloak",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: "http://keycloak.example.com/realms/orders", audience: ["orders-api"] },
    });
    const link = new Apigatewayv2VpcLink(this, "vpc-link", {
      name: "orders-http",
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
      securityGroupIds: ["sg-0c3d4e5f60718293a"],
    });
    // APIGW-801: private integration without TLS server-name verification.
    const service = new Apigatewayv2Integration(this, "orders-service", {
      apiId: api.id,
      integrationType: "HTTP_PROXY",
      integrationMethod: "ANY",
      connectionType: "VPC_LINK",
      connectionId: link.id,
      integrationUri: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65",
    });
    // APIGW-802: a public backend over plain http://.
    const legacy = new Apigatewayv2Integration(this, "legacy", {
      apiId: api.id,
      integrationType: "HTTP_PROXY",
      integrationMethod: "ANY",
      integrationUri: "http://legacy.example.com/{proxy}",
    });
    const create = new Apigatewayv2Integration(this, "create-order", {
      apiId: api.id,
      integrationType: "AWS_PROXY",
      integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:create-order",
      payloadFormatVersion: "2.0",
    });
    // APIGW-103: GET /orders open to anyone.
    new Apigatewayv2Route(this, "list-orders-route", {
      apiId: api.id,
      routeKey: "GET /orders",
      authorizationType: "NONE",
      target: `integrations/${service.id}`,
    });
    // APIGW-103 and APIGW-102: only an API key.
    new Apigatewayv2Route(this, "create-order-route", {
      apiId: api.id,
      routeKey: "POST /orders",
      authorizationType: "NONE",
      apiKeyRequired: true,
      target: `integrations/${create.id}`,
    });
    // APIGW-103: no authorization type at all.
    new Apigatewayv2Route(this, "legacy-route", { apiId: api.id, routeKey: "ANY /legacy/{proxy+}", target: `integrations/${legacy.id}` });
    new Apigatewayv2Route(this, "profile-route", {
      apiId: api.id,
      routeKey: "GET /profile",
      authorizationType: "JWT",
      authorizerId: keycloak.id,
      target: `integrations/${service.id}`,
    });

    // APIGW-004 (no access logs), 006 (data trace), 009, 502 (a token in a stage variable), 602.
    const stage = new Apigatewayv2Stage(this, "default-stage", {
      apiId: api.id,
      name: "$default",
      autoDeploy: true,
      stageVariables: { legacyApiToken: "tok-3f9a1c7e5b2d4f6a" },
      defaultRouteSettings: { dataTraceEnabled: true },
    });
    const logs = new CloudwatchLogGroup(this, "staging-access-logs", { name: "/aws/apigateway/orders-http/staging-access", retentionInDays: 7 });
    // APIGW-005 (neither source IP nor status), 009, 602.
    new Apigatewayv2Stage(this, "staging-stage", {
      apiId: api.id,
      name: "staging",
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: logs.arn,
        format: JSON.stringify({ requestId: "$context.requestId", routeKey: "$context.routeKey" }),
      },
    });
    // APIGW-402 (low): no mutual TLS.
    const domain = new Apigatewayv2DomainName(this, "domain", {
      domainName: "api.orders.example.com",
      domainNameConfiguration: { certificateArn: CERTIFICATE, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    new Apigatewayv2ApiMapping(this, "domain-mapping", { apiId: api.id, domainName: domain.id, stage: stage.id, apiMappingKey: "v1" });

    // APIGW-107: no source ARN.
    new LambdaPermission(this, "create-order-permission", {
      statementId: "AllowApiGatewayInvoke",
      action: "lambda:InvokeFunction",
      functionName: "create-order",
      principal: "apigateway.amazonaws.com",
    });

    // APIGW-901: GET /health has no security and there is no top-level security.
    new Apigatewayv2Api(this, "catalog-api", {
      name: "catalog-http",
      protocolType: "HTTP",
      body: JSON.stringify({
        openapi: "3.0.1",
        info: { title: "catalog-http", version: "1.0" },
        components: {
          securitySchemes: {
            cognito: {
              type: "oauth2",
              flows: {},
              "x-amazon-apigateway-authorizer": {
                type: "jwt",
                identitySource: "$request.header.Authorization",
                jwtConfiguration: {
                  issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
                  audience: ["3n4b5urk1ft4fl3mg5e7ex7gs"],
                },
              },
            },
          },
        },
        paths: {
          "/products": {
            get: {
              security: [{ cognito: [] }],
              "x-amazon-apigateway-integration": {
                type: "http_proxy",
                httpMethod: "GET",
                uri: "https://catalog.example.com/products",
                payloadFormatVersion: "1.0",
              },
            },
          },
          "/health": {
            get: {
              "x-amazon-apigateway-integration": {
                type: "http_proxy",
                httpMethod: "GET",
                uri: "https://catalog.example.com/health",
                payloadFormatVersion: "1.0",
              },
            },
          },
        },
      }),
    });
  }
}

export class InsecureApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new InsecureRestApi(this, "orders");
    new InsecureHttpApi(this, "http");
  }
}
