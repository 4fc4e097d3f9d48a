// Writes docs/plan.schema.json, the published JSON Schema of a plan file, from the zod schema in
// shared/plan.ts (the one the app and the CLI check plans with). `--check` fails instead of
// writing when the file is out of date. electron/plans/plan-schema.test.ts keeps them equal.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { importTypeScript } from './import-typescript.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const planSchemaFile = path.join(root, 'docs', 'plan.schema.json');

/** The schema as the file holds it: generated, then formatted as the repository formats JSON. */
export async function planSchemaText() {
  const plan = await importTypeScript('shared/plan.ts');
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
