/** The Redactor: which sensitive strings it hides, how, and what it leaves alone. */
import { growthRatio, MAX_GROWTH } from "./helpers/growth";
import { MIN_SUBSTRING_LENGTH, REDACTED, Redactor } from "../src/redact";

function redactor(...values: unknown[]): Redactor {
  const r = new Redactor();
  for (const value of values) r.add(value);
  return r;
}

describe("long values are hidden wherever they occur", () => {
  test("the value, other letter case, and its JSON-escaped spelling", () => {
    const r = redactor('pa"ss-Word-1234');
    expect(r.output('a pa"ss-Word-1234 b')).toBe(`a ${REDACTED} b`);
    expect(r.output('PA"SS-WORD-1234 and pa"ss-word-1234')).toBe(`${REDACTED} and ${REDACTED}`);
    expect(r.output(JSON.stringify({ m: 'x pa"ss-Word-1234' }))).toBe(`{"m":"x ${REDACTED}"}`);
  });

  test("a URL's host, origin, path and credentials", () => {
    const r = redactor("https://svc:p%40ssw0rd@backend-9f2.internal.example:8443/v1/orders?x=1");
    for (const part of [
      "backend-9f2.internal.example",
      "backend-9f2.internal.example:8443",
      "https://backend-9f2.internal.example:8443",
      "/v1/orders?x=1",
      "p@ssw0rd",
    ]) {
      expect(r.message(`see ${part} now`)).toBe(`see ${REDACTED} now`);
    }
  });

  test("the strings inside a JSON document (a policy's principal), not its keys", () => {
    const r = redactor(JSON.stringify({ Statement: [{ Principal: { AWS: "arn:aws:iam::123456789012:root" } }] }));
    expect(r.output("principal arn:aws:iam::123456789012:root")).toBe(`principal ${REDACTED}`);
    expect(r.output("Statement Principal")).toBe("Statement Principal");
  });

  test("strings inside lists and maps, keys left alone", () => {
    const r = redactor({ "method.response.header.X-Secret": "value-abcdef" }, ["first-secret", "second-secret"]);
    expect(r.output("value-abcdef first-secret second-secret")).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(r.output("method.response.header.X-Secret")).toBe("method.response.header.X-Secret");
  });

  test("a secret containing another is replaced whole", () => {
    const r = redactor("secret-1", "my-secret-1-long");
    expect(r.output("my-secret-1-long")).toBe(REDACTED);
  });
});

describe("short values are hidden only as whole words in free text", () => {
  const r = redactor("INFO", "prod");

  test("in messages, as words", () => {
    expect(r.message("logging level INFO, stage prod.")).toBe(`logging level ${REDACTED}, stage ${REDACTED}.`);
    expect(r.message("INFORMATION production")).toBe("INFORMATION production");
  });

  test("never inside a Terraform address", () => {
    const address = 'module.api["prod"].aws_api_gateway_stage.prod';
    expect(r.message(`Stage ${address} logs at INFO`)).toBe(`Stage ${address} logs at ${REDACTED}`);
  });

  test("not in rendered reports, where such words are the format's own labels", () => {
    expect(r.output("[INFO] prod")).toBe("[INFO] prod");
  });
});

test("addresses of known resource types are structure, not values; a secret starting where one would is hidden", () => {
  const r = redactor("staging", "aws_api_gateway_stage.secret_name", "my_db.pass word");
  expect(r.output("aws_api_gateway_stage.staging staging")).toBe(`aws_api_gateway_stage.staging ${REDACTED}`);
  expect(r.message("aws_api_gateway_stage.secret_name my_db.pass word")).toBe(`${REDACTED} ${REDACTED}`);
  expect(r.message("made_up.staging")).toBe(`made_up.${REDACTED}`);
});

test("values too short to hide, flags and numbers are kept", () => {
  const r = redactor("*", "ab", true, 42);
  expect(r.empty).toBe(true);
  expect(r.message("origin * ab true 42")).toBe("origin * ab true 42");
});

test("derived strings are hidden only when long enough to be more than vocabulary", () => {
  const r = new Redactor();
  r.addDerived([{ effect: "Allow", path: "/admin/users-export" }]);
  expect(r.message("Allow GET /admin/users-export")).toBe(`Allow GET ${REDACTED}`);
  expect(MIN_SUBSTRING_LENGTH).toBeGreaterThan(4);
});

test("scrubbing is linear: twice the secrets and twice the text take at most about twice as long", async () => {
  const work = (n: number): (() => void) => {
    const r = new Redactor();
    for (let i = 0; i < n; i += 1) r.add(`${(i * 7919 + 13).toString(36)}-secret-${i}`);
    r.add(["INFO", "prod"]);
    const text = Array.from({ length: n }, (_, i) => `Stage aws_api_gateway_stage.s${i} logs at INFO: value ${i}-secret-x`).join("\n");
    r.message("warm up");
    return () => {
      r.message(text);
      r.output(text);
    };
  };
  // One regular-expression alternation of every secret grew 2.8x to 3.9x here.
  expect(await growthRatio(work(4000), work(8000), { samples: 5 })).toBeLessThan(MAX_GROWTH);
});

test("few secrets or many: the same output (a text is searched for each of a few secrets before any scan)", () => {
  const text = 'Stage aws_api_gateway_stage.hunter2-prod logs to hunter2-prod-sink, key "HUNTER2-PROD" and hunter2-prodX';
  const few = new Redactor();
  few.add("hunter2-prod");
  const many = new Redactor();
  many.add("hunter2-prod");
  for (let i = 0; i < 40; i += 1) many.add(`unrelated-secret-${i}`);
  // The address keeps its name; the value is hidden wherever else it stands, in any letter case.
  const expected = `Stage aws_api_gateway_stage.hunter2-prod logs to ${REDACTED}-sink, key "${REDACTED}" and ${REDACTED}X`;
  for (const redactor of [few, many]) expect([redactor.output(text), redactor.message(text)]).toEqual([expected, expected]);
  expect(few.output("nothing sensitive here")).toBe("nothing sensitive here");
  // At the very start and end of the text, and the whole text.
  for (const redactor of [few, many]) {
    expect(redactor.output("hunter2-prod then HUNTER2-PROD")).toBe(`${REDACTED} then ${REDACTED}`);
    expect(redactor.output("hunter2-prod")).toBe(REDACTED);
    expect(redactor.output("hunter2-pro")).toBe("hunter2-pro");
    expect(redactor.output("only at the end: HUNTER2-PROD")).toBe(`only at the end: ${REDACTED}`);
  }
  // The shortest secret hidden anywhere, in the text's last window too.
  for (const redactor of [few, many]) {
    redactor.add("tok-42");
    expect(redactor.output("value tok-42")).toBe(`value ${REDACTED}`);
    expect(redactor.output("tok-42")).toBe(REDACTED);
  }
});

test("a few secrets are found as written: characters special in a pattern match only themselves; longer ones are each searched for", () => {
  const special = "key.(v1)+[a-z]{2}|^$\\?*/";
  const text = `keyX(v1)+ keyXv1v1ab key.(v1)+ab ${special} ${special.toUpperCase()}`;
  const expected = `keyX(v1)+ keyXv1v1ab key.(v1)+ab ${REDACTED} ${REDACTED}`;
  // One pattern of the few; the window hash of many: the same output.
  const many = Array.from({ length: 40 }, (_, i) => `unrelated-secret-${i}`);
  for (const r of [redactor(special), redactor(special, ...many)]) expect([r.output(text), r.message(text)]).toEqual([expected, expected]);
  // Secrets too long together for one pattern: each searched for.
  const long = `${"s".repeat(5000)}-tail`;
  const r = redactor(long, "hunter2-prod");
  expect(r.output(`a ${long} b hunter2-prod c`)).toBe(`a ${REDACTED} b ${REDACTED} c`);
  expect(r.output("nothing here")).toBe("nothing here");
});

describe("a text written in pieces (a big report) is redacted as if it were one string", () => {
  /** output(pieces joined), written through a stream, with the pieces cut at the given ends. */
  /** Text is scrubbed once this much waits (a MiB in the CLI; small here, so that a test text crosses many). */
  const gather = 4096;
  const streamed = (r: Redactor, text: string, ends: readonly number[]): string => {
    const out: string[] = [];
    const stream = r.outputStream((t) => out.push(t), gather);
    let start = 0;
    for (const end of [...ends, text.length]) {
      stream.write(text.slice(start, end));
      start = end;
    }
    stream.end();
    return out.join("");
  };

  // Pieces of all sizes, with secrets right across their ends.
  const line = (i: number): string => `{"address": "aws_api_gateway_stage.s${i}", "message": "value ${i} of hunter2-prod-token"},\n`;
  const text = Array.from({ length: 600 }, (_, i) => line(i)).join("");
  const across = [4000, 8003, 8004, 8005, 12_009, 30_000].map((end) => text.indexOf("hunter2", end) + 4);

  test.each([
    ["one secret", ["hunter2-prod-token"]],
    ["many secrets (each position scanned)", ["hunter2-prod-token", ...Array.from({ length: 40 }, (_, i) => `unrelated-secret-${i}`)]],
    ["none", []],
  ])("%s", (_, secrets) => {
    const r = redactor(...secrets);
    const whole = r.output(text);
    if (secrets.length > 0) expect(whole).toContain(`value 599 of ${REDACTED}`);
    expect(streamed(r, text, across)).toBe(whole);
    expect(streamed(r, text, [])).toBe(whole);
    // Two streams chained (one redaction's output through another): output() of output().
    const out: string[] = [];
    const boundary = r.outputStream((t) => out.push(t), gather);
    const report = r.outputStream((t) => boundary.write(t), gather);
    for (let at = 0; at < text.length; at += 2001) report.write(text.slice(at, at + 2001));
    report.end();
    boundary.end();
    expect(out.join("")).toBe(r.output(whole));
  });
});

describe("a stream resumes its search for a few secrets where the last search stopped", () => {
  // Secrets in every letter case, back to back, overlapping one another and right after where a search for
  // the last piece found nothing yet (its last characters may begin one): every join of pieces must give
  // output() of the whole, and two chained streams output(output()) of it.
  const secrets = ["tok-ABCDEF-123", "tok-ABCDEF", "zz-secret-zz"];
  const fillers = ['{"a": "plain text", ', " x", "(", "\n", "-", "tok-", "zz"];
  const fragments = ["tok-ABCDEF-123", "TOK-ABCDEF-1", "tok-abcdef", "zz-secret-zz", "zz-secret-", "zz", '"aws_api_gateway_stage.tok-ABCDEF-123" '];
  /** A small deterministic generator: the same texts every run. */
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 16) % n;
  };
  test.each([
    ["one secret (searched for)", 0],
    ["many secrets (the window hash)", 40],
  ])("a secret cut in two or three pieces anywhere, after the last piece searched: %s", (_, unrelated) => {
    const secret = "zz-secret-zz";
    const r = redactor(secret, ...Array.from({ length: unrelated }, (__, i) => `unrelated-secret-${i}`));
    for (const gather of [1, 20, 45, 80]) {
      for (const before of [0, 7, 30]) {
        for (let i = 0; i <= secret.length; i += 1) {
          for (let j = i; j <= secret.length; j += 1) {
            const head = `${"a".repeat(before)}${"b".repeat(30)}`;
            const pieces = [head + secret.slice(0, i), secret.slice(i, j), `${secret.slice(j)}${"c".repeat(40)}`, "d".repeat(40)];
            const out: string[] = [];
            const stream = r.outputStream((t) => out.push(t), gather);
            for (const piece of pieces) stream.write(piece);
            stream.end();
            expect(out.join("")).toBe(`${head}${REDACTED}${"c".repeat(40)}${"d".repeat(40)}`);
          }
        }
      }
    }
  });

  test.each([
    ["few secrets (a search for each)", 0],
    ["many secrets (each position scanned)", 40],
  ])("%s", (_, unrelated) => {
    const r = redactor(...secrets, ...Array.from({ length: unrelated }, (__, i) => `unrelated-secret-${i}`));
    for (let round = 0; round < 100; round += 1) {
      // Mostly filler (secrets dense or sparse): a search often finds nothing, and a secret may begin in a piece's last characters.
      const parts = Array.from({ length: 40 + next(400) }, () =>
        next(round % 2 === 0 ? 4 : 40) === 0 ? (fragments[next(fragments.length)] as string) : (fillers[next(fillers.length)] as string),
      );
      // Pieces end between fragments (as the JSON report's end between values), a few fragments each.
      const pieces: string[] = [];
      for (let at = 0; at < parts.length;) {
        const size = 1 + next(12);
        pieces.push(parts.slice(at, at + size).join(""));
        at += size;
      }
      const text = pieces.join("");
      const gather = 16 + next(200);
      const out: string[] = [];
      const stream = r.outputStream((t) => out.push(t), gather);
      for (const piece of pieces) stream.write(piece);
      stream.end();
      expect(out.join("")).toBe(r.output(text));
      const twice: string[] = [];
      const boundary = r.outputStream((t) => twice.push(t), gather);
      const report = r.outputStream((t) => boundary.write(t), gather);
      for (const piece of pieces) report.write(piece);
      report.end();
      boundary.end();
      expect(twice.join("")).toBe(r.output(r.output(text)));
    }
  });
});

describe("many secrets are searched for by sampled blocks, and none is missed", () => {
  /** The search under test (private: the scan's first step, which decides whether a text is scanned at all). */
  const firstLongIn = (r: Redactor, text: string, from: number): number =>
    (r as unknown as { firstLongIn(text: string, from: number): number }).firstLongIn(text, from);
  /** Where the first of `secrets` starts at `from` or after, by a search for each. */
  const naive = (secrets: readonly string[], text: string, from: number): number => {
    let first = text.length;
    for (const secret of secrets) {
      const at = text.indexOf(secret, from);
      if (at >= 0 && at < first) first = at;
    }
    return first;
  };
  /** A small deterministic generator (the same texts every run); the high bits, as a linear congruential generator's low bits repeat. */
  let seed = 11;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 16) % n;
  };

  // The stride between sampled blocks follows the shortest long secret (6 characters: 3; 19 or more: 16).
  test.each([6, 7, 10, 19, 40])(
    "at every offset from where the search starts, at the text's ends, overlapping and back to back (shortest secret: %d)",
    (shortest) => {
      // Secrets sharing prefixes and blocks with one another and with the filler, so that many sampled blocks pass
      // the filter and the window check decides; the shortest one exactly `shortest` characters long.
      const stem = "abcdefq1w2e3r4t5y6u7i8o9p0zxcvbnmlkjhgfdsa".slice(0, shortest);
      const secrets = [
        stem,
        `${stem}gh`,
        `x${stem}`,
        `${stem.slice(1)}a`,
        `zz${stem.slice(2)}`,
        ...Array.from({ length: 40 }, (_, i) => `unrelated-secret-${i}-${stem}`),
      ];
      const r = redactor(...secrets);
      const all = [...secrets, ...secrets.map((s) => s.toUpperCase())];
      const alphabet = "abcdefxzq1w2-";
      for (let round = 0; round < 1500; round += 1) {
        let text = "";
        const length = next(40 + 3 * shortest);
        while (text.length < length) text += next(6) === 0 ? (all[next(all.length)] as string) : (alphabet[next(alphabet.length)] as string);
        const from = next(text.length + 2);
        expect([text, from, firstLongIn(r, text, from)]).toEqual([text, from, naive(all, text, from)]);
      }
    },
  );

  test("a report of many secrets keeps none of them", () => {
    const secrets = Array.from({ length: 200 }, (_, i) => `tok-${(i * 7919).toString(36)}-${i}`);
    const r = redactor(...secrets);
    const text = secrets.map((s, i) => `${"x".repeat(i % 5)}${s}${" y".repeat(i % 3)}`).join("\n");
    const out = r.output(text);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out.split(REDACTED)).toHaveLength(secrets.length + 1);
  });
});
