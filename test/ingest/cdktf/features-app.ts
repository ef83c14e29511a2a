/**
 * A CDKTF app of the features the stack reader has to handle: escape-hatch overrides of count and for_each,
 * iterators, Terraform modules, variables, locals, function calls, cross-stack references. Two stacks,
 * `features` and `shared`; synthesized in-process with cdktf 0.21.0.
 */
import path from "node:path";
import { App, Fn, TerraformHclModule, TerraformIterator, TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

class Shared extends TerraformStack {
  readonly logs: CloudwatchLogGroup;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    this.logs = new CloudwatchLogGroup(this, "logs", { name: "/shared/access" });
  }
}

class Features extends TerraformStack {
  constructor(scope: Construct, id: string, shared: Shared) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const api = new ApiGatewayRestApi(this, "api", { name: "features", endpointConfiguration: { types: ["PRIVATE"] } });
    const method = (construct: string, extra: Partial<ConstructorParameters<typeof ApiGatewayMethod>[2]> = {}): ApiGatewayMethod =>
      new ApiGatewayMethod(this, construct, {
        restApiId: api.id,
        resourceId: api.rootResourceId,
        httpMethod: "GET",
        authorization: "NONE",
        ...extra,
      });

    // Escape hatches: count and for_each written with addOverride.
    method("counted").addOverride("count", 2);
    method("keyed").addOverride("for_each", { a: "GET", b: "POST" });
    // Iterators: a literal list synthesizes toset([...]); a variable's list is unknown.
    const verbs = TerraformIterator.fromList(["PUT", "DELETE"]);
    method("listed", { forEach: verbs, httpMethod: verbs.value });
    const fromVariable = TerraformIterator.fromList(new TerraformVariable(this, "verbs", { type: "list(string)" }).listValue);
    method("variable-list", { forEach: fromVariable, httpMethod: fromVariable.value });

    const level = new TerraformLocal(this, "auth", "AWS_IAM");
    method("from-local", { authorization: level.asString });
    const module = new TerraformHclModule(this, "waf", { source: "example/waf/aws", version: "1.0.0", variables: { api: api.id } });
    new ApiGatewayStage(this, "stage", {
      restApiId: api.id,
      deploymentId: "d",
      stageName: Fn.lower("PROD"),
      clientCertificateId: module.getString("certificate"),
      // A reference into another stack: CDKTF writes a terraform_remote_state output.
      accessLogSettings: { destinationArn: shared.logs.arn, format: "$context.requestId" },
    });
  }
}

/** `<dir>/cdktf.out` with the `features` and `shared` stacks. */
export function synthesizeFeatures(dir: string): string {
  const outdir = path.join(dir, "cdktf.out");
  const app = new App({ outdir });
  new Features(app, "features", new Shared(app, "shared"));
  app.synth();
  return outdir;
}
