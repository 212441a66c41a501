import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createServerPipeTransport,
  createServerSocketTransport,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  kind: 'ipc' | 'stdio' | 'socket' | 'pipe';
}

/**
 * The LSP transport the command line asks for, as vscode-languageserver's `createConnection()`
 * picks it (`--node-ipc`, `--stdio`, `--socket=PORT`, `--pipe=NAME`), but with the reader in our
 * hands: that function keeps its reader to itself, and a reader error (a header such as
 * `Content-Length: abc`) then leaves the server alive but deaf, every later message read as part
 * of a broken header. With the reader we can end the connection instead (see `server.ts`).
 */
export function transportFromArguments(argv: readonly string[]): Transport {
  for (let index = 0; index < argv.length; index++) {
    const [name, inline] = argv[index]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[index + 1] ?? '';
    switch (name) {
      case '--node-ipc':
        return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), kind: 'ipc' };
      case '--stdio':
        return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), kind: 'stdio' };
      case '--socket': {
        const [reader, writer] = createServerSocketTransport(Number.parseInt(value(), 10));
        return { reader, writer, kind: 'socket' };
      }
      case '--pipe': {
        const [reader, writer] = createServerPipeTransport(value());
        return { reader, writer, kind: 'pipe' };
      }
    }
  }
  throw new Error("The Loopguard server needs a transport argument: '--node-ipc', '--stdio', '--socket=PORT' or '--pipe=NAME'.");
}
