// The shop's session store and its counters. Every request handler can run while another one waits at
// an `await`, so state shared between them must not be read before an `await` and written after it.

interface Redis {
  get(key: string): Promise<string | null>;
  quit(): Promise<void>;
}

declare function connectRedis(url: string): Promise<Redis>;

async function priceOf(sku: string): Promise<number> {
  const response = await fetch(`https://prices.example.invalid/${sku}`);
  return Number(await response.text());
}

export class SessionStoreCarelessly {
  private redis?: Redis;
  revenue = 0;

  async session(id: string): Promise<string | null> {
    if (!this.redis) {
      // ❌ Two first requests both find no client and both connect: one connection is never closed.
      this.redis = await connectRedis('redis://sessions');
    }
    return this.redis.get(id);
  }

  async recordSale(sku: string): Promise<void> {
    // ❌ `revenue` is read before the price arrives: a sale recorded meanwhile is overwritten.
    this.revenue += await priceOf(sku);
  }
}

export class SessionStore {
  private redis?: Promise<Redis>;
  revenue = 0;

  async session(id: string): Promise<string | null> {
    // ✅ The pending connection is stored at once: overlapping requests share it.
    this.redis ??= connectRedis('redis://sessions');
    return (await this.redis).get(id);
  }

  async recordSale(sku: string): Promise<void> {
    // ✅ The price is awaited first; `revenue` is read and written in one step.
    const price = await priceOf(sku);
    this.revenue += price;
  }
}

export async function cartTotalCarelessly(skus: string[]): Promise<number> {
  let total = 0;
  // ❌ Every callback reads `total` (0) before its price arrives: all but one price is lost.
  await Promise.all(skus.map(async (sku) => {
    total += await priceOf(sku);
  }));
  return total;
}

export async function cartTotal(skus: string[]): Promise<number> {
  // ✅ The prices are fetched together and added up once they are all there.
  const prices = await Promise.all(skus.map((sku) => priceOf(sku)));
  return prices.reduce((sum, price) => sum + price, 0);
}
