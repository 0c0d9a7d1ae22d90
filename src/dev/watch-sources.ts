// Watches what a build reads (posts, the config file, the stylesheet and script) and reports changed paths, debounced.
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

/** A running watcher. */
export interface SourceWatcher {
  /** Watch exactly `paths` from now on (the content folder moves when the config names another). */
  setPaths(paths: string[]): void;
  /** Resolves once the initial scan is done: edits after it are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

// An editor's save is often several events (write a temporary file, rename it over the post, touch a
// backup): they are gathered for this long, so that one save is one build.
const DEBOUNCE_MS = 30;

// Swap, backup and lock files of editors (vim's .swp/~, emacs's #x# and .#x, JetBrains' ___jb_tmp___).
const EDITOR_FILE = /^\.#|^#.*#$|~$|\.sw[a-p]$|___jb_(tmp|old)___$|^\.DS_Store$/;

export interface WatchHandlers {
  /** Whether a change matters to the build (`event` is chokidar's: add, change, unlink, addDir, unlinkDir). @default every change */
  accept?: (event: string, file: string) => boolean;
  /** Paths added, changed or removed, gathered over a few milliseconds. */
  onChange: (changed: string[]) => void;
  /** A watch that fails (a folder that may not be read, the system's limit of watches); the server keeps running. */
  onError: (error: Error) => void;
}

/**
 * Call `onChange(paths)` after files under `paths` are added, changed or removed. chokidar rather than
 * fs.watch: it watches folders recursively on every platform, follows a folder that is deleted and made
 * again, and reports an atomic save (write-then-rename) as one change.
 */
export function watchSources(paths: string[], { accept = () => true, onChange, onError }: WatchHandlers): SourceWatcher {
  let watched = new Set(paths);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch([...watched], { ignoreInitial: true, ignored: (file) => EDITOR_FILE.test(path.basename(file)) });
  watcher.on('all', (event, file) => {
    if (!accept(event, file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending = new Set();
      onChange(changed);
    }, DEBOUNCE_MS);
  });
  watcher.on('error', (error) => onError(error as Error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    setPaths(next) {
      const wanted = new Set(next);
      const gone = [...watched].filter((entry) => !wanted.has(entry));
      const added = next.filter((entry) => !watched.has(entry));
      if (gone.length > 0) watcher.unwatch(gone);
      if (added.length > 0) watcher.add(added);
      watched = wanted;
    },
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
