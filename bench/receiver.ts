/**
 * A benchmark receiver, run as a process of its own so that it does not share a core's event
 * loop with the gateway: it verifies every Standard Webhooks signature (with the `standardwebhooks`
 * package, not our signer) and records when each message arrived.
 *
 * Configured by BENCH_RECEIVER (JSON): {"port", "endpoints": {"/e/0": {"secret", "mode"}}}, where
 * mode is "ok" (204), "fail" (500) or "hang" (never answers; the gateway's timeout ends it).
 * GET /arrivals answers [[path index, webhook-id, arrival ms since epoch, valid], ...] since the
 * last GET /arrivals?reset=1.
 */
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

interface Settings {
  port: number;
  endpoints: Record<string, { secret: string; mode: 'ok' | 'fail' | 'hang' }>;
}

const settings = JSON.parse(process.env.BENCH_RECEIVER ?? '{}') as Settings;
const paths = Object.keys(settings.endpoints);
const verifiers = new Map(paths.map((path) => [path, new Webhook(settings.endpoints[path]!.secret)]));
let arrivals: [number, string, number, boolean][] = [];

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/arrivals')) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(arrivals));
    if (req.url.includes('reset=1')) arrivals = [];
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const at = Date.now();
    const path = req.url ?? '';
    const endpoint = settings.endpoints[path];
    if (!endpoint) {
      res.statusCode = 404;
      res.end();
      return;
    }
    let valid = true;
    try {
      verifiers.get(path)!.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
    } catch {
      valid = false;
    }
    arrivals.push([paths.indexOf(path), String(req.headers['webhook-id'] ?? ''), at, valid]);
    if (endpoint.mode === 'hang') return; // the gateway's timeout cuts it
    res.statusCode = endpoint.mode === 'fail' ? 500 : 204;
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(settings.port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => process.exit(0));
