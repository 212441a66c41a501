import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder's modification time and size as `stat` gives them (creating, removing or renaming an entry changes them). */
export interface FolderStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

/**
 * Whether `filePath` is a file, answered from the listing of its folder instead of a `stat` of the path: a resolution
 * tries up to 25 candidate paths in two or three folders, and most of them do not exist.
 *
 * `folderStamp` is the folder's stamp as the caller checked it against the disk (null: the folder is missing).
 * A listing is read once and reused while the folder keeps that stamp. A listing read shortly after the folder
 * changed (within `MODIFIED_BEFORE_MARGIN_MS`: timestamps can be coarse) is reused only with the very stamp object
 * it was read under, which the caller keeps for one lint. Entries whose kind the listing does not tell (symbolic
 * links, file systems that report no type) and names that differ from an entry only in case (case-insensitive file
 * systems) are answered with a `stat`, as is every path of a folder that cannot be listed.
 */
export function isFileInFolder(filePath: string, folderStamp: FolderStamp | null, statFile: (filePath: string) => boolean): boolean {
  if (folderStamp === null) return false;
  const folder = path.dirname(filePath);
  const listing = listingOf(folder, folderStamp);
  if (listing === null) return statFile(filePath);
  const name = path.basename(filePath);
  const kind = listing.kinds.get(name);
  if (kind === 'file') return true;
  if (kind === 'unknown') return statFile(filePath);
  if (kind === undefined && listing.lowerCaseNames.has(name.toLowerCase())) return statFile(filePath);
  return false;
}

type EntryKind = 'file' | 'other' | 'unknown';

interface Listing {
  readonly stamp: FolderStamp;
  /** Read long enough after the folder's last change that the stamp will show any later one. */
  readonly settled: boolean;
  readonly kinds: ReadonlyMap<string, EntryKind>;
  readonly lowerCaseNames: ReadonlySet<string>;
}

/** See `specifierResolutions.ts`: the same margin for the same coarse timestamps. */
const MODIFIED_BEFORE_MARGIN_MS = 2000;
const MAX_LISTINGS = 5000;
/** Larger folders are not kept (a `stat` per candidate there). */
const MAX_LISTED_ENTRIES = 10_000;

/** Across lints: folder → its listing; null when it cannot be listed (answered by `stat`). */
const listings = new Map<string, Listing | null>();

function listingOf(folder: string, stamp: FolderStamp): Listing | null {
  const known = listings.get(folder);
  if (known !== undefined && (known === null || known.stamp === stamp || (known.settled && known.stamp.mtimeMs === stamp.mtimeMs && known.stamp.size === stamp.size))) {
    return known;
  }
  const listing = readListing(folder, stamp);
  if (listings.size >= MAX_LISTINGS) listings.clear();
  listings.set(folder, listing);
  return listing;
}

function readListing(folder: string, stamp: FolderStamp): Listing | null {
  const readAt = Date.now();
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // no such folder, or a file: nothing in it is a file; anything else (EACCES…): ask `stat`
    return code === 'ENOENT' || code === 'ENOTDIR' ? emptyListing(stamp) : null;
  }
  if (entries.length > MAX_LISTED_ENTRIES) return null;
  const kinds = new Map<string, EntryKind>();
  const lowerCaseNames = new Set<string>();
  for (const entry of entries) {
    kinds.set(entry.name, entry.isFile() ? 'file' : entry.isDirectory() || entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice() ? 'other' : 'unknown');
    lowerCaseNames.add(entry.name.toLowerCase());
  }
  return { stamp, settled: stamp.mtimeMs <= readAt - MODIFIED_BEFORE_MARGIN_MS, kinds, lowerCaseNames };
}

function emptyListing(stamp: FolderStamp): Listing {
  return { stamp, settled: false, kinds: new Map(), lowerCaseNames: new Set() };
}
