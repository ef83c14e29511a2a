/**
 * What the plan reader works out once and reuses (src/ingest/plan/plan.ts, configuration.ts): each
 * configuration resource's expressions are walked once for all its instances, a module call's argument is
 * resolved once per calling module instance, and the streaming reader's entries become instances in place.
 * Reuse must never carry one instance's resolution to another whose configuration or module instance differs.
 * Every case is read both ways: streamed from a file, and whole.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readInput } from "../../src/ingest";
import { parseJson } from "../../src/ingest/json";
import { readPlan, SeenEntries } from "../../src/ingest/plan/plan";
import { openPlanStream, readPlanStream, readStreamedPlan, type PlanStream } from "../../src/ingest/plan/stream";
import type { IngestResult, Json, ResourceInstance } from "../../src/ingest/types";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "plan-reuse-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bothWays(plan: Json): IngestResult[] {
  const file = path.join(dir, "plan.json");
  const text = JSON.stringify(plan);
  writeFileSync(file, text);
  return [readInput(file), readPlan(parseJson(text, file), file)];
}

function change(moduleAddress: string, type: string, name: string, after: Json, afterUnknown: Json, index?: number): Json {
  const local = `${type}.${name}${index === undefined ? "" : `[${index}]`}`;
  return {
    address: moduleAddress === "" ? local : `${moduleAddress}.${local}`,
    ...(moduleAddress === "" ? {} : { module_address: moduleAddress }),
    mode: "managed",
    type,
    name,
    ...(index === undefined ? {} : { index }),
    change: { actions: ["create"], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} },
  };
}

function configResource(type: string, name: string, expressions: Json): Json {
  return { address: `${type}.${name}`, mode: "managed", type, name, expressions };
}

const byAddress = (result: IngestResult, address: string): ResourceInstance => {
  const found = result.instances.find((i) => i.address === address);
  if (found === undefined) throw new Error(`no instance ${address}`);
  return found;
};

const stage = (moduleAddress: string): Json => change(moduleAddress, "aws_api_gateway_stage", "this", { stage_name: "prod" }, { rest_api_id: true });

test("one module body under two instances of the calling module: a variable resolves in each caller's own instance", () => {
  // module.outer (for_each) calls module.inner with its own rest API: the argument is one configuration
  // object, resolved once per calling instance.
  const inner = {
    source: "./inner",
    expressions: { rest_api_id: { references: ["aws_api_gateway_rest_api.this.id", "aws_api_gateway_rest_api.this"] } },
    module: {
      resources: [
        configResource("aws_api_gateway_stage", "this", { rest_api_id: { references: ["var.rest_api_id"] }, stage_name: { constant_value: "prod" } }),
      ],
      variables: { rest_api_id: {} },
    },
  };
  const plan = {
    format_version: "1.2",
    resource_changes: ['module.outer["x"]', 'module.outer["y"]'].flatMap((outer) => [
      change(outer, "aws_api_gateway_rest_api", "this", { name: "api" }, { id: true }),
      stage(`${outer}.module.inner`),
    ]),
    configuration: {
      root_module: {
        module_calls: {
          outer: {
            source: "./outer",
            for_each_expression: { references: ["var.keys"] },
            module: { resources: [configResource("aws_api_gateway_rest_api", "this", { name: { constant_value: "api" } })], module_calls: { inner } },
          },
        },
      },
    },
  };
  for (const result of bothWays(plan)) {
    for (const key of ["x", "y"]) {
      const instance = byAddress(result, `module.outer["${key}"].module.inner.aws_api_gateway_stage.this`);
      expect(instance.references["rest_api_id"]).toEqual([{ base: `module.outer["${key}"].aws_api_gateway_rest_api.this` }]);
      expect(instance.unknown).toEqual([{ path: ["rest_api_id"], set: true, references: ["var.rest_api_id"], configured: true }]);
      expect(instance.literals).toEqual(["stage_name"]);
    }
  }
});

test("two calls of one module whose arguments differ do not share what their variables resolve to", () => {
  const call = (api: string): Json => ({
    source: "./stage",
    expressions: { rest_api_id: { references: [`aws_api_gateway_rest_api.${api}.id`, `aws_api_gateway_rest_api.${api}`] } },
    module: {
      resources: [configResource("aws_api_gateway_stage", "this", { rest_api_id: { references: ["var.rest_api_id"] } })],
      variables: { rest_api_id: {} },
    },
  });
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("", "aws_api_gateway_rest_api", "one", { name: "one" }, { id: true }),
      change("", "aws_api_gateway_rest_api", "two", { name: "two" }, { id: true }),
      stage("module.a"),
      stage("module.b"),
    ],
    configuration: {
      root_module: {
        resources: [
          configResource("aws_api_gateway_rest_api", "one", { name: { constant_value: "one" } }),
          configResource("aws_api_gateway_rest_api", "two", { name: { constant_value: "two" } }),
        ],
        module_calls: { a: call("one"), b: call("two") },
      },
    },
  };
  for (const result of bothWays(plan)) {
    expect(byAddress(result, "module.a.aws_api_gateway_stage.this").references["rest_api_id"]).toEqual([{ base: "aws_api_gateway_rest_api.one" }]);
    expect(byAddress(result, "module.b.aws_api_gateway_stage.this").references["rest_api_id"]).toEqual([{ base: "aws_api_gateway_rest_api.two" }]);
  }
});

test("instances of one counted resource share its walk, not their lists", () => {
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("", "aws_api_gateway_rest_api", "r", { name: "r" }, { id: true }),
      change("", "aws_api_gateway_stage", "s", { stage_name: "a" }, { rest_api_id: true }, 0),
      change("", "aws_api_gateway_stage", "s", { stage_name: "b" }, { rest_api_id: true }, 1),
    ],
    configuration: {
      root_module: {
        resources: [
          configResource("aws_api_gateway_rest_api", "r", { name: { constant_value: "r" } }),
          configResource("aws_api_gateway_stage", "s", {
            rest_api_id: { references: ["aws_api_gateway_rest_api.r.id", "aws_api_gateway_rest_api.r"] },
            stage_name: { references: ["count.index"] },
          }),
        ],
      },
    },
  };
  for (const result of bothWays(plan)) {
    const [first, second] = [byAddress(result, "aws_api_gateway_stage.s[0]"), byAddress(result, "aws_api_gateway_stage.s[1]")];
    for (const instance of [first, second]) {
      expect(instance.references["rest_api_id"]).toEqual([{ base: "aws_api_gateway_rest_api.r" }]);
      expect(instance.configured).toEqual(["rest_api_id", "stage_name"]);
      expect(instance.values["rest_api_id"]).toBeNull();
    }
    expect(first.values["stage_name"]).toBe("a");
    expect(second.values["stage_name"]).toBe("b");
    // What one instance's reader changes stays its own: its own lists, or lists the instances share frozen
    // (a change throws rather than reaching the other instance).
    const ownOrFrozen = (a: unknown, b: unknown): boolean => a !== b || Object.isFrozen(a);
    expect(first.references["rest_api_id"]).not.toBe(second.references["rest_api_id"]);
    expect(first.unknown).not.toBe(second.unknown);
    for (const [a, b] of [
      [first.configured, second.configured],
      [first.sensitive, second.sensitive],
      [first.unknown[0], second.unknown[0]],
      [first.unknown[0]?.references, second.unknown[0]?.references],
      [first.unknown[0]?.path, second.unknown[0]?.path],
    ]) {
      expect(a).toBeDefined();
      expect(ownOrFrozen(a, b)).toBe(true);
    }
  }
});

test("values read in place keep no prototype, also where an unknown value was filled in under `__proto__`", () => {
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change(
        "",
        "aws_api_gateway_rest_api",
        "r",
        { name: "r", endpoint_configuration: [{ types: ["REGIONAL"] }], tags: { constructor: "x" } },
        { id: true, ["__proto__"]: true, endpoint_configuration: [{ vpc_endpoint_ids: true }] },
      ),
    ],
  };
  for (const result of bothWays(plan)) {
    const values = byAddress(result, "aws_api_gateway_rest_api.r").values;
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.getPrototypeOf((values["endpoint_configuration"] as Json[])[0])).toBeNull();
    expect(Object.getPrototypeOf(values["tags"])).toBeNull();
    expect(Object.hasOwn(values, "__proto__")).toBe(true);
    expect(values["__proto__"]).toBeNull();
    expect(Object.keys(values)).toEqual(["name", "endpoint_configuration", "tags", "id", "__proto__"]);
    expect(({} as Record<string, unknown>)["id"]).toBeUndefined();
  }
});

describe("checks done once still name what is wrong", () => {
  const refused = (plan: Json, message: string): void => {
    const file = path.join(dir, "bad.json");
    const text = JSON.stringify(plan);
    writeFileSync(file, text);
    expect(() => readInput(file)).toThrow(message);
    expect(() => readPlan(parseJson(text, file), file)).toThrow(message);
    // The stream's own message (a plan too large to read again whole gets it).
    const fd = openSync(file, "r");
    try {
      const { stream } = openPlanStream(fd, file);
      expect(() => readStreamedPlan(readPlanStream(stream as PlanStream, file), file)).toThrow(message);
    } finally {
      closeSync(fd);
    }
  };
  const rest = change("", "aws_api_gateway_rest_api", "r", { name: "r" }, { id: true });

  test("a configuration block that is not a body", () => {
    refused(
      {
        format_version: "1.2",
        resource_changes: [rest],
        configuration: {
          root_module: {
            resources: [configResource("aws_api_gateway_rest_api", "r", { endpoint_configuration: [{ types: { constant_value: ["EDGE"] } }, 7] })],
          },
        },
      },
      "configuration.root_module.resources[0] (aws_api_gateway_rest_api.r).expressions.endpoint_configuration[1] is a number, expected an expression or a block",
    );
  });

  test("references that are not strings, deep in a block", () => {
    refused(
      {
        format_version: "1.2",
        resource_changes: [rest],
        configuration: {
          root_module: {
            resources: [configResource("aws_api_gateway_rest_api", "r", { endpoint_configuration: [{ vpc_endpoint_ids: { references: [1] } }] })],
          },
        },
      },
      "configuration.root_module.resources[0] (aws_api_gateway_rest_api.r).expressions.endpoint_configuration[0].vpc_endpoint_ids.references is a list, expected a list of strings",
    );
  });

  test("a mask entry that is neither a mark, a list nor an object", () => {
    refused(
      {
        format_version: "1.2",
        resource_changes: [change("", "aws_api_gateway_rest_api", "r", { name: "r" }, { endpoint_configuration: [{ types: "x" }] })],
      },
      "resource_changes[0] (aws_api_gateway_rest_api.r): after_unknown.endpoint_configuration[0].types is a string, expected true, false, a list or an object",
    );
  });
});

describe("entries seen, by address and deposed key", () => {
  test("a deposed object is not its current object; the same entry twice is", () => {
    const seen = new SeenEntries();
    expect(seen.add('module.m["k"].aws_api_gateway_stage.s', "", 0)).toBeUndefined();
    expect(seen.add('module.m["k"].aws_api_gateway_stage.s', "00000001", 1)).toBeUndefined();
    expect(seen.add('module.m["k"].aws_api_gateway_stage.s', "00000001", 2)).toBe(1);
    expect(seen.add('module.m["k"].aws_api_gateway_stage.s', "", 3)).toBe(0);
  });

  test("keys stay those of `address\\0deposed`, also for an address holding \\0", () => {
    const seen = new SeenEntries();
    expect(seen.add("a\u0000", "b", 0)).toBeUndefined();
    expect(seen.add("a", "\u0000b", 1)).toBe(0);
    expect(seen.add("a\u0000b", "", 2)).toBeUndefined();
    expect(seen.add("a", "b", 3)).toBeUndefined();
    expect(seen.add("a", "", 4)).toBeUndefined();
  });
});

test("entries with the same masks share them, and each still reads them in its own module instance", () => {
  // Two module instances of one configuration: the same after_unknown and after_sensitive text in every entry.
  const calls = Object.fromEntries(
    ["a", "b"].map((call) => [
      call,
      {
        source: "./api",
        module: {
          resources: [
            configResource("aws_api_gateway_rest_api", "this", { name: { constant_value: "r" } }),
            configResource("aws_api_gateway_stage", "this", {
              rest_api_id: { references: ["aws_api_gateway_rest_api.this.id", "aws_api_gateway_rest_api.this"] },
            }),
          ],
        },
      },
    ]),
  );
  const plan = {
    format_version: "1.2",
    resource_changes: ["module.a", "module.b"].flatMap((module) => [
      change(module, "aws_api_gateway_rest_api", "this", { name: "r" }, { id: true }),
      change(module, "aws_api_gateway_stage", "this", { stage_name: "prod" }, { rest_api_id: true, arn: true }),
    ]),
    configuration: { root_module: { module_calls: calls } },
  };
  for (const result of bothWays(plan)) {
    for (const module of ["module.a", "module.b"]) {
      const instance = byAddress(result, `${module}.aws_api_gateway_stage.this`);
      expect(instance.references["rest_api_id"]).toEqual([{ base: `${module}.aws_api_gateway_rest_api.this` }]);
      expect(instance.unknown).toEqual([
        { path: ["rest_api_id"], set: true, references: ["aws_api_gateway_rest_api.this.id", "aws_api_gateway_rest_api.this"], configured: true },
        { path: ["arn"], set: false, references: [], configured: false },
      ]);
      expect(instance.values["rest_api_id"]).toBeNull();
      expect(instance.values["arn"]).toBeNull();
    }
  }
});

test("a malformed mask after equal well-formed ones is refused with its own entry's message", () => {
  const plan = {
    format_version: "1.2",
    resource_changes: [0, 1, 2].map((index) =>
      change("", "aws_api_gateway_stage", "s", { stage_name: "prod" }, index === 2 ? { rest_api_id: 1 } : { rest_api_id: true }, index),
    ),
  };
  const file = path.join(dir, "plan.json");
  const text = JSON.stringify(plan);
  writeFileSync(file, text);
  const message =
    "resource_changes[2] (aws_api_gateway_stage.s[2]): after_unknown.rest_api_id is a number, expected true, false, a list or an object";
  expect(() => readInput(file)).toThrow(message);
  expect(() => readPlan(parseJson(text, file), file)).toThrow(message);
});

test("masks alike but for key order, a mark or a list against an object are each read as their own entry wrote them", () => {
  // Shared masks are found by comparing each new one with those read before (SeenEntries.mask): every difference
  // of JSON text counts, key order included (it orders the unknown values).
  const masks: Json[] = [
    { id: true, arn: true },
    { arn: true, id: true },
    { arn: true, id: false },
    { arn: true, tags: [true] },
    { arn: true, tags: { "0": true } },
    { arn: true, id: true },
  ];
  const plan = {
    format_version: "1.2",
    resource_changes: masks.map((mask, index) => change("", "aws_api_gateway_stage", "s", { stage_name: "prod" }, mask, index)),
  };
  const paths = [[["id"], ["arn"]], [["arn"], ["id"]], [["arn"]], [["arn"], ["tags", 0]], [["arn"], ["tags", "0"]], [["arn"], ["id"]]];
  for (const result of bothWays(plan)) {
    expect(masks.map((_, index) => byAddress(result, `aws_api_gateway_stage.s[${index}]`).unknown.map((u) => u.path))).toEqual(paths);
  }
});
