// Order handling in the shop: every promise must be awaited, returned or handled. A promise left
// alone loses its result, and when it rejects Node raises `unhandledRejection`, which stops the process.

import { writeFile } from 'node:fs/promises';

export interface Order {
  id: string;
  email: string;
  total: number;
}

async function chargeCard(order: Order): Promise<void> {
  if (order.total <= 0) throw new Error(`nothing to charge for ${order.id}`);
}

async function sendReceipt(order: Order): Promise<void> {
  await fetch('https://mail.example.invalid/send', { method: 'POST', body: order.email });
}

export async function placeOrderCarelessly(order: Order): Promise<void> {
  // ❌ Not awaited: the order is "placed" before the card is charged, and a declined card is lost.
  chargeCard(order);
  // ❌ node:fs/promises returns a promise too: a full disk goes unnoticed.
  writeFile(`orders/${order.id}.json`, JSON.stringify(order));
  // ❌ `.then` without a rejection handler: a mail outage becomes an unhandled rejection.
  sendReceipt(order).then(() => console.log('receipt sent'));
  // ❌ A dangling task: stored, then never awaited or handled.
  const audit = writeFile('audit.log', `${order.id}\n`, { flag: 'a' });
}

export async function placeOrder(order: Order): Promise<void> {
  // ✅ Awaited in order: a declined card stops the order.
  await chargeCard(order);
  await writeFile(`orders/${order.id}.json`, JSON.stringify(order));
  // ✅ Detached on purpose, with its own rejection handler.
  sendReceipt(order).catch((error: unknown) => console.error('receipt failed', error));
  // ✅ A stored promise that is awaited later.
  const audit = writeFile('audit.log', `${order.id}\n`, { flag: 'a' });
  await audit;
}
