// A link checker for the shop's sitemap: one request per URL. The sitemap has 20 URLs in a test
// and 40,000 in production.

export interface LinkStatus {
  url: string;
  status: number;
}

async function check(url: string): Promise<LinkStatus> {
  const response = await fetch(url, { method: 'HEAD' });
  return { url, status: response.status };
}

export async function checkAllAtOnce(urls: string[]): Promise<LinkStatus[]> {
  // ❌ 40,000 requests in flight together: sockets run out, the shop's own server sees a flood.
  return Promise.all(urls.map((url) => check(url)));
}

export async function checkWithPushLoop(urls: string[]): Promise<LinkStatus[]> {
  const pending = [];
  // ❌ The same flood, written as a loop: every iteration starts a request, none waits.
  for (const url of urls) pending.push(check(url));
  return Promise.all(pending);
}

export async function checkInBatches(urls: string[], size = 20): Promise<LinkStatus[]> {
  const results: LinkStatus[] = [];
  for (let i = 0; i < urls.length; i += size) {
    // ✅ At most `size` requests at a time.
    results.push(...(await Promise.all(urls.slice(i, i + size).map((url) => check(url)))));
  }
  return results;
}

/** A tiny semaphore: `acquire` waits for a free slot, `release` hands it to the next waiter. */
export class Semaphore {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const slots = new Semaphore(20);

export async function checkWithSemaphore(urls: string[]): Promise<LinkStatus[]> {
  // ✅ Every URL gets a task, but only 20 requests run at once; the rest wait for a slot.
  return Promise.all(
    urls.map(async (url) => {
      await slots.acquire();
      try {
        return await check(url);
      } finally {
        slots.release();
      }
    }),
  );
}

export async function checkWithWorkers(urls: string[], workers = 20): Promise<LinkStatus[]> {
  const queue = [...urls];
  const results: LinkStatus[] = [];
  // ✅ A fixed pool of workers pulls URLs from a shared queue.
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) results.push(await check(url));
    }),
  );
  return results;
}

export async function checkHomePages(): Promise<LinkStatus[]> {
  // ✅ A fixed list written in the code: three requests.
  return Promise.all(['https://shop.example/', 'https://shop.example/cart', 'https://shop.example/help'].map((url) => check(url)));
}
