import * as path from 'node:path';

import rule from '../../../eslint-plugin/src/rules/prefer-concurrent-awaits';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';
import { TS_AWAITER_HELPER } from '../compiledCode';

/** Three promise-returning functions every case may use. */
const DECL = `declare function getUser(id: string): Promise<{ id: string; name: string }>;
declare function getPosts(id: string): Promise<string[]>;
declare function getTags(): Promise<string[]>;
`;

const CONTEXT_OBJECT = `interface Ctx { user?: string }
declare function loadA(c: Ctx): Promise<number>;
declare function loadB(c: Ctx): Promise<number>;
`;

runInBothModes('prefer-concurrent-awaits', rule, {
  both: {
  valid: [
    DECL + `async function f(id: string) {
  const user = await getUser(id);
  const posts = await getPosts(user.id);
}`,
    DECL + `async function f(id: string) {
  const { id: userId } = await getUser(id);
  const posts = await getPosts(userId);
}`,
    DECL + `async function f(id: string) {
  const [first] = await getPosts(id);
  const user = await getUser(first!);
}`,
    DECL + `async function f(id: string) {
  let n = 0;
  await getPosts(String(n++));
  const user = await getUser(String(n));
}`,
    `declare const db: { users(): Promise<string[]>; posts(): Promise<string[]> };
async function f() {
  const users = await db.users();
  const posts = await db.posts();
}`,
    `class Repo {
  async a() { return 1; }
  async b() { return 2; }
  async both() {
    const a = await this.a();
    const b = await this.b();
    return a + b;
  }
}`,
    `declare const cache: { warm(): Promise<void> };
declare function getReport(c: unknown): Promise<string>;
async function f() {
  await cache.warm();
  const report = await getReport(cache);
}`,
    `declare function client(): { get(k: string): Promise<string> };
async function f() {
  const a = await client().get('a');
  const b = await client().get('b');
}`,
    // code between the awaits that ties them together: it leaves, derives what the later one uses, changes state
    // outside the function, calls something unknown, or changes an object the later one receives
    DECL + `async function f(id: string) {
  const user = await getUser(id);
  if (!user) throw new Error('missing');
  const posts = await getPosts(id);
}`,
    DECL + `async function f(id: string) {
  const user = await getUser(id);
  if (!user.name) return null;
  const posts = await getPosts(id);
}`,
    DECL + `async function f(id: string) {
  const user = await getUser(id);
  const key = user.id;
  const posts = await getPosts(key);
}`,
    DECL + `class Page {
  user: unknown;
  async f(id: string) {
    const user = await getUser(id);
    this.user = user;
    const posts = await getPosts(id);
  }
}`,
    DECL + `declare function track(x: unknown): void;
async function f(id: string) {
  const user = await getUser(id);
  track(user);
  const posts = await getPosts(id);
}`,
    `declare function list(o: { limit: number }): Promise<string[]>;
declare function count(): Promise<number>;
async function f(opts: { limit: number }) {
  const n = await count();
  opts.limit = n;
  const items = await list(opts);
}`,
    DECL + `async function f(ids: string[]) {
  for (const id of ids) {
    const user = await getUser(id);
    if (!user.name) break;
    const posts = await getPosts(id);
  }
}`,
    // guarded steps whose catch leaves, or a guarded step next to a plain one
    DECL + `async function f(id: string) {
  let user, posts;
  try { user = await getUser(id); } catch { return null; }
  try { posts = await getPosts(id); } catch (error) { console.warn(error); }
  return { user, posts };
}`,
    DECL + `async function f(id: string) {
  let posts;
  try { await getUser(id); } catch (error) { console.warn(error); }
  posts = await getPosts(id);
  return posts;
}`,
    DECL + `async function f(id: string) {
  let user, posts;
  try { user = await getUser(id); } catch (error) { console.warn(error); }
  try {
    const found = await getPosts(id);
    posts = found;
  } catch {}
  return { user, posts };
}`,
    // one object: a read whose result is dropped, a read that sets up state, the receiver passed on, \`this\` alone
    `declare const api: { getUser(id: string): Promise<string>; getPosts(id: string): Promise<string[]>; getToken(): Promise<string>; getData(): Promise<string> };
declare function use(a: unknown): Promise<void>;
async function f(id: string) {
  await api.getUser(id);
  const posts = await api.getPosts(id);
  const token = await api.getToken();
  const data = await api.getData();
}`,
    `declare const api: { getUser(id: string): Promise<string>; with(a: unknown): { getPosts(id: string): Promise<string[]> } };
async function f(id: string) {
  const user = await api.getUser(id);
  const posts = await api.with(api).getPosts(id);
}`,
    DECL + `async function f(id: string) {
  try {
    await getUser(id);
  } finally {
    await getPosts(id);
  }
}`,
    DECL + `async function f(id: string, more: boolean) {
  const user = await getUser(id);
  if (more) {
    const posts = await getPosts(id);
  }
}`,
    DECL + `async function f(id: string) {
  try {
    await getUser(id);
  } catch {}
  await getPosts(id);
}`,
    `import { writeFile, readFile } from 'node:fs/promises';
async function f(p: string) {
  await writeFile(p, 'x');
  const text = await readFile(p, 'utf8');
}`,
    `import { mkdir, readdir } from 'node:fs/promises';
async function f(dir: string) {
  await mkdir(dir, { recursive: true });
  const entries = await readdir('.');
}`,
    `import { setTimeout as sleep } from 'node:timers/promises';
async function f(url: string) {
  await sleep(1000);
  const res = await fetch(url);
}`,
    `import { setTimeout } from 'node:timers/promises';
async function f(url: string) {
  await setTimeout(1000);
  const res = await fetch(url);
}`,
    `async function f(a: string, b: string) {
  await fetch(a, { method: 'POST', body: '{}' });
  const res = await fetch(b);
}`,
    `declare function deleteUser(id: string): Promise<void>;
declare function listUsers(): Promise<string[]>;
async function f(id: string) {
  await deleteUser(id);
  const users = await listUsers();
}`,
    `declare function getOrCreateUser(id: string): Promise<string>;
declare function countUsers(): Promise<number>;
async function f(id: string) {
  const user = await getOrCreateUser(id);
  const n = await countUsers();
}`,
    `import { execa } from 'execa';
async function f() {
  await execa('git', ['add', '.']);
  await execa('git', ['commit', '-m', 'x']);
}`,
    `import test from 'node:test';
async function f() {
  await test('first', async () => {});
  await test('second', async () => {});
}`,
    `declare const lock: { acquire(): Promise<void> };
declare function getTags(): Promise<string[]>;
async function f() {
  await lock.acquire();
  const tags = await getTags();
}`,
    `declare function nextFrame(): Promise<void>;
async function f() {
  await nextFrame();
  await nextFrame();
}`,
    DECL + `async function f() {
  const a = await getTags();
  const b = await getTags();
}`,
    DECL + `async function f(id: string) {
  const pu = getUser(id);
  const pp = getPosts(id);
  const user = await pu;
  const posts = await pp;
}`,
    `async function f() {
  const a = await foo();
  const b = await bar();
}`,
    `async function f(x: number, y: number) {
  const a = await x;
  const b = await y;
}`,
    `async function f() {
  await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 10));
}`,
    `async function f() {
  await import('./a.js');
  await import('./b.js');
}`,
    DECL + `async function f() {
  await (async () => { await getTags(); })();
  const tags = await getTags();
}`,
    DECL + `async function f(id: string) {
  const a = await getPosts((await getUser(id)).id);
  const b = await getTags();
}`,
    DECL + `async function f() {
  await Promise.all([getTags(), getTags()]);
  await Promise.all([getTags(), getTags()]);
}`,
    `let config: { url: string } | undefined;
async function loadConfig() { config = { url: await (await fetch('/config')).text() }; }
async function getDb() { return fetch(config!.url); }
async function f() {
  await loadConfig();
  const db = await getDb();
}`,
    `const seen = new Set<string>();
async function crawl(u: string) { seen.add(u); return fetch(u); }
async function report() { return fetch('/report?n=' + seen.size); }
async function f() {
  await crawl('/a');
  await report();
}`,
    `declare function collectA(into: object): Promise<void>;
declare function collectB(into: object): Promise<void>;
async function f() {
  const state = {};
  await collectA(state);
  await collectB(state);
}`,
    // both go through one connection (named `client`, `conn`, `tx`, `session`…): keep the order
    `declare function getVersion(c: unknown): Promise<number>;
declare function getMinimumVersion(c: unknown): Promise<number>;
async function f(client: unknown) {
  const current = await getVersion(client);
  const minimum = await getMinimumVersion(client);
}`,
    DECL + `async function f(id: string) {
  let a, b;
  a = await getUser(id);
  b = await getPosts(id);
}`,
    DECL + `async function f(id: string) {
  const a = await getUser(id), b = await getPosts(id);
}`,
    DECL + `async function f(id: string) {
  const user = await getUser(id);
  return await getPosts(id);
}`,
    DECL + `async function f(id: string) {
  const n = (await getPosts(id)).length;
  const tags = await getTags();
}`,
    DECL + `async function f(id: string) {
  await getUser(id);
}`,
  ],
  invalid: [
    // methods of instances another file exports: the checker sees their types, the syntax reads their declarations
    {
      filename: path.join(FIXTURES_DIR, 'file.ts'),
      code: `import { users, files } from './prefer-concurrent-awaits-api';
async function f() {
  const names = await users.list();
  const paths = await files.list();
}`,
      output: null,
      errors: [
        {
          messageId: 'sequentialAwaits', line: 4, column: 17, endLine: 4, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `import { users, files } from './prefer-concurrent-awaits-api';
async function f() {
  const [names, paths] = await Promise.all([users.list(), files.list()]);
}` },
          ],
        },
      ],
    },
    // code between the awaits that neither waits, leaves, nor touches what the later one uses: no rewrite, since
    // one statement cannot replace them without moving that code
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  console.log('loaded');
  const posts = await getPosts(id);
}`,
      output: null,
      errors: [{ messageId: 'sequentialAwaits', line: 7, column: 17, endLine: 7, endColumn: 35, suggestions: [] }],
    },
    {
      code: DECL + `declare const logger: { warn(...args: unknown[]): void };
async function f(id: string) {
  const user = await getUser(id);
  const seen: string[] = [];
  if (!user.name) {
    logger.warn('no name', id);
    seen.push(id);
  }
  const posts = await getPosts(id);
  const tags = await getTags();
  return { user, posts, tags, seen };
}`,
      output: null,
      errors: [{ messageId: 'sequentialAwaits', line: 12, column: 17, endLine: 12, endColumn: 35, data: { earlier: 'getUser(id)', later: 'getPosts(id)', more: ' (and 1 more after it wait the same way)' }, suggestions: [] }],
    },
    // each in its own try whose catch goes on
    {
      code: DECL + `declare const log: { error(...args: unknown[]): void };
async function f(id: string) {
  let user, posts;
  try {
    user = await getUser(id);
  } catch (error) {
    log.error(error);
  }
  try {
    posts = await getPosts(id);
  } catch (error) {
    log.error(error);
    posts = [];
  }
  return { user, posts };
}`,
      output: null,
      errors: [{ messageId: 'sequentialAwaits', line: 13, column: 13, endLine: 13, endColumn: 31, data: { earlier: 'getUser(id)', later: 'getPosts(id)', more: '' }, suggestions: [] }],
    },
    // two reads through the same object that share no data
    {
      code: `declare const api: { get(path: string): Promise<string> };
async function f(id: string) {
  const user = await api.get('/users/' + id);
  const posts = await api.get('/posts/' + id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 4, column: 17, endLine: 4, endColumn: 46,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `declare const api: { get(path: string): Promise<string> };
async function f(id: string) {
  const [user, posts] = await Promise.all([api.get('/users/' + id), api.get('/posts/' + id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: `class HttpApi {
  async getUser(id: string) { return (await fetch('/users/' + id)).text(); }
  async getPosts(id: string) { return (await fetch('/posts/' + id)).json(); }
}
class Profile {
  private readonly http = new HttpApi();
  async load(id: string) {
    const user = await this.http.getUser(id);
    const posts = await this.http.getPosts(id);
    return { user, posts };
  }
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 9, column: 19, endLine: 9, endColumn: 47,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `class HttpApi {
  async getUser(id: string) { return (await fetch('/users/' + id)).text(); }
  async getPosts(id: string) { return (await fetch('/posts/' + id)).json(); }
}
class Profile {
  private readonly http = new HttpApi();
  async load(id: string) {
    const [user, posts] = await Promise.all([this.http.getUser(id), this.http.getPosts(id)]);
    return { user, posts };
  }
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  const posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user, posts] = await Promise.all([getUser(id), getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  let user = await getUser(id);
  let posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 15, endLine: 6, endColumn: 33,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  let [user, posts] = await Promise.all([getUser(id), getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  var user = await getUser(id);
  var posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 15, endLine: 6, endColumn: 33,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  var [user, posts] = await Promise.all([getUser(id), getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  await getUser(id);
  await getPosts(id);
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 3, endLine: 6, endColumn: 21,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  await Promise.all([getUser(id), getPosts(id)]);
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  await getUser(id);
  const posts = await getPosts(id);
  return posts;
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [, posts] = await Promise.all([getUser(id), getPosts(id)]);
  return posts;
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  await getPosts(id);
  return user;
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 3, endLine: 6, endColumn: 21,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user] = await Promise.all([getUser(id), getPosts(id)]);
  return user;
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  const posts = await getPosts(id);
  const tags = await getTags();
  return { user, posts, tags };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '3' }, output: DECL + `async function f(id: string) {
  const [user, posts, tags] = await Promise.all([getUser(id), getPosts(id), getTags()]);
  return { user, posts, tags };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const { name, id: uid } = await getUser(id);
  const [first, ...rest] = await getPosts(id);
  return { name, uid, first, rest };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 28, endLine: 6, endColumn: 46,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [{ name, id: uid }, [first, ...rest]] = await Promise.all([getUser(id), getPosts(id)]);
  return { name, uid, first, rest };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user: { name: string } = await getUser(id);
  const posts: readonly string[] = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 36, endLine: 6, endColumn: 54,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user, posts]: [{ name: string }, readonly string[]] = await Promise.all([getUser(id), getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user: { name: string } = await getUser(id);
  await getTags();
  const posts: string[] = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 3, endLine: 6, endColumn: 18,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '3' }, output: DECL + `async function f(id: string) {
  const [user, , posts]: [{ name: string }, unknown, string[]] = await Promise.all([getUser(id), getTags(), getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const { name }: { name: string } = await getUser(id);
  const [first = 'none'] = await getPosts(id);
  return { name, first };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 28, endLine: 6, endColumn: 46, suggestions: [] },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  let posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 15, endLine: 6, endColumn: 33, suggestions: [] },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  // then the posts
  const posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 7, column: 17, endLine: 7, endColumn: 35, suggestions: [] },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  const posts = await getPosts(user.id);
  const tags = await getTags();
  return { posts, tags };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 7, column: 16, endLine: 7, endColumn: 31,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const user = await getUser(id);
  const [posts, tags] = await Promise.all([getPosts(user.id), getTags()]);
  return { posts, tags };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(ids: string[]) {
  for (const id of ids) {
    const user = await getUser(id);
    const posts = await getPosts(id);
    console.log(user, posts);
  }
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 7, column: 19, endLine: 7, endColumn: 37,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(ids: string[]) {
  for (const id of ids) {
    const [user, posts] = await Promise.all([getUser(id), getPosts(id)]);
    console.log(user, posts);
  }
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `const user = await getUser('me');
const tags = await getTags();
export { user, tags };`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 5, column: 14, endLine: 5, endColumn: 29,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `const [user, tags] = await Promise.all([getUser('me'), getTags()]);
export { user, tags };` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string, kind: number) {
  switch (kind) {
    case 1:
      await getUser(id);
      await getPosts(id);
      break;
  }
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 8, column: 7, endLine: 8, endColumn: 25,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string, kind: number) {
  switch (kind) {
    case 1:
      await Promise.all([getUser(id), getPosts(id)]);
      break;
  }
}` },
          ],
        },
      ],
    },
    {
      code: `import { readFile } from 'node:fs/promises';
async function f(url: string) {
  const res = await fetch(url);
  const config = await readFile('config.json', 'utf8');
  return { res, config };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 4, column: 18, endLine: 4, endColumn: 55,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `import { readFile } from 'node:fs/promises';
async function f(url: string) {
  const [res, config] = await Promise.all([fetch(url), readFile('config.json', 'utf8')]);
  return { res, config };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `const load = async (id: string) => {
  const user = await getUser(id);
  const posts = await getPosts(id);
  return { user, posts };
};`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `const load = async (id: string) => {
  const [user, posts] = await Promise.all([getUser(id), getPosts(id)]);
  return { user, posts };
};` },
          ],
        },
      ],
    },
    {
      code: `declare const users: { find(id: string): Promise<string> };
declare const orders: { find(id: string): Promise<string[]> };
async function f(id: string) {
  const user = await users.find(id);
  const list = await orders.find(id);
  return { user, list };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 5, column: 16, endLine: 5, endColumn: 37,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `declare const users: { find(id: string): Promise<string> };
declare const orders: { find(id: string): Promise<string[]> };
async function f(id: string) {
  const [user, list] = await Promise.all([users.find(id), orders.find(id)]);
  return { user, list };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id)
  const posts = await getPosts(id)
  return { user, posts }
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user, posts] = await Promise.all([getUser(id), getPosts(id)])
  return { user, posts }
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const name = await getUser(id).then((u) => u.name);
  const posts = await getPosts(id);
  return { name, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [name, posts] = await Promise.all([getUser(id).then((u) => u.name), getPosts(id)]);
  return { name, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await getUser(id);
  const posts = await getPosts(id).catch(() => [] as string[]);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 63,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user, posts] = await Promise.all([getUser(id), getPosts(id).catch(() => [] as string[])]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const posts = await getPosts(id);
  const tags = await getTags().then((ts) => ts.filter((posts) => posts.length > 0));
  return { posts, tags };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 16, endLine: 6, endColumn: 84,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [posts, tags] = await Promise.all([getPosts(id), getTags().then((ts) => ts.filter((posts) => posts.length > 0))]);
  return { posts, tags };
}` },
          ],
        },
      ],
    },
    {
      code: `async function loadUsers() { return fetch('/users'); }
async function loadOrders() { return fetch('/orders'); }
async function f() {
  const users = await loadUsers();
  const orders = await loadOrders();
  return [users, orders];
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 5, column: 18, endLine: 5, endColumn: 36,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: `async function loadUsers() { return fetch('/users'); }
async function loadOrders() { return fetch('/orders'); }
async function f() {
  const [users, orders] = await Promise.all([loadUsers(), loadOrders()]);
  return [users, orders];
}` },
          ],
        },
      ],
    },
    {
      code: DECL + `async function f(id: string) {
  const user = await (getUser(id) as Promise<{ name: string }>);
  const posts = await getPosts(id);
  return { user, posts };
}`,
      output: null,
      errors: [
        { messageId: 'sequentialAwaits', line: 6, column: 17, endLine: 6, endColumn: 35,
          suggestions: [
            { messageId: 'suggestPromiseAll', data: { count: '2' }, output: DECL + `async function f(id: string) {
  const [user, posts] = await Promise.all([getUser(id) as Promise<{ name: string }>, getPosts(id)]);
  return { user, posts };
}` },
          ],
        },
      ],
    },
  ],
  },
  syntacticOnly: {
    valid: [],
    invalid: [
      // without types, `ctx` could be a string: sharing it does not make the calls dependent
      {
        code: CONTEXT_OBJECT + `async function f(ctx: Ctx) {
  const a = await loadA(ctx);
  const b = await loadB(ctx);
  return a + b;
}`,
        output: null,
        errors: [
          {
            messageId: 'sequentialAwaits', line: 6, column: 13, endLine: 6, endColumn: 29,
            suggestions: [
              { messageId: 'suggestPromiseAll', data: { count: '2' }, output: CONTEXT_OBJECT + `async function f(ctx: Ctx) {
  const [a, b] = await Promise.all([loadA(ctx), loadB(ctx)]);
  return a + b;
}` },
            ],
          },
        ],
      },
    ],
  },
  typedOnly: {
    valid: [
      // with types, `ctx` is a mutable object both calls receive: the first may change what the second reads
      CONTEXT_OBJECT + `async function f(ctx: Ctx) {
  const a = await loadA(ctx);
  const b = await loadB(ctx);
  return a + b;
}`,
    ],
    invalid: [],
  },
});

/**
 * One `await` per iteration of a loop whose iterations do not depend on each other (issue #22: @remix-run/dev's
 * route exports detected one route after the other, `remix-vite-route-exports-sequential` in bench/bugs).
 */
const LOOP_DECL = `declare function getRouteExports(file: string): Promise<string[]>;
declare function readManifest(dir: string): Promise<Record<string, string>>;
declare function uploadFile(file: string): Promise<void>;
declare function log(message: string): void;
interface Route { id: string; file: string }
`;

const REMIX_LOOP = LOOP_DECL + `export async function getManifest(routes: Record<string, Route>) {
  const result: Record<string, { id: string; hasLoader: boolean }> = {};
  for (const [key, route] of Object.entries(routes)) {
    const exports = await getRouteExports(route.file);
    result[key] = { id: route.id, hasLoader: exports.includes('loader') };
  }
  return result;
}`;

runInBothModes('prefer-concurrent-awaits', rule, {
  both: {
    valid: [
      // the iterations stop on a result
      LOOP_DECL + `export async function firstWithLoader(routes: Route[]) {
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    if (exports.includes('loader')) return route;
  }
  return null;
}`,
      // not a read: an upload per file is ordered (and often rate-limited) on purpose
      LOOP_DECL + `export async function uploadAll(files: string[]) {
  for (const file of files) {
    await uploadFile(file);
  }
}`,
      // each iteration reads what the one before it wrote
      LOOP_DECL + `export async function chain(dirs: string[]) {
  let previous = '';
  for (const dir of dirs) {
    const manifest = await readManifest(previous + dir);
    previous = manifest.next ?? '';
  }
}`,
      // writes a shared variable that is not a result keyed by the loop variable
      LOOP_DECL + `export async function count(routes: Route[]) {
  let loaders = 0;
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    loaders += exports.length;
  }
  return loaders;
}`,
      // logs in each iteration: the order of the side effects would change
      LOOP_DECL + `export async function report(routes: Route[]) {
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    log(route.id + ': ' + exports.join(', '));
  }
}`,
      // a second await in the body (which needs the first one's result)
      LOOP_DECL + `export async function both(routes: Route[]) {
  const out: string[][] = [];
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    const manifest = await readManifest(exports[0] ?? route.file);
    out.push([...exports, ...Object.keys(manifest)]);
  }
  return out;
}`,
      // a labelled \`continue\` goes on with an outer loop: it can end more than its own iteration
      LOOP_DECL + `export async function labelled(groups: Route[][]) {
  const out: Route[] = [];
  outer: for (const group of groups) {
    for (const route of group) {
      const exports = await getRouteExports(route.file);
      if (!exports.includes('loader')) continue outer;
      out.push(route);
    }
  }
  return out;
}`,
      // a function of this file that returns no promise: the \`await\` waits for nothing
      LOOP_DECL + `function getLabel(route: Route): string {
  return route.id + ':' + route.file;
}
export async function labels(routes: Route[]) {
  const out: string[] = [];
  for (const route of routes) {
    const label = await getLabel(route);
    out.push(label);
  }
  return out;
}`,
      // the \`catch\` rethrows: the first failure stops the loop
      LOOP_DECL + `export async function strict(routes: Route[]) {
  const out: string[][] = [];
  for (const route of routes) {
    try {
      const exports = await getRouteExports(route.file);
      out.push(exports);
    } catch (error) {
      throw new Error('cannot read ' + route.file);
    }
  }
  return out;
}`,
      // the awaited declaration is nested deeper than a \`try\` of the body: it runs only on a condition
      LOOP_DECL + `export async function some(routes: Route[]) {
  const out: string[][] = [];
  for (const route of routes) {
    if (route.id) {
      try {
        const exports = await getRouteExports(route.file);
        out.push(exports);
      } catch {}
    }
  }
  return out;
}`,
      // writes a member of \`this\`: state the iterations share
      LOOP_DECL + `export class Routes {
  private exports: Record<string, string[]> = {};
  async scan(routes: Route[]) {
    for (const route of routes) {
      const found = await getRouteExports(route.file);
      this.exports = { ...this.exports, [route.id]: found };
    }
  }
}`,
      // a result stored under a key that is not the loop variable's
      LOOP_DECL + `export async function latest(routes: Route[]) {
  const out: Record<string, string[]> = {};
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    out.last = exports;
  }
  return out;
}`,
      // the call reads an array the body pushes into
      LOOP_DECL + `export async function grow(files: string[]) {
  const seen: string[] = [];
  for (const file of files) {
    const exports = await getRouteExports(seen.join(',') + file);
    seen.push(...exports);
  }
  return seen;
}`,
      // a one-shot script: steps in order on purpose, and its speed matters little
      { code: REMIX_LOOP, filename: 'scripts/build.ts' },
      // a read under an \`if\` with an \`else\`: the iterations take different paths
      LOOP_DECL + `export async function either(routes: Route[]) {
  const out: string[][] = [];
  for (const route of routes) {
    if (route.id) {
      const exports = await getRouteExports(route.file);
      out.push(exports);
    } else {
      out.push([]);
    }
  }
  return out;
}`,
      // the condition reads the cache the body fills: iterations with the same key share one load
      LOOP_DECL + `export async function cached(routes: Route[]) {
  const seen: Record<string, string[]> = {};
  const out: string[][] = [];
  for (const route of routes) {
    if (!seen[route.file]) {
      const exports = await getRouteExports(route.file);
      seen[route.file] = exports;
    }
    out.push(seen[route.file]!);
  }
  return out;
}`,
      // \`Promise.resolve(…).then(…)\` (a compiled \`import()\`) is no read
      `export async function load(names: string[]) {
  const out: unknown[] = [];
  for (const name of names) {
    const loaded = await Promise.resolve(\`./devices/\${name}\`).then((path) => require(path));
    out.push(loaded);
  }
  return out;
}`,
      // the element's property written under a key the loop does not own
      LOOP_DECL + `export async function tag(routes: Route[], key: string) {
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    (route as unknown as Record<string, string[]>)[key] = exports;
  }
}`,
      // for await … of: the source itself is sequential
      LOOP_DECL + `export async function fromStream(routes: AsyncIterable<Route>) {
  const out: string[][] = [];
  for await (const route of routes) {
    const exports = await getRouteExports(route.file);
    out.push(exports);
  }
  return out;
}`,
    ],
    invalid: [
      {
        code: REMIX_LOOP,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'getRouteExports(route.file)' }, line: 9, column: 21, endLine: 9, endColumn: 54 }],
      },
      {
        code: LOOP_DECL + `export async function manifests(dirs: string[]) {
  const out: Record<string, string>[] = [];
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    out.push(manifest);
  }
  return out;
}`,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'readManifest(dir)' }, line: 9, column: 22, endLine: 9, endColumn: 45 }],
      },
      {
        // a plain \`continue\` ends its own iteration only: the others run all the same
        code: LOOP_DECL + `export async function withLoaders(routes: Route[]) {
  const out: Route[] = [];
  for (const route of routes) {
    const exports = await getRouteExports(route.file);
    if (!exports.includes('loader')) continue;
    out.push(route);
  }
  return out;
}`,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'getRouteExports(route.file)' }, line: 9, column: 21, endLine: 9, endColumn: 54 }],
      },
      {
        // @atproto/api 0.13.14's detectFacets: only the mentions need a lookup, each stored on its own element
        code: `type Feature = { kind: string; did: string };
type Agent = { resolveHandle(params: { handle: string }): Promise<{ data: { did: string } } | undefined> };
export class RichText {
  facets: { features: Feature[] }[] = [];
  async detectFacets(agent: Agent) {
    for (const facet of this.facets) {
      for (const feature of facet.features) {
        if (feature.kind === 'mention') {
          const did = await agent
            .resolveHandle({ handle: feature.did })
            .catch(() => undefined)
            .then((res) => res?.data.did);
          feature.did = did || '';
        }
      }
    }
  }
}`,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'agent .resolveHandle({ handle: feature.…' }, line: 9, column: 23, endLine: 12, endColumn: 18 }],
      },
    ],
  },
});

/**
 * lighthouse 5.6.0's script-elements gatherer (issue #22, \`lighthouse-script-elements-sequential-content\` in
 * bench/bugs): the content of each script request fetched in turn, each failure swallowed on its own, the rest of the
 * body matching the content to what earlier iterations pushed. The driver comes in untyped: the \`await\` is what says
 * the call is asynchronous.
 */
const SCRIPT_ELEMENTS = `class ScriptElements {
  async afterPass(passContext, loadData) {
    const driver = passContext.driver;
    const scripts = await driver.evaluateAsync('collectAllScriptElements()');
    for (const record of loadData.networkRecords) {
      try {
        const content = await driver.getRequestContent(record.requestId);
        if (!content) continue;
        const matched = scripts.find((script) => script.src === record.url);
        if (matched) {
          matched.content = content;
        } else {
          scripts.push({ src: record.url, requestId: record.requestId, content });
        }
      } catch (e) {}
    }
    return scripts;
  }
}
module.exports = ScriptElements;`;

runInBothModes('prefer-concurrent-awaits (each item in its own try)', rule, {
  both: {
    valid: [
      // the content is read through a helper of this file that returns no promise
      { code: SCRIPT_ELEMENTS.replace('await driver.getRequestContent(record.requestId)', 'await getRequestContent(record)') + `
function getRequestContent(record) {
  return record.content || '';
}`, filename: 'script-elements.js' },
    ],
    invalid: [
      {
        code: SCRIPT_ELEMENTS,
        filename: 'script-elements.js',
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'driver.getRequestContent(record.request…' }, line: 7, column: 25, endLine: 7, endColumn: 73 }],
      },
    ],
  },
});

/**
 * TypeScript's output below ES2017 (issue #22): an `async` function is a generator handed to `__awaiter`, each `await`
 * a `yield`. Its awaits are read as such; the `Promise.all` rewrite waits with `yield` too, as the generator must.
 */
const AWAITER_HELPER = `${TS_AWAITER_HELPER}
function getUser(id) {
    return __awaiter(this, void 0, void 0, function* () { return (yield fetch('/users/' + id)).json(); });
}
function getPosts(id) {
    return __awaiter(this, void 0, void 0, function* () { return (yield fetch('/posts/' + id)).json(); });
}
`;

const COMPILED_STEPS = (body: string) => AWAITER_HELPER + `function load(id) {
    return __awaiter(this, void 0, void 0, function* () {
${body}
    });
}
module.exports = { load };`;

runInBothModes('prefer-concurrent-awaits (compiled __awaiter code)', rule, {
  both: {
    valid: [
      // the second read needs the first one's result
      { code: COMPILED_STEPS(`        const user = yield getUser(id);
        const posts = yield getPosts(user.id);
        return { user, posts };`), filename: 'file.js' },
      // a generator that no `__awaiter` runs: its `yield`s hand values to whoever iterates it
      { code: AWAITER_HELPER + `function* pages(id) {
    const user = yield getUser(id);
    const posts = yield getPosts(id);
}
module.exports = { pages };`, filename: 'file.js' },
      // each element of a list of functions called in turn, failures logged but results not collected: as often an
      // ordered chain (hooks, middleware, migrations) as independent tasks
      { code: AWAITER_HELPER + `class Hooks {
    run(hooks) {
        return __awaiter(this, void 0, void 0, function* () {
            for (const hook of hooks) {
                try {
                    const result = yield hook();
                    log(result);
                }
                catch (error) {
                    console.error(error);
                }
            }
        });
    }
}
module.exports = { Hooks };`, filename: 'file.js' },
      // results collected, errors not: the first failure stops the chain on purpose
      { code: AWAITER_HELPER + `class Steps {
    run(steps) {
        return __awaiter(this, void 0, void 0, function* () {
            const results = [];
            for (const step of steps) {
                const result = yield step();
                results.push(result);
            }
            return results;
        });
    }
}
module.exports = { Steps };`, filename: 'file.js' },
    ],
    invalid: [
      {
        code: COMPILED_STEPS(`        const user = yield getUser(id);
        const posts = yield getPosts(id);
        return { user, posts };`),
        filename: 'file.js',
        output: null,
        errors: [
          {
            messageId: 'sequentialAwaits',
            data: { earlier: 'getUser(id)', later: 'getPosts(id)', more: '' },
            line: 16, column: 23, endLine: 16, endColumn: 41,
            suggestions: [
              { messageId: 'suggestPromiseAll', data: { count: '2' }, output: COMPILED_STEPS(`        const [user, posts] = yield Promise.all([getUser(id), getPosts(id)]);
        return { user, posts };`) },
            ],
          },
        ],
      },
      {
        // @nestjs/terminus 9.0.0: each health indicator awaited in turn, its result and its error both collected (the
        // rethrow of unexpected errors aside): what \`Promise.allSettled\` does, which 9.1.0 uses
        code: AWAITER_HELPER + `class HealthCheckExecutor {
    executeHealthIndicators(healthIndicators) {
        return __awaiter(this, void 0, void 0, function* () {
            const results = [];
            const errors = [];
            for (const healthIndicator of healthIndicators) {
                try {
                    const result = yield healthIndicator();
                    result && results.push(result);
                }
                catch (error) {
                    if (!isHealthCheckError(error))
                        throw error;
                    errors.push(error.causes);
                }
            }
            return { results, errors };
        });
    }
}
module.exports = { HealthCheckExecutor };`,
        filename: 'file.js',
        output: null,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'healthIndicator()' }, line: 20, column: 36, endLine: 20, endColumn: 59 }],
      },
      {
        code: AWAITER_HELPER + `function loadUsers(ids) {
    return __awaiter(this, void 0, void 0, function* () {
        const users = [];
        for (const id of ids) {
            const user = yield getUser(id);
            users.push(user);
        }
        return users;
    });
}
module.exports = { loadUsers };`,
        filename: 'file.js',
        output: null,
        errors: [{ messageId: 'sequentialLoopAwaits', data: { operation: 'getUser(id)' }, line: 17, column: 26, endLine: 17, endColumn: 43 }],
      },
    ],
  },
});
