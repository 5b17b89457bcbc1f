import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import { configure } from '../../widget/index.ts';
import type { GcTender, GcCoveredEvent } from '../../widget/gc-tender.ts';
import type { GcErrorEvent } from '../../widget/events.ts';

const gw: { endpoint: string; publishableKey: string } = await (await fetch('/__gateway.json')).json();
configure({ endpoint: gw.endpoint, publishableKey: gw.publishableKey });

const intent = async (amount: number) => (await fetch(`/__intent?amount=${amount}`)).json() as Promise<{ id: string; clientToken: string }>;
const cards = async (count: number, amount: number) => (await fetch(`/__cards?count=${count}&amount=${amount}`)).json() as Promise<string[]>;
const within = <T>(p: Promise<T>, ms = 8000) => Promise.race([p, new Promise<never>((_, r) => setTimeout(() => r(new Error('timed out')), ms))]);
const part = <T extends HTMLElement = HTMLElement>(el: GcTender, name: string) => el.shadowRoot!.querySelector<T>(`[part~=${name}]`);

async function loaded(el: GcTender) {
  for (let i = 0; i < 100 && !part(el, 'totals'); i++) await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}

/**
 * Linux Chromium has no BarcodeDetector: the test installs one that "sees" `value` after a few frames of
 * the synthetic camera (Chromium's fake capture device), so the real camera path still runs.
 */
function installDetector(value: string) {
  let frames = 0;
  (globalThis as any).BarcodeDetector = class {
    async detect(source: HTMLVideoElement) {
      if (!(source instanceof HTMLVideoElement) || !(source.srcObject instanceof MediaStream)) throw new Error('not a live video');
      return ++frames > 3 ? [{ rawValue: value }] : [];
    }
  };
}

describe('<gc-tender> scanning', () => {
  afterEach(() => delete (globalThis as any).BarcodeDetector);

  it('hides the scan button where the browser cannot scan', async () => {
    const { clientToken } = await intent(500);
    const el = await fixture<GcTender>(html`<gc-tender client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    expect(part(el, 'scan')).to.equal(null);
    expect(part(el, 'code-input')).to.exist;
  });

  it('scans a card QR with the camera, fills the code, and the card applies', async () => {
    const { id, clientToken } = await intent(1200);
    const [code] = await cards(1, 5000);
    installDetector(code.replaceAll('-', ''));
    const el = await fixture<GcTender>(html`<gc-tender locale="en-US" client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    part(el, 'scan')!.click();
    await el.updateComplete;
    expect(part(el, 'scanner')!.querySelector('video')).to.exist;
    for (let i = 0; i < 100 && part<HTMLInputElement>(el, 'code-input')!.value === ''; i++) await new Promise((r) => setTimeout(r, 50));
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
    await el.updateComplete;
    expect(part(el, 'scanner')).to.equal(null, 'camera closed after the scan');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'submit'));
    expect(el.shadowRoot!.textContent).to.contain(`Card ending ${code.slice(-4)} scanned`);
    await expect(el).to.be.accessible();
    const covered = within(oneEvent(el, 'gc-covered') as unknown as Promise<GcCoveredEvent>);
    part(el, 'submit')!.click();
    expect((await covered).intentId).to.equal(id);
  });

  it('a QR that is not a gift card is refused; a refused camera says so', async () => {
    const { clientToken } = await intent(1200);
    installDetector('https://example.com/not-a-card');
    const el = await fixture<GcTender>(html`<gc-tender client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    let failed = within(oneEvent(el, 'gc-error') as unknown as Promise<GcErrorEvent>);
    part(el, 'scan')!.click();
    expect((await failed).errorCode).to.equal('INVALID_CODE');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');

    const real = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    try {
      failed = within(oneEvent(el, 'gc-error') as unknown as Promise<GcErrorEvent>);
      await el.updateComplete;
      part(el, 'scan')!.click();
      const e = await failed;
      expect(e.errorCode).to.equal('CAMERA_DENIED');
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain('Type the code instead');
    } finally {
      navigator.mediaDevices.getUserMedia = real;
    }
  });
});

describe('<gc-tender> pay with the app', () => {
  it('shows a QR of the approval link; a hold placed from the app updates the tender live', async () => {
    const { id, clientToken } = await intent(2500);
    const [code] = await cards(1, 4000);
    const el = await fixture<GcTender>(html`<gc-tender locale="en-US" approve-url="https://shop.example/wallet/approve"
      client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    const details = part<HTMLDetailsElement>(el, 'app')!;
    details.querySelector('summary')!.click();
    await el.updateComplete;
    const link = part<HTMLAnchorElement>(el, 'app-link')!;
    expect(link.href).to.equal(`https://shop.example/wallet/approve#token=${encodeURIComponent(clientToken)}`);
    const qr = part(el, 'qr')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(1000);
    await expect(el).to.be.accessible();

    // The customer's app: opens the link, reads the token from it, places the hold with its card.
    const token = decodeURIComponent(new URL(link.href).hash.slice('#token='.length));
    const covered = within(oneEvent(el, 'gc-covered') as unknown as Promise<GcCoveredEvent>);
    const res = await fetch(gw.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.publishableKey}` },
      body: JSON.stringify({ query: 'mutation($i: PlaceHoldInput!) { placeHold(input: $i) { __typename } }', variables: { i: { clientToken: token, code } } }),
    });
    expect((await res.json()).data.placeHold.__typename).to.equal('HoldPlaced');
    expect((await covered).intentId).to.equal(id);
    await el.updateComplete;
    expect(part(el, 'app')).to.equal(null, 'nothing left to pay: the QR goes away');
    expect(el.shadowRoot!.textContent).to.contain(`Card ending ${code.slice(-4)}`);
  });
});
