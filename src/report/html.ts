/**
 * `--format html`: a self-contained page for people reading a change outside a pull request. No network: CSS
 * inline, each changed API drawn as inline SVG by the layout below (columns by node kind, rows in the graph's
 * order: simple and deterministic), no script. Same lead sentence as the other reports, then the introduced
 * findings, the weakened settings, the rest collapsed. Every string from the input goes through `html()`.
 */
import { SEVERITIES, type Severity } from "../engine/severity";
import { GRAPH_KINDS, isBlocking, isWaived, type ApiGraph, type CheckResult, type Finding, type GraphNode } from "../findings";
import { printable } from "../printable";
import { graphsOf, nodeCaption, nodeSeverity, SEVERITY_COLOURS, worstByAddress } from "./diagram";
import { leadSentence, settingsToReview } from "./review";
import type { Reporter } from "./types";

/** Text and attribute values: controls spelled out, the five HTML-significant characters as entities. */
export function html(text: string): string {
  return printable(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const NODE_WIDTH = 280;
const NODE_HEIGHT = 46;
const COLUMN_GAP = 70;
const ROW_GAP = 18;
const MARGIN = 10;
/** Characters of an address shown in a node; the whole address is in its tooltip. */
const LABEL_CHARACTERS = 40;

const ACTION_STROKE: Record<GraphNode["action"], string> = {
  added: "#1a7f37",
  changed: "#9a6700",
  replaced: "#8250df",
  deleted: "#cf222e",
  unchanged: "#57606a",
};

function shorten(text: string): string {
  return text.length <= LABEL_CHARACTERS ? text : `…${text.slice(text.length - LABEL_CHARACTERS + 1)}`;
}

/** One API as SVG: a column per node kind present, left to right in GRAPH_KINDS order; edges as curves. */
export function svgDiagram(graph: ApiGraph, worst: ReadonlyMap<string, Severity>): string {
  const columns = GRAPH_KINDS.filter((k) => graph.nodes.some((n) => n.kind === k));
  const place = new Map<string, { x: number; y: number }>();
  const rows = new Map<string, number>();
  for (const n of graph.nodes) {
    const column = columns.indexOf(n.kind);
    const row = rows.get(n.kind) ?? 0;
    rows.set(n.kind, row + 1);
    place.set(n.address, { x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + row * (NODE_HEIGHT + ROW_GAP) });
  }
  const width = MARGIN * 2 + columns.length * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  const height = MARGIN * 2 + Math.max(1, ...rows.values()) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  const parts: string[] = [];
  for (const e of graph.edges) {
    const a = place.get(e.from);
    const b = place.get(e.to);
    if (a === undefined || b === undefined) continue;
    const sameColumn = a.x === b.x;
    const x1 = sameColumn ? a.x + NODE_WIDTH / 2 : a.x + NODE_WIDTH;
    const y1 = sameColumn ? a.y + (b.y > a.y ? NODE_HEIGHT : 0) : a.y + NODE_HEIGHT / 2;
    const x2 = sameColumn ? b.x + NODE_WIDTH / 2 : b.x;
    const y2 = sameColumn ? b.y + (b.y > a.y ? 0 : NODE_HEIGHT) : b.y + NODE_HEIGHT / 2;
    const bend = sameColumn ? `${x1 + 40} ${y1}, ${x2 + 40} ${y2}` : `${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}`;
    parts.push(
      `<path class="edge" data-from="${html(e.from)}" data-to="${html(e.to)}" d="M ${x1} ${y1} C ${bend}, ${x2} ${y2}" marker-end="url(#arrow)"/>`,
    );
  }
  for (const n of graph.nodes) {
    const p = place.get(n.address);
    if (p === undefined) continue;
    const severity = nodeSeverity(n, worst);
    const colour = SEVERITY_COLOURS[severity];
    const dash = n.action === "deleted" ? ` stroke-dasharray="6 4"` : "";
    const strokeWidth = n.action === "unchanged" ? 1 : 3;
    parts.push(
      `<g class="node sev-${severity} action-${n.action}" data-address="${html(n.address)}" data-type="${html(n.type)}" data-severity="${severity}" data-action="${n.action}">` +
        `<title>${html(`${n.address}: ${nodeCaption(n)}; worst finding: ${severity}`)}</title>` +
        `<rect x="${p.x}" y="${p.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${colour.fill}" stroke="${ACTION_STROKE[n.action]}" stroke-width="${strokeWidth}"${dash}/>` +
        `<text x="${p.x + 8}" y="${p.y + 19}" fill="${colour.text}" class="address">${html(shorten(n.address))}</text>` +
        `<text x="${p.x + 8}" y="${p.y + 37}" fill="${colour.text}" class="caption">${html(shorten(nodeCaption(n)))}</text>` +
        `</g>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" data-api="${html(graph.api)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${html(`Resources of ${graph.api}`)}">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a"/></marker></defs>` +
    parts.join("") +
    `</svg>`
  );
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.blocking{font-weight:700}.weaker{color:#cf222e;font-weight:700}.lead{font-weight:700;font-size:15px}
.legend span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #57606a;border-radius:4px}
.scroll{overflow-x:auto}svg.diagram{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
svg.diagram .edge{fill:none;stroke:#57606a;stroke-width:1.5}svg.diagram .caption{font-size:11px}
details{margin:12px 0}summary{cursor:pointer;font-weight:600}
`;

function findingRows(findings: readonly Finding[], result: CheckResult): string {
  const rows = findings.map((f) => {
    const severity = f.unknown ? "unverifiable" : isWaived(f) ? `${f.severity} (waived)` : f.severity;
    const blocking = isBlocking(f, result.summary.fail_on, result.summary.change?.fail_on_new);
    return `<tr><td${blocking ? ` class="blocking"` : ""}>${html(severity)}</td><td>${html(f.rule_id)}</td><td><code>${html(f.address)}</code></td><td>${html(f.title)}: ${html(f.message)}</td></tr>`;
  });
  return `<table><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function renderHtml(result: CheckResult): string {
  const s = result.summary;
  const out: string[] = [];
  const lead = leadSentence(result);
  out.push(
    `<h1>policy-check: ${s.blocking > 0 ? `${s.blocking} blocking finding${s.blocking === 1 ? "" : "s"}` : `nothing blocks at or above ${html(s.fail_on)}`}</h1>`,
  );
  if (lead !== null) out.push(`<p class="lead">${html(lead)}</p>`);
  out.push(
    `<p>${s.resources_judged} API Gateway resource${s.resources_judged === 1 ? "" : "s"} judged in <code>${html(result.input)}</code>.</p>`,
    `<table><thead><tr><th>Severity</th><th>Findings</th></tr></thead><tbody>${SEVERITIES.map((sev) => `<tr><td>${sev}</td><td>${s.by_severity[sev]}</td></tr>`).join("")}<tr><td>blocking</td><td class="blocking">${s.blocking}</td></tr></tbody></table>`,
  );
  const comparable = result.review?.comparable === true;
  const introduced = comparable ? result.findings.filter((f) => f.change === "introduced") : [];
  const rest = comparable ? result.findings.filter((f) => f.change !== "introduced") : result.findings;
  if (comparable) {
    out.push(`<h2>Introduced by this change</h2>`, introduced.length === 0 ? "<p>None.</p>" : findingRows(introduced, result));
    const settings = settingsToReview(result);
    out.push(`<h2>Settings this change weakens</h2>`);
    if (settings.length === 0) out.push("<p>None.</p>");
    else {
      const rows = settings.map(
        (r) =>
          `<tr><td><code>${html(r.api)}</code></td><td><code>${html(r.address)}</code></td><td>${html(r.setting)}</td><td>${html(r.before)}</td><td>${html(r.after)}</td><td class="${r.verdict}">${html(r.verdict)}: ${html(r.reason)}</td></tr>`,
      );
      out.push(
        `<table><thead><tr><th>API</th><th>Resource</th><th>Setting</th><th>Before</th><th>After</th><th>Verdict</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
      );
    }
    const graphs = graphsOf(result);
    if (graphs.length > 0) {
      const worst = worstByAddress(result);
      out.push(
        `<h2>The change, per API</h2>`,
        `<p class="legend">Fill: worst finding — ${(["critical", "high", "medium", "low", "info", "none"] as const)
          .map((k) => `<span style="background:${SEVERITY_COLOURS[k].fill};color:${SEVERITY_COLOURS[k].text}">${k}</span>`)
          .join("")} Border: added (green), changed (amber), replaced (purple), deleted (red, dashed).</p>`,
      );
      for (const g of graphs) out.push(`<h3><code>${html(g.api)}</code></h3>`, `<div class="scroll">${svgDiagram(g, worst)}</div>`);
    }
  }
  if (rest.length > 0) {
    const summary = comparable
      ? `${rest.length} finding${rest.length === 1 ? " was" : "s were"} already there before this change`
      : `${rest.length} finding${rest.length === 1 ? "" : "s"}`;
    out.push(`<details${comparable ? "" : " open"}><summary>${summary}</summary>${findingRows(rest, result)}</details>`);
  }
  const resolved = result.review?.resolved ?? [];
  if (resolved.length > 0) {
    const rows = resolved.map(
      (r) =>
        `<tr><td>${html(r.rule_id)}</td><td><code>${html(r.address)}</code></td><td>${r.resolution === "deleted" ? "resource deleted" : "fixed"}</td></tr>`,
    );
    out.push(
      `<details><summary>${resolved.length} finding${resolved.length === 1 ? "" : "s"} resolved by this change</summary><table><thead><tr><th>Rule</th><th>Resource</th><th>How</th></tr></thead><tbody>${rows.join("")}</tbody></table></details>`,
    );
  }
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8">`,
    // No script, no fetch, no external resource: the page is read as it is.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>policy-check report</title><style>${STYLE}</style></head>`,
    `<body>${out.join("\n")}</body></html>`,
    "",
  ].join("\n");
}

export const htmlReporter: Reporter = {
  name: "html",
  render(result) {
    return renderHtml(result);
  },
};
