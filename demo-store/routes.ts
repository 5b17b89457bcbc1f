import express, { type Request, type Response } from 'express';
import { GatewayError, unwrap, type MerchantApi } from './merchant-api.ts';
import { OrderBook, type StoreOrder } from './orders.ts';
import { CURRENCY, productById, PRODUCTS } from './products.ts';
import { RedemptionFeed } from './feed.ts';

/**
 * The demo store's server routes: what a merchant's backend does with the secret key. The browser
 * never sees that key; it calls these routes, and the widget talks to the gateway with the
 * publishable key only.
 */

const HOLD = 'id cardLast4 amount capturedAmount refundedAmount status expiresAt createdAt';
const INTENT = `id amount currency status heldAmount capturedAmount remainingAmount expiresAt holds { ${HOLD} card { last4 available currency } }`;
const ERR = '... on ErrorResult { errorCode message }';

export const Q = {
  order: `mutation($i: OrderGiftCardInput!) { orderGiftCard(input: $i) { __typename
    ... on GiftCardOrdered { order { id code pin qrSvg redemptionInstructions card { id last4 balance currency expiresAt } } } ${ERR} } }`,
  createIntent: `mutation($i: CreatePaymentIntentInput!) { createPaymentIntent(input: $i) { __typename
    ... on PaymentIntentCreated { clientToken intent { id amount currency expiresAt } } ${ERR} } }`,
  intent: `query($id: ID!) { paymentIntent(id: $id) { ${INTENT} } }`,
  captureIntent: `mutation($i: CaptureIntentInput!) { captureIntent(input: $i) { __typename ... on IntentCaptured { intent { ${INTENT} } } ${ERR} } }`,
  cancelIntent: `mutation($i: CancelPaymentIntentInput!) { cancelPaymentIntent(input: $i) { __typename ... on IntentCanceled { intent { id status } } ${ERR} } }`,
  captureHold: `mutation($i: CaptureHoldInput!) { captureHold(input: $i) { __typename ... on HoldCaptured { hold { ${HOLD} } } ${ERR} } }`,
  releaseHold: `mutation($i: ReleaseHoldInput!) { releaseHold(input: $i) { __typename ... on HoldReleased { hold { ${HOLD} } } ${ERR} } }`,
  refund: `mutation($i: RefundInput!) { refund(input: $i) { __typename ... on Refunded { hold { ${HOLD} } } ${ERR} } }`,
  report: `query($from: DateTime!, $to: DateTime!) { report(from: $from, to: $to) {
    lines { currency locationId issued redeemed refunded expiredReleased } liability { currency outstanding } } }`,
  mailbox: 'query { mailbox(first: 50) { id to subject html status createdAt } }',
};

class BadRequest extends GatewayError {
  constructor(code: string, message: string) {
    super(code, message, 400);
  }
}

/** Wraps an async handler: errors become `{ error: { code, message } }` with a fitting status. */
const handle = (fn: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
  try {
    const body = await fn(req, res);
    if (body !== undefined && !res.headersSent) res.json(body);
  } catch (e) {
    const err = e instanceof GatewayError ? e : new GatewayError('INTERNAL', 'Something went wrong.', 500);
    if (!(e instanceof GatewayError)) console.error(e);
    if (!res.headersSent) res.status(err.status).json({ error: { code: err.code, message: err.message } });
  }
};

const str = (v: unknown, name: string, max = 200): string => {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) throw new BadRequest('INVALID_INPUT', `${name} is required.`);
  return v.trim();
};
const int = (v: unknown, name: string): number => {
  if (!Number.isSafeInteger(v) || (v as number) <= 0) throw new BadRequest('INVALID_AMOUNT', `${name} must be a positive whole number.`);
  return v as number;
};

export function storeRoutes(api: MerchantApi, orders: OrderBook, feed: RedemptionFeed): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '16kb' }));

  r.get('/products', (_req, res) => void res.json(PRODUCTS.map(({ svg: _svg, ...p }) => ({ ...p, image: `/store/products/${p.id}.svg` }))));

  // Buying a gift card: the payment for it is a labelled demo step; the card is real (ordered with the secret key).
  r.post('/gift-cards', handle(async (req) => {
    const b = req.body ?? {};
    const email = str(b.email, 'An e-mail address', 254);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new BadRequest('INVALID_EMAIL', 'Enter a valid e-mail address.');
    const result = await api.query(Q.order, { i: {
      brandId: str(b.brandId, 'brandId'), amount: int(b.amount, 'amount'), currency: str(b.currency, 'currency', 3),
      recipientEmail: email, referenceId: str(b.referenceId, 'referenceId', 100),
      // The shopper's address, so the gateway's per-IP order limit applies to shoppers, not to this server.
      customerIp: req.ip,
    } });
    return unwrap(result.orderGiftCard, 'GiftCardOrdered').order;
  }));

  // Checkout: the server prices the cart (never the browser) and creates the payment intent.
  r.post('/checkout', handle(async (req) => {
    const items = Array.isArray(req.body?.items) ? req.body.items : [];
    if (items.length === 0 || items.length > 20) throw new BadRequest('EMPTY_CART', 'Your cart is empty.');
    const lines = items.map((it: { productId?: unknown; qty?: unknown }) => {
      const p = productById(String(it.productId));
      const qty = Number(it.qty);
      if (!p) throw new BadRequest('UNKNOWN_PRODUCT', 'A product in your cart no longer exists.');
      if (!Number.isSafeInteger(qty) || qty < 1 || qty > 20) throw new BadRequest('INVALID_QUANTITY', 'Quantities are 1 to 20.');
      return { productId: p.id, name: p.name, qty, unitPrice: p.price };
    });
    const total = lines.reduce((s: number, l: { qty: number; unitPrice: number }) => s + l.qty * l.unitPrice, 0);
    // A shorter payment window can be asked for, to watch a hold expire (2 s to 15 min).
    const ttl = req.body?.ttlSeconds === undefined ? 900 : Math.min(900, Math.max(2, Number(req.body.ttlSeconds) | 0));
    const id = OrderBook.newId();
    const created = unwrap((await api.query(Q.createIntent, { i: {
      amount: total, currency: CURRENCY, orderRef: id, locationId: api.keys.locationId, ttlSeconds: ttl, idempotencyKey: `checkout-${id}`,
    } })).createPaymentIntent, 'PaymentIntentCreated');
    const order: StoreOrder = { id, createdAt: new Date().toISOString(), items: lines, total, currency: CURRENCY, intentId: created.intent.id,
      status: 'AWAITING_PAYMENT', giftCardAmount: 0, demoCardAmount: 0, paidAt: null };
    orders.save(order);
    return { orderId: id, intentId: created.intent.id, clientToken: created.clientToken, total, currency: CURRENCY, expiresAt: created.intent.expiresAt };
  }));

  // Completing: capture what the gift cards hold; the rest, if the shopper chose so, goes on the demo card.
  r.post('/orders/:id/complete', handle(async (req) => {
    const order = orders.get(String(req.params.id));
    if (!order) throw new GatewayError('ORDER_NOT_FOUND', 'No such order.', 404);
    const demoCard = req.body?.payRemainderWithDemoCard === true;
    return orders.exclusive(order.id, async () => {
      if (order.status === 'PAID') return { order };
      const intent = (await api.query(Q.intent, { id: order.intentId })).paymentIntent;
      let captured = intent.capturedAmount as number;
      if (intent.status === 'EXPIRED' || intent.status === 'CANCELED') {
        orders.save({ ...order, status: 'EXPIRED' });
        throw new GatewayError('INTENT_EXPIRED', 'This payment expired and the gift cards were released. Please check out again.', 409);
      }
      if (intent.status !== 'CAPTURED') {
        if (intent.status !== 'FULLY_HELD' && !demoCard) {
          throw new GatewayError('NOT_COVERED', 'The gift cards do not cover the total yet.', 409);
        }
        if (intent.heldAmount > 0) {
          const done = unwrap((await api.query(Q.captureIntent, { i: { intentId: order.intentId, idempotencyKey: `complete-${order.id}` } })).captureIntent, 'IntentCaptured');
          captured = done.intent.capturedAmount;
        } else {
          unwrap((await api.query(Q.cancelIntent, { i: { intentId: order.intentId, idempotencyKey: `cancel-${order.id}` } })).cancelPaymentIntent, 'IntentCanceled');
          captured = 0;
        }
      }
      const paid: StoreOrder = { ...order, status: 'PAID', giftCardAmount: captured, demoCardAmount: order.total - captured, paidAt: new Date().toISOString() };
      orders.save(paid);
      return { order: paid };
    });
  }));

  r.get('/orders/:id', handle(async (req) => receipt(api, orders, String(req.params.id))));

  // The merchant's back office (a real shop would put this behind a login).
  // Recent orders with their intents, in one GraphQL request (an aliased field per intent).
  r.get('/merchant/orders', handle(async () => {
    const recent = orders.recent(15);
    if (recent.length === 0) return [];
    const data = await api.query(`query(${recent.map((_, i) => `$i${i}: ID!`).join(', ')}) {
      ${recent.map((_, i) => `o${i}: paymentIntent(id: $i${i}) { ${INTENT} }`).join(' ')} }`,
    Object.fromEntries(recent.map((o, i) => [`i${i}`, o.intentId])));
    return recent.map((o, i) => ({ ...o, intent: data[`o${i}`] }));
  }));
  r.post('/merchant/holds/:holdId/:action', handle(async (req) => {
    const holdId = String(req.params.holdId);
    const key = typeof req.body?.idempotencyKey === 'string' ? req.body.idempotencyKey.slice(0, 100) : undefined;
    switch (req.params.action) {
      case 'capture': return unwrap((await api.query(Q.captureHold, { i: { holdId, idempotencyKey: key } })).captureHold, 'HoldCaptured').hold;
      case 'release': return unwrap((await api.query(Q.releaseHold, { i: { holdId, idempotencyKey: key } })).releaseHold, 'HoldReleased').hold;
      case 'refund': {
        const amount = req.body?.amount === undefined ? undefined : int(req.body.amount, 'amount');
        return unwrap((await api.query(Q.refund, { i: { holdId, amount, idempotencyKey: key } })).refund, 'Refunded').hold;
      }
      default: throw new GatewayError('NOT_FOUND', 'Unknown action.', 404);
    }
  }));
  r.get('/merchant/report', handle(async (req) => {
    const to = new Date(Date.now() + 60_000);
    const from = new Date(typeof req.query.from === 'string' ? req.query.from : Date.now() - 30 * 86_400_000);
    if (Number.isNaN(from.getTime())) throw new BadRequest('INVALID_INPUT', 'from must be a date.');
    return (await api.query(Q.report, { from: from.toISOString(), to: to.toISOString() })).report;
  }));
  r.get('/merchant/feed', (req, res) => feed.attach(req, res));
  return r;
}

/** An order's receipt: lines, what each gift card paid and has left now, and the demo-card remainder. */
export async function receipt(api: MerchantApi, orders: OrderBook, id: string) {
  const order = orders.get(id);
  if (!order) throw new GatewayError('ORDER_NOT_FOUND', 'No such order.', 404);
  const intent = (await api.query(Q.intent, { id: order.intentId })).paymentIntent;
  const cards = (intent?.holds ?? [])
    .filter((h: { capturedAmount: number }) => h.capturedAmount > 0)
    .map((h: { cardLast4: string; capturedAmount: number; refundedAmount: number; card: { available: number } | null }) =>
      ({ last4: h.cardLast4, paid: h.capturedAmount, refunded: h.refundedAmount, remaining: h.card?.available ?? null }));
  return { order, cards };
}
