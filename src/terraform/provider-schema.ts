/**
 * The shape of the provider schema facts generated into ./aws-provider-schema.generated.ts (by
 * scripts/provider-schema.ts from `terraform providers schema -json`): each resource type's attribute types
 * and nested blocks, so configuration values are converted to the types Terraform converts them to.
 */
import { AWS_PROVIDER_SCHEMA } from "./aws-provider-schema.generated";

/** A cty type as the provider schema spells it: `"bool"`, `["list", "string"]`, `["object", {...}]`... */
export type ProviderType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", ProviderType]
  | readonly ["object", Readonly<Record<string, ProviderType>>]
  | readonly ["tuple", readonly ProviderType[]];

export interface ProviderBlock {
  readonly attributes: Readonly<Record<string, ProviderType>>;
  /** Nested blocks with their nesting mode (`single`, `list`, `set`, `map`, `group`). */
  readonly blocks: Readonly<Record<string, { readonly nesting: string; readonly block: ProviderBlock }>>;
}

export interface ProviderSchema {
  readonly terraform_version: string;
  readonly provider: string;
  readonly provider_version: string;
  readonly resources: Readonly<Record<string, ProviderBlock>>;
}

/** The schema of a resource type's body, or null for a type not generated (not one the model covers). */
export function resourceSchema(type: string): ProviderBlock | null {
  return Object.hasOwn(AWS_PROVIDER_SCHEMA.resources, type) ? (AWS_PROVIDER_SCHEMA.resources[type] as ProviderBlock) : null;
}
