/**
 * A secure stack: the CDKTF port of the fixtures plans/rest-secure and plans/http-secure. Resource policies
 * and access log formats are built with JSON.stringify, so they are literal strings in cdk.tf.json and
 * judged at synth time (an `aws_iam_policy_document` data source would only be known at plan time).
 */
import { Fn, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayClientCertificate } from "@cdktf/provider-aws/lib/api-gateway-client-certificate";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayModel } from "@cdktf/provider-aws/lib/api-gateway-model";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
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
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";

const NAME = "orders-secure";
const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const ORDERS_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:orders-handler";
const AUTHORIZER_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer";
const invokeUri = (lambda: string): string => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${lambda}/invocations`;

/** Deny everyone outside `condition`, then allow: the allow-list pattern APIGW-301/303/305 accept. */
function allowListPolicy(sid: string, test: string, variable: string, values: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { [test]: { [variable]: values } },
      },
      { Sid: "AllowInvoke", Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
    ],
  });
}

const VISIBILITY = (metricName: string): { cloudwatchMetricsEnabled: boolean; metricName: string; sampledRequestsEnabled: boolean } => ({
  cloudwatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

export class SecureRestApi extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // The account-level role that lets API Gateway write execution logs (APIGW-008).
    const role = new IamRole(this, "cloudwatch-role", {
      name: `${NAME}-apigw-cloudwatch`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    new IamRolePolicyAttachment(this, "cloudwatch-role-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    const account = new ApiGatewayAccount(this, "account", { cloudwatchRoleArn: role.arn });
    const logs = new CloudwatchLogGroup(this, "access-logs", { name: `/aws/apigateway/${NAME}/access`, retentionInDays: 365 });

    // REGIONAL (APIGW-203 reports it, info); fronted by a custom domain with execute-api disabled (APIGW-204).
    const api = new ApiGatewayRestApi(this, "api", {
      name: NAME,
      description: "Orders API (secure example)",
      disableExecuteApiEndpoint: true,
      policy: allowListPolicy("DenyOutsideCorporateRanges", "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "198.51.100.0/24"]),
      endpointConfiguration: { types: ["REGIONAL"] },
    });
    const validator = new ApiGatewayRequestValidator(this, "body-and-params", {
      name: "body-and-params",
      restApiId: api.id,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const orderModel = new ApiGatewayModel(this, "order-model", {
      restApiId: api.id,
      name: "Order",
      contentType: "application/json",
      schema: JSON.stringify({
        $schema: "http://json-schema.org/draft-04/schema#",
        type: "object",
        required: ["item", "quantity"],
        properties: { item: { type: "string" }, quantity: { type: "integer", minimum: 1 } },
      }),
    });
    const authorizer = new ApiGatewayAuthorizer(this, "request-authorizer", {
      name: "orders-request",
      restApiId: api.id,
      type: "REQUEST",
      authorizerUri: invokeUri(AUTHORIZER_LAMBDA),
      identitySource: "method.request.header.Authorization",
      authorizerResultTtlInSeconds: 300,
    });
    const orders = new ApiGatewayResource(this, "orders-resource", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "orders" });
    const order = new ApiGatewayResource(this, "order-resource", { restApiId: api.id, parentId: orders.id, pathPart: "{orderId}" });

    const listOrders = new ApiGatewayMethod(this, "list-orders", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "GET",
      authorization: "CUSTOM",
      authorizerId: authorizer.id,
    });
    const createOrder = new ApiGatewayMethod(this, "create-order", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "POST",
      authorization: "CUSTOM",
      authorizerId: authorizer.id,
      requestValidatorId: validator.id,
      requestModels: { "application/json": orderModel.name },
    });
    const getOrder = new ApiGatewayMethod(this, "get-order", {
      restApiId: api.id,
      resourceId: order.id,
      httpMethod: "GET",
      authorization: "AWS_IAM",
      requestParameters: { "method.request.path.orderId": true },
    });
    const ordersOptions = new ApiGatewayMethod(this, "orders-options", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: "OPTIONS",
      authorization: "NONE",
    });
    const integrations = [
      ["list-orders-integration", orders, listOrders],
      ["create-order-integration", orders, createOrder],
      ["get-order-integration", order, getOrder],
    ].map(
      ([id, resource, method]) =>
        new ApiGatewayIntegration(this, id as string, {
          restApiId: api.id,
          resourceId: (resource as ApiGatewayResource).id,
          httpMethod: (method as ApiGatewayMethod).httpMethod,
          type: "AWS_PROXY",
          integrationHttpMethod: "POST",
          uri: invokeUri(ORDERS_LAMBDA),
        }),
    );
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
    const optionsIntegrationResponse = new ApiGatewayIntegrationResponse(this, "orders-options-integration-response", {
      restApiId: api.id,
      resourceId: orders.id,
      httpMethod: ordersOptions.httpMethod,
      statusCode: optionsResponse.statusCode,
      responseParameters: {
        "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
        "method.response.header.Access-Control-Allow-Headers": "'Authorization,Content-Type'",
      },
      dependsOn: [optionsIntegration],
    });
    const default4xx = new ApiGatewayGatewayResponse(this, "default-4xx", {
      restApiId: api.id,
      responseType: "DEFAULT_4XX",
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'https://app.example.com'" },
    });
    // API Gateway may invoke the handler only from this API (APIGW-107).
    new LambdaPermission(this, "handler-permission", {
      statementId: "AllowOrdersApiInvoke",
      action: "lambda:InvokeFunction",
      functionName: ORDERS_LAMBDA,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${api.executionArn}/*/*/orders*`,
    });

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: api.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            orders.id,
            order.id,
            listOrders.id,
            createOrder.id,
            getOrder.id,
            ordersOptions.id,
            ...integrations.map((i) => i.id),
            optionsIntegration.id,
            optionsIntegrationResponse.id,
            default4xx.id,
            api.policy,
          ]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
    });
    const certificate = new ApiGatewayClientCertificate(this, "backend-certificate", { description: `${NAME} backend client certificate` });

    // Access logs (APIGW-003/005), X-Ray (APIGW-007), client certificate (APIGW-403).
    const prod = new ApiGatewayStage(this, "prod-stage", {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: "prod",
      xrayTracingEnabled: true,
      clientCertificateId: certificate.id,
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      accessLogSettings: {
        destinationArn: logs.arn,
        format: JSON.stringify({
          requestId: "$context.requestId",
          extendedId: "$context.extendedRequestId",
          sourceIp: "$context.identity.sourceIp",
          caller: "$context.identity.caller",
          user: "$context.identity.user",
          requestTime: "$context.requestTime",
          httpMethod: "$context.httpMethod",
          resourcePath: "$context.resourcePath",
          status: "$context.status",
          protocol: "$context.protocol",
          responseLength: "$context.responseLength",
        }),
      },
      dependsOn: [account],
    });
    // Every method: INFO logs, no data trace, encrypted cache, metrics, throttling.
    new ApiGatewayMethodSettings(this, "prod-all-methods", {
      restApiId: api.id,
      stageName: prod.stageName,
      methodPath: "*/*",
      settings: {
        loggingLevel: "INFO",
        dataTraceEnabled: false,
        metricsEnabled: true,
        cachingEnabled: true,
        cacheDataEncrypted: true,
        cacheTtlInSeconds: 60,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 50,
      },
    });

    // A regional web ACL with the baseline managed rules and a rate limit, on the stage (APIGW-201/202).
    const acl = new Wafv2WebAcl(this, "web-acl", {
      name: NAME,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [
        {
          name: "aws-common",
          priority: 1,
          overrideAction: { none: {} },
          statement: { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } },
          visibilityConfig: VISIBILITY("aws-common"),
        },
        {
          name: "rate-limit",
          priority: 2,
          action: { block: {} },
          statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP" } },
          visibilityConfig: VISIBILITY("rate-limit"),
        },
      ],
      visibilityConfig: VISIBILITY(NAME),
    });
    new Wafv2WebAclAssociation(this, "web-acl-association", { resourceArn: prod.arn, webAclArn: acl.arn });
    // Its requests are logged to an S3 bucket managed elsewhere (APIGW-205).
    new Wafv2WebAclLoggingConfiguration(this, "web-acl-logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: ["arn:aws:s3:::aws-waf-logs-orders"],
    });

    // TLS 1.2 (APIGW-401) and mutual TLS (APIGW-402).
    const domain = new ApiGatewayDomainName(this, "domain", {
      domainName: "orders.example.com",
      regionalCertificateArn: CERTIFICATE,
      securityPolicy: "TLS_1_2",
      endpointConfiguration: { types: ["REGIONAL"] },
      mutualTlsAuthentication: { truststoreUri: "s3://example-orders-truststore/truststore.pem" },
    });
    new ApiGatewayBasePathMapping(this, "domain-mapping", { apiId: api.id, stageName: prod.stageName, domainName: domain.domainName });

    // A key generated by API Gateway (APIGW-503) in a usage plan bounding rate and quota (APIGW-603).
    const key = new ApiGatewayApiKey(this, "partner-key", { name: `${NAME}-partner` });
    const plan = new ApiGatewayUsagePlan(this, "partner-plan", {
      name: `${NAME}-partner`,
      apiStages: [{ apiId: api.id, stage: prod.stageName }],
      throttleSettings: { rateLimit: 20, burstLimit: 10 },
      quotaSettings: { limit: 100000, period: "MONTH" },
    });
    new ApiGatewayUsagePlanKey(this, "partner-plan-key", { keyId: key.id, keyType: "API_KEY", usagePlanId: plan.id });

    // A private admin API reachable only through the ops VPC endpoint (APIGW-305).
    new ApiGatewayRestApi(this, "admin-api", {
      name: `${NAME}-admin`,
      description: "Orders admin API (private)",
      policy: allowListPolicy("DenyOutsideOpsEndpoint", "StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"]),
      endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718"] },
    });
  }
}

export class SecureHttpApi extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Fronted by a custom domain, execute-api endpoint disabled (APIGW-204); CORS names its origins (APIGW-702).
    const api = new Apigatewayv2Api(this, "api", {
      name: "orders-http",
      protocolType: "HTTP",
      description: "Orders service (HTTP API)",
      disableExecuteApiEndpoint: true,
      corsConfiguration: {
        allowOrigins: ["https://app.example.com", "https://admin.example.com"],
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["authorization", "content-type"],
        allowCredentials: true,
        maxAge: 3600,
      },
    });
    // An https issuer and the app client as audience (APIGW-106).
    const cognito = new Apigatewayv2Authorizer(this, "cognito-authorizer", {
      apiId: api.id,
      authorizerType: "JWT",
      name: "cognito",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI", audience: ["3n4b5urk1ft4fl3mg5e7ex7gs"] },
    });
    const link = new Apigatewayv2VpcLink(this, "vpc-link", {
      name: "orders-http",
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
      securityGroupIds: ["sg-0c3d4e5f60718293a"],
    });
    // A private integration that verifies the backend's server name (APIGW-801).
    const service = new Apigatewayv2Integration(this, "orders-service", {
      apiId: api.id,
      integrationType: "HTTP_PROXY",
      integrationMethod: "ANY",
      connectionType: "VPC_LINK",
      connectionId: link.id,
      integrationUri: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65",
      tlsConfig: { serverNameToVerify: "orders.internal.example.com" },
    });
    const create = new Apigatewayv2Integration(this, "create-order", {
      apiId: api.id,
      integrationType: "AWS_PROXY",
      integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:create-order",
      payloadFormatVersion: "2.0",
    });
    const status = new Apigatewayv2Integration(this, "status", {
      apiId: api.id,
      integrationType: "HTTP_PROXY",
      integrationMethod: "GET",
      integrationUri: "https://status.example.com/health",
    });
    // Every route is authorized: JWT or IAM (APIGW-103).
    for (const [id, routeKey] of [
      ["list-orders-route", "GET /orders"],
      ["get-order-route", "GET /orders/{id}"],
    ] as const) {
      new Apigatewayv2Route(this, id, {
        apiId: api.id,
        routeKey,
        authorizationType: "JWT",
        authorizerId: cognito.id,
        authorizationScopes: ["orders/read"],
        target: `integrations/${service.id}`,
      });
    }
    new Apigatewayv2Route(this, "create-order-route", {
      apiId: api.id,
      routeKey: "POST /orders",
      authorizationType: "AWS_IAM",
      target: `integrations/${create.id}`,
    });
    new Apigatewayv2Route(this, "status-route", {
      apiId: api.id,
      routeKey: "GET /status",
      authorizationType: "JWT",
      authorizerId: cognito.id,
      target: `integrations/${status.id}`,
    });

    const logs = new CloudwatchLogGroup(this, "access-logs", { name: "/aws/apigateway/orders-http/access", retentionInDays: 365 });
    // Access logs (APIGW-004/005), detailed metrics (APIGW-009), throttling (APIGW-602).
    const stage = new Apigatewayv2Stage(this, "default-stage", {
      apiId: api.id,
      name: "$default",
      autoDeploy: true,
      stageVariables: { ordersHost: "orders.internal.example.com" },
      accessLogSettings: {
        destinationArn: logs.arn,
        format: JSON.stringify({
          requestId: "$context.requestId",
          sourceIp: "$context.identity.sourceIp",
          requestTime: "$context.requestTime",
          httpMethod: "$context.httpMethod",
          routeKey: "$context.routeKey",
          status: "$context.status",
          protocol: "$context.protocol",
          responseLength: "$context.responseLength",
          authorizerError: "$context.authorizer.error",
          integrationLatency: "$context.integrationLatency",
        }),
      },
      defaultRouteSettings: { detailedMetricsEnabled: true, throttlingRateLimit: 100, throttlingBurstLimit: 200 },
    });
    // TLS 1.2 and mutual TLS (APIGW-401/402).
    const domain = new Apigatewayv2DomainName(this, "domain", {
      domainName: "api.orders.example.com",
      domainNameConfiguration: { certificateArn: CERTIFICATE, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
      mutualTlsAuthentication: { truststoreUri: "s3://example-truststores/orders/truststore.pem" },
    });
    new Apigatewayv2ApiMapping(this, "domain-mapping", { apiId: api.id, domainName: domain.id, stage: stage.id, apiMappingKey: "v1" });
    // Only POST /orders of this API may invoke the function (APIGW-107).
    new LambdaPermission(this, "create-order-permission", {
      statementId: "AllowOrdersHttpApiInvoke",
      action: "lambda:InvokeFunction",
      functionName: "create-order",
      principal: "apigateway.amazonaws.com",
      sourceArn: `${api.executionArn}/*/POST/orders`,
    });
  }
}

export class SecureApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new SecureRestApi(this, "orders");
    new SecureHttpApi(this, "http");
  }
}
