/**
 * The picture of a change: one graph per API the plan touches (API → stages → WAF ACL, domains, authorizers,
 * integrations, policy), built once from the before and after models and their resolved links, drawn by the
 * Markdown (Mermaid) and HTML (SVG) reports. Only addresses and types: no value reaches the picture. Linear
 * in the number of resources: one pass per model, a constant number of links per resource.
 */
import type { ApiGraph, GraphNode, GraphNodeAction, GraphNodeKind } from "../findings";
import { GRAPH_KINDS } from "../findings";
import type { AnyEntity, Model, PlanAction } from "../model/types";
import { apiOf, Lookup } from "./review";

const KIND_BY_TYPE: Record<string, GraphNodeKind> = {
  aws_api_gateway_rest_api: "api",
  aws_apigatewayv2_api: "api",
  aws_api_gateway_stage: "stage",
  aws_apigatewayv2_stage: "stage",
  aws_api_gateway_method: "route",
  aws_apigatewayv2_route: "route",
  aws_api_gateway_authorizer: "authorizer",
  aws_apigatewayv2_authorizer: "authorizer",
  aws_api_gateway_integration: "integration",
  aws_apigatewayv2_integration: "integration",
  aws_wafv2_web_acl: "waf",
  aws_wafv2_web_acl_association: "waf",
  aws_wafregional_web_acl_association: "waf",
  aws_api_gateway_domain_name: "domain",
  aws_apigatewayv2_domain_name: "domain",
  aws_api_gateway_base_path_mapping: "domain",
  aws_apigatewayv2_api_mapping: "domain",
  aws_api_gateway_rest_api_policy: "policy",
  aws_lambda_permission: "policy",
};

export function kindOf(type: string): GraphNodeKind {
  return KIND_BY_TYPE[type] ?? "other";
}

function actionOf(actions: readonly PlanAction[]): GraphNodeAction {
  const creates = actions.includes("create");
  const deletes = actions.includes("delete");
  if (creates && deletes) return "replaced";
  if (creates) return "added";
  if (deletes) return "deleted";
  if (actions.includes("update")) return "changed";
  return "unchanged";
}

/** The resolved forward links of an entity (reverse link sets are the same edges seen from the other end). */
function forwardTargets(entity: AnyEntity): string[] {
  const out: string[] = [];
  for (const link of Object.values(entity.links as Record<string, unknown>)) {
    if (typeof link !== "object" || link === null || !("state" in link)) continue;
    const target = (link as { target?: unknown }).target;
    if (typeof target === "string") out.push(target);
  }
  return out;
}

const COLUMN = new Map<GraphNodeKind, number>(GRAPH_KINDS.map((k, i) => [k, i]));

/**
 * One graph per API with at least one created, updated, replaced or deleted resource, sorted by API address.
 * Resources linked from the API's own (a WAF ACL, a domain name) join its graph. Edges run left to right by
 * column (API first); between resources of one column, from the resource that holds the link.
 */
export function changeGraphs(beforeModel: Model, afterModel: Model): ApiGraph[] {
  const before = new Lookup(beforeModel);
  const after = new Lookup(afterModel);
  const groups = new Map<string, { nodes: Map<string, GraphNode>; entities: AnyEntity[]; changed: boolean }>();
  const add = (entity: AnyEntity, api: string, action: GraphNodeAction): void => {
    let group = groups.get(api);
    if (group === undefined) {
      group = { nodes: new Map(), entities: [], changed: false };
      groups.set(api, group);
    }
    if (group.nodes.has(entity.address)) return;
    group.nodes.set(entity.address, { address: entity.address, type: entity.type, kind: kindOf(entity.type), action });
    group.entities.push(entity);
    if (action !== "unchanged") group.changed = true;
  };
  for (const entity of after.all()) add(entity, apiOf(entity, after), actionOf(entity.actions));
  for (const entity of before.all()) if (after.entity(entity.address) === undefined) add(entity, apiOf(entity, before), "deleted");
  const graphs: ApiGraph[] = [];
  for (const [api, group] of groups) {
    // A resource of its own (no API: a WAF ACL, a domain name) is drawn in the APIs that link to it.
    if (group.nodes.get(api)?.kind !== "api" || !group.changed) continue;
    // Each edge once: by its two nodes (one node per address in a group).
    const edges = new Map<GraphNode, Map<GraphNode, { from: string; to: string }>>();
    for (const entity of [...group.entities]) {
      for (const target of forwardTargets(entity)) {
        if (!group.nodes.has(target)) {
          const linked = after.entity(target) ?? before.entity(target);
          if (linked === undefined || kindOf(linked.type) === "api") continue;
          const action = after.entity(target) === undefined ? "deleted" : actionOf(linked.actions);
          group.nodes.set(target, { address: target, type: linked.type, kind: kindOf(linked.type), action });
        }
        const from = group.nodes.get(target);
        const to = group.nodes.get(entity.address);
        if (from === undefined || to === undefined || from === to) continue;
        const [a, b] = (COLUMN.get(from.kind) ?? 0) < (COLUMN.get(to.kind) ?? 0) ? [from, to] : [to, from];
        let fromA = edges.get(a);
        if (fromA === undefined) edges.set(a, (fromA = new Map()));
        if (!fromA.has(b)) fromA.set(b, { from: a.address, to: b.address });
      }
    }
    const nodes = [...group.nodes.values()].sort((a, b) => (COLUMN.get(a.kind) ?? 0) - (COLUMN.get(b.kind) ?? 0) || compare(a.address, b.address));
    const edgeList = [...edges.values()].flatMap((to) => [...to.values()]);
    graphs.push({ api, nodes, edges: edgeList.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)) });
  }
  return graphs.sort((a, b) => compare(a.api, b.api));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
