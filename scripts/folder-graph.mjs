// Prints which source folders import which (type-only imports included) and fails when folders
// import each other in a cycle. Layering itself is enforced by ESLint (eslint.config.mjs,
// no-restricted-imports); this also catches cycles between domain folders, which no rule names.
// Tests and test-support/ are left out: a test may build the whole app (test-support/test-app.ts)
// whatever folder it sits in, as a composition root of its own; nothing else imports them (ESLint).
//
//   node scripts/folder-graph.mjs          the graph, then the cycles if any (exit 1)
//   node scripts/folder-graph.mjs --quiet  only the cycles
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet');
const sourceRoots = ['electron', 'renderer', 'shared'];
const extensions = ['.ts', '.tsx', '.mts'];

/**
 * electron/threads/x.ts → electron/threads; electron/main.ts → electron. shared/ is one layer
 * under both sides (the contract and the types it is made of), so shared/contract/x.ts → shared.
 */
function folderOf(file) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'shared') return 'shared';
  return parts.length <= 2 ? parts[0] : `${parts[0]}/${parts[1]}`;
}

function isSource(name) {
  return extensions.includes(path.extname(name)) && !name.endsWith('.d.ts') && !/\.test\.tsx?$/.test(name);
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'test-support' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (isSource(name)) yield full;
  }
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, `index${e}`))];
  return candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

// Static imports and re-exports (type-only too), dynamic import(), require().
const importPattern =
  /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** folder → folder → files that import across. */
const edges = new Map();
for (const sourceRoot of sourceRoots) {
  for (const file of sourceFiles(path.join(root, sourceRoot))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const target = resolveImport(file, match[1]);
      if (!target) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to || !sourceRoots.includes(to.split('/')[0])) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const files = edges.get(from).get(to) ?? new Set();
      files.add(path.relative(root, file));
      edges.get(from).set(to, files);
    }
  }
}

const folders = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();

/** Tarjan's strongly connected components: every component of more than one folder is a cycle. */
function cycles() {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indices.get(w)));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of folders) if (!indices.has(v)) visit(v);
  return found;
}

/** The shortest cycle through the folders of one component, as a path that ends where it starts. */
function shortestCycle(component) {
  let best = null;
  for (const start of component) {
    const previous = new Map([[start, null]]);
    const queue = [start];
    let closing = null;
    while (queue.length > 0 && !closing) {
      const v = queue.shift();
      for (const w of edges.get(v)?.keys() ?? []) {
        if (!component.includes(w)) continue;
        if (w === start) {
          closing = v;
          break;
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    if (!closing) continue;
    const path = [start];
    for (let v = closing; v !== start; v = previous.get(v)) path.splice(1, 0, v);
    path.push(start);
    if (!best || path.length < best.length) best = path;
  }
  return best;
}

if (!quiet) {
  for (const from of folders) {
    const targets = [...(edges.get(from)?.keys() ?? [])].sort();
    if (targets.length > 0) console.log(`${from} → ${targets.join(', ')}`);
  }
}

const found = cycles();
if (found.length === 0) {
  if (!quiet) console.log(`\n${folders.length} folders, no cycles.`);
} else {
  console.error(`\nFolder cycles (${found.length}):`);
  for (const component of found) {
    const cycle = shortestCycle(component);
    console.error(`  ${cycle.join(' → ')}`);
    for (let i = 0; i + 1 < cycle.length; i++) {
      const files = [...edges.get(cycle[i]).get(cycle[i + 1])].sort();
      console.error(`    ${cycle[i]} → ${cycle[i + 1]}: ${files.join(', ')}`);
    }
    if (component.length > cycle.length - 1) console.error(`    (all of ${component.join(', ')} are caught in it)`);
  }
  process.exitCode = 1;
}
