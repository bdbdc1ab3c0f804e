/**
 * npm run bench — prints ONE JSON document. Each scenario is measured next to a baseline taken in the same run
 * (raw pg on the same database, a bare socket.io server in the same process), so the numbers say what our stack
 * costs on top of the bare tool, whatever the machine. Uses BENCH_DATABASE_URL / TEST_DATABASE_URL when set,
 * else an embedded PostgreSQL. Sizes: BENCH_ITERATIONS, BENCH_SOCKET_* (see bench/socket-fanout.ts) and
 * BENCH_BODY_ITERATIONS, BENCH_LIVE_ITERATIONS, BENCH_ATTACKERS, BENCH_ATTACKER_PARALLEL (bench/body-bounds.ts,
 * whose server runs in a process of its own).
 */
import 'reflect-metadata';
import { runBodyBounds } from './body-bounds';
import { runHttpAndAudit } from './http-and-audit';
import { runSocketFanout, socketFanoutOptionsFromEnv } from './socket-fanout';
import { createBenchDatabase, envInt, startBenchApp } from './support';

async function main(): Promise<void> {
  const iterations = envInt('BENCH_ITERATIONS', 500);
  const socketOptions = socketFanoutOptionsFromEnv();
  const database = await createBenchDatabase();
  try {
    const bench = await startBenchApp(database.url, {
      // The per-connection write limit (default 10/s, burst 20) would cap one sender at 10 messages/s and make
      // the socket scenarios measure the token bucket; the bench measures the send path itself.
      socketRatePerSecond: 1_000_000,
      socketRateBurst: 1_000_000,
      // Likewise the per-user limits (writes 20/s, burst 40; joins 60/min): the receivers join every scenario.
      socketUserRatePerSecond: 1_000_000,
      socketUserRateBurst: 1_000_000,
      socketUserJoinsPerMinute: 1_000_000,
    });
    try {
      const httpAndAudit = await runHttpAndAudit(bench, database.url, iterations);
      const socketFanout = await runSocketFanout(bench, socketOptions);
      const bodyBounds = await runBodyBounds(database.url);
      process.stdout.write(
        `${JSON.stringify(
          {
            node: process.version,
            iterations,
            results: httpAndAudit.results,
            comparisons: httpAndAudit.comparisons,
            memory: httpAndAudit.memory,
            socketFanout,
            bodyBounds,
          },
          null,
          2,
        )}\n`,
      );
    } finally {
      await bench.app.close();
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
