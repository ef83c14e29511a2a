/**
 * The example CDKTF app (cdktf.json at the repository root runs it): a secure stack whose synth fails if it
 * ever breaks a rule at or above medium, and a deliberately insecure stack to judge with the CLI:
 *
 *   npm run build && node dist/examples/cdktf/main.js        # or `cdktf synth` with the cdktf CLI
 *   npx policy-check cdktf.out                              # judges both stacks
 *   npx policy-check cdktf.out --stack insecure-api
 *
 * In an application, import from the package instead: `import { ApiGatewayPolicyChecks } from "apigw-policy-check"`.
 */
import { App } from "cdktf";
import { ApiGatewayPolicyChecks } from "../../src/cdktf";
import { InsecureApiStack } from "./insecure";
import { SecureApiStack } from "./secure";

/** The app; `outdir` defaults to cdktf.out, where `cdktf synth` and cdktf.json expect it. */
export function buildApp(outdir?: string): App {
  const app = new App(outdir === undefined ? {} : { outdir });
  const secure = new SecureApiStack(app, "secure-api");
  ApiGatewayPolicyChecks.of(secure, { failOn: "medium" });
  new InsecureApiStack(app, "insecure-api");
  return app;
}

if (require.main === module) buildApp().synth();
