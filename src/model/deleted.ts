/**
 * Deleted resources are evidence about what stays. A plan keeps a computed attribute at its prior value when
 * the resource that set it is deleted: a stage's `web_acl_arn` still names the web ACL of a WAF association
 * the same plan deletes, so the after model would see a stage that is about to lose its WAF as guarded.
 * The value is stale: it is cleared here, so the rules see the stage as AWS will leave it.
 */
import type { Json, JsonObject, ResourceInstance } from "../ingest/types";
import type { AnyEntity, ModelResources } from "./types";

const WAF_ASSOCIATIONS: Readonly<Record<string, string>> = {
  aws_wafv2_web_acl_association: "web_acl_arn",
  aws_wafregional_web_acl_association: "web_acl_id",
};

function text(values: JsonObject | Record<string, unknown>, key: string): string | null {
  const v = values[key];
  return typeof v === "string" && v !== "" ? v : null;
}

/** Only a pure delete removes a resource; a replace creates it again. */
export function isDeleted(instance: ResourceInstance): boolean {
  return instance.actions.includes("delete") && !instance.actions.includes("create");
}

/**
 * Clears a REST stage's `web_acl_arn` when it names the ACL of a WAF association the plan deletes from that
 * stage (matched by the association's prior `resource_arn` against the stage's ARN, before or after).
 * Linear: one map of deleted associations by stage ARN, one pass over the stages.
 */
export function clearDeletedWebAcls(resources: ModelResources, before: readonly ResourceInstance[]): void {
  const deletedAcls = new Map<string, Set<string>>();
  const beforeStageArn = new Map<string, string>();
  for (const instance of before) {
    if (instance.type === "aws_api_gateway_stage") {
      const arn = text(instance.values, "arn");
      if (arn !== null) beforeStageArn.set(instance.address, arn);
    }
    const aclAttribute = WAF_ASSOCIATIONS[instance.type];
    if (aclAttribute === undefined || !isDeleted(instance)) continue;
    const stage = text(instance.values, "resource_arn");
    const acl = text(instance.values, aclAttribute);
    if (stage === null || acl === null) continue;
    const acls = deletedAcls.get(stage) ?? new Set<string>();
    acls.add(acl);
    deletedAcls.set(stage, acls);
  }
  if (deletedAcls.size === 0) return;
  for (const stage of resources.aws_api_gateway_stage as AnyEntity[]) {
    const values = stage.values as unknown as Record<string, Json>;
    const acl = text(values, "web_acl_arn");
    if (acl === null) continue;
    const arns = [text(values, "arn"), beforeStageArn.get(stage.address) ?? null];
    if (arns.some((arn) => arn !== null && deletedAcls.get(arn)?.has(acl) === true)) values["web_acl_arn"] = null;
  }
}
