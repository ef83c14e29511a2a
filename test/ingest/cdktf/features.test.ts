/**
 * What real `app.synth()` output of the CDKTF features the reader has to handle looks like once read:
 * escape-hatch overrides of count and for_each, iterators, Terraform modules, variables, locals, cross-stack
 * references (./features-app.ts). Synthesized in-process with cdktf 0.21.0 into a temporary directory.
 */
import { readInput } from "../../../src/ingest";
import type { IngestResult, ResourceInstance } from "../../../src/ingest/types";
import { buildModel } from "../../../src/model/build";
import type { AnyEntity } from "../../../src/model/types";
import { synthesizeFeatures } from "./features-app";
import { tempDir } from "./synth";

let temp: ReturnType<typeof tempDir>;
let stacks: Map<string, IngestResult>;

beforeAll(() => {
  temp = tempDir();
  const input = readInput(synthesizeFeatures(temp.dir));
  stacks = new Map((input.stacks ?? []).map((s) => [s.name, s.read()]));
});
afterAll(() => temp.remove());

function instances(stack: string): Map<string, ResourceInstance> {
  return new Map((stacks.get(stack)?.instances ?? []).map((i) => [i.address, i]));
}

test("both stacks of the manifest are read, each with its own resources", () => {
  expect([...stacks.keys()].sort()).toEqual(["features", "shared"]);
  expect([...instances("shared").keys()]).toEqual(["aws_cloudwatch_log_group.logs"]);
});

test("count and for_each overrides expand like Terraform's instances, all on the construct's path", () => {
  const found = instances("features");
  const methods = [...found.values()].filter((i) => i.type === "aws_api_gateway_method");
  expect(methods.map((i) => [i.address, i.source.construct_path, i.values["http_method"] ?? null])).toEqual([
    ["aws_api_gateway_method.counted[0]", "features/counted", "GET"],
    ["aws_api_gateway_method.counted[1]", "features/counted", "GET"],
    ["aws_api_gateway_method.from-local", "features/from-local", "GET"],
    ['aws_api_gateway_method.keyed["a"]', "features/keyed", "GET"],
    ['aws_api_gateway_method.keyed["b"]', "features/keyed", "GET"],
    ['aws_api_gateway_method.listed["DELETE"]', "features/listed", "DELETE"],
    ['aws_api_gateway_method.listed["PUT"]', "features/listed", "PUT"],
    ["aws_api_gateway_method.variable-list", "features/variable-list", null],
  ]);
  expect(found.get("aws_api_gateway_method.variable-list")?.unknown).toContainEqual({
    path: ["http_method"],
    configured: true,
    set: false,
    references: ["each.value"],
    origins: ["variable"],
  });
  expect(found.get("aws_api_gateway_method.from-local")?.values["authorization"]).toBe("AWS_IAM");
});

test("module outputs, function calls and cross-stack references are unknown; references still link", () => {
  const stage = instances("features").get("aws_api_gateway_stage.stage");
  const unknown = new Map((stage?.unknown ?? []).map((u) => [String(u.path.join(".")), u]));
  // An Fn.* call: not computed at synth time.
  expect(unknown.get("stage_name")).toEqual({ path: ["stage_name"], configured: true, set: false, references: [], origins: ["expression"] });
  expect(unknown.get("client_certificate_id")).toMatchObject({ set: false, references: ["module.waf.certificate", "module.waf"] });
  expect(unknown.get("access_log_settings.0.destination_arn")).toMatchObject({
    set: false,
    references: [
      expect.stringMatching(/^data\.terraform_remote_state\.cross-stack-reference-input-shared\.outputs\.cross-stack-output-/),
      "data.terraform_remote_state.cross-stack-reference-input-shared.outputs",
      "data.terraform_remote_state.cross-stack-reference-input-shared",
    ],
  });
  const model = buildModel(stacks.get("features") as IngestResult);
  const entity = model.resources.aws_api_gateway_stage[0] as AnyEntity | undefined;
  expect(entity?.links).toMatchObject({ rest_api: { target: "aws_api_gateway_rest_api.api", state: "resolved" } });
});
