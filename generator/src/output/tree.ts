import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Build products and installs that live inside generated packages but are not generated. */
const NOT_OURS = new Set(['node_modules', 'dist', '.turbo']);
/** Release notes Changesets writes beside a package's package.json (`changeset version`): kept, never stale. */
const KEPT_BY_CHANGESETS = 'CHANGELOG.md';

/**
 * Directories of the owned trees as a walk found them: each one's mtime (taken before it was
 * read) and its subdirectories. A directory's mtime changes whenever an entry in it is created,
 * removed or renamed, so while it holds, the directory has the entries it had then.
 */
export type DirStamps = Map<string, { mtimeMs: number; subdirs: string[] }>;

/**
 * Files currently under `dir` (project-relative, forward slashes), skipping build products.
 *
 * With `unchanged`, a directory whose mtime is the one recorded there is not read: only its
 * recorded subdirectories are visited, and none of its files is listed. That is sound only when the
 * recording run left nothing but expected files in it (see the pipeline). `seen` gets every
 * directory walked, for the next run's record.
 */
export function listOwnedFiles(rootDir: string, dir: string, unchanged?: DirStamps, seen?: DirStamps): string[] {
  if (!existsSync(join(rootDir, dir))) return [];
  const out: string[] = [];
  const walk = (relative: string) => {
    const mtimeMs = statSync(join(rootDir, relative), { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) return;
    const recorded = unchanged?.get(relative);
    if (recorded && recorded.mtimeMs === mtimeMs) {
      seen?.set(relative, recorded);
      for (const sub of recorded.subdirs) walk(sub);
      return;
    }
    const { files, subdirs } = readOwnedDir(rootDir, relative, relative === dir);
    out.push(...files);
    seen?.set(relative, { mtimeMs, subdirs });
    for (const sub of subdirs) walk(sub);
  };
  walk(dir);
  return out.sort();
}

/** One owned directory's files and subdirectories (project-relative), build products and a package root's release notes left out. */
function readOwnedDir(rootDir: string, relative: string, isRoot: boolean): { files: string[]; subdirs: string[] } {
  const files: string[] = [];
  const subdirs: string[] = [];
  for (const entry of readdirSync(join(rootDir, relative), { withFileTypes: true })) {
    if (NOT_OURS.has(entry.name)) continue;
    const child = posix.join(relative, entry.name);
    if (entry.isDirectory()) subdirs.push(child);
    // Only at a package's root, where Changesets puts it.
    else if (!(isRoot && entry.name === KEPT_BY_CHANGESETS)) files.push(child);
  }
  return { files, subdirs };
}

/**
 * The stamps of the directories a commit renamed files into or removed files from, taken again:
 * the walk stamped them before the commit moved their mtimes, so the next run would read them all
 * once more. What a stamp vouches for is that the directory holds nothing but expected files and
 * the recorded subdirectories, so a directory is stamped again only when it does now (its mtime
 * taken before it is read, as the walk does); any other is dropped from the record, and the next
 * run reads it.
 */
export function restampAfterCommit(rootDir: string, stamps: DirStamps, changed: readonly string[], expected: ReadonlySet<string>, roots: ReadonlySet<string>): void {
  for (const dir of new Set(changed.map((path) => posix.dirname(path)))) {
    const recorded = stamps.get(dir);
    if (!recorded) continue;
    const mtimeMs = statSync(join(rootDir, dir), { throwIfNoEntry: false })?.mtimeMs;
    const now = mtimeMs === undefined ? null : readOwnedDir(rootDir, dir, roots.has(dir));
    if (now !== null && now.files.every((file) => expected.has(file)) && sameMembers(now.subdirs, recorded.subdirs)) stamps.set(dir, { mtimeMs: mtimeMs!, subdirs: recorded.subdirs });
    else stamps.delete(dir);
  }
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const inB = new Set(b);
  return a.every((x) => inB.has(x));
}

/** The file's text, or null when there is none: one read, not a look and then a read (a regenerate reads every output file). */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * The generated files' current text, looked up for one run. A directory found missing has no file
 * in it: it was missing before this run made it (the pipeline looks before it stages), and until
 * commit this run writes only temporary names there, so every target under it is still missing. On a
 * fresh tree that is one lookup per directory instead of one per file.
 */
export class OutputLookups {
  private readonly absent = new Set<string>();
  private readonly present = new Set<string>();

  constructor(private readonly rootDir: string) {}

  /** The text of the file at `path` (project-relative), or null when there is none. */
  read(path: string): string | null {
    return this.isAbsent(posix.dirname(path)) ? null : readIfExists(join(this.rootDir, path));
  }

  private isAbsent(dir: string): boolean {
    if (dir === '.' || dir === '' || dir === '/') return false;
    if (this.absent.has(dir)) return true;
    if (this.present.has(dir)) return false;
    const absent = this.isAbsent(posix.dirname(dir)) || !existsSync(join(this.rootDir, dir));
    (absent ? this.absent : this.present).add(dir);
    return absent;
  }
}
