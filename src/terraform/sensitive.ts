/**
 * Attributes the AWS provider's schema marks sensitive. A plan says so itself (`after_sensitive`); a
 * configuration (native or JSON syntax, CDKTF output) does not, so readers of configuration add these.
 */
export const PROVIDER_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  aws_api_gateway_api_key: ["value"],
};

/** The top-level attributes of a resource type the provider marks sensitive. */
export function providerSensitive(type: string): readonly string[] {
  return Object.hasOwn(PROVIDER_SENSITIVE, type) ? (PROVIDER_SENSITIVE[type] as readonly string[]) : [];
}
