/**
 * The AWS provider schema the HCL evaluator converts attribute values with is generated, never typed by hand:
 * src/terraform/aws-provider-schema.generated.ts must be exactly what `npm run schema:provider` writes from
 * `terraform providers schema -json` of the pinned provider in the fixtures' mirror. Needs Terraform 1.11.4 and
 * the mirror (both on CI); without them the test is skipped, saying why.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  generateProviderSchema,
  MIRROR,
  PROVIDER,
  PROVIDER_SCHEMA_FILE,
  PROVIDER_VERSION,
  TERRAFORM_VERSION,
} from "../../../scripts/provider-schema";
import { resourceSchema } from "../../../src/terraform/provider-schema";
import { AWS_PROVIDER_SCHEMA } from "../../../src/terraform/aws-provider-schema.generated";
import { RESOURCE_TYPES } from "../../../src/model/spec";
import { HAS_TERRAFORM, TERRAFORM } from "../../helpers/terraform";

const HAS_MIRROR = existsSync(path.join(MIRROR, PROVIDER, PROVIDER_VERSION));
const missing = !HAS_TERRAFORM ? `no Terraform at ${TERRAFORM}` : !HAS_MIRROR ? `no provider mirror at ${MIRROR}` : null;
if (missing !== null) {
  console.warn(`provider-schema.test.ts: skipping the up-to-date check: ${missing}`);
}
const withTerraform = missing === null ? test : test.skip;

test("the committed schema names its provenance and covers every resource type of the model", () => {
  expect(AWS_PROVIDER_SCHEMA).toMatchObject({ terraform_version: TERRAFORM_VERSION, provider: PROVIDER, provider_version: PROVIDER_VERSION });
  expect(Object.keys(AWS_PROVIDER_SCHEMA.resources).sort()).toEqual([...RESOURCE_TYPES].sort());
  expect(resourceSchema("aws_api_gateway_method_settings")?.blocks["settings"]?.block.attributes).toMatchObject({
    data_trace_enabled: "bool",
    throttling_rate_limit: "number",
    logging_level: "string",
  });
});

withTerraform(
  `${path.relative(process.cwd(), PROVIDER_SCHEMA_FILE)} is what terraform ${TERRAFORM_VERSION} reports for the provider ${PROVIDER_VERSION} (npm run schema:provider)`,
  () => {
    expect(generateProviderSchema(TERRAFORM)).toBe(readFileSync(PROVIDER_SCHEMA_FILE, "utf8"));
  },
  180_000,
);
