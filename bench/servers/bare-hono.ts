/** The floor for ingest: a bare Hono app on @hono/node-server that reads the body and answers a constant JSON. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
const answer = { status: 'OK', transactionId: 'tx', trueplayUserId: '00000000-0000-0000-0000-000000000000', duplicate: false };
app.post('/api/v1/accept', async (c) => {
  await c.req.text();
  return c.json(answer);
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`bare hono http://127.0.0.1:${info.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
