/**
 * The processes of bench/body-bounds.ts, one per role, so that the server's event loop is its own and the load
 * does not share it:
 *   server <databaseUrl>       the real application (AppModule + configureApp) on an ephemeral port
 *   ceiling                    a minimal Express server: GET /health/live, and POST /auth/login reading the body
 *                              raw (1 MB limit, no parsing) and answering 422, i.e. the least any server can do
 *   attacker <url> <parallel>  sends the worst bodies to <url>/auth/login round-robin, <parallel> at a time,
 *                              until stdin closes; then prints how many it sent and the statuses
 * Servers print one JSON line `{ "url": ... }` when listening and exit when stdin closes.
 */
import 'reflect-metadata';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startBenchApp } from './support';
import { postBody, worstBodies } from './worst-bodies';

const onStdinEnd = (fn: () => void): void => {
  process.stdin.on('end', fn);
  process.stdin.resume();
};

async function server(databaseUrl: string): Promise<void> {
  // The bench sends thousands of refused bodies from 127.0.0.1; each spends one login attempt of that IP (which
  // is the point in production), and the bench measures the refusal path, not the 429 that would follow.
  const bench = await startBenchApp(databaseUrl, { loginLimitPerIp: 1_000_000_000 });
  process.stdout.write(`${JSON.stringify({ url: bench.url })}\n`);
  onStdinEnd(() => void bench.app.close().then(() => process.exit(0)));
}

function ceiling(): void {
  const app = express();
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post('/auth/login', express.raw({ limit: '1mb', type: '*/*' }), (_req, res) => {
    res.status(422).type('application/problem+json').send('{"status":422,"code":"request.invalid"}');
  });
  app.use(
    (
      error: { status?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res
        .status(error.status ?? 500)
        .type('application/problem+json')
        .send(`{"status":${error.status ?? 500}}`);
    },
  );
  const listener = app.listen(0, '127.0.0.1', () => {
    const { port } = listener.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  });
  onStdinEnd(() => listener.close(() => process.exit(0)));
}

function attacker(url: string, parallel: number): void {
  const bodies = worstBodies();
  const statuses: Record<string, number> = {};
  let sent = 0;
  let stopping = false;
  const loop = async (offset: number): Promise<void> => {
    for (let i = offset; !stopping; i++) {
      const status = await postBody(`${url}/auth/login`, bodies[i % bodies.length].bytes);
      statuses[status] = (statuses[status] ?? 0) + 1;
      sent++;
    }
  };
  const started = Date.now();
  const loops = Array.from({ length: parallel }, (_, i) => loop(i));
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  onStdinEnd(() => {
    stopping = true;
    void Promise.all(loops).then(() => {
      process.stdout.write(`${JSON.stringify({ sent, seconds: (Date.now() - started) / 1000, statuses })}\n`);
      process.exit(0);
    });
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'server') void server(args[0]);
else if (mode === 'ceiling') ceiling();
else if (mode === 'attacker') attacker(args[0], Number(args[1]));
else throw new Error(`unknown mode ${mode}`);
