import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { FIXTURES, TestClient, delay, fileUri } from './lspClient';

const folder = path.join(FIXTURES, 'plain');
const BLOCKING = 'import fs from "node:fs";\nasync function f() { fs.readFileSync("x"); }\n';

describe('server: the connection', function () {
  this.timeout(120_000);

  for (const [name, header] of [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n'],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n'],
  ] as const) {
    it(`${name} ends the connection with a logged reason, so that the client restarts the server`, async () => {
      const client = await TestClient.start({ folders: [folder] });
      try {
        const uri = fileUri(path.join(folder, 'connection.js'));
        assert.equal((await client.open(uri, BLOCKING)).length, 1, 'the server works before');
        const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
        client.process.stdin!.write(`${header}{"jsonrpc":"2.0","method":"initialized","params":{}}`);
        const code = await Promise.race([exited, delay(20_000).then(() => 'still running' as const)]);
        assert.equal(code, 1, 'exits with an error code (a client restarts a server that stops unexpectedly)');
        assert.ok(client.logs.some((line) => /the message stream from the client is malformed .*closing the connection/.test(line)), client.logs.join('\n'));
        assert.match(client.serverStderr, /malformed/);
      } finally {
        await client.stop();
      }
    });
  }
});
