/**
 * Terraform's types and its conversion of values to them, for the static evaluator: a variable's `type`
 * constraint (with `optional(T)` and `optional(T, default)` object attributes), and the attribute types of a
 * resource from the provider's schema (src/terraform/provider-schema.ts). Conversion follows Terraform
 * (go-cty's convert package and typeexpr's defaults): `"true"` is a bool where a bool is wanted, `"100"` a
 * number, numbers and bools become strings; an object attribute the caller leaves out is null when it is
 * `optional(T)` and takes the default when it is `optional(T, default)`, at any depth; a missing mandatory
 * attribute, or a value that cannot be converted, is an error (an invalid value here, as every other error).
 * https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes
 */
import type { Json } from "../types";
import { resourceSchema, type ProviderBlock, type ProviderType } from "../../terraform/provider-schema";
import { evaluate, type Scope } from "./evaluate";
import { parseTemplate, type Expr } from "./expression";
import { asString, deepRefs, equal, invalid, isKnown, mark, NULL, object, prim, tuple, unknown, type Val } from "./values";

export interface ObjectAttribute {
  readonly type: TypeConstraint;
  /** `optional(T)` or `optional(T, default)`: the caller may leave it out. */
  readonly optional: boolean;
  /** The value of `optional(T, default)`'s default, not yet converted. */
  readonly default?: Val;
}

export type TypeConstraint =
  | { readonly kind: "string" | "number" | "bool" | "any" }
  | { readonly kind: "list" | "set" | "map"; readonly element: TypeConstraint }
  | { readonly kind: "tuple"; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: "object"; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

const ANY: TypeConstraint = { kind: "any" };
const PRIMITIVES = new Set(["string", "number", "bool", "any"]);

/**
 * A variable's `type` (Terraform JSON keeps it as `"${object({...})}"`), or null when there is none (an
 * untyped variable keeps the value it is given). `defaults` evaluates `optional(T, default)` defaults, which
 * are constant expressions. A constraint this parser does not read is `any`: the value is kept as given.
 */
export function parseTypeConstraint(node: Json | undefined, scope: Scope): TypeConstraint | null {
  if (node === undefined || node === null) return null;
  if (typeof node !== "string") return ANY;
  return typeFrom(parseTemplate(node.includes("${") ? node : `\${${node}}`), scope) ?? ANY;
}

function typeFrom(expr: Expr, scope: Scope): TypeConstraint | null {
  if (expr.t === "scope") return PRIMITIVES.has(expr.name) ? ({ kind: expr.name } as TypeConstraint) : null;
  if (expr.t !== "call") return null;
  const [first] = expr.args;
  if (first === undefined) return null;
  switch (expr.name) {
    case "list":
    case "set":
    case "map": {
      const element = typeFrom(first, scope);
      return element === null || expr.args.length !== 1 ? null : { kind: expr.name, element };
    }
    case "tuple": {
      if (first.t !== "tuple") return null;
      const elements = first.items.map((item) => typeFrom(item, scope));
      return elements.every((e): e is TypeConstraint => e !== null) ? { kind: "tuple", elements } : null;
    }
    case "object": {
      if (first.t !== "object") return null;
      const attributes = new Map<string, ObjectAttribute>();
      for (const item of first.items) {
        const name = item.key.t === "lit" ? asString(prim(item.key.v)) : item.key.t === "scope" ? item.key.name : null;
        if (name === null) return null;
        const attribute = attributeFrom(item.value, scope);
        if (attribute === null) return null;
        attributes.set(name, attribute);
      }
      return { kind: "object", attributes };
    }
    default:
      return null;
  }
}

function attributeFrom(expr: Expr, scope: Scope): ObjectAttribute | null {
  if (expr.t !== "call" || expr.name !== "optional") {
    const type = typeFrom(expr, scope);
    return type === null ? null : { type, optional: false };
  }
  const [typeExpr, defaultExpr] = expr.args;
  const type = typeExpr === undefined ? null : typeFrom(typeExpr, scope);
  if (type === null || expr.args.length > 2) return null;
  return defaultExpr === undefined ? { type, optional: true } : { type, optional: true, default: evaluate(defaultExpr, scope) };
}

const fromProvider = new WeakMap<object, TypeConstraint>();

/** A provider schema type (`["list", "string"]`) as a type constraint, made once per schema node. */
export function fromProviderType(type: ProviderType): TypeConstraint {
  if (typeof type === "string") return type === "dynamic" ? ANY : { kind: type };
  let made = fromProvider.get(type);
  if (made === undefined) {
    made = collectionFromProvider(type);
    fromProvider.set(type, made);
  }
  return made;
}

function collectionFromProvider(type: Exclude<ProviderType, string>): TypeConstraint {
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return { kind: type[0], element: fromProviderType(type[1]) };
    case "tuple":
      return { kind: "tuple", elements: type[1].map(fromProviderType) };
    case "object":
      // The schema does not say which attributes of an object type configuration must give; leaving one out
      // reads as null here rather than as an error, so the rules see it unset.
      return {
        kind: "object",
        attributes: new Map(Object.entries(type[1]).map(([name, t]) => [name, { type: fromProviderType(t), optional: true }])),
      };
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number as Terraform writes it in a string: decimal digits, never an exponent for integers. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
}

/**
 * `value` converted to `type`, marks kept on every node; null when Terraform cannot convert it. Unknown
 * values stay unknown (Terraform knows only their type), and null converts to every type.
 */
export function convert(value: Val, type: TypeConstraint): Val | null {
  if (value.k === "u") return value;
  if (value.k === "ns") {
    // A whole module's outputs (`vpc = module.vpc`) read as an object type: the declared attributes only.
    if (type.kind !== "object") return value;
    // An output the module does not declare is an attribute left out.
    const items = new Map<string, Val>();
    for (const name of type.attributes.keys()) {
      const output = value.get(name);
      if (output.k !== "u" || output.invalid !== true) items.set(name, output);
    }
    return convertObject(object(items), type.attributes, (v) => mark(v, value.refs, value.sensitive));
  }
  if (type.kind === "any" || (value.k === "p" && value.v === null)) return value;
  const keep = (converted: Val): Val => mark(converted, value.refs, value.sensitive);
  switch (type.kind) {
    case "string":
      if (value.k !== "p") return null;
      return typeof value.v === "string" ? value : keep(prim(typeof value.v === "number" ? numberText(value.v) : String(value.v)));
    case "number":
      if (value.k !== "p" || typeof value.v === "boolean") return null;
      if (typeof value.v === "number") return value;
      return DECIMAL.test(value.v as string) ? keep(prim(Number(value.v))) : null;
    case "bool":
      if (value.k !== "p" || typeof value.v === "number") return null;
      if (typeof value.v === "boolean") return value;
      return value.v === "true" || value.v === "1" ? keep(prim(true)) : value.v === "false" || value.v === "0" ? keep(prim(false)) : null;
    case "list":
    case "set": {
      if (value.k !== "t") return null;
      const items = convertAll(value.items, () => type.element);
      if (items === null) return null;
      return keep(tuple(type.kind === "set" ? asSet(items) : items, value.blocks === true));
    }
    case "tuple": {
      if (value.k !== "t" || value.items.length !== type.elements.length) return null;
      const items = convertAll(value.items, (i) => type.elements[i] as TypeConstraint);
      return items === null ? null : keep(tuple(items));
    }
    case "map": {
      if (value.k !== "o") return null;
      const items = new Map<string, Val>();
      for (const [k, v] of value.items) {
        const converted = convert(v, type.element);
        if (converted === null) return null;
        items.set(k, converted);
      }
      return keep(object(items));
    }
    case "object":
      return value.k === "o" ? convertObject(value, type.attributes, keep) : null;
  }
}

/** A set's elements as `toset` gives them: each once, strings in lexical order (while all are known). */
function asSet(items: Val[]): Val[] {
  if (!items.every(isKnown)) return items;
  const out: Val[] = [];
  for (const item of items) if (!out.some((o) => equal(o, item))) out.push(item);
  if (out.every((o) => o.k === "p" && typeof o.v === "string")) out.sort((a, b) => ((asString(a) ?? "") < (asString(b) ?? "") ? -1 : 1));
  return out;
}

function convertAll(items: readonly Val[], typeAt: (i: number) => TypeConstraint): Val[] | null {
  const out: Val[] = [];
  for (const [i, item] of items.entries()) {
    const converted = convert(item, typeAt(i));
    if (converted === null) return null;
    out.push(converted);
  }
  return out;
}

/** An object to an object type: declared attributes only (others are dropped, as Terraform drops them). */
function convertObject(value: Extract<Val, { k: "o" }>, attributes: ReadonlyMap<string, ObjectAttribute>, keep: (v: Val) => Val): Val | null {
  const items = new Map<string, Val>();
  for (const [name, attribute] of attributes) {
    const given = value.items.get(name);
    let converted: Val | null;
    if (given === undefined && value.open === true) converted = unknown(value.refs, value.sensitive);
    else if (given === undefined || (given.k === "p" && given.v === null)) {
      // Left out (or null): optional attributes take their default, or null; a mandatory one is an error.
      if (given === undefined && !attribute.optional) return null;
      converted = attribute.default === undefined ? (given ?? NULL) : convert(attribute.default, attribute.type);
    } else converted = convert(given, attribute.type);
    if (converted === null) return null;
    items.set(name, converted);
  }
  return keep(object(items));
}

/** A variable's value converted to its type constraint; a value Terraform rejects is invalid. */
export function conformVariable(value: Val, type: TypeConstraint | null): Val {
  if (type === null) return value;
  return convert(value, type) ?? invalid(deepRefs(value));
}

/**
 * A resource body (an open object: attributes, and nested blocks as tuples of open objects) with each
 * attribute the provider schema types converted to that type; an attribute Terraform could not convert is
 * invalid. Types not in the generated schema are returned as they are.
 */
export function conformResourceBody(type: string, body: Val): Val {
  const schema = resourceSchema(type);
  return schema === null ? body : conformBlock(body, schema);
}

function conformBlock(body: Val, schema: ProviderBlock): Val {
  if (body.k !== "o") return body;
  let changed = false;
  const items = new Map<string, Val>();
  for (const [name, value] of body.items) {
    let next = value;
    const attributeType = Object.hasOwn(schema.attributes, name) ? schema.attributes[name] : undefined;
    const nested = Object.hasOwn(schema.blocks, name) ? schema.blocks[name] : undefined;
    if (attributeType !== undefined) next = convert(value, fromProviderType(attributeType)) ?? invalid(deepRefs(value));
    else if (nested !== undefined && value.k === "t" && value.blocks === true) {
      const blocks = value.items.map((b) => conformBlock(b, nested.block));
      if (blocks.some((b, i) => b !== value.items[i])) next = mark(tuple(blocks, true), value.refs, value.sensitive);
    }
    if (next !== value) changed = true;
    items.set(name, next);
  }
  return changed ? mark(object(items, body.open === true), body.refs, body.sensitive) : body;
}
