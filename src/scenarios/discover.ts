/** Turns the paths given to `run` into scenario files: folders are searched recursively for *.yaml / *.yml. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SCENARIO = /\.ya?ml$/i;

export function discoverScenarioFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new Error(`no such file or folder: ${path}`);
    }
    if (stats.isDirectory()) files.push(...walk(path).sort());
    else files.push(path);
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || entry.name === 'node_modules' ? [] : walk(path);
    return SCENARIO.test(entry.name) ? [path] : [];
  });
}

export const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
