// The account dashboard: three independent reads per page view.

interface Profile {
  id: string;
  name: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

async function fetchProfile(userId: string): Promise<Profile> {
  return getJson<Profile>(`/api/users/${userId}`);
}

async function fetchOrders(userId: string): Promise<string[]> {
  return getJson<string[]>(`/api/users/${userId}/orders`);
}

async function fetchAnnouncements(): Promise<string[]> {
  return getJson<string[]>('/api/announcements');
}

async function fetchTeam(teamId: string): Promise<string[]> {
  return getJson<string[]>(`/api/teams/${teamId}`);
}

export async function loadDashboardSlowly(userId: string) {
  // ❌ 5 s + 3 s + 4 s = 12 s: each request waits for the previous one, though none needs its result.
  const profile = await fetchProfile(userId);
  const orders = await fetchOrders(userId);
  const announcements = await fetchAnnouncements();
  return { profile, orders, announcements };
}

export async function loadDashboard(userId: string) {
  // ✅ Started together: the page takes as long as the slowest request (5 s).
  const [profile, orders, announcements] = await Promise.all([
    fetchProfile(userId),
    fetchOrders(userId),
    fetchAnnouncements(),
  ]);
  return { profile, orders, announcements };
}

export async function loadTeamPage(userId: string) {
  // ✅ Sequential on purpose: the second request needs the first one's result.
  const profile = await fetchProfile(userId);
  const team = await fetchTeam(profile.id);
  return { profile, team };
}
