/**
 * The runner: input → adapter → typed model → WASM engine → findings joined with rule metadata.
 * The CLI only reads flags, calls this, picks a formatter and computes the exit code.
 */
import { statSync } from "node:fs";
import { checkParams, checkRuleIds, FindingSelector, policyData } from "./config/apply";
import { EMPTY_CONFIG, type Config } from "./config/config";
import { applyWaivers, inlineWaivers, isoDay, fromConfig } from "./config/waivers";
import { ruleDocUrl } from "./engine/docs";
import { applyBaseline, type Baseline } from "./config/baseline";
import { peerIndex } from "./config/peer-waivers";
import { EvaluatedBatches, PolicyEngine, type EvaluationWorkers, type RawFinding } from "./engine/engine";
import type { RuleMetadata } from "./engine/rules";
import type { Severity } from "./engine/severity";
import { PolicyCheckError } from "./errors";
import {
  compareFindings,
  summarize,
  type AppliedConfiguration,
  type ChangeReview,
  type CheckResult,
  type Finding,
  type WaiverIssue,
  type JudgedSubject,
  type ResolvedFinding,
  type SettingChange,
  type ApiGraph,
} from "./findings";
import { enrichFromSource, readInput, terraformRoots } from "./ingest";
import type { IngestResult } from "./ingest/types";
import { buildModel } from "./model/build";
import { entitiesByAddress } from "./model/link";
import type { AnyEntity, Model } from "./model/types";
import { Redactor } from "./redact";
import { changeGraphs } from "./review/graph";
import { compareChange, settingChanges, withoutComparison } from "./review/review";

/** What judging is told besides the configurations: the library API's and the CLI's shared options. */
export interface JudgeOptions {
  /** The input as reported (several inputs: joined with spaces). */
  input: string;
  failOn: Severity;
  /** Evaluate only these rule IDs (all when empty or absent); case-insensitive. */
  rules?: readonly string[];
  /** Do not evaluate these rule IDs (`--skip-rule`); case-insensitive. */
  skipRules?: readonly string[];
  config?: Config;
  /** Today as YYYY-MM-DD (UTC), for waiver expiry; the current date when absent. */
  today?: string;
  redactor?: Redactor;
  /** Checkov/Trivy/tfsec suppression comments waive the rules mapped to them (default true; `--no-peer-waivers`). */
  peerWaivers?: boolean;
  /** `--baseline FILE`: findings it lists are baselined (reported, never blocking). */
  baseline?: Baseline;
  /** `--fail-on-new`: only findings the change introduces block (needs a plan). */
  failOnNew?: boolean;
  /** `--fail-on-weakened`: a setting the change weakens blocks too (needs a plan). */
  failOnWeakened?: boolean;
  /**
   * Build the change's graphs (`review.graphs`, drawn by the Markdown and HTML reports; default true). The CLI
   * asks only when a report draws them: at 10,000 resources they are a third of the join.
   */
  changeGraphs?: boolean;
}

export interface CheckOptions {
  /** Path to the input, or `-` for standard input. */
  input: string;
  /**
   * Several inputs judged in one run (`input` is then only their label): one result, each finding naming its
   * input. A directory without `.tf` files of its own is searched for Terraform roots, each an input.
   */
  inputs?: readonly string[];
  failOn: Severity;
  /** `--fail-on-new`: only findings the change introduces block (needs a plan). */
  failOnNew?: boolean;
  /** `--fail-on-weakened`: a setting the change weakens blocks too (needs a plan). */
  failOnWeakened?: boolean;
  /** Build the change's graphs for the Markdown and HTML reports (default true; JudgeOptions.changeGraphs). */
  changeGraphs?: boolean;
  /** Evaluate only these rule IDs (all when empty or absent). */
  rules?: readonly string[];
  /** Do not evaluate these rule IDs (`--skip-rule`). */
  skipRules?: readonly string[];
  peerWaivers?: boolean;
  baseline?: Baseline;
  /** Judge only this stack of a CDKTF output (`--stack`). */
  stack?: string;
  /** `--var-file` for Terraform source inputs, in order (later files win). */
  varFiles?: readonly string[];
  /** `--source-dir`: the Terraform source of a plan input. */
  sourceDir?: string;
  engine?: PolicyEngine;
  readStdin?: () => string;
  /** `--terraform-bin`: the program that reads a saved binary plan (default: terraform, else tofu, on PATH). */
  terraformBin?: string;
  /** The environment programs are found in and run with (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Receives one line about what was done to the input (a binary plan read with terraform show); the CLI prints it on stderr. */
  notice?: (line: string) => void;
  /** `.policy-check.yaml` (src/config): rule settings, parameters, selection globs, waivers. */
  config?: Config;
  /** Today as YYYY-MM-DD (UTC), for waiver expiry; the current date when absent. */
  today?: string;
  /**
   * Collects the run's sensitive strings; the CLI passes its own so its error lines and `--debug` output are
   * redacted too. Findings in the result are redacted either way.
   */
  redactor?: Redactor;
}

/** The finding's documentation link, looked up once per rule. */
const docUrls = new Map<string, string | null>();
function helpUri(rule: RuleMetadata): string | null {
  if (!docUrls.has(rule.id)) docUrls.set(rule.id, ruleDocUrl(rule));
  return docUrls.get(rule.id) ?? null;
}

export function modelEntities(model: Model): AnyEntity[] {
  return Object.values(model.resources).flat() as AnyEntity[];
}

export async function check(options: CheckOptions): Promise<CheckResult> {
  const engine = options.engine ?? (await PolicyEngine.load());
  selectedRules(engine, options.rules, "--rule");
  selectedRules(engine, options.skipRules, "--skip-rule");
  // A directory whose .tf files sit only in sub-directories stands for the Terraform roots found in it.
  const inputs = (options.inputs ?? [options.input]).flatMap((input) => terraformRoots(input) ?? [input]);
  if (inputs.length > 1 && options.stack !== undefined)
    throw new PolicyCheckError("USAGE", "--stack applies to one CDKTF output, not several inputs");
  const several = inputs.length > 1;
  const read = (input: string): IngestResult => {
    const ingested = readInput(input, {
      ...(options.readStdin === undefined ? {} : { readStdin: options.readStdin }),
      ...(options.terraformBin === undefined ? {} : { terraformBin: options.terraformBin }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.notice === undefined ? {} : { notice: options.notice }),
      ...(options.varFiles === undefined ? {} : { varFiles: options.varFiles }),
    });
    // --source-dir adds the source's file/line and source-proven facts to a plan (src/ingest/source-dir.ts).
    return enrichFromSource(ingested, options.sourceDir);
  };
  // Inputs are read one at a time, as judging reaches them: a run over many plans holds one model at a time.
  function* configurationsOf(): Generator<JudgedConfiguration> {
    for (const input of inputs) {
      for (const r of configurations(read(input), options.stack, input)) yield several ? { input, read: r } : r;
    }
  }
  // A big plan's evaluation threads start now and boot while it is read (PolicyEngine.startWorkers).
  const workers = engine.startWorkers(planBytes(inputs));
  let result: CheckResult;
  try {
    result = await judgeAsync(
      engine,
      configurationsOf(),
      {
        ...options,
        input: several ? inputs.join(" ") : options.input,
      },
      workers,
    );
  } finally {
    // Not waited for: the threads end (tens of milliseconds each, ~45 ms idle at 10,000 resources) while this
    // thread writes the report, and, unreferenced, they keep no process alive.
    workers?.close().catch(() => undefined);
  }
  const withInputs = several ? { ...result, inputs } : result;
  return options.sourceDir === undefined ? withInputs : { ...withInputs, source_dir: options.sourceDir };
}

/** The size of the inputs that are files (a plan): what predicts a big model before it is read. */
function planBytes(inputs: readonly string[]): number {
  let bytes = 0;
  for (const input of inputs) {
    try {
      const stat = statSync(input);
      if (stat.isFile()) bytes += stat.size;
    } catch {
      // Standard input, or not there: reading it says what is wrong.
    }
  }
  return bytes;
}

/** Setting values come from the input: sensitive strings in them are hidden like everywhere else. */
function redactSetting(change: SettingChange, redactor: Redactor): SettingChange {
  return {
    ...change,
    api: redactor.message(change.api),
    address: redactor.message(change.address),
    before: redactor.message(change.before),
    after: redactor.message(change.after),
  };
}

function selectedRules(engine: PolicyEngine, rules: readonly string[] | undefined, flag = "--rule"): Set<string> {
  const known = new Set(engine.rules.map((r) => r.id));
  const selected = new Set((rules ?? []).map((id) => id.toUpperCase()));
  for (const id of selected) {
    if (!known.has(id)) throw new PolicyCheckError("USAGE", `${flag}: unknown rule ID ${id} (\`policy-check rules\` lists them)`);
  }
  return selected;
}

/** One configuration to judge: its read, and the input it came from when the run has several. */
export type JudgedConfiguration = (() => IngestResult) | { input: string; read: () => IngestResult };

/** What the configuration file applied, for reports; undefined when no file applied. */
function appliedConfiguration(config: Config): AppliedConfiguration | undefined {
  if (config.file === null) return undefined;
  const rules = Object.entries(config.rules).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    file: config.file,
    disabled_rules: rules.filter(([, r]) => r.enabled === false).map(([id]) => id),
    severity_overrides: Object.fromEntries(
      rules.filter(([, r]) => r.severity !== undefined && r.enabled !== false).map(([id, r]) => [id, r.severity]),
    ),
  } as AppliedConfiguration;
}

/** The configurations an input holds: itself, or its stacks (only `stack` when given). */
function configurations(ingest: IngestResult, stack: string | undefined, input: string): Array<() => IngestResult> {
  if (ingest.stacks === undefined) {
    if (stack !== undefined) {
      throw new PolicyCheckError("USAGE", "--stack applies only to CDKTF output (cdktf.out, its manifest.json or a cdk.tf.json)", { input });
    }
    // Handed over once and not kept: the instances can go as soon as the model is built from them.
    const held: IngestResult[] = [ingest];
    return [() => held.pop() ?? unavailable(input)];
  }
  if (stack === undefined) return ingest.stacks.map((s) => s.read);
  const found = ingest.stacks.find((s) => s.name === stack);
  if (found === undefined) {
    const names = ingest.stacks.map((s) => s.name).join(", ");
    throw new PolicyCheckError("USAGE", `no stack ${JSON.stringify(stack)} (stacks: ${names === "" ? "none" : names})`, { input });
  }
  return [found.read];
}

function unavailable(input: string): never {
  throw new Error(`the input ${input} was already read`);
}

/**
 * A configuration's model, and what else its input says (all but the instances, which are in the model now):
 * outside the judging generator, whose suspended frame would keep a big plan's instances alive through
 * evaluation.
 */
function modelOf(read: () => IngestResult, redactor: Redactor): { model: Model; facts: Omit<IngestResult, "instances"> } {
  const { instances, ...facts } = read();
  return { model: buildModel({ ...facts, instances }, redactor), facts };
}

/**
 * Judges configurations with a loaded engine, synchronously (CDKTF synth-time checks run inside the
 * synchronous `app.synth()`). Each configuration is its own model, read, judged and dropped in turn; findings
 * are sorted within each and listed in input order, so a stack's findings stay together.
 */
export function judge(engine: PolicyEngine, inputs: Iterable<JudgedConfiguration>, options: JudgeOptions): CheckResult {
  const steps = judging(engine, inputs, options);
  let step = steps.next();
  while (step.done !== true) step = steps.next(engine.evaluateSync(step.value.model, step.value.data, step.value.evaluated));
  return step.value;
}

/**
 * judge for callers that await: a big model is evaluated in worker threads (PolicyEngine.evaluate), `workers`
 * when given (PolicyEngine.startWorkers).
 */
export async function judgeAsync(
  engine: PolicyEngine,
  inputs: Iterable<JudgedConfiguration>,
  options: JudgeOptions,
  workers: EvaluationWorkers | null = null,
): Promise<CheckResult> {
  const steps = judging(engine, inputs, options);
  let step = steps.next();
  while (step.done !== true) step = steps.next(await engine.evaluate(step.value.model, step.value.data, workers, step.value.evaluated));
  return step.value;
}

/** A model to evaluate, with the rule parameters and the batches evaluated for the same plan (EvaluatedBatches). */
interface Evaluation {
  model: Model;
  data: Record<string, unknown>;
  evaluated?: EvaluatedBatches;
}

/** What judge does around evaluation: yields each model to evaluate and takes its raw findings back. */
function* judging(
  engine: PolicyEngine,
  inputs: Iterable<JudgedConfiguration>,
  options: JudgeOptions,
): Generator<Evaluation, CheckResult, RawFinding[]> {
  const redactor = options.redactor ?? new Redactor();
  const known = new Map(engine.rules.map((r) => [r.id, r]));
  const selected = selectedRules(engine, options.rules, "--rule");
  const skipped = selectedRules(engine, options.skipRules, "--skip-rule");
  const peers = options.peerWaivers === false ? undefined : peerIndex(engine.rules);
  const config = options.config ?? EMPTY_CONFIG;
  checkRuleIds(config, new Set(known.keys()));
  const selector = new FindingSelector(config);
  const data = policyData(config);
  if (Object.keys(config.rules).length > 0) checkParams(config, engine.invalidParamsSync(data));
  const evaluated = new Set(
    [...known.keys()].filter((id) => (selected.size === 0 || selected.has(id)) && !skipped.has(id) && config.rules[id]?.enabled !== false),
  );
  const today = options.today ?? isoDay(new Date());
  const waiverIssues: WaiverIssue[] = [];
  const findings: Finding[] = [];
  let judged = 0;
  const subjects: JudgedSubject[] = [];
  const resolved: ResolvedFinding[] = [];
  const settings: SettingChange[] = [];
  const graphs: ApiGraph[] = [];
  let comparable = true;
  const drawn = options.changeGraphs !== false;
  /** The findings of one model: selected rules, configuration applied, redacted; `judgedAs` gives a subject's actions. */
  const findingsOf = (
    entities: ReadonlyMap<string, AnyEntity>,
    raws: readonly RawFinding[],
    input: string | undefined,
    judgedAs: (subject: AnyEntity | undefined) => AnyEntity["actions"] | undefined,
  ): Finding[] => {
    const out: Finding[] = [];
    // Findings in a row are often on one resource (half of them at 10,000 resources): its entity and redacted
    // address are reused, not looked up again (a lookup in a map of 100,000 addresses hashes the worker's fresh
    // string and reads the table at random, most of the join's time) nor redacted again.
    let lastAddress: string | undefined;
    let lastSubject: AnyEntity | undefined;
    let lastShown = "";
    for (const raw of raws) {
      if ((selected.size > 0 && !selected.has(raw.rule_id)) || skipped.has(raw.rule_id)) continue;
      const rule = known.get(raw.rule_id);
      if (rule === undefined) throw new PolicyCheckError("EVALUATION", `a rule returned unknown rule ID ${redactor.message(raw.rule_id)}`);
      const again = raw.address === lastAddress;
      const subject = again ? lastSubject : entities.get(raw.address);
      if (!again) {
        lastAddress = raw.address;
        lastSubject = subject;
        lastShown = redactor.message(raw.address);
      }
      if (!selector.judges(raw.address, judgedAs(subject))) continue;
      // Rules judge real values; what they emit (built-in or custom) is redacted before anything sees it.
      const made: Finding = {
        rule_id: raw.rule_id,
        severity: raw.severity,
        title: rule.title,
        address: lastShown,
        message: redactor.message(raw.message),
        remediation: rule.remediation,
        unknown: raw.unknown,
        source: subject?.source ?? null,
      };
      // Set one by one, in this order (a finding's members are in the order they are set; spreads cost an
      // object each, measured as half the cost of making a finding).
      const url = helpUri(rule);
      if (url !== null) made.help_uri = url;
      if (input !== undefined) made.input = input;
      const finding = selector.adjust(made);
      if (finding !== null) out.push(finding);
    }
    return out;
  };
  for (const configuration of inputs) {
    const { read, input } = typeof configuration === "function" ? { read: configuration, input: undefined } : configuration;
    const { model, facts } = modelOf(read, redactor);
    const all = modelEntities(model);
    // Inline waivers belong to their own configuration (two CDKTF stacks may hold the same address).
    // Only entities with waivers written on them: most have none, and each would cost a few lists for nothing.
    // One pass over the entities for both (no list of the judged ones, which only counted them).
    const waived: AnyEntity[] = [];
    for (const e of all) {
      if (e.waivers.length > 0) waived.push(e);
      if (!selector.judges(e.address, e.actions)) continue;
      judged += 1;
      subjects.push({ address: e.address, type: e.type, source: e.source });
    }
    const inline = inlineWaivers(waived, peers);
    // A plan's before side is judged too, and mostly repeats its after side: a batch evaluated for one is not
    // evaluated again for the other.
    const batches = facts.before !== undefined && facts.before.length > 0 ? new EvaluatedBatches(data) : undefined;
    const raws = yield batches === undefined ? { model, data } : { model, data, evaluated: batches };
    const own = findingsOf(entitiesByAddress(model.resources), raws, input, (subject) => subject?.actions);
    if (facts.before === undefined) {
      withoutComparison(own);
      comparable = false;
    } else {
      // What existed before apply, judged by the same builder, engine and rules (src/review).
      const { before: priorInstances, ...rest } = facts;
      const before = buildModel({ ...rest, instances: priorInstances }, redactor);
      // A deleted resource is judged as it was (`only_changed` would drop it): its findings are resolved.
      // Nothing before (a plan of creates only): nothing to evaluate, everything is introduced.
      let remaining = new Set<string>();
      let prior: Finding[] = [];
      if (priorInstances.length > 0) {
        const existing = new Set(all.map((e) => e.address));
        remaining = existing;
        prior = findingsOf(
          entitiesByAddress(before.resources),
          yield batches === undefined ? { model: before, data } : { model: before, data, evaluated: batches },
          input,
          (subject) => (subject !== undefined && existing.has(subject.address) ? subject.actions : undefined),
        );
      }
      // One at a time, as findings below: a huge plan's lists would overflow the call stack as arguments.
      for (const r of compareChange(own, prior, remaining)) resolved.push(r);
      for (const c of settingChanges(before, model)) settings.push(redactSetting(c, redactor));
      if (drawn) for (const g of changeGraphs(before, model)) graphs.push(g);
    }
    // One at a time: spreading 100,000 findings (or waiver issues) as arguments overflows the call stack.
    for (const issue of applyWaivers(own, inline, today, evaluated)) waiverIssues.push(issue);
    for (const finding of own.sort(compareFindings)) findings.push(finding);
  }
  // Configuration waivers after inline ones: an inline waiver already on a finding stays.
  for (const issue of applyWaivers(findings, fromConfig(config.waivers), today, evaluated)) waiverIssues.push(issue);
  const baseline = options.baseline === undefined ? undefined : applyBaseline(findings, options.baseline, evaluated);
  const applied = appliedConfiguration(config);
  const review: ChangeReview = !comparable
    ? { comparable, resolved: [], settings: [] }
    : drawn
      ? { comparable, resolved, settings, graphs }
      : { comparable, resolved, settings };
  const failOnNew = options.failOnNew === true;
  const failOnWeakened = options.failOnWeakened === true;
  if (!comparable && (failOnNew || failOnWeakened)) {
    // Without a before everything counts as existing: --fail-on-new would pass anything.
    throw new PolicyCheckError(
      "USAGE",
      `${failOnNew ? "--fail-on-new" : "--fail-on-weakened"} needs a plan (terraform show -json): only a plan says what existed before the change`,
      { input: options.input },
    );
  }
  const summary = summarize(findings, judged, options.failOn, failOnNew);
  const weakened = settings.filter((c) => c.verdict === "weaker").length;
  let introduced = 0;
  let existing = 0;
  for (const f of findings) {
    if (f.change === "introduced") introduced += 1;
    else if (f.change === "existing") existing += 1;
  }
  summary.change = {
    comparable,
    introduced,
    resolved: review.resolved.length,
    weakened,
    unverifiable_settings: settings.filter((c) => c.verdict === "unverifiable").length,
    existing,
    fail_on_new: failOnNew,
    fail_on_weakened: failOnWeakened,
    blocking_weakened: failOnWeakened ? weakened : 0,
  };
  return {
    version: engine.catalog.version,
    input: options.input,
    findings,
    summary: baseline === undefined ? summary : { ...summary, baselined: baseline.baselined },
    review,
    waiver_issues: waiverIssues,
    ...(applied === undefined ? {} : { configuration: applied }),
    ...(baseline === undefined ? {} : { baseline }),
    // Rules that ran: selected by --rule and not disabled by configuration (JUnit lists one suite each).
    judged: { subjects, rules: [...evaluated].sort() },
  };
}
