import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../domain/codes.ts';

/*
 * Reconciliation from the ledger alone. Flows in [from, to) are the positive postings of each kind
 * (ISSUE onto card accounts, CAPTURE onto the merchant's redeemed account, REFUND onto cards,
 * EXPIRE onto cards), grouped by currency and the location of the entry's intent. Liability at
 * `to` is the sum of every posting on card:<id> and held:<id> accounts before `to`.
 */

export interface ReportLine { currency: string; locationId: string | null; issued: number; redeemed: number; refunded: number; expiredReleased: number }
export interface Report {
  from: string; to: string; lines: ReportLine[]; liability: { currency: string; outstanding: number }[];
  liabilityByFunding: { currency: string; fundingSource: string; partner: string | null; outstanding: number }[];
}

export async function report(em: EntityManager, merchantId: string, args: { from: Date; to: Date; locationId?: string | null }): Promise<Report> {
  if (!(args.from < args.to)) throw new GraphQLError('`from` must be before `to`.', { extensions: { code: 'BAD_USER_INPUT' } });
  if (args.locationId != null && !isUuid(args.locationId)) throw new GraphQLError('No such location.', { extensions: { code: 'BAD_USER_INPUT' } });
  const loc = args.locationId ? 'and i.location_id = ?' : '';
  const rows = await em.execute<{ currency: string; location_id: string | null; issued: string; redeemed: string; refunded: string; expired: string }[]>(
    `select e.currency, i.location_id,
        coalesce(sum(e.amount) filter (where e.kind = 'ISSUE' and e.amount > 0), 0)::text as issued,
        coalesce(sum(e.amount) filter (where e.kind = 'CAPTURE' and e.amount > 0), 0)::text as redeemed,
        coalesce(sum(e.amount) filter (where e.kind = 'REFUND' and e.amount > 0), 0)::text as refunded,
        coalesce(sum(e.amount) filter (where e.kind = 'EXPIRE' and e.amount > 0), 0)::text as expired
       from ledger_entry e left join payment_intent i on i.id = e.intent_id
      where e.merchant_id = ? and e.created_at >= ? and e.created_at < ? and e.kind in ('ISSUE', 'CAPTURE', 'REFUND', 'EXPIRE') ${loc}
      group by e.currency, i.location_id order by e.currency, i.location_id nulls first`,
    [merchantId, args.from, args.to, ...(args.locationId ? [args.locationId] : [])]);
  const liability = await em.execute<{ currency: string; outstanding: string }[]>(
    `select currency, coalesce(sum(amount), 0)::text as outstanding from ledger_entry
      where merchant_id = ? and created_at < ? and (account like 'card:%' or account like 'held:%')
      group by currency order by currency`, [merchantId, args.to]);
  const funded = await em.execute<{ currency: string; funding_source: string; partner: string | null; outstanding: string }[]>(
    `select e.currency, c.funding_source, c.partner, coalesce(sum(e.amount), 0)::text as outstanding
       from ledger_entry e join gift_card c on c.id = e.card_id
      where e.merchant_id = ? and e.created_at < ? and (e.account like 'card:%' or e.account like 'held:%')
      group by e.currency, c.funding_source, c.partner order by e.currency, c.funding_source, c.partner nulls first`, [merchantId, args.to]);
  return {
    liabilityByFunding: funded.map((r) => ({ currency: r.currency, fundingSource: r.funding_source, partner: r.partner, outstanding: Number(r.outstanding) })),
    from: args.from.toISOString(),
    to: args.to.toISOString(),
    lines: rows.map((r) => ({
      currency: r.currency, locationId: r.location_id, issued: Number(r.issued), redeemed: Number(r.redeemed),
      refunded: Number(r.refunded), expiredReleased: Number(r.expired),
    })),
    liability: liability.map((r) => ({ currency: r.currency, outstanding: Number(r.outstanding) })),
  };
}

/** The report as CSV: one row per flow line, then one per currency's liability. */
export function reportCsv(r: Report): string {
  const out = ['section,currency,location_id,issued,redeemed,refunded,expired_released,outstanding'];
  for (const l of r.lines) out.push(['flows', l.currency, l.locationId ?? '', l.issued, l.redeemed, l.refunded, l.expiredReleased, ''].join(','));
  for (const l of r.liability) out.push(['liability', l.currency, '', '', '', '', '', l.outstanding].join(','));
  for (const l of r.liabilityByFunding) {
    out.push([`liability:${l.fundingSource.toLowerCase()}${l.partner ? `:${l.partner.replace(/[,\n"]/g, ' ')}` : ''}`, l.currency, '', '', '', '', '', l.outstanding].join(','));
  }
  return out.join('\n') + '\n';
}
