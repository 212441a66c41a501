// Loading a customer for the shop's pages: a failed lookup falls back to a guest profile, and every
// lookup has a deadline. Both only work when the `return` waits for the promise inside the `try`.

export interface Customer {
  id: string;
  name: string;
}

const GUEST: Customer = { id: 'guest', name: 'Guest' };

async function fetchCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  const response = await fetch(`https://crm.example.invalid/customers/${id}`, { signal });
  if (!response.ok) throw new Error(`customer ${id}: HTTP ${response.status}`);
  return (await response.json()) as Customer;
}

export async function customerOrGuestCarelessly(id: string): Promise<Customer> {
  try {
    // ❌ Returned without `await`: a failed lookup rejects after the function has left the `try`,
    // so the caller gets the error instead of the guest profile.
    return fetchCustomer(id);
  } catch {
    return GUEST;
  }
}

export async function customerWithDeadlineCarelessly(id: string): Promise<Customer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2_000);
  try {
    // ❌ The `finally` runs at once and clears the timer: the lookup has no deadline at all.
    return fetchCustomer(id, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export async function customerOrGuest(id: string): Promise<Customer> {
  try {
    // ✅ Awaited inside the `try`: a failed lookup reaches the `catch`.
    return await fetchCustomer(id);
  } catch {
    return GUEST;
  }
}

export async function customerWithDeadline(id: string): Promise<Customer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2_000);
  try {
    // ✅ The timer is cleared once the lookup has finished, one way or the other.
    return await fetchCustomer(id, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export async function customer(id: string): Promise<Customer> {
  // ✅ No `try` around it: the caller sees the same result and error either way.
  return fetchCustomer(id);
}
