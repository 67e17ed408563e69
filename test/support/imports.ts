/** The repository's TypeScript files and what each imports, for the tests that keep the layout. */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../src/config';

/** Every .ts file under a repo-relative folder, repo-relative with forward slashes. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/**
 * What each of `files` imports among them. `all`: every kind of import (import, import type,
 * export from, import() and require()); `loaded`: only what loading the file loads, the static
 * imports and re-exports that are not type-only (a require() in a function runs when called).
 */
export function importGraph(files: string[], kind: 'all' | 'loaded'): Map<string, string[]> {
  const known = new Set(files);
  const resolve = (from: string, specifier: string) => {
    const base = path.posix.join(path.posix.dirname(from), specifier);
    return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => known.has(candidate));
  };
  const specifiers = (file: string, text: string): string[] => {
    if (kind === 'all') return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    return source.statements.flatMap((statement) => {
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) return [(statement.moduleSpecifier as ts.StringLiteral).text];
      if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) return [(statement.moduleSpecifier as ts.StringLiteral).text];
      return [];
    });
  };
  return new Map(
    files.map((file) => {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      const targets = specifiers(file, text).filter((specifier) => specifier.startsWith('.')).map((specifier) => resolve(file, specifier));
      return [file, targets.filter((target): target is string => target !== undefined)];
    }),
  );
}

/** Every file reachable from the entries, the entries included. */
export function closure(graph: Map<string, string[]>, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) visit(next);
  };
  entries.forEach(visit);
  return seen;
}
