/**
 * What the Markdown (Mermaid) and HTML (SVG) reports draw for each API a change touches (the graphs of
 * src/review/graph.ts, carried in `result.review.graphs`): each node's worst finding and the colours, in one
 * place so both pictures agree.
 */
import { SEVERITIES, type Severity } from "../engine/severity";
import { isWaived, type ApiGraph, type CheckResult, type GraphNode } from "../findings";

/** A node's colour class: its worst finding's severity, or `none`. */
export type NodeSeverity = Severity | "none";

/** Fill and text colours per severity (GitHub's label palette: legible on light and dark themes). */
export const SEVERITY_COLOURS: Record<NodeSeverity, { fill: string; text: string }> = {
  critical: { fill: "#b60205", text: "#ffffff" },
  high: { fill: "#d93f0b", text: "#ffffff" },
  medium: { fill: "#fbca04", text: "#000000" },
  low: { fill: "#1d76db", text: "#ffffff" },
  info: { fill: "#c5def5", text: "#000000" },
  none: { fill: "#ffffff", text: "#000000" },
};

/** The graphs to draw: a plan's review only (HCL and CDKTF have no change to picture). */
export function graphsOf(result: CheckResult): ApiGraph[] {
  return result.review?.comparable === true ? (result.review.graphs ?? []) : [];
}

/** Worst severity of the findings in force (waived ones left out) per address: one pass over the findings. */
export function worstByAddress(result: CheckResult): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of result.findings) {
    if (isWaived(f)) continue;
    const had = worst.get(f.address);
    if (had === undefined || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(had)) worst.set(f.address, f.severity);
  }
  return worst;
}

export function nodeSeverity(node: GraphNode, worst: ReadonlyMap<string, Severity>): NodeSeverity {
  return worst.get(node.address) ?? "none";
}

/** The words under a node's address: its type and, unless unchanged, what the plan does to it. */
export function nodeCaption(node: GraphNode): string {
  return node.action === "unchanged" ? node.type : `${node.type} (${node.action})`;
}
