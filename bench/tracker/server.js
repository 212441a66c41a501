// HTTP server on loopback whose handler does a little async work per request.
// Prints its port as JSON once listening. BENCH_STACKS=1 turns the tracker's creation stacks on.
const http = require('node:http');
const tracker = globalThis[Symbol.for('loopguard.tracker')];
if (process.env.BENCH_STACKS === '1') tracker.setStacks(true);

async function lookup(id) {
  await null;
  return { id, name: `user-${id}` };
}
async function handle(url) {
  const id = Number(new URL(url, 'http://x').searchParams.get('id')) || 0;
  const [user, friends] = await Promise.all([lookup(id), Promise.all([lookup(id + 1), lookup(id + 2)])]);
  return JSON.stringify({ user, friends });
}

const server = http.createServer((req, res) => {
  handle(req.url).then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    },
    (err) => {
      res.writeHead(500);
      res.end(String(err));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
