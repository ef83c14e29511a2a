/**
 * Linking stays linear when many sources point at targets they cannot name: an unknown `rest_api_id` that no
 * reference traces (a root variable without a value, an ID read at apply) may name any API whose ID is
 * unknown. Each such source once scanned every API and marked each candidate again: N sources × M APIs. The
 * candidate lists are now computed once and marked once per reverse link, which these tests observe by
 * counting reads of the targets' IDs and names and writes of their marks: the counts must not grow with the sources.
 */
import { emptyResources } from "../../src/model/build";
import { linkModel } from "../../src/model/link";
import type { ResourceInstance } from "../../src/ingest/types";
import type { AnyEntity, ModelResources, ResourceType } from "../../src/model/types";

const UNKNOWN = { set: true, reason: "after_apply", references: [], origins: [] };

/** Reads of `id` and `stage_name` (value or unknown mark) and writes of `links.*` marks, per target entity. */
interface Counts {
  valueReads: number;
  markWrites: number;
}

function counted(type: ResourceType, address: string, values: Record<string, unknown>, unknown: Record<string, unknown>, counts: Counts): AnyEntity {
  const countReads = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (key === "id" || key === "stage_name") counts.valueReads += 1;
        return Reflect.get(object, key, receiver) as unknown;
      },
    });
  const marks = new Proxy(countReads(unknown), {
    set(object, key, value) {
      if (typeof key === "string" && key.startsWith("links.")) counts.markWrites += 1;
      return Reflect.set(object, key, value);
    },
  });
  return { type, address, index: null, values: countReads(values), unknown: marks, links: {} } as unknown as AnyEntity;
}

function plain(type: ResourceType, address: string, values: Record<string, unknown>, unknown: Record<string, unknown> = {}): AnyEntity {
  return { type, address, index: null, values, unknown, links: {} } as unknown as AnyEntity;
}

/** Three APIs and two stages whose IDs are unknown (counted); `sources` methods, stages, settings and WAF associations that name none. */
function link(sources: number): { counts: Counts; resources: ModelResources } {
  const counts: Counts = { valueReads: 0, markWrites: 0 };
  const resources = emptyResources();
  const body = { state: "absent", operations: [] };
  for (let i = 0; i < 3; i += 1) {
    resources.aws_api_gateway_rest_api.push(
      counted("aws_api_gateway_rest_api", `aws_api_gateway_rest_api.a${i}`, { body_document: body }, { id: UNKNOWN }, counts) as never,
    );
  }
  const push = (type: ResourceType, entity: AnyEntity): void => void (resources[type] as AnyEntity[]).push(entity);
  for (let i = 0; i < sources; i += 1) {
    const n = String(i).padStart(4, "0");
    push("aws_api_gateway_stage", plain("aws_api_gateway_stage", `aws_api_gateway_stage.s${n}`, { stage_name: `s${n}` }, { rest_api_id: UNKNOWN }));
    push("aws_api_gateway_method", plain("aws_api_gateway_method", `aws_api_gateway_method.m${n}`, {}, { rest_api_id: UNKNOWN }));
    push(
      "aws_api_gateway_method_settings",
      plain("aws_api_gateway_method_settings", `aws_api_gateway_method_settings.x${n}`, { stage_name: "s0000" }, { rest_api_id: UNKNOWN }),
    );
    push(
      "aws_wafv2_web_acl_association",
      plain("aws_wafv2_web_acl_association", `aws_wafv2_web_acl_association.w${n}`, {}, { resource_arn: UNKNOWN }),
    );
  }
  // Two stages with unknown names whose API is unknown too: what settings and associations may also name.
  for (const name of ["u0", "u1"]) {
    push(
      "aws_api_gateway_stage",
      counted("aws_api_gateway_stage", `aws_api_gateway_stage.${name}`, {}, { rest_api_id: UNKNOWN, stage_name: UNKNOWN }, counts),
    );
  }
  linkModel(resources, new Map());
  return { counts, resources };
}

test("unknown references are linked without a scan or a mark per source", () => {
  const few = link(2);
  const many = link(200);
  expect(many.counts).toEqual(few.counts);
  expect(few.counts.markWrites).toBeGreaterThan(0);
});

test("every API and unnamed stage that an unknown reference may name is marked uncertain on its reverse side", () => {
  const { resources } = link(5);
  for (const api of resources.aws_api_gateway_rest_api) {
    expect(api.links.stages.uncertain).toBe(true);
    expect(api.links.methods.uncertain).toBe(true);
    expect(Object.keys(api.unknown)).toEqual(["id", "links.stages", "links.methods"]);
  }
  for (const stage of resources.aws_api_gateway_stage) {
    expect(stage.links.rest_api.state).toBe("uncertain");
    expect(stage.links.wafv2_associations.uncertain).toBe(true);
    // Settings name stage "s0000" of an unknown API: it, and the stages whose name is unknown, may be theirs.
    expect(stage.links.method_settings.uncertain).toBe(["s0000", "u0", "u1"].includes(stage.address.split(".")[1] ?? ""));
  }
});

test("method settings find their stage by (API, name) from an index, not a scan of the API's stages each", () => {
  const reads = (sources: number): Counts => {
    const counts: Counts = { valueReads: 0, markWrites: 0 };
    const resources = emptyResources();
    const instances = new Map<AnyEntity, ResourceInstance>();
    const byReference = { references: { rest_api_id: [{ base: "aws_api_gateway_rest_api.a" }] }, unknown: [] } as unknown as ResourceInstance;
    const body = { state: "absent", operations: [] };
    resources.aws_api_gateway_rest_api.push(plain("aws_api_gateway_rest_api", "aws_api_gateway_rest_api.a", { body_document: body }) as never);
    for (const name of ["s0", "s1", "s2"]) {
      const stage = counted("aws_api_gateway_stage", `aws_api_gateway_stage.${name}`, { stage_name: name }, {}, counts);
      resources.aws_api_gateway_stage.push(stage as never);
      instances.set(stage, byReference);
    }
    for (let i = 0; i < sources; i += 1) {
      const settings = plain("aws_api_gateway_method_settings", `aws_api_gateway_method_settings.m${String(i).padStart(4, "0")}`, {
        stage_name: "s1",
      });
      resources.aws_api_gateway_method_settings.push(settings as never);
      instances.set(settings, byReference);
    }
    linkModel(resources, instances);
    expect(resources.aws_api_gateway_method_settings.every((m) => m.links.stage.target === "aws_api_gateway_stage.s1")).toBe(true);
    return counts;
  };
  expect(reads(200)).toEqual(reads(2));
});
