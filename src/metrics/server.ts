/**
 * The scrape target of a process without the API (`switchyard worker`, `switchyard consumers`): GET
 * /metrics on METRICS_HOST:METRICS_PORT, loopback unless the operator says otherwise. Nothing else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, log } from '../log';
import { exposition } from './exposition';
import type { Metrics } from './metrics';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: Metrics, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'Only GET /metrics is served here.' } }));
      return;
    }
    exposition(metrics).then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      },
      (error) => {
        log.warn('metrics: scrape failed', { error: errorMessage(error) });
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'metrics_unavailable', message: 'The metrics could not be gathered.' } }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`;
  log.info('metrics listening', { url });
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
