/** Events of <gc-tender>; each bubbles and crosses shadow roots. */

export abstract class TenderEvent extends Event {
  readonly intentId: string;
  constructor(type: string, intentId: string) {
    super(type, { bubbles: true, composed: true });
    this.intentId = intentId;
  }
}
/** A card's hold was placed. */
export class GcHoldPlacedEvent extends TenderEvent {
  readonly holdId: string; readonly amount: number; readonly cardLast4: string;
  constructor(intentId: string, hold: { id: string; amount: number; cardLast4: string }) {
    super('gc-hold-placed', intentId);
    this.holdId = hold.id; this.amount = hold.amount; this.cardLast4 = hold.cardLast4;
  }
}
/** A card was removed (its hold released). */
export class GcHoldReleasedEvent extends TenderEvent {
  readonly holdId: string;
  constructor(intentId: string, holdId: string) {
    super('gc-hold-released', intentId);
    this.holdId = holdId;
  }
}
/** The intent changed (a hold placed or released here or elsewhere, e.g. from the customer's app, a capture, expiry). */
export class GcUpdateEvent extends TenderEvent {
  readonly status: string; readonly heldAmount: number; readonly remainingAmount: number;
  constructor(intent: { id: string; status: string; heldAmount: number; remainingAmount: number }) {
    super('gc-update', intent.id);
    this.status = intent.status; this.heldAmount = intent.heldAmount; this.remainingAmount = intent.remainingAmount;
  }
}
/** The whole amount is held: the merchant's server can capture the intent. */
export class GcCoveredEvent extends TenderEvent {
  constructor(intentId: string) { super('gc-covered', intentId); }
}
/** The intent expired; its holds were released. A new intent is needed to retry. */
export class GcExpiredEvent extends TenderEvent {
  constructor(intentId: string) { super('gc-expired', intentId); }
}
/** The intent id (jti) inside a client token, without verifying it (the gateway does). */
export function intentIdOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.jti === 'string' ? payload.jti : null;
  } catch {
    return null;
  }
}
