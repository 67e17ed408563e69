/** Reading Prometheus text exposition in tests: samples by name and labels, and the names declared. */
import { request } from 'undici';

export interface Scrape {
  text: string;
  /** The sum of the samples named `name` whose labels include `labels`; 0 when there are none. */
  value(name: string, labels?: Record<string, string>): number;
  /** Metric names the scrape declares (`# TYPE`) or has samples of. */
  names: Set<string>;
}

export function parseScrape(text: string): Scrape {
  const samples = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
  const declared = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
  return {
    text,
    names: new Set([...declared, ...samples.map((s) => s.name)]),
    value: (name, labels = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
        .reduce((sum, s) => sum + s.value, 0),
  };
}

export async function scrape(url: string): Promise<Scrape> {
  const answer = await request(url);
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`GET ${url} answered ${answer.statusCode}: ${text.slice(0, 300)}`);
  return parseScrape(text);
}

