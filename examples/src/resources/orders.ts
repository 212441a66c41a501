// Order export for the back office: a pooled database client and a file handle, each opened and released.
// (This file imports `pg`, the one library the examples use: pooled clients are what leak in real services.)
import { open } from 'node:fs/promises';
import pg from 'pg';

const pool = new pg.Pool({ max: 10 });

interface Order {
  id: string;
  total: number;
}

// ❌ The client goes back to the pool only if the query succeeds. One failing query (a timeout, a
//    constraint violation) keeps it checked out forever; after ten, every request waits for a client.
export async function ordersOf(customerId: string): Promise<Order[]> {
  const client = await pool.connect();
  const result = await client.query('SELECT id, total FROM orders WHERE customer_id = $1', [customerId]);
  client.release();
  return result.rows as Order[];
}

// ❌ Never released at all: the early return and the normal path both leave with the client.
export async function orderCount(customerId: string): Promise<number> {
  const client = await pool.connect();
  if (customerId === '') return 0;
  const result = await client.query('SELECT count(*) AS n FROM orders WHERE customer_id = $1', [customerId]);
  return Number(result.rows[0].n);
}

// ✅ Released in `finally`: the client goes back to the pool however the query ends.
export async function ordersOfSafely(customerId: string): Promise<Order[]> {
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT id, total FROM orders WHERE customer_id = $1', [customerId]);
    return result.rows as Order[];
  } finally {
    client.release();
  }
}

// ❌ The file handle is closed only on success: if a write fails (disk full), the descriptor leaks,
//    and a long-running worker eventually hits EMFILE ("too many open files").
export async function exportOrders(path: string, orders: Order[]): Promise<void> {
  const file = await open(path, 'w');
  for (const order of orders) {
    await file.write(`${order.id},${order.total}\n`);
  }
  await file.close();
}

// ✅ `await using` closes the handle when the block exits, on success or on error
//    (FileHandle implements Symbol.asyncDispose; see the rule's docs for runtime support).
export async function exportOrdersSafely(path: string, orders: Order[]): Promise<void> {
  await using file = await open(path, 'w');
  for (const order of orders) {
    await file.write(`${order.id},${order.total}\n`);
  }
}

// ✅ Ownership leaves the function: the caller closes the handle.
export async function openExport(path: string) {
  return open(path, 'w');
}
