/** Events shared by the elements. Each bubbles and crosses shadow roots (composed). */

/** Something failed: errorCode is the API's (INSUFFICIENT_FUNDS, CARD_NOT_FOUND, RATE_LIMITED…) or NETWORK / TIMEOUT / CONFIG / INVALID_CODE. */
export class GcErrorEvent extends Event {
  readonly errorCode: string;
  /** A message fit to show the shopper. */
  readonly detail: string;
  constructor(errorCode: string, message: string) {
    super('gc-error', { bubbles: true, composed: true });
    this.errorCode = errorCode;
    this.detail = message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gc-error': GcErrorEvent;
  }
}
