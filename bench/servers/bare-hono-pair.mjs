// The floor for cold start: two bare Hono apps on @hono/node-server, started the way `trueplay-sandbox start` starts
// its two sides (plain node, no tsx), each answering the one request the cold-start measure waits for.
// Plain JavaScript on purpose: a TypeScript loader would cost more than the thing measured.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/health', (c) => c.json({ status: 'OK' }));
app.get('/sandbox/faults', (c) => c.json({ items: [] }));

const servers = [];
let listening = 0;
for (const side of ['trueplay', 'wallet']) {
  servers.push(
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      console.log(`bare ${side} http://127.0.0.1:${info.port}`);
      listening += 1;
    }),
  );
}
process.once('SIGTERM', () => {
  let open = servers.length;
  for (const server of servers) server.close(() => (open -= 1) === 0 && process.exit(listening ? 0 : 1));
});
