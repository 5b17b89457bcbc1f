import assert from 'node:assert/strict';
import type { TestGateway, TestMerchant } from './harness.ts';

/** GraphQL documents and small helpers shared by the gateway tests. */

const ERR = '... on ErrorResult { __typename errorCode message }';
const HOLD = 'id intentId cardLast4 amount currency capturedAmount refundedAmount status expiresAt createdAt resolvedAt';
const INTENT = `id amount currency orderRef locationId channel status heldAmount capturedAmount remainingAmount expiresAt createdAt holds { ${HOLD} }`;

export const Q = {
  issue: `mutation($input: IssueGiftCardsInput!) { issueGiftCards(input: $input) { __typename
    ... on GiftCardsIssued { cards { code pin card { id last4 currency balance held available status } } }
    ... on InvalidAmountError { field } ${ERR} } }`,
  createIntent: `mutation($input: CreatePaymentIntentInput!) { createPaymentIntent(input: $input) { __typename
    ... on PaymentIntentCreated { clientToken intent { ${INTENT} } }
    ... on InvalidAmountError { field } ${ERR} } }`,
  placeHold: `mutation($input: PlaceHoldInput!) { placeHold(input: $input) { __typename
    ... on HoldPlaced { cardAvailable hold { ${HOLD} } intent { ${INTENT} } }
    ... on InsufficientFundsError { available requested }
    ... on AmountExceedsRemainingError { remaining requested }
    ... on CurrencyMismatchError { expected actual }
    ... on RateLimitedError { retryAfterSeconds }
    ${ERR} } }`,
  captureHold: `mutation($input: CaptureHoldInput!) { captureHold(input: $input) { __typename
    ... on HoldCaptured { hold { ${HOLD} } intent { ${INTENT} } }
    ... on AmountExceedsRemainingError { remaining requested } ${ERR} } }`,
  releaseHold: `mutation($input: ReleaseHoldInput!) { releaseHold(input: $input) { __typename
    ... on HoldReleased { hold { ${HOLD} } intent { ${INTENT} } } ${ERR} } }`,
  captureIntent: `mutation($input: CaptureIntentInput!) { captureIntent(input: $input) { __typename
    ... on IntentCaptured { intent { ${INTENT} } }
    ... on AmountExceedsRemainingError { remaining requested } ${ERR} } }`,
  cancelIntent: `mutation($input: CancelPaymentIntentInput!) { cancelPaymentIntent(input: $input) { __typename
    ... on IntentCanceled { intent { ${INTENT} } } ${ERR} } }`,
  refund: `mutation($input: RefundInput!) { refund(input: $input) { __typename
    ... on Refunded { amount hold { ${HOLD} } }
    ... on AmountExceedsRemainingError { remaining requested } ${ERR} } }`,
  balance: `query($code: String!, $pin: String) { giftCardBalance(code: $code, pin: $pin) { __typename
    ... on GiftCardBalance { available currency status expiresAt last4 }
    ... on RateLimitedError { retryAfterSeconds } ${ERR} } }`,
  intent: `query($id: ID!, $clientToken: String) { paymentIntent(id: $id, clientToken: $clientToken) { ${INTENT} } }`,
  card: `query($id: ID!) { giftCard(id: $id) { id last4 currency balance held available status } }`,
};

/** Runs a mutation or query and returns its single root field, failing on GraphQL errors. */
export async function call(gw: TestGateway, key: string, doc: string, variables: Record<string, unknown>): Promise<any> {
  const res = await gw.gql(key, doc, variables);
  assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
  return Object.values(res.body.data!)[0];
}

export async function issueCards(gw: TestGateway, m: TestMerchant, count: number, amount: number, currency = 'USD', extra: Record<string, unknown> = {}) {
  const r = await call(gw, m.secretKey, Q.issue, { input: { count, amount, currency, ...extra } });
  assert.equal(r.__typename, 'GiftCardsIssued', JSON.stringify(r));
  return r.cards as { code: string; pin: string | null; card: { id: string; balance: number } }[];
}

export async function createIntent(gw: TestGateway, m: TestMerchant, amount: number, extra: Record<string, unknown> = {}) {
  const r = await call(gw, m.secretKey, Q.createIntent, { input: { amount, currency: 'USD', orderRef: `order-${Math.random()}`, ...extra } });
  assert.equal(r.__typename, 'PaymentIntentCreated', JSON.stringify(r));
  return { id: r.intent.id as string, clientToken: r.clientToken as string, intent: r.intent };
}

/** The ledger's own invariants, checked in SQL over the whole database. */
export async function assertLedgerInvariants(gw: TestGateway): Promise<void> {
  const [{ total }] = await gw.sql(`select coalesce(sum(amount), 0)::bigint::text as total from ledger_entry`);
  assert.equal(total, '0', 'ledger entries must sum to zero');
  const unbalanced = await gw.sql(`select transfer_id from ledger_entry group by transfer_id having sum(amount) <> 0 or count(*) <> 2`);
  assert.deepEqual(unbalanced, [], 'every transfer is two postings summing to zero');
  const cards = await gw.sql(`
    with postings as (
      select card_id,
        sum(amount) filter (where account = 'card:' || card_id or account = 'held:' || card_id) as ledger_balance,
        coalesce(sum(amount) filter (where account = 'held:' || card_id), 0) as ledger_held
      from ledger_entry group by card_id),
    pending as (select card_id, sum(amount) as pending from hold where status = 'PENDING' group by card_id)
    select c.id, c.balance::text, c.held::text, coalesce(p.ledger_balance, 0)::text as ledger_balance,
      coalesce(p.ledger_held, 0)::text as ledger_held, coalesce(h.pending, 0)::text as pending
    from gift_card c left join postings p on p.card_id = c.id left join pending h on h.card_id = c.id`);
  for (const c of cards) {
    assert.equal(c.balance, c.ledger_balance, `card ${c.id}: balance equals its ledger entries`);
    assert.equal(c.held, c.ledger_held, `card ${c.id}: held equals its held-account entries`);
    assert.equal(c.held, c.pending, `card ${c.id}: held equals its pending holds`);
    assert.ok(BigInt(c.balance) - BigInt(c.held) >= 0n, `card ${c.id}: available never negative`);
  }
  const intents = await gw.sql(`
    with h as (select intent_id,
        coalesce(sum(amount) filter (where status = 'PENDING'), 0) as pending, sum(captured_amount) as captured
      from hold group by intent_id)
    select i.id, i.held_amount::text as held, i.captured_amount::text as captured,
      coalesce(h.pending, 0)::text as pending, coalesce(h.captured, 0)::text as hold_captured
    from payment_intent i left join h on h.intent_id = i.id`);
  for (const i of intents) {
    assert.equal(i.held, i.pending, `intent ${i.id}: held equals its pending holds`);
    assert.equal(i.captured, i.hold_captured, `intent ${i.id}: captured equals its holds' captures`);
  }
}

/** A fingerprint of every table that money operations write, to prove a refused call changed nothing. */
export async function snapshot(gw: TestGateway): Promise<string> {
  const rows = await gw.sql(`select
    (select count(*) from ledger_entry)::text as entries,
    (select count(*) from hold)::text as holds,
    (select count(*) from payment_intent)::text as intents,
    (select count(*) from gift_card)::text as cards,
    (select count(*) from idempotency_record)::text as idem,
    (select string_agg(id || ':' || balance || ':' || held || ':' || version, ',' order by id) from gift_card) as card_state,
    (select string_agg(id || ':' || status || ':' || held_amount || ':' || captured_amount, ',' order by id) from payment_intent) as intent_state,
    (select string_agg(id || ':' || status || ':' || captured_amount || ':' || refunded_amount, ',' order by id) from hold) as hold_state`);
  return JSON.stringify(rows[0]);
}
