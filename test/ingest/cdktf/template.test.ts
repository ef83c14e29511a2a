/** Terraform JSON templates as CDKTF writes them: splitting, traversals, and what is known at synth time. */
import type { Json, JsonObject } from "../../../src/ingest/types";
import { evaluate, evaluateString, Locals, referenceStrings, Resources, splitTemplate, traversals, type Scope } from "../../../src/ingest/cdktf/template";

function scope(resources: Record<string, JsonObject> = {}, locals: JsonObject = {}, extra: Partial<Scope> = {}): Scope {
  return { resources: new Resources(new Map(Object.entries(resources))), locals: new Locals(locals), ...extra };
}

describe("splitTemplate", () => {
  test("literal text, interpolations and directives; $${ and %%{ are escapes", () => {
    expect(splitTemplate("plain")).toEqual([{ literal: "plain" }]);
    expect(splitTemplate("")).toEqual([{ literal: "" }]);
    expect(splitTemplate("${aws_x.y.arn}/*")).toEqual([{ expression: "aws_x.y.arn" }, { literal: "/*" }]);
    expect(splitTemplate("a$${b}%%{c}")).toEqual([{ literal: "a${b}%{c}" }]);
    expect(splitTemplate("%{ if var.x }y%{ endif }")).toEqual([{ directive: " if var.x " }, { literal: "y" }, { directive: " endif " }]);
  });

  test("nested braces, strings and templates inside an interpolation stay in it", () => {
    expect(splitTemplate('${jsonencode({a = "${aws_x.y.id}}", b = [1]})}!')).toEqual([
      { expression: 'jsonencode({a = "${aws_x.y.id}}", b = [1]})' },
      { literal: "!" },
    ]);
  });

  test("an unterminated interpolation is malformed", () => {
    expect(splitTemplate("${aws_x.y.id")).toBeNull();
    expect(splitTemplate('${"unterminated}')).toBeNull();
  });
});

describe("traversals and references", () => {
  test("finds traversals in function arguments, strings and conditionals; not function names, keys or keywords", () => {
    const found = traversals('upper(aws_x.a-b_1.name) == "${var.v}" ? { key = local.l[0] } : data.t.n["k"].out');
    expect(found.map((t) => t.text)).toEqual(["aws_x.a-b_1.name", "var.v", "local.l[0]", 'data.t.n["k"].out']);
    expect(traversals("provider::aws::arn_parse(x)").map((t) => t.text)).toEqual([]);
    expect(traversals("true && for")).toEqual([]);
  });

  test("a dynamic index or splat ends the traversal, as in Terraform's references", () => {
    expect(traversals("aws_x.y[each.key].id").map((t) => t.text)).toEqual(["aws_x.y", "each.key"]);
    expect(traversals("aws_x.y[*].id").map((t) => t.text)).toEqual(["aws_x.y"]);
    expect(traversals("aws_x.y.0.id")[0]?.steps).toEqual(["aws_x", "y", { key: 0 }, "id"]);
  });

  test("reference strings: the traversal, then the object with and without its key (the plan's `references`)", () => {
    const [resource, keyed, data, each, variable] = traversals('aws_x.y.id + aws_x.y["k"].id + data.t.n.json + each.value.id + var.v');
    expect(referenceStrings(resource!)).toEqual(["aws_x.y.id", "aws_x.y"]);
    expect(referenceStrings(keyed!)).toEqual(['aws_x.y["k"].id', 'aws_x.y["k"]', "aws_x.y"]);
    expect(referenceStrings(data!)).toEqual(["data.t.n.json", "data.t.n"]);
    expect(referenceStrings(each!)).toEqual(["each.value.id", "each.value"]);
    expect(referenceStrings(variable!)).toEqual(["var.v"]);
  });
});

describe("evaluation at synth time", () => {
  const resources = {
    "aws_api_gateway_stage.prod": { stage_name: "prod", rest_api_id: "${aws_api_gateway_rest_api.api.id}" },
    "aws_api_gateway_rest_api.api": { name: "${local.name}" },
    "aws_x.counted": { count: 2, name: "n" },
  };
  const locals = { name: "orders", arn: "${aws_api_gateway_rest_api.api.arn}", loop: "${local.loop}", n: 3, list: ["a", "b"] };

  test("literals are known; escapes are unescaped", () => {
    expect(evaluateString("a$${b}", scope())).toMatchObject({ known: true, value: "a${b}" });
  });

  test("resource attributes: computed ones unknown but set; configured ones known, as in a plan; both keep the reference", () => {
    const s = scope(resources, locals);
    expect(evaluateString("${aws_api_gateway_rest_api.api.id}", s)).toEqual({
      known: false,
      value: null,
      references: ["aws_api_gateway_rest_api.api.id", "aws_api_gateway_rest_api.api"],
      resolved: [{ base: "aws_api_gateway_rest_api.api" }],
    });
    expect(evaluateString("${aws_api_gateway_stage.prod.stage_name}", s)).toMatchObject({
      known: true,
      value: "prod",
      resolved: [{ base: "aws_api_gateway_stage.prod" }],
    });
    expect(evaluateString("${aws_api_gateway_rest_api.api.name}-x", s)).toMatchObject({ known: true, value: "orders-x" });
    // A resource with count: which instance is meant is not known here.
    expect(evaluateString("${aws_x.counted[0].name}", s)).toMatchObject({ known: false, resolved: [{ base: "aws_x.counted", key: 0 }] });
    // Not a declared resource: no reference.
    expect(evaluateString("${aws_nope.x.id}", s)).toMatchObject({ known: false, resolved: [] });
  });

  test("locals: known values, references through them, cycles unknown", () => {
    const s = scope(resources, locals);
    expect(evaluateString("${local.n}", s)).toMatchObject({ known: true, value: 3 });
    expect(evaluateString("${local.list[1]}", s)).toMatchObject({ known: true, value: "b" });
    expect(evaluateString("n=${local.n}", s)).toMatchObject({ known: true, value: "n=3" });
    expect(evaluateString("${local.arn}", s)).toMatchObject({ known: false, references: ["local.arn"], resolved: [{ base: "aws_api_gateway_rest_api.api" }] });
    expect(evaluateString("${local.loop}", s)).toMatchObject({ known: false });
    expect(evaluateString("${local.missing}", s)).toMatchObject({ known: false, references: ["local.missing"] });
  });

  test("variables, data sources, module outputs, remote state, function calls and directives are unknown", () => {
    const s = scope(resources, locals);
    for (const text of [
      "${var.x}",
      "${data.aws_iam_policy_document.p.json}",
      "${module.logs.arn}",
      "${data.terraform_remote_state.cross-stack-reference-input-a.outputs.x}",
      '${upper("a")}',
      "${aws_api_gateway_stage.prod.stage_name == 1 ? 1 : 2}",
      "%{ if true }x%{ endif }",
      "${~ local.n ~}",
    ]) {
      expect([text, evaluateString(text, s).known]).toEqual([text, false]);
    }
    expect(evaluateString('${jsonencode({a = aws_api_gateway_rest_api.api.id})}', s)).toMatchObject({
      references: ["aws_api_gateway_rest_api.api.id", "aws_api_gateway_rest_api.api"],
      resolved: [{ base: "aws_api_gateway_rest_api.api" }],
    });
  });

  test("count.index, each and toset of literals (TerraformIterator.fromList)", () => {
    const s = scope({}, {}, { count: 1, iterators: new Map([["each", { key: "a", value: { port: 443 } }]]) });
    expect(evaluateString("${count.index}", s)).toMatchObject({ known: true, value: 1 });
    expect(evaluateString("${each.key}-${each.value.port}", s)).toMatchObject({ known: true, value: "a-443" });
    expect(evaluateString('${toset(["b", "a", "b"])}', s)).toMatchObject({ known: true, value: ["a", "b"] });
    expect(evaluateString("${toset(var.list)}", s)).toMatchObject({ known: false, references: ["var.list"] });
    expect(evaluateString("${count.index}", scope({}, {}, { count: null }))).toMatchObject({ known: false, references: ["count.index"] });
  });

  test("evaluate: unknown leaves by path, union of references, literal only when nothing is interpolated", () => {
    const s = scope(resources, locals);
    const raw: Json = { a: "x", b: ["${var.v}", "y"], c: { d: "${aws_api_gateway_rest_api.api.id}" } };
    const out = evaluate(raw, s);
    expect(out.value).toEqual({ a: "x", b: [null, "y"], c: { d: null } });
    expect(out.unknown.map((u) => u.path)).toEqual([["b", 0], ["c", "d"]]);
    expect(out.resolved).toEqual([{ base: "aws_api_gateway_rest_api.api" }]);
    expect(out.literal).toBe(false);
    expect(evaluate({ a: ["x", 1, true, null] }, s).literal).toBe(true);
    expect(evaluate("${local.name}", s)).toMatchObject({ value: "orders", literal: false, unknown: [] });
  });

  test("locals are evaluated once each (linear), and a chain too deep to follow is unknown, not a crash", () => {
    const doubling: JsonObject = { u0: "${aws_x.y.id}" };
    // Each local reads the previous one twice: 2^60 evaluations without memoization.
    for (let i = 1; i <= 60; i += 1) doubling[`u${i}`] = `\${join(local.u${i - 1}, local.u${i - 1})}`;
    const started = Date.now();
    expect(evaluateString("${local.u60}", scope({ "aws_x.y": {} }, doubling))).toMatchObject({ known: false, resolved: [{ base: "aws_x.y" }] });
    expect(Date.now() - started).toBeLessThan(1000);

    const chain: JsonObject = { l0: "x" };
    for (let i = 1; i <= 5000; i += 1) chain[`l${i}`] = `\${local.l${i - 1}}`;
    const s = scope({}, chain);
    expect(evaluateString("${local.l10}", s)).toMatchObject({ known: true, value: "x" });
    expect(evaluateString("${local.l5000}", scope({}, chain))).toMatchObject({ known: false });
  });
});
