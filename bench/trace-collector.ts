/**
 * Where the `traced` setup's gateway sends its spans: an OTLP/HTTP endpoint that reads each export
 * and answers 200, in a process of its own (its CPU counts with the receivers'). It keeps nothing:
 * the benchmark measures what producing and exporting spans costs the gateway.
 *
 * Configured by BENCH_TRACE_COLLECTOR (JSON): {"port"}.
 */
import http from 'node:http';

const { port } = JSON.parse(process.env.BENCH_TRACE_COLLECTOR ?? '{}') as { port: number };
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => process.exit(0));
