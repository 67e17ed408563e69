/**
 * `npm run bench`: brings up the benchmark environment, runs the scenarios, prints a table, and
 * writes the results as JSON (bench-results/, not committed) and, for a run of every scenario,
 * into BENCHMARKS.md. Benchmarks measure; no test asserts their figures.
 *
 *   npm run bench -- [--scenario ceilings,saturation,history] [--duration 60] [--endpoints 20] [--payload-bytes 1024]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../src/config';
import { setLogLevel } from '../src/log';
import { startEnvironment } from './environment';
import { postCeiling, workflowCeiling } from './scenarios/ceilings';
import { historyCost } from './scenarios/history-cost';
import { saturation } from './scenarios/saturation';

const SCENARIOS = ['ceilings', 'saturation', 'history'] as const;

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: SCENARIOS.join(',') },
    duration: { type: 'string', default: '60' },
    endpoints: { type: 'string', default: '20' },
    'payload-bytes': { type: 'string', default: '1024' },
  },
});
const chosen = values.scenario!.split(',');
const unknown = chosen.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
const seconds = Number(values.duration);
const endpoints = Number(values.endpoints);
const payloadBytes = Number(values['payload-bytes']);

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const round = (n: number, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

async function main(): Promise<void> {
  setLogLevel('warn');
  const env = await startEnvironment({ kafka: false });
  const results: Record<string, unknown> = {};
  const rows: [string, string, string][] = [];
  try {
    let ceilingA: number | undefined;
    if (chosen.includes('ceilings')) {
      // Shorter than the load scenarios: a ceiling settles within seconds.
      const a = await workflowCeiling(env, Math.min(seconds, 20));
      const b = await postCeiling(env, Math.min(seconds, 20), payloadBytes);
      ceilingA = a.perSecond;
      results.ceilings = { workflows: a, posts: b };
      rows.push(['(a) ceiling: no-op workflows/s, started like deliveries', `${round(a.perSecond)}`, '1.00']);
      rows.push(['(b) ceiling: raw undici POSTs/s to the receivers', `${round(b.perSecond)}`, `verified ${b.verified}`]);
    }
    if (chosen.includes('saturation')) {
      const s = await saturation(env, { seconds, endpoints, payloadBytes });
      results.saturation = s;
      const ratio = ceilingA ? (s.deliveredPerSecondDuringLoad / ceilingA).toFixed(2) : 'n/a';
      rows.push([`saturation: delivered/s during ${seconds} s of load (${endpoints} endpoints)`, `${round(s.deliveredPerSecondDuringLoad)}`, `${ratio} of (a)`]);
      rows.push(['saturation: accepted events/s', `${round(s.acceptedPerSecond)}`, '']);
      rows.push(['saturation: drain after the load stopped (s)', `${round(s.drainSeconds, 1)}`, '']);
      rows.push(['saturation: ingest p50 / p99 (ms, per batch of 50)', `${round(s.ingestMs.p50)} / ${round(s.ingestMs.p99)}`, '']);
      rows.push(['saturation: end-to-end p50 / p95 / p99 (ms)', `${round(s.endToEndMs.p50)} / ${round(s.endToEndMs.p95)} / ${round(s.endToEndMs.p99)}`, '']);
      rows.push(['saturation: invalid signatures, duplicates', `${s.invalidSignatures}, ${s.duplicates}`, '']);
    }
    // Last: after saturation the backlog is drained, so it measures a quiet system.
    if (chosen.includes('history')) {
      const h = await historyCost(env);
      results.history = h;
      rows.push([`history: events / workflow tasks per first-attempt success (${h.deliveries})`, `${round(h.eventsPerDelivery, 1)} / ${round(h.workflowTasksPerDelivery, 1)}`, '']);
      rows.push([`history: entity events per interaction (${h.entity.interactions} interactions)`, `${round(h.entity.eventsPerInteraction ?? NaN, 1)}`, '']);
    }
  } finally {
    await env.stop();
  }

  const command = `npm run bench -- --scenario ${chosen.join(',')} --duration ${seconds} --endpoints ${endpoints} --payload-bytes ${payloadBytes}`;
  const table = ['| figure | value | ratio |', '|---|---:|---:|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  process.stdout.write(`\n${machine()}\n${command}\n\n${table}\n`);

  const at = new Date().toISOString();
  const dir = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify({ at, machine: machine(), command, results }, null, 2)}\n`);
  // BENCHMARKS.md holds whole runs only: one scenario run alone must not erase the others.
  if (chosen.length < SCENARIOS.length) {
    process.stdout.write('\nBENCHMARKS.md left as it was: it is written by runs of every scenario.\n');
    return;
  }
  fs.writeFileSync(
    path.join(repoRoot, 'BENCHMARKS.md'),
    [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (see bench/run.ts); the latest run replaces this file. Figures that',
      "depend on the machine are also given as a ratio to a ceiling measured in the same run.",
      '',
      `- When: ${at}`,
      `- Machine: ${machine()}; PostgreSQL, Temporal (dev server, in memory) and the receivers all local`,
      `- Command: \`${command}\``,
      '',
      table,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
