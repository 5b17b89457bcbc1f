import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, call, createIntent, issueCards } from './api.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

/*
 * Webhooks against a real HTTP receiver on loopback. The receiver verifies each signature with the
 * recipe from the README and de-duplicates by event id.
 */

let gw: TestGateway;
let m: TestMerchant;

before(async () => {
  gw = await startTestGateway({ config: { webhookMaxBackoffSeconds: 1, webhookLeaseSeconds: 2 } });
  m = await gw.merchant('Hooks');
});
after(() => gw.close());

/** The README's verification recipe, taken from the README itself so it stays true. */
let verify: (secret: string, header: string, body: string) => boolean;
before(async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const recipe = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(readme)![1];
  const file = join(mkdtempSync(join(tmpdir(), 'gc-recipe-')), 'verify.mjs');
  writeFileSync(file, recipe);
  verify = (await import(file)).verifyGiftcardWebhook;
});

interface Receiver {
  url: string;
  port: number;
  received: { id: string; type: string; body: any; valid: boolean }[];
  close(): Promise<void>;
}

async function receiver(secret: () => string, opts: { port?: number; failFirst?: number } = {}): Promise<Receiver> {
  const received: Receiver['received'] = [];
  let failures = opts.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      received.push({
        id: String(req.headers['giftcard-event-id']), type: String(req.headers['giftcard-event-type']),
        body: JSON.parse(body), valid: verify(secret(), String(req.headers['giftcard-signature']), body),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`, port, received,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename
  ... on WebhookEndpointCreated { secret endpoint { id url events } } ... on ErrorResult { errorCode message } } }`;
const DELIVERIES = `query($endpointId: ID) { webhookDeliveries(endpointId: $endpointId) { eventId eventType status attempts lastStatusCode lastError deliveredAt } }`;

describe('webhooks', () => {
  it('refuses endpoints that are not http(s), and publishable keys', async () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url', '/relative']) {
      assert.equal((await call(gw, m.secretKey, CREATE, { input: { url } })).errorCode, 'INVALID_INPUT', url);
    }
    const r = await gw.gql(m.publishableKey, CREATE, { input: { url: 'https://example.com/hook' } });
    assert.equal(r.body.errors?.[0].extensions?.code, 'FORBIDDEN');
  });

  it('delivers signed events, retrying with back-off after failures; attempts are queryable', async () => {
    let secret = '';
    const rx = await receiver(() => secret, { failFirst: 2 });
    try {
      const created = await call(gw, m.secretKey, CREATE, { input: { url: rx.url, events: ['HOLD_PLACED', 'HOLD_CAPTURED'] } });
      secret = created.secret;
      assert.match(secret, /^whsec_/);
      const [c] = await issueCards(gw, m, 1, 1000);
      const { clientToken, id } = await createIntent(gw, m, 300);
      await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
      await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id } });
      await until(() => rx.received.length >= 2);
      assert.deepEqual(rx.received.map((r) => r.type).sort(), ['HOLD_CAPTURED', 'HOLD_PLACED'], 'only subscribed types');
      assert.ok(rx.received.every((r) => r.valid), 'signatures verify');
      assert.equal(verify('whsec_other', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, '{}'), false, 'a wrong signature does not');
      assert.ok(rx.received.every((r) => r.body.id === r.id && r.body.intentId === id));
      assert.ok(!JSON.stringify(rx.received).includes(c.code));
      const deliveries = await call(gw, m.secretKey, DELIVERIES, { endpointId: created.endpoint.id });
      assert.equal(deliveries.length, 2);
      assert.ok(deliveries.every((d: any) => d.status === 'DELIVERED' && d.deliveredAt));
      assert.ok(deliveries.reduce((n: number, d: any) => n + d.attempts, 0) >= 4, 'two failed attempts were retried');
    } finally {
      await rx.close();
    }
  });

  it('kill -9 with undelivered webhooks: after a restart every event is delivered exactly once after de-duplication', async () => {
    // A port with nobody listening yet: deliveries fail until the receiver starts.
    const probe = await receiver(() => '');
    const port = probe.port;
    await probe.close();
    const created = await call(gw, m.secretKey, CREATE, { input: { url: `http://127.0.0.1:${port}/hooks` } });
    const startGateway = () => startGatewayProcess(gw.app.orm.config.get('clientUrl')!, {
      GC_WEBHOOK_MAX_BACKOFF_SECONDS: '1', GC_WEBHOOK_LEASE_SECONDS: '2',
    });
    const first = await startGateway();
    const post = (key: string, query: string, variables: Record<string, unknown>) => fetch(first.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());
    const issued = await post(m.secretKey, Q.issue, { input: { count: 1, amount: 5000, currency: 'USD' } });
    const code = issued.data.issueGiftCards.cards[0].code;
    for (let i = 0; i < 5; i++) {
      const intent = await post(m.secretKey, Q.createIntent, { input: { amount: 100, currency: 'USD', orderRef: `k9-${i}` } });
      const token = intent.data.createPaymentIntent.clientToken;
      await post(m.publishableKey, Q.placeHold, { input: { clientToken: token, code } });
    }
    const [{ n: pending }] = await gw.sql(`select count(*)::int as n from webhook_delivery where endpoint_id = $1 and status = 'PENDING'`, [created.endpoint.id]);
    assert.equal(pending, 6, 'GIFT_CARD_ISSUED + 5 HOLD_PLACED queued, none delivered');
    await first.kill();
    // The test's own gateway must not deliver these: only the restarted process does.
    for (const w of gw.app.background) await w.stop();

    const rx = await receiver(() => created.secret, { port });
    const second = await startGateway();
    try {
      await until(async () => {
        const [{ n }] = await gw.sql(`select count(*)::int as n from webhook_delivery where endpoint_id = $1 and status = 'DELIVERED'`, [created.endpoint.id]);
        return n === 6;
      }, 20_000);
      assert.ok(rx.received.every((r) => r.valid), 'every signature verifies');
      const unique = new Map(rx.received.map((r) => [r.id, r]));
      assert.equal(unique.size, 6, 'de-duplication by event id leaves exactly one of each');
      assert.deepEqual([...unique.values()].map((r) => r.type).sort(), ['GIFT_CARD_ISSUED', ...Array(5).fill('HOLD_PLACED')]);
    } finally {
      await second.stop();
      await rx.close();
    }
  });
});
