/**
 * Entry bundle size: builds the app with a manifest and sums the gzip size of everything the
 * page loads before any lazy import (the entry chunk, its static imports and CSS). Monaco must
 * not be among them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { result, type BenchResult } from './lib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const OUT = 'dist-bundle';

export function bundleBenchmarks(notes: string[]): BenchResult[] {
  execFileSync('npx', ['vite', 'build', '--manifest', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const files = new Set<string>();
  const sources: string[] = [];
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    if (chunk.src) sources.push(chunk.src);
    for (const css of chunk.css ?? []) files.add(css);
    for (const child of chunk.imports ?? []) visit(child);
  };
  visit(entry[0]);
  let gzip = 0;
  let raw = 0;
  const monaco: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(OUT, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    if (/monaco|editor\.api|editor\.main/i.test(file) || bytes.includes('monaco-editor')) monaco.push(file);
  }
  notes.push(`Entry bundle: ${files.size} files, ${(raw / 1024).toFixed(0)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip.`);
  return [
    result('entry bundle (gzip, everything loaded before a lazy import)', gzip / 1024, 'kB', 250),
    result('Monaco chunks loaded with the entry', monaco.length, 'files', 0),
  ];
}
