import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { call } from './api.ts';
import { seedCatalog } from '../../gateway/db/catalog-seed.ts';

let gw: TestGateway;
let m: TestMerchant;
let brandId: string;

before(async () => {
  // Retries after 1 s, 2 s; given up after the third attempt.
  gw = await startTestGateway({ config: { mailRetryBaseSeconds: 1, mailMaxAttempts: 3 } });
  m = await gw.merchant('Mail');
  await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId));
  const page = await call(gw, m.secretKey, `{ catalog(first: 100, filter: { currency: "USD" }) { edges { node { id denominations { kind amount stock } } } } }`, {});
  brandId = page.edges.find((e: any) => e.node.denominations.some((d: any) => d.kind === 'FIXED' && d.amount === 2500 && d.stock !== 0)).node.id;
});
after(async () => {
  delete process.env.SMTP_URL;
  await gw.close();
});

const ORDER = `mutation($input: OrderGiftCardInput!) { orderGiftCard(input: $input) { __typename ... on GiftCardOrdered { order { id code } } ... on ErrorResult { errorCode message } } }`;
const MAILBOX = `{ mailbox { orderId to subject text html status error attempts } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real SMTP server on loopback that refuses (451, try later) the first `refusals` messages. */
async function flakySmtp(refusals: number) {
  const received: { to: string[]; data: string }[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c) => (data += c));
      stream.on('end', () => {
        if (++attempts <= refusals) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    received,
    attempts: () => attempts,
    async close() {
      delete process.env.SMTP_URL;
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('delivery e-mail', () => {
  it('is stored and viewable by default (no SMTP configured)', async () => {
    const r = await call(gw, m.secretKey, ORDER, { input: { brandId, amount: 2500, currency: 'USD', recipientEmail: 'ada@example.com', referenceId: 'mail-1' } });
    const [msg] = await call(gw, m.secretKey, MAILBOX, {});
    assert.deepEqual([msg.orderId, msg.to, msg.status], [r.order.id, 'ada@example.com', 'STORED']);
    assert.match(msg.subject, /gift card \(\$25\.00\)/);
    assert.ok(msg.text.includes(r.order.code) && msg.html.includes(r.order.code) && msg.html.includes('<svg'));
    const pk = await gw.gql(m.publishableKey, MAILBOX, {});
    assert.equal(pk.body.errors?.[0].extensions?.code, 'FORBIDDEN');
  });

  it('is sent over SMTP when SMTP_URL is set (real SMTP server on loopback)', async () => {
    const smtp = await flakySmtp(0);
    try {
      const r = await call(gw, m.secretKey, ORDER, { input: { brandId, amount: 2500, currency: 'USD', recipientEmail: 'grace@example.com', referenceId: 'mail-2' } });
      assert.equal(smtp.received.length, 1);
      assert.deepEqual(smtp.received[0].to, ['grace@example.com']);
      assert.ok(smtp.received[0].data.includes(r.order.code), 'the code is in the message');
      assert.match(smtp.received[0].data, /Subject: Your .* gift card/);
      const [msg] = await call(gw, m.secretKey, MAILBOX, {});
      assert.deepEqual([msg.orderId, msg.status, msg.attempts], [r.order.id, 'SENT', 1]);
    } finally {
      await smtp.close();
    }
  });

  it('a refused message is retried with back-off until the server takes it, and delivered once', async () => {
    const smtp = await flakySmtp(2);
    try {
      const r = await call(gw, m.secretKey, ORDER, { input: { brandId, amount: 2500, currency: 'USD', recipientEmail: 'lin@example.com', referenceId: 'mail-retry' } });
      let [msg] = await call(gw, m.secretKey, MAILBOX, {});
      assert.deepEqual([msg.orderId, msg.status, msg.attempts], [r.order.id, 'PENDING', 1]);
      assert.match(msg.error, /try later/);
      for (let i = 0; i < 100 && msg.status !== 'SENT'; i++) {
        await sleep(100);
        [msg] = await call(gw, m.secretKey, MAILBOX, {});
      }
      assert.deepEqual([msg.status, msg.attempts, msg.error], ['SENT', 3, null]);
      assert.equal(smtp.received.length, 1);
      assert.ok(smtp.received[0].data.includes(r.order.code));
    } finally {
      await smtp.close();
    }
  });

  it('gives up after the configured number of attempts (FAILED) and stops trying', async () => {
    const smtp = await flakySmtp(Infinity);
    try {
      await call(gw, m.secretKey, ORDER, { input: { brandId, amount: 2500, currency: 'USD', recipientEmail: 'max@example.com', referenceId: 'mail-give-up' } });
      let [msg] = await call(gw, m.secretKey, MAILBOX, {});
      for (let i = 0; i < 100 && msg.status !== 'FAILED'; i++) {
        await sleep(100);
        [msg] = await call(gw, m.secretKey, MAILBOX, {});
      }
      assert.deepEqual([msg.to, msg.status, msg.attempts], ['max@example.com', 'FAILED', 3]);
      await sleep(2500);
      assert.equal(smtp.attempts(), 3, 'no attempt after giving up');
      assert.equal(smtp.received.length, 0);
    } finally {
      await smtp.close();
    }
  });
});
