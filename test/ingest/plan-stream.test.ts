/**
 * The streaming plan reader (src/ingest/plan/stream.ts) gives the plan adapter exactly what reading the whole
 * plan as one string gives, for every fixture plan, also when every value crosses a chunk boundary; and what it
 * cannot read it refuses with the offset, never a partial result.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readInput } from "../../src/ingest";
import { parseJson } from "../../src/ingest/json";
import { readPlan } from "../../src/ingest/plan/plan";
import { GROUP_BYTES, NotAPlan, openPlanStream, readPlanStream, readStreamedPlan, StreamSyntaxError } from "../../src/ingest/plan/stream";
import { PLANS } from "../helpers/cli";

function fixturePlans(): string[] {
  return readdirSync(PLANS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => ["plan.json", "tofu.plan.json"].map((name) => path.join(PLANS, entry.name, name)))
    .filter((file) => existsSync(file));
}

function wholeRead(file: string): unknown {
  return readPlan(parseJson(readFileSync(file, "utf8"), file), file);
}

function streamed(file: string, chunk?: number): unknown {
  const fd = openSync(file, "r");
  try {
    const { stream } = openPlanStream(fd, file, undefined, chunk);
    if (stream === null) throw new Error(`${file} does not look like a JSON object`);
    return readStreamedPlan(readPlanStream(stream, file), file);
  } finally {
    closeSync(fd);
  }
}

const plans = fixturePlans();

test("there are fixture plans to compare", () => {
  expect(plans.length).toBeGreaterThan(100);
});

test.each(plans.map((f) => [path.relative(PLANS, f), f]))("%s: streamed as read whole", (_name, file) => {
  const expected = JSON.stringify(wholeRead(file));
  expect(JSON.stringify(readInput(file))).toBe(expected);
  // 61 bytes at a time: every key, string and entry crosses a chunk boundary somewhere.
  expect(JSON.stringify(streamed(file, 61))).toBe(expected);
});

describe("what the stream refuses", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "plan-stream-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const streamText = (text: string): unknown => {
    const file = path.join(dir, "plan.json");
    writeFileSync(file, text);
    return streamed(file, 16);
  };

  test.each([
    ['{"format_version":"1.2","resource_changes":[{"address":"a.b",}]}', 61],
    ['{"format_version":"1.2","resource_changes":[]', 45],
    ['{"format_version":"1.2" "x":1}', 24],
    ['{"format_version":"1.2","resource_changes":[]} trailing', 47],
    ['{"format_version":"1.2","prior_state":{"values":"\\ud800"},"resource_changes":[]}', 38],
  ])("%s: a syntax error at its offset", (text, offset) => {
    expect(() => streamText(text)).toThrow(StreamSyntaxError);
    try {
      streamText(text);
    } catch (error) {
      expect((error as StreamSyntaxError).offset).toBe(offset);
    }
  });

  test("escapes at every chunk boundary: a quote after an odd run of backslashes stays inside the string", () => {
    const plan = JSON.parse(readFileSync(path.join(PLANS, "rest-insecure", "plan.json"), "utf8")) as {
      resource_changes: Array<{ change: { after: Record<string, unknown> } }>;
    };
    // Backslash runs of several lengths before a quote, brackets inside strings, escapes (\u0026, a surrogate
    // pair written as escapes) and UTF-8 text, in values and in keys.
    const tricky = ["a\\", "b\\\\", '\\"', '\\\\"}', '"]}', "x&<\u2028>", "\ud83d\ude00", "PAIR"];
    for (const [i, text] of tricky.entries()) {
      const entry = plan.resource_changes[i] as { change: { after: Record<string, unknown> } };
      entry.change.after["description"] = text;
      entry.change.after[`k${text}`] = [text, { [text]: text }];
    }
    const file = path.join(dir, "escapes.json");
    writeFileSync(file, JSON.stringify(plan).replaceAll("x&<", "x\\u0026\\u003c").replaceAll("PAIR", "\\ud83d\\ude00"));
    const expected = JSON.stringify(wholeRead(file));
    for (const chunk of [2, 3, 5, 8, 13]) expect(JSON.stringify(streamed(file, chunk))).toBe(expected);
  });

  test.each(["first", "last"])("an error in a dropped section is refused at its offset, the section %s, held whole in the window or not", (order) => {
    const planned = '"planned_values":{"root_module":{"resources":[{"address":"a.b","values":{"x":[1,{"y":2,}]}}]}}';
    const changes = '"resource_changes":[]';
    const text = `{"format_version":"1.2",${order === "first" ? `${planned},${changes}` : `${changes},${planned}`}}`;
    const file = path.join(dir, "dropped.json");
    writeFileSync(file, text);
    for (const chunk of [16, undefined]) {
      expect(() => streamed(file, chunk)).toThrow(StreamSyntaxError);
      try {
        streamed(file, chunk);
      } catch (error) {
        expect((error as StreamSyntaxError).offset).toBe(text.indexOf(",}") + 1);
      }
    }
  });

  test("a dropped list longer than one slice is walked in a window that does not grow with it", () => {
    // Over SKIP_SLICE_BYTES (4 MiB): walked entry by entry; the window holds at most about one slice.
    const resources = Array.from({ length: 130000 }, (_, i) => ({ address: `aws_s3_bucket.b${i}`, values: { bucket: `bucket-${i}`, tags: {} } }));
    const text = JSON.stringify({ format_version: "1.2", planned_values: { root_module: { resources } }, resource_changes: [] });
    expect(text.length).toBeGreaterThan(9 * 1024 * 1024);
    const file = path.join(dir, "long-list.json");
    writeFileSync(file, text);
    const fd = openSync(file, "r");
    try {
      const { stream, window } = openPlanStream(fd, file, undefined, 64 * 1024);
      readPlanStream(stream as NonNullable<typeof stream>, file);
      expect(window.buf.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    } finally {
      closeSync(fd);
    }
  });

  test("a lone surrogate in an entry is refused at the entry", () => {
    const text = '{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"after":{"x":"\\udc00"}}}]}';
    expect(() => streamText(text)).toThrow("a string holds half of a UTF-16 surrogate pair, not a character");
    try {
      streamText(text);
    } catch (error) {
      expect((error as StreamSyntaxError).offset).toBe(44);
    }
  });

  test("a section walked twice is refused (JSON.parse would keep only the last)", () => {
    expect(() => streamText('{"format_version":"1.2","resource_changes":[],"resource_changes":[]}')).toThrow("resource_changes appears twice");
  });

  test("a JSON document that is not a plan is handed back with its keys", () => {
    expect(() => streamText('{"version":"0.21.0","stacks":{}}')).toThrow(NotAPlan);
  });

  test("an entry the plan reader refuses is refused as it passes, naming its position", () => {
    const change = { address: "aws_s3_bucket.a", mode: "managed", type: "aws_s3_bucket", name: "a", change: { actions: ["create"], after: "x" } };
    expect(() => streamText(JSON.stringify({ format_version: "1.2", resource_changes: [change] }))).toThrow(
      "resource_changes[0] (aws_s3_bucket.a): after is a string, expected an object",
    );
  });
});

describe("a module's configuration repeated once per module call", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "plan-stream-modules-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Plan = { resource_changes: Array<Record<string, unknown>>; configuration: { root_module: Record<string, unknown> } };
  const base = (): Plan => JSON.parse(readFileSync(path.join(PLANS, "rest-insecure", "plan.json"), "utf8")) as Plan;

  /** rest-insecure's root module called as `calls` (name -> module text), its changes in each (and in `inner` of the last). */
  const modulePlan = (edit: (module: Record<string, unknown>) => void = () => undefined): string => {
    const plan = base();
    const module = plan.configuration.root_module;
    edit(module);
    const changes = plan.resource_changes.filter((rc) => rc["module_address"] === undefined);
    const nested = { ...module, module_calls: { inner: { source: "./api", module } } };
    const calls = { api_0: module, api_1: module, api_2: nested, api_3: module };
    const resourceChanges = Object.keys(calls).flatMap((name) => {
      const at = `module.${name}`;
      const within = name === "api_2" ? [at, `${at}.module.inner`] : [at];
      return within.flatMap((moduleAddress) =>
        changes.map((rc) => ({ ...rc, address: `${moduleAddress}.${String(rc["address"])}`, module_address: moduleAddress })),
      );
    });
    const moduleCalls = Object.fromEntries(Object.entries(calls).map(([name, m]) => [name, { source: "./api", module: m }]));
    return JSON.stringify({
      ...plan,
      resource_changes: resourceChanges,
      configuration: { root_module: { resources: [], module_calls: moduleCalls } },
    });
  };

  test("each call's instances are read as from the whole plan (links resolved in their own module instance)", () => {
    const file = path.join(dir, "modules.json");
    writeFileSync(file, modulePlan());
    const expected = wholeRead(file) as { instances: Array<{ address: string; references: Record<string, Array<{ base: string }>> }> };
    const linked = expected.instances.filter((i) => i.address.startsWith("module.api_3.") && Object.keys(i.references).length > 0);
    expect(linked.length).toBeGreaterThan(0);
    for (const instance of linked) {
      for (const refs of Object.values(instance.references)) for (const ref of refs) expect(ref.base.startsWith("module.api_3.")).toBe(true);
    }
    for (const chunk of [undefined, 61, 4096]) expect(JSON.stringify(streamed(file, chunk))).toBe(JSON.stringify(expected));
  });

  test("the same text at the same depth is read once: the calls share one value", () => {
    const file = path.join(dir, "modules.json");
    writeFileSync(file, modulePlan());
    const fd = openSync(file, "r");
    try {
      const { stream } = openPlanStream(fd, file, undefined, 61);
      const { top } = readPlanStream(stream as NonNullable<typeof stream>, file);
      type Calls = Record<string, { module: { module_calls?: Calls } }>;
      const calls = (top["configuration"] as { root_module: { module_calls: Calls } }).root_module.module_calls;
      expect(calls["api_1"]?.module).toBe(calls["api_0"]?.module);
      expect(calls["api_3"]?.module).toBe(calls["api_0"]?.module);
      // One level deeper, the same text is read again (the depth limit counts from where it is).
      expect(calls["api_2"]?.module.module_calls?.["inner"]?.module).not.toBe(calls["api_0"]?.module);
      expect(calls["api_2"]?.module.module_calls?.["inner"]?.module).toEqual(calls["api_0"]?.module);
    } finally {
      closeSync(fd);
    }
  });

  test("calls whose texts start alike but differ are each read as their own", () => {
    const plan = base();
    const module = plan.configuration.root_module;
    const resources = module["resources"] as Array<Record<string, unknown>>;
    // The same start (the first resource), then one resource more, or one less, or another last one.
    const longer = { ...module, resources: [...resources, { ...resources[0], name: "extra" }] };
    const shorter = { ...module, resources: resources.slice(0, -1) };
    const renamed = { ...module, resources: [...resources.slice(0, -1), { ...resources[resources.length - 1], name: "renamed" }] };
    const calls = { api_0: module, api_1: longer, api_2: shorter, api_3: renamed, api_4: module };
    const changes = plan.resource_changes.filter((rc) => rc["module_address"] === undefined);
    const file = path.join(dir, "alike.json");
    writeFileSync(
      file,
      JSON.stringify({
        ...plan,
        resource_changes: Object.keys(calls).flatMap((name) =>
          changes.map((rc) => ({ ...rc, address: `module.${name}.${String(rc["address"])}`, module_address: `module.${name}` })),
        ),
        configuration: {
          root_module: {
            resources: [],
            module_calls: Object.fromEntries(Object.entries(calls).map(([name, m]) => [name, { source: "./api", module: m }])),
          },
        },
      }),
    );
    const expected = JSON.stringify(wholeRead(file));
    for (const chunk of [undefined, 61, 4096]) expect(JSON.stringify(streamed(file, chunk))).toBe(expected);
    const fd = openSync(file, "r");
    try {
      const { stream } = openPlanStream(fd, file, undefined, 61);
      const { top } = readPlanStream(stream as NonNullable<typeof stream>, file);
      type Read = Record<string, { module: { resources: Array<{ name: string }> } }>;
      const read = (top["configuration"] as { root_module: { module_calls: Read } }).root_module.module_calls;
      const first = read["api_0"]?.module;
      expect(read["api_4"]?.module).toBe(first);
      for (const name of ["api_1", "api_2", "api_3"] as const) {
        expect(read[name]?.module).not.toBe(first);
        const names = (read[name]?.module.resources ?? []).map((r) => r.name);
        expect(names).toHaveLength(calls[name].resources.length);
        expect(names[names.length - 1]).toBe(calls[name].resources[calls[name].resources.length - 1]?.["name"]);
      }
    } finally {
      closeSync(fd);
    }
  });

  test("an error in a repeated module names the first call, as the whole read does", () => {
    const file = path.join(dir, "bad-module.json");
    writeFileSync(
      file,
      modulePlan((module) => {
        const resources = module["resources"] as Array<{ expressions?: Record<string, unknown> }>;
        const resource = resources.find((r) => r.expressions !== undefined) as { expressions: Record<string, unknown> };
        resource.expressions["bad"] = { references: [1] };
      }),
    );
    const message = (read: () => unknown): string => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    const expected = message(() => wholeRead(file));
    expect(expected).toContain("module_calls.api_0.module");
    expect(message(() => readInput(file))).toBe(expected);
    // The stream names the same place, in the same words.
    expect(message(() => streamed(file))).toBe(expected);
    expect(message(() => streamed(file, 61))).toBe(expected);
  });
});

describe("a list of entries read a group at a time", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "plan-stream-groups-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Change = { address: string; change: { after: Record<string, unknown> } };
  type Plan = { resource_changes: Change[]; configuration: { root_module: Record<string, unknown> } };
  const CALLS = 40;

  /**
   * rest-insecure's root module called CALLS times (1,280 entries, ~1 MB: several groups); `edit` changes a copy
   * of the entry at a position.
   */
  const bigPlan = (edit: (change: Change, position: number) => void = () => undefined): Plan => {
    const plan = JSON.parse(readFileSync(path.join(PLANS, "rest-insecure", "plan.json"), "utf8")) as Plan;
    const module = plan.configuration.root_module;
    const names = Array.from({ length: CALLS }, (_, k) => `api_${k}`);
    plan.resource_changes = names.flatMap((name) =>
      plan.resource_changes.map((rc) => {
        const copy = JSON.parse(JSON.stringify(rc)) as Change;
        return { ...copy, address: `module.${name}.${rc.address}`, module_address: `module.${name}` };
      }),
    );
    plan.resource_changes.forEach((rc, position) => edit(rc, position));
    plan.configuration = {
      root_module: { resources: [], module_calls: Object.fromEntries(names.map((name) => [name, { source: "./api", module }])) },
    };
    return plan;
  };

  const write = (name: string, text: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  /** Entries parsed one at a time while `read` runs: JSON.parse calls given one entry's text. */
  const oneByOne = (read: () => unknown): number => {
    const spy = jest.spyOn(JSON, "parse");
    try {
      read();
      return spy.mock.calls.filter(([text]) => /^\{\s*"address"\s*:\s*"module\./.test(String(text))).length;
    } finally {
      spy.mockRestore();
    }
  };

  test.each([
    ["as Terraform writes it", 0],
    ["indented (jq .)", 2],
  ])("1,280 entries %s are streamed as read whole, no entry one at a time", (_how, indent) => {
    const file = write("big.json", JSON.stringify(bigPlan(), null, indent));
    const expected = JSON.stringify(wholeRead(file));
    expect(JSON.stringify(streamed(file))).toBe(expected);
    expect(JSON.stringify(streamed(file, 61))).toBe(expected);
    expect(oneByOne(() => streamed(file))).toBe(0);
  });

  test("JSON.parse in other words about text after the list: the list's last group is read one entry at a time, as read whole", () => {
    const file = write("big.json", JSON.stringify(bigPlan()));
    const expected = JSON.stringify(wholeRead(file));
    const parse = JSON.parse.bind(JSON);
    const spy = jest.spyOn(JSON, "parse").mockImplementation((text: string) => {
      try {
        return parse(text) as unknown;
      } catch (error) {
        throw new SyntaxError(String((error as Error).message).replace("after JSON", "after the value"));
      }
    });
    try {
      expect(JSON.stringify(streamed(file))).toBe(expected);
      const single = spy.mock.calls.filter(([text]) => String(text).startsWith('{"address":"module.')).length;
      expect(single).toBeGreaterThan(0);
      expect(single).toBeLessThan(GROUP_BYTES / 500);
    } finally {
      spy.mockRestore();
    }
  });

  test("a group cut inside an entry (a list of objects keyed address in a value) is read one by one, then in groups again", () => {
    const inner = Array.from({ length: 100 }, (_, k) => ({ address: `10.0.0.${k}` }));
    const text = JSON.stringify(
      bigPlan((rc) => {
        rc.change.after["zz_hosts"] = inner;
      }),
    );
    // The last separator within the first group's bytes lies inside an entry's value, not between entries.
    const from = text.indexOf('"resource_changes":[') + '"resource_changes":['.length;
    const cut = Buffer.from(text).lastIndexOf('},{"address":"', from + GROUP_BYTES - 14);
    expect(text.startsWith('},{"address":"module.', cut)).toBe(false);
    const file = write("inner.json", text);
    const expected = JSON.stringify(wholeRead(file));
    expect(JSON.stringify(streamed(file))).toBe(expected);
    expect(JSON.stringify(streamed(file, 61))).toBe(expected);
  });

  /** The error a streamed read of `text` (entry 700 of 1,280 edited) stops at. */
  const streamError = (text: string | Buffer): StreamSyntaxError => {
    const file = write("bad.json", text);
    try {
      streamed(file);
    } catch (error) {
      if (error instanceof StreamSyntaxError) return error;
      throw error;
    }
    throw new Error("no error");
  };
  const marked = (): string => JSON.stringify(bigPlan((rc, position) => position === 700 && (rc.change.after["mark"] = "MARK")));
  const entryStart = (text: string): number => text.lastIndexOf('{"address":"', text.indexOf('"MARK"'));

  test("a syntax error inside a group is refused at its offset", () => {
    const text = marked().replace('"MARK"', "[1,]");
    const error = streamError(text);
    expect(error.offset).toBe(text.indexOf("[1,]") + 3);
  });

  test.each([
    ["half of a surrogate pair", '"\\udc00"', "a string holds half of a UTF-16 surrogate pair, not a character"],
    ["nesting deeper than MAX_JSON_DEPTH", `${"[".repeat(300)}${"]".repeat(300)}`, "nests arrays and objects deeper than 256 levels"],
  ])("an entry holding %s inside a group is refused at the entry", (_what, value, message) => {
    const text = marked();
    const error = streamError(text.replace('"MARK"', value));
    expect(error.message).toContain(message);
    expect(error.offset).toBe(entryStart(text));
  });

  test("an entry that is not UTF-8 inside a group is refused at the entry", () => {
    const text = marked();
    const bytes = Buffer.from(text);
    bytes[text.indexOf('"MARK"') + 1] = 0xff;
    const error = streamError(bytes);
    expect(error.message).toBe("not valid UTF-8");
    expect(error.offset).toBe(entryStart(text));
  });

  test("text that is not ASCII is read in groups too, as read whole", () => {
    const file = write("utf8.json", JSON.stringify(bigPlan((rc) => (rc.change.after["description"] = "Zahlungs-API für Bestellungen €"))));
    expect(JSON.stringify(streamed(file))).toBe(JSON.stringify(wholeRead(file)));
    expect(oneByOne(() => streamed(file))).toBe(0);
  });

  test("an entry the plan reader refuses inside a group names its position", () => {
    const file = write("refused.json", JSON.stringify(bigPlan((rc, position) => position === 700 && (rc.change.after = "x" as never))));
    expect(() => streamed(file)).toThrow(/^resource_changes\[700\] \(module\.api_21\.[^)]+\): after is a string, expected an object$/);
  });
});
