// Writes docs/plan.schema.json, the published JSON Schema of a plan file, from the zod schema in
// shared/plan.ts (the one the app and the CLI check plans with). `--check` fails instead of
// writing when the file is out of date. electron/plans/plan-schema.test.ts keeps them equal.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const planSchemaFile = path.join(root, 'docs', 'plan.schema.json');

/** The schema as the file holds it: generated, then formatted as the repository formats JSON. */
export async function planSchemaText() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['shared/plan.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const plan = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const options = (await prettier.resolveConfig(planSchemaFile)) ?? {};
  return prettier.format(JSON.stringify(plan.planJsonSchema()), { ...options, filepath: planSchemaFile });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await planSchemaText();
  if (process.argv.includes('--check')) {
    const current = await readFile(planSchemaFile, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('docs/plan.schema.json is out of date: run node scripts/plan-schema.mjs');
      process.exit(1);
    }
  } else {
    await writeFile(planSchemaFile, text);
    console.log(`wrote ${path.relative(root, planSchemaFile)}`);
  }
}
