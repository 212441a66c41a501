// Async callbacks handed to code that ignores their promise: forEach, timers, event emitters, and
// array predicates that read a promise as a boolean.

import { EventEmitter } from 'node:events';

async function restock(sku: string): Promise<void> {
  await fetch(`https://stock.example.invalid/restock/${sku}`, { method: 'POST' });
}

async function isInStock(sku: string): Promise<boolean> {
  const response = await fetch(`https://stock.example.invalid/${sku}`);
  return response.ok;
}

export async function restockAllCarelessly(skus: string[]): Promise<void> {
  // ❌ forEach ignores the promises: this returns before any restock finished, and failures crash.
  skus.forEach(async (sku) => {
    await restock(sku);
  });
}

export async function restockAll(skus: string[]): Promise<void> {
  // ✅ One after another, each awaited.
  for (const sku of skus) {
    await restock(sku);
  }
}

export async function availableCarelessly(skus: string[]): Promise<string[]> {
  // ❌ A promise is always truthy: every SKU "is in stock".
  return skus.filter(async (sku) => isInStock(sku));
}

export async function available(skus: string[]): Promise<string[]> {
  // ✅ Resolve the answers first (20 requests at a time), then filter synchronously.
  const inStock: boolean[] = [];
  for (let start = 0; start < skus.length; start += 20) {
    inStock.push(...(await Promise.all(skus.slice(start, start + 20).map((sku) => isInStock(sku)))));
  }
  return skus.filter((_, index) => inStock[index]);
}

export async function reportIfOpen(): Promise<void> {
  // ❌ Always true: the promise object is tested, not its result.
  if (isInStock('gift-card')) console.log('gift cards available');
  // ✅
  if (await isInStock('gift-card')) console.log('gift cards available');
}

export const orders = new EventEmitter();

// ❌ EventEmitter ignores the listener's promise: a failed restock is an unhandled rejection.
orders.on('sold-out', async (sku: string) => {
  await restock(sku);
});

// ✅ The whole listener is inside try/catch: nothing can be lost.
orders.on('low-stock', async (sku: string) => {
  try {
    await restock(sku);
  } catch (error) {
    console.error('restock failed', sku, error);
  }
});

// ❌ setInterval does not wait for the previous run, nor handle its rejection.
setInterval(async () => {
  await restock('daily-special');
}, 60_000);

// Functions stored where a written type says they return nothing: whoever calls them through that type
// drops the promise.

interface StockWatcher {
  onChange(sku: string): void;
}

// ❌ StockWatcher declares onChange to return nothing: code that calls it through the interface never
// waits for the restock, and a failure is an unhandled rejection.
export class RestockingWatcher implements StockWatcher {
  async onChange(sku: string): Promise<void> {
    await restock(sku);
  }
}

// ✅ The interface says a promise comes back, so its callers can await it.
interface AwaitedStockWatcher {
  onChange(sku: string): Promise<void>;
}

export class AwaitedRestockingWatcher implements AwaitedStockWatcher {
  async onChange(sku: string): Promise<void> {
    await restock(sku);
  }
}

// ❌ Declared `() => void`: the caller of onShiftEnd ignores the promise.
export const onShiftEnd: () => void = async () => {
  await restock('returns');
};

async function loadProduct(sku: string): Promise<{ name: string; price: number }> {
  const response = await fetch(`https://catalog.example.invalid/${sku}`);
  return (await response.json()) as { name: string; price: number };
}

export async function productCardCarelessly(sku: string) {
  // ❌ A promise has no fields of its own: the card has only its sku.
  return { ...loadProduct(sku), sku };
}

export async function productCard(sku: string) {
  // ✅ Await the product, then spread it.
  return { ...(await loadProduct(sku)), sku };
}
