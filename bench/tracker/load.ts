/** A bounded HTTP load: `total` requests over `concurrency` keep-alive connections to loopback. */
import http from 'node:http';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runLoad(port: number, total: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const id = next++;
      const t0 = process.hrtime.bigint();
      await new Promise<void>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: `/?id=${id}`, agent, timeout: 10_000 }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('timeout', () => req.destroy(new Error('request timed out')));
        req.on('error', reject);
      });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: total / seconds,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)],
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
  };
}
