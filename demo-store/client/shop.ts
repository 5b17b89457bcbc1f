import { api, cart, money, randomId, wallet, StoreError } from './common.ts';

/** The shop: add products to the cart; buy a gift card chosen in <gc-catalog> (demo payment). */

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-add]')) {
  button.addEventListener('click', () => {
    cart.add(button.dataset.add!);
    const label = button.querySelector('.label')!;
    label.textContent = 'Added ✓';
    setTimeout(() => (label.textContent = 'Add to cart'), 1200);
  });
}

const dialog = document.querySelector<HTMLDialogElement>('#buy')!;
const form = document.querySelector<HTMLFormElement>('#buy-form')!;
const summary = document.querySelector('#buy-summary')!;
const error = document.querySelector<HTMLElement>('#buy-error')!;
const submit = document.querySelector<HTMLButtonElement>('#buy-submit')!;
const done = document.querySelector<HTMLElement>('#buy-done')!;
let choice: { brandId: string; brandName: string; amount: number; currency: string; referenceId: string } | null = null;

// A demo address per browser (the order limit per recipient is per address); the visitor can type their own.
const emailInput = form.elements.namedItem('email') as HTMLInputElement;
emailInput.value = localStorage.getItem('northwind.email') ?? `visitor-${randomId().slice(0, 8)}@example.com`;
emailInput.addEventListener('change', () => localStorage.setItem('northwind.email', emailInput.value.trim()));
localStorage.setItem('northwind.email', emailInput.value);

document.addEventListener('gc-select', (e) => {
  const s = e as unknown as { brandId: string; brandName: string; amount: number; currency: string };
  // One reference per purchase attempt: pressing Pay twice, or retrying after a network error, never buys two cards.
  choice = { brandId: s.brandId, brandName: s.brandName, amount: s.amount, currency: s.currency, referenceId: randomId() };
  summary.textContent = `${s.brandName} gift card · ${money(s.amount, s.currency)}`;
  submit.textContent = `Pay ${money(s.amount, s.currency)} (demo)`;
  error.hidden = true;
  form.hidden = false;
  done.hidden = true;
  dialog.showModal();
});

document.querySelector('#buy-cancel')!.addEventListener('click', () => dialog.close());
document.querySelector('#buy-close')!.addEventListener('click', () => dialog.close());

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!choice) return;
  const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
  submit.disabled = true;
  submit.textContent = 'Paying…';
  error.hidden = true;
  try {
    const order = await api<{ id: string; code: string; pin: string | null; qrSvg: string; card: { last4: string; balance: number; currency: string } }>(
      '/gift-cards', { brandId: choice.brandId, amount: choice.amount, currency: choice.currency, email, referenceId: choice.referenceId });
    wallet.add({ orderId: order.id, code: order.code, pin: order.pin, last4: order.card.last4, brandName: choice.brandName,
      amount: order.card.balance, currency: order.card.currency, qrSvg: order.qrSvg, orderedAt: new Date().toISOString() });
    form.hidden = true;
    done.hidden = false;
    document.querySelector('#buy-done-text')!.textContent =
      `${choice.brandName} · ${money(order.card.balance, order.card.currency)} · card ending ${order.card.last4}. It is in your wallet, and an e-mail went to ${email}.`;
    done.querySelector<HTMLElement>('a.btn')!.focus();
  } catch (err) {
    error.textContent = err instanceof StoreError ? err.message : String(err);
    error.hidden = false;
  } finally {
    submit.disabled = false;
    submit.textContent = `Pay ${money(choice.amount, choice.currency)} (demo)`;
  }
});
