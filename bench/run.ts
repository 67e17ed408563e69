/**
 * `npm run bench`: brings up the benchmark environment, runs the scenarios, prints a table, and
 * writes the results as JSON (bench-results/, not committed) and, for a run of every scenario,
 * into BENCHMARKS.md. Benchmarks measure; no test asserts their figures.
 *
 *   npm run bench -- [--scenario ceilings,saturation,saturation-single,latency,isolation,fairness,history,kafka,redis,nats,sqs,rabbitmq,pubsub,fan-out,waiting]
 *                    [--setups default,plain,...] [--baseline REF] [--rounds 1] [--duration 60] [--endpoints 20] [--payload-bytes 1024]
 *                    [--rate N] [--repeat 3] [--quiet-rate 5] [--kafka-messages 5000] [--broker-messages 5000] [--fan-out-sizes 10,10000,100000]
 *                    [--fan-out-events 1000] [--waiting 10000] [--sweep-events 100000] [--retention 10m] [--sample-seconds 30]
 *
 * `soak` runs only when named (`--scenario soak --duration 1800`): a long run at half of
 * saturation (the saturation-single scenario's figure from the same run, `--rate`, or else a
 * 60-s saturation probe of its own), with the project's retention set to `--retention`.
 *
 * Each setup (bench/setups.ts) gets an environment of its own and runs the chosen scenarios; with
 * several, each figure is shown per setup with its ratio to the first setup's. `--baseline REF`
 * adds the setup `baseline`, the gateway as of git revision REF (bench/baseline.ts), to be named in
 * `--setups` like the others.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../src/config';
import { configureLogging } from '../src/log';
import { BROKERS } from '../src/brokers/source-schema';
import { LOCAL_BROKERS } from '../src/stack/stack';
import { startEnvironment, type BenchEnvironment } from './environment';
import { baselineSetup } from './baseline';
import { setupNamed, type Setup } from './setups';
import type { CpuSnapshot } from './cpu';
import { eagerFloor, postCeiling, workflowCeiling } from './scenarios/ceilings';
import { historyCost } from './scenarios/history-cost';
import { fairness } from './scenarios/fairness';
import { kafkaIngest } from './scenarios/kafka';
import { brokerIngest } from './scenarios/broker-ingest';
import { saturation } from './scenarios/saturation';
import { percentile } from './scenarios/common';
import { isolationModes, steadyLoad, type SteadyLoadResult } from './scenarios/steady-load';
import { waitingWork } from './scenarios/waiting-work';
import { fanOutAt, type FanOutRun } from './scenarios/fan-out-scale';
import { soak } from './scenarios/soak';
import { retentionSweep } from './scenarios/retention-sweep';

const SCENARIOS = ['ceilings', 'saturation', 'saturation-single', 'latency', 'isolation', 'fairness', 'history', 'kafka', 'redis', 'nats', 'sqs', 'rabbitmq', 'pubsub', 'fan-out', 'waiting', 'sweep'] as const;
/** Run only when named: they take half an hour or more. */
const LONG_SCENARIOS = ['soak'] as const;

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: SCENARIOS.join(',') },
    setups: { type: 'string', default: 'default' },
    baseline: { type: 'string' },
    duration: { type: 'string', default: '60' },
    endpoints: { type: 'string', default: '20' },
    'payload-bytes': { type: 'string', default: '1024' },
    // Offered events/s for latency and isolation; by default half of what saturation delivered.
    rate: { type: 'string' },
    // Latency and isolation run this many times, alternately; their figures are the medians.
    // A p99 over one minute moves by 2× between runs on this machine.
    repeat: { type: 'string', default: '3' },
    // Every setup's scenarios run this many times, the setups taking turns; compared figures are
    // the median round's, each round's beside it.
    rounds: { type: 'string', default: '1' },
    // Events/s the quiet project of the fairness scenario publishes, alone and during the flood.
    'quiet-rate': { type: 'string', default: '5' },
    'kafka-messages': { type: 'string', default: '5000' },
    'broker-messages': { type: 'string', default: '5000' },
    // Endpoints in a project for the fan-out scenario (the first is the baseline), and events per size.
    'fan-out-sizes': { type: 'string', default: '10,10000,100000' },
    'fan-out-events': { type: 'string', default: '1000' },
    waiting: { type: 'string', default: '10000' },
    // Events written past their retention for the sweep scenario to delete.
    'sweep-events': { type: 'string', default: '100000' },
    // The soak's project retention: shorter than the run, so the sweep is part of the steady state.
    retention: { type: 'string', default: '10m' },
    'sample-seconds': { type: 'string', default: '30' },
  },
});
const chosen = values.scenario!.split(',');
const unknown = chosen.filter((name) => !([...SCENARIOS, ...LONG_SCENARIOS] as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${[...SCENARIOS, ...LONG_SCENARIOS].join(', ')}`);
const everyScenario = SCENARIOS.every((name) => chosen.includes(name));
const baseline = values.baseline ? baselineSetup(values.baseline) : undefined;
const setups = values.setups!.split(',').map((name) => (name === 'baseline' && baseline ? baseline : setupNamed(name)));
const seconds = Number(values.duration);
const endpoints = Number(values.endpoints);
const payloadBytes = Number(values['payload-bytes']);
const kafkaMessages = Number(values['kafka-messages']);
const brokerMessages = Number(values['broker-messages']);
const quietRate = Number(values['quiet-rate']);
const waiting = Number(values.waiting);
const sampleSeconds = Number(values['sample-seconds']);
const sweepEvents = Number(values['sweep-events']);
const fanOutSizes = values['fan-out-sizes']!.split(',').map(Number);
const fanOutEvents = Number(values['fan-out-events']);
const repeat = Number(values.repeat);
if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error('--repeat must be a whole number of at least 1');
const rounds = Number(values.rounds);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds must be a whole number of at least 1');

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Where the healthy deliveries' time went (see steady-load.ts): two rows. */
function stagesRows(name: string, result: SteadyLoadResult): [string, string, string][] {
  const { toStart, toAttempt, attempt, toTask, taskToAttempt } = result.stages;
  const pair = (s: { p50: number; p99: number }) => `${round(s.p50)}/${round(s.p99)}`;
  return [
    [`${name}: p50/p99 ms, commit → start recorded, → attempt begun, attempt`, `${pair(toStart)}, ${pair(toAttempt)}, ${pair(attempt)}`, ''],
    [`${name}: p50/p99 ms, start event → first task to the worker (server), → attempt begun (worker)`, `${pair(toTask)}, ${pair(taskToAttempt)}`, ''],
  ];
}

const round = (n: number, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
const signed = (n: number) => `${n >= 0 ? '+' : ''}${round(n, 1)}`;

/** Runs of one scenario as one result: every number the median of the runs' (the rest from the first; of an even count, the upper middle). */
function medianOf<T>(runs: T[]): T {
  const first = runs[0];
  if (typeof first === 'number') return percentile([...(runs as number[])].sort((a, b) => a - b), 50) as T;
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first as T;
  return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(runs.map((run) => (run as Record<string, unknown>)[key]))])) as T;
}

/** A figure's median, followed by each run's value when there were several. */
function perRun(runs: SteadyLoadResult[], figure: (run: SteadyLoadResult) => number): string {
  return runs.length === 1 ? '' : ` (runs: ${runs.map((run) => round(figure(run))).join(', ')})`;
}

/** A table row: the figure, its value as shown, a note (a ratio within the run); and the number compared between setups. */
type Row = [figure: string, value: string, note: string, compared?: number];

/** CPU ms per delivery by process, as one row compared on its total. */
function cpuRow(name: string, cpu: CpuSnapshot | undefined): Row[] {
  if (!cpu) return [];
  const ms = (n: number | undefined) => (n ?? 0).toFixed(1);
  return [
    [
      `${name}: CPU ms per delivery: Temporal / gateway (API and worker) / PostgreSQL / receivers / load generator; total`,
      `${ms(cpu.temporal)} / ${ms(cpu.gateway)} / ${ms(cpu.postgres)} / ${ms(cpu.receivers)} / ${ms(cpu['load generator'])}; ${ms(cpu.total)}`,
      '',
      cpu.total,
    ],
  ];
}

/** Every chosen scenario against one environment: its rows and raw results. */
async function runScenarios(env: BenchEnvironment, results: Record<string, unknown>, rows: Row[]): Promise<void> {
  const ms = (n: number) => `${round(n)}`;
  const ratio = (n: number, of: number | undefined, what: string) => (of ? `${(n / of).toFixed(2)} ${what}` : '');
  let ceilingA: number | undefined;
  let saturated: number | undefined;
  if (chosen.includes('ceilings')) {
    // Shorter than the load scenarios: a ceiling settles within seconds.
    const a = await workflowCeiling(env, Math.min(seconds, 20));
    const b = await postCeiling(env, Math.min(seconds, 20), payloadBytes);
    const c = await eagerFloor(env, Math.min(seconds, 20));
    ceilingA = a.perSecond;
    results.ceilings = { workflows: a, posts: b, floor: c };
    rows.push([`(a) ceiling: no-op workflows/s, started like deliveries, ${a.inFlight} in flight`, `${round(a.perSecond)}`, '1.00']);
    rows.push(['(b) ceiling: raw undici POSTs/s to the receivers', `${round(b.perSecond)}`, `verified ${b.verified}`]);
    rows.push([`(c) floor: no-op workflows/s started eagerly by their worker, as \`serve\` starts deliveries, ${c.lanes} in flight`, `${round(c.perSecond)}`, ratio(c.perSecond, a.perSecond, 'of (a)'), c.perSecond]);
    const floor = c.cpuMsPerWorkflow;
    rows.push(['(c) floor: CPU ms per workflow: Temporal / worker; total', `${floor.temporal.toFixed(1)} / ${floor.worker.toFixed(1)}; ${floor.total.toFixed(1)}`, '', floor.total]);
  }
  for (const shape of ['batch', 'single'] as const) {
    const name = shape === 'batch' ? 'saturation' : 'saturation-single';
    if (!chosen.includes(name)) continue;
    const s = await saturation(env, { seconds, endpoints, payloadBytes, shape });
    results[name] = s;
    // Latency runs at half of what producers of single events get through, when that was measured.
    saturated = s.deliveredPerSecondDuringLoad;
    const who = `${s.shape.producers} producers × ${s.shape.eventsPerRequest} event${s.shape.eventsPerRequest > 1 ? 's' : ''} per request`;
    rows.push([`${name}: delivered/s during ${seconds} s of load (${endpoints} endpoints, ${who})`, `${round(s.deliveredPerSecondDuringLoad)}`, ratio(s.deliveredPerSecondDuringLoad, ceilingA, 'of (a)'), s.deliveredPerSecondDuringLoad]);
    rows.push([`${name}: accepted events/s; 503 over_capacity answers`, `${round(s.acceptedPerSecond)}; ${s.refusals}`, '', s.acceptedPerSecond]);
    rows.push([`${name}: drain after the load stopped (s)`, `${round(s.drainSeconds, 1)}`, '']);
    rows.push([`${name}: ingest p50 / p99 (ms, per accepted request)`, `${ms(s.ingestMs.p50)} / ${ms(s.ingestMs.p99)}`, '']);
    rows.push([`${name}: end-to-end p50 / p95 / p99 (ms, first post → received)`, `${ms(s.endToEndMs.p50)} / ${ms(s.endToEndMs.p95)} / ${ms(s.endToEndMs.p99)}`, '']);
    rows.push([`${name}: invalid signatures, duplicates`, `${s.invalidSignatures}, ${s.duplicates}`, '']);
    rows.push(...cpuRow(name, s.cpuMsPerDelivery));
  }
  const rate = values.rate ? Number(values.rate) : (saturated || ceilingA || NaN) / 2;
  if (chosen.includes('latency') || chosen.includes('isolation')) {
    if (!(rate > 0)) throw new Error('latency and isolation need --rate, or the saturation or ceilings scenario in the same run');
  }
  const modes = isolationModes(endpoints);
  const healthyRuns: SteadyLoadResult[] = [];
  const sickRuns: SteadyLoadResult[] = [];
  for (let run = 0; run < repeat; run++) {
    if (chosen.includes('latency')) healthyRuns.push(await steadyLoad(env, Array.from({ length: endpoints }, () => 'ok'), { rate, seconds, payloadBytes }));
    if (chosen.includes('isolation')) sickRuns.push(await steadyLoad(env, modes, { rate, seconds, payloadBytes }));
  }
  const total = (runs: SteadyLoadResult[], figure: (run: SteadyLoadResult) => number) => runs.reduce((sum, run) => sum + figure(run), 0);
  const healthy = healthyRuns.length > 0 ? medianOf(healthyRuns) : undefined;
  const runsNote = repeat > 1 ? `, median of ${repeat} runs` : '';
  if (healthy) {
    results.latency = { rate, median: healthy, runs: healthyRuns };
    rows.push([
      `latency at ${round(rate)} events/s${values.rate ? '' : ' (half of saturation)'}${runsNote}: ingest p50 / p99 (ms, single events)`,
      `${ms(healthy.ingestMs.p50)} / ${ms(healthy.ingestMs.p99)}${perRun(healthyRuns, (r) => r.ingestMs.p99)}`,
      '',
      healthy.ingestMs.p99,
    ]);
    const e = healthy.healthy.endToEndMs;
    rows.push(['latency: end-to-end p50 / p95 / p99 (ms, sent → received)', `${ms(e.p50)} / ${ms(e.p95)} / ${ms(e.p99)}${perRun(healthyRuns, (r) => r.healthy.endToEndMs.p99)}`, '', e.p99]);
    rows.push([
      'latency: delivered/s; refused, invalid signatures (all runs)',
      `${round(healthy.healthy.perSecond, 1)}; ${total(healthyRuns, (r) => r.refused)}, ${total(healthyRuns, (r) => r.invalidSignatures)}`,
      '',
    ]);
    rows.push(...stagesRows('latency', healthy));
    rows.push(...cpuRow(`latency${runsNote}`, healthy.cpuMsPerDelivery));
  }
  if (sickRuns.length > 0) {
    const sick = medianOf(sickRuns);
    results.isolation = { rate, modes, median: sick, runs: sickRuns };
    const base = healthy?.healthy;
    rows.push([
      `isolation (${sick.healthy.endpoints} healthy, ${modes.filter((m) => m === 'fail').length} answering 500, ${modes.filter((m) => m === 'hang').length} hanging)${runsNote}: healthy delivered/s per endpoint`,
      `${round(sick.healthy.perEndpointPerSecond, 2)}`,
      ratio(sick.healthy.perEndpointPerSecond, base?.perEndpointPerSecond, 'of all-healthy'),
      sick.healthy.perEndpointPerSecond,
    ]);
    rows.push([
      'isolation: healthy end-to-end p99 (ms)',
      `${ms(sick.healthy.endToEndMs.p99)}${perRun(sickRuns, (r) => r.healthy.endToEndMs.p99)}`,
      ratio(sick.healthy.endToEndMs.p99, base?.endToEndMs.p99, 'of all-healthy'),
    ]);
    rows.push(['isolation: ingest p99 (ms); refused (all runs)', `${ms(sick.ingestMs.p99)}; ${total(sickRuns, (r) => r.refused)}`, '']);
    rows.push(...stagesRows('isolation', sick));
    if (sick.sickHistory) {
      rows.push(['isolation: a sick endpoint\'s delivery so far: history events / workflow tasks (a healthy one: 6 / 1)', `${round(sick.sickHistory.events, 1)} / ${round(sick.sickHistory.workflowTasks, 1)}`, '']);
    }
  }
  if (chosen.includes('fairness')) {
    const f = await fairness(env, { seconds, rate: quietRate });
    results.fairness = f;
    const who = `quiet project, ${f.quietRate} events/s for ${seconds} s`;
    rows.push([`fairness: ${who}, alone: end-to-end p50 / p99 (ms); refusals`, `${ms(f.alone.p50)} / ${ms(f.alone.p99)}; ${f.alone.refusals}`, '']);
    rows.push([
      `fairness: the same while another project floods (${f.flood.acceptedEvents} events accepted from it, ${f.flood.refusals} refusals): end-to-end p50 / p99 (ms); refusals`,
      `${ms(f.duringFlood.p50)} / ${ms(f.duringFlood.p99)}; ${f.duringFlood.refusals}`,
      ratio(f.duringFlood.p99, f.alone.p99, 'p99 of alone'),
    ]);
    rows.push(['fairness: quiet p99 during the flood ÷ alone', `${round(f.duringFlood.p99 / f.alone.p99, 2)}`, '', f.duringFlood.p99 / f.alone.p99]);
  }
  if (chosen.includes('soak')) {
    let soakRate = values.rate ? Number(values.rate) : saturated && saturated / 2;
    if (!soakRate) {
      const probe = await saturation(env, { seconds: 60, endpoints, payloadBytes, shape: 'single' });
      results.soakProbe = probe;
      soakRate = probe.deliveredPerSecondDuringLoad / 2;
      rows.push([`soak: saturation probe, delivered/s during 60 s of load (${endpoints} endpoints, single events)`, `${round(probe.deliveredPerSecondDuringLoad)}`, '']);
    }
    const s = await soak(env, { rate: soakRate, seconds, endpoints, payloadBytes, retention: values.retention!, sampleSeconds });
    results.soak = s;
    rows.push([
      `soak: ${round(s.rate, 1)} events/s${values.rate ? '' : ' (half of saturation)'} for ${seconds} s, retention ${s.retention}: offered, accepted, delivered; refused, undelivered 2 min after, invalid signatures`,
      `${s.offered}, ${s.accepted}, ${s.delivered}; ${s.refused}, ${s.undelivered}, ${s.invalidSignatures}`,
      '',
    ]);
    rows.push(...cpuRow('soak', s.cpuMsPerDelivery));
    const figure = (n: number) => (Math.abs(n) >= 100 ? round(n) : round(n, 2));
    for (const [name, trend] of Object.entries(s.trends)) {
      rows.push([
        `soak: ${name}: first → last; slope per hour over the whole run, over its second half`,
        `${figure(trend.first)} → ${figure(trend.last)}; ${signed(trend.slopePerHour)}, ${signed(trend.secondHalfSlopePerHour)}`,
        '',
      ]);
    }
  }
  // After the load scenarios: their backlog is drained, so it measures a quiet system.
  if (chosen.includes('history')) {
    const h = await historyCost(env);
    results.history = h;
    rows.push([`history: events / workflow tasks per first-attempt success (${h.deliveries})`, `${round(h.eventsPerDelivery, 1)} / ${round(h.workflowTasksPerDelivery, 1)}`, '']);
    rows.push([`history: entity events per interaction (${h.entity.interactions} interactions)`, `${round(h.entity.eventsPerInteraction ?? NaN, 1)}`, '']);
  }
  if (chosen.includes('kafka')) {
    const k = await kafkaIngest(env, kafkaMessages, payloadBytes);
    results.kafka = k;
    rows.push([`kafka: no-op kafkajs group, messages/s (${k.messages} on ${k.partitions} partitions)`, `${round(k.baselinePerSecond)}`, '']);
    rows.push(['kafka: messages/s into events', `${round(k.intoEventsPerSecond)}`, ratio(k.intoEventsPerSecond, k.baselinePerSecond, 'of the no-op group')]);
    rows.push(['kafka: messages/s into started deliveries', `${round(k.intoStartedDeliveriesPerSecond)}`, ratio(k.intoStartedDeliveriesPerSecond, ceilingA, 'of (a)')]);
  }
  for (const [broker, library] of [['redis', 'node-redis group'], ['nats', 'NATS durable consumer'], ['sqs', 'AWS SDK receive and delete'], ['rabbitmq', 'amqplib consumer'], ['pubsub', 'Pub/Sub streaming pull']] as const) {
    if (!chosen.includes(broker)) continue;
    const r = await brokerIngest(env, broker, brokerMessages, payloadBytes);
    results[broker] = r;
    rows.push([`${broker}: no-op ${library}, messages/s (${r.messages}, read and acknowledged in chunks)`, `${round(r.baselinePerSecond)}`, '']);
    rows.push([`${broker}: messages/s into events`, `${round(r.intoEventsPerSecond)}`, ratio(r.intoEventsPerSecond, r.baselinePerSecond, 'of the no-op consumer')]);
    rows.push([`${broker}: messages/s into started deliveries`, `${round(r.intoStartedDeliveriesPerSecond)}`, ratio(r.intoStartedDeliveriesPerSecond, ceilingA, 'of (a)')]);
  }
  // After the others: its 100,000 endpoints stay in the database.
  if (chosen.includes('fan-out')) {
    const runs: FanOutRun[] = [];
    for (const shape of ['customers', 'own'] as const) {
      for (const size of fanOutSizes) runs.push(await fanOutAt(env, shape, size, fanOutEvents));
    }
    results.fanOut = runs;
    for (const run of runs) {
      const base = runs.find((r) => r.shape === run.shape && r.endpoints === fanOutSizes[0])!;
      rows.push([
        `fan-out (${run.shape === 'customers' ? 'one customer of as many' : "the provider's own, each its own type"}): ingest p50 / p99 (ms), ${run.endpoints} endpoints, 1 matching`,
        `${round(run.ingestP50, 1)} / ${round(run.ingestP99, 1)}`,
        run === base ? '' : `${round(run.ingestP50 / base.ingestP50, 2)}× / ${round(run.ingestP99 / base.ingestP99, 2)}× of ${base.endpoints}`,
      ]);
      rows.push(...cpuRow(`fan-out (${run.shape}, ${run.endpoints} endpoints; one delivery per event)`, run.cpuPerEvent));
    }
  }
  if (chosen.includes('sweep')) {
    const w = await retentionSweep(env, sweepEvents, payloadBytes);
    results.sweep = w;
    rows.push([`sweep: events (each with a delivery and an attempt) deleted per second, ${w.events} past their retention (${round(w.eventsMiBBefore)} MiB of events)`, `${round(w.perSecond)}`, '', w.perSecond]);
    rows.push(['sweep: PostgreSQL CPU ms per event deleted', `${round(w.postgresCpuMsPerEvent, 3)}`, '', w.postgresCpuMsPerEvent]);
  }
  // Last: its 10,000 workflows stay waiting until the environment stops.
  if (chosen.includes('waiting')) {
    const w = await waitingWork(env, waiting);
    results.waiting = w;
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    rows.push([
      `waiting: gateway RSS, settled (MiB): before → after ${w.deliveries} delivered → with ${w.deliveries} in backoff${w.settled ? '' : ' (NOT settled in 4 min)'}`,
      `${mib(w.rssFreshBytes)} → ${mib(w.rssBeforeBytes)} → ${mib(w.rssAfterBytes)}`,
      `${signed(w.addedMiB)} MiB for the waiting (${signed(w.addedSinceFreshMiB)} since before)`,
    ]);
    if (w.heap) {
      rows.push([
        'waiting: gateway main-thread JS heap, live after a full collection (MiB): after the delivered → with the waiting',
        `${(w.heap.before / 2 ** 20).toFixed(1)} → ${(w.heap.after / 2 ** 20).toFixed(1)}`,
        `${signed((w.heap.after - w.heap.before) / 2 ** 20)} MiB for the waiting`,
        (w.heap.after - w.heap.before) / 2 ** 20,
      ]);
    }
    rows.push(['waiting: history events / workflow tasks per waiting delivery', `${round(w.historyEventsPerWaitingDelivery, 1)} / ${round(w.workflowTasksPerWaitingDelivery, 1)}`, '']);
  }
}

/**
 * One setup's rounds as one list of rows: each row with a compared figure shows the round whose
 * figure is the median (of an even count, the upper middle), each round's figure beside it; the
 * other rows show the first round's.
 */
function combineRounds(perRound: Row[][]): Row[] {
  if (perRound.length === 1) return perRound[0]!;
  return perRound[0]!.map((row, index) => {
    if (row[3] === undefined) return row;
    const candidates = perRound.map((rows) => rows[index]).filter((r): r is Row => r?.[3] !== undefined);
    const median = [...candidates].sort((a, b) => a[3]! - b[3]!)[Math.floor(candidates.length / 2)]!;
    const digits = Math.abs(median[3]!) < 100 ? 1 : 0;
    return [median[0], `${median[1]} (rounds: ${candidates.map((r) => r[3]!.toFixed(digits)).join(', ')})`, median[2], median[3]];
  });
}

/** One setup's rows as a table. */
function singleTable(rows: Row[]): string {
  return ['| figure | value | ratio |', '|---|---:|---:|', ...rows.map(([figure, value, note]) => `| ${figure} | ${value} | ${note} |`)].join('\n');
}

/** Several setups' rows side by side (the same scenarios give the same rows), each compared figure with its ratio to the first setup's. */
function comparisonTable(runs: { setup: Setup; rows: Row[] }[]): string {
  const [first, ...rest] = runs;
  const header = `| figure | ${runs.map((run) => run.setup.name).join(' | ')} |`;
  const lines = first!.rows.map(([figure, value, , compared], index) => {
    const others = rest.map((run) => {
      const [, otherValue, , otherCompared] = run.rows[index] ?? ['', '(none)', ''];
      const ratioText = compared && otherCompared !== undefined ? ` (${(otherCompared / compared).toFixed(2)}×)` : '';
      return `${otherValue}${ratioText}`;
    });
    return `| ${figure} | ${[value, ...others].join(' | ')} |`;
  });
  const legend = runs.map((run) => `- \`${run.setup.name}\`: ${run.setup.what}`);
  return [...legend, '', header, `|---|${runs.map(() => '---:').join('|')}|`, ...lines].join('\n');
}

/** Replaces the part of BENCHMARKS.md between this section's markers (appended if missing); the text around them is written by hand. */
function writeSection(name: string, content: string): void {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const [open, close] = [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const block = `${open}\n${content}\n${close}`;
  const at = text.indexOf(open);
  const end = text.indexOf(close);
  const next = at >= 0 && end > at ? text.slice(0, at) + block + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
  configureLogging('warn', 'pretty');
  const perSetup = new Map(setups.map((setup) => [setup.name, { rows: [] as Row[][], results: [] as Record<string, unknown>[] }]));
  for (let round = 0; round < rounds; round++) {
    for (const setup of setups) {
      const env = await startEnvironment({ ...Object.fromEntries(LOCAL_BROKERS.map((broker) => [broker, chosen.includes(broker)])), setup });
      const results: Record<string, unknown> = {};
      const rows: Row[] = [];
      try {
        await runScenarios(env, results, rows);
      } catch (error) {
        // What ran before the failure is still worth seeing.
        process.stdout.write(`\nfigures so far (${setup.name}):\n${singleTable(rows)}\n${JSON.stringify(results, null, 2)}\n`);
        throw error;
      } finally {
        await env.stop();
      }
      perSetup.get(setup.name)!.rows.push(rows);
      perSetup.get(setup.name)!.results.push(results);
      if (setups.length > 1 || rounds > 1) process.stdout.write(`\n${setup.name}, round ${round + 1}:\n${singleTable(rows)}\n`);
    }
  }
  const runs = setups.map((setup) => ({ setup, rows: combineRounds(perSetup.get(setup.name)!.rows), results: perSetup.get(setup.name)!.results }));

  const command = [
    `npm run bench -- --scenario ${chosen.join(',')} --setups ${setups.map((setup) => setup.name).join(',')}${values.baseline ? ` --baseline ${values.baseline}` : ''} --rounds ${rounds} --duration ${seconds} --endpoints ${endpoints} --payload-bytes ${payloadBytes}`,
    values.rate ? ` --rate ${values.rate}` : '',
    chosen.includes('latency') || chosen.includes('isolation') ? ` --repeat ${repeat}` : '',
    chosen.includes('fairness') ? ` --quiet-rate ${quietRate}` : '',
    chosen.includes('kafka') ? ` --kafka-messages ${kafkaMessages}` : '',
    BROKERS.some((broker) => broker !== 'kafka' && chosen.includes(broker)) ? ` --broker-messages ${brokerMessages}` : '',
    chosen.includes('fan-out') ? ` --fan-out-sizes ${fanOutSizes.join(',')} --fan-out-events ${fanOutEvents}` : '',
    chosen.includes('waiting') ? ` --waiting ${waiting}` : '',
    chosen.includes('sweep') ? ` --sweep-events ${sweepEvents}` : '',
    chosen.includes('soak') ? ` --retention ${values.retention} --sample-seconds ${sampleSeconds}` : '',
  ].join('');
  const table = runs.length === 1 ? singleTable(runs[0]!.rows) : comparisonTable(runs);
  process.stdout.write(`\n${machine()}\n${command}\n\n${table}\n`);

  const at = new Date().toISOString();
  const dir = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const results = Object.fromEntries(runs.map((run) => [run.setup.name, run.results]));
  fs.writeFileSync(path.join(dir, `${at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify({ at, machine: machine(), command, results }, null, 2)}\n`);
  // BENCHMARKS.md keeps a run of every scenario on the default setup, and the latest comparison
  // of each set of setups; a run of some scenarios alone must not erase any.
  const stamp = [`- When: ${at}`, `- Machine: ${machine()}; PostgreSQL, Temporal and the receivers all local`, `- Command: \`${command}\``, ''];
  if (runs.length > 1) {
    // Keyed by the scenarios too: a comparison of some scenarios must not replace one of others.
    const scenarios = everyScenario ? '' : ` scenarios ${chosen.join(',')}`;
    writeSection(`setups ${setups.map((setup) => setup.name).join(',')}${scenarios}`, [...stamp, table].join('\n'));
    process.stdout.write('\nBENCHMARKS.md: the comparison of setups written.\n');
  } else if (chosen.includes('soak')) {
    // Its samples are in the JSON; the section keeps the latest soak's table.
    writeSection('soak', [...stamp, `Setup \`${setups[0]!.name}\`: ${setups[0]!.what}.`, '', table].join('\n'));
    process.stdout.write('\nBENCHMARKS.md: the soak written.\n');
  } else if (everyScenario) {
    writeSection('full', [...stamp, `Setup \`${setups[0]!.name}\`: ${setups[0]!.what}.`, '', table].join('\n'));
    process.stdout.write('\nBENCHMARKS.md: the full run written.\n');
  } else {
    process.stdout.write('\nBENCHMARKS.md left as it was: it keeps runs of every scenario, and comparisons of setups.\n');
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
