// @ts-check
/**
 * Pinned npm tarballs: download one with `npm pack` into a cache folder (once; later runs are offline) and
 * check its sha512 against the pinned integrity. Shared by every bench script that reads published packages.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The sha512 integrity string of a file, in npm's `sha512-<base64>` form. */
export function integrityOf(file) {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** File name npm gives a package's tarball: `@grpc/grpc-js@1.2.3` → `grpc-grpc-js-1.2.3.tgz`. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
}

/**
 * The cached tarball of `name@version` in `cacheDir`, downloaded with `npm pack` when it is missing.
 * @param {{ name: string, version: string }} pkg
 * @param {string} cacheDir
 */
export function packTarball(pkg, cacheDir) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const target = path.join(cacheDir, tarballName(pkg.name, pkg.version));
  if (fs.existsSync(target)) return target;
  console.log(`npm pack ${pkg.name}@${pkg.version}`);
  const out = execFileSync('npm', ['pack', '--json', '--loglevel', 'error', '--pack-destination', cacheDir, `${pkg.name}@${pkg.version}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    // `--json` lists every file of the package: several megabytes for a package such as viem
    maxBuffer: 256 * 1024 * 1024,
  });
  const written = path.join(cacheDir, JSON.parse(out)[0].filename);
  if (written !== target) fs.renameSync(written, target);
  return target;
}

/**
 * The cached tarball of a pinned package when its sha512 matches the pin. On a mismatch the tarball is
 * deleted (so the next run downloads it again), the difference is printed, and null is returned.
 * @param {{ name: string, version: string, integrity: string }} pkg
 * @param {string} cacheDir
 */
export function fetchPinnedTarball(pkg, cacheDir) {
  const tarball = packTarball(pkg, cacheDir);
  const actual = integrityOf(tarball);
  if (actual === pkg.integrity) return tarball;
  console.error(`${pkg.name}@${pkg.version}: integrity mismatch\n  expected ${pkg.integrity}\n  got      ${actual}`);
  fs.rmSync(tarball);
  return null;
}
