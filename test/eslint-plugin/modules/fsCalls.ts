import type * as fs from 'node:fs';
import { createRequire } from 'node:module';

/** Node's own `fs` module, which the plugin calls (its functions are looked up on it at each call). */
const nodeFs = createRequire(__filename)('node:fs') as Record<FsCallName, (...args: unknown[]) => unknown>;

type FsCallName = 'readFileSync' | 'statSync' | 'readdirSync';

/** The paths `fn` makes the plugin read (`readFileSync`), `stat` (`statSync`) or list (`readdirSync`), in order. */
export function fsCallsDuring(name: FsCallName, fn: () => void): string[] {
  const original = nodeFs[name];
  const paths: string[] = [];
  nodeFs[name] = (...args: unknown[]) => {
    paths.push(String(args[0] as fs.PathLike));
    return original(...args);
  };
  try {
    fn();
  } finally {
    nodeFs[name] = original;
  }
  return paths;
}
