// `proofpress preview`: serve the built site/ folder as a host would, to check it before publishing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../config/resolve.ts';
import { closeServer, listen } from '../serve/listen.ts';
import { basePath as basePathOf } from '../render/urls.ts';
import { ServeError } from '../serve/serve-error.ts';
import { createPreviewServer } from './preview-server.ts';

export interface PreviewOptions {
  root: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A running preview server. */
export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** Serve the project's output folder (config `outDir`, `site/` by default); it must have been built. */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const config = resolveConfig(options.root);
  const shown = path.relative(process.cwd(), config.outDir) || config.outDir;
  if (!existsSync(path.join(config.outDir, 'index.html'))) {
    throw new ServeError(`Nothing to preview: ${shown} holds no built site (no index.html)`, {
      file: shown,
      hint: 'Run `proofpress build` (npm run build) first; `proofpress dev` serves the site while you write, without building it to disk.',
    });
  }
  const basePath = basePathOf(config.site); // `/blog/` for a GitHub project page: served there, as on the host
  const server = createPreviewServer(config.outDir, { basePath });
  const url = await listen(server, options.host, options.port);
  return { url: new URL(basePath, url).href, close: () => closeServer(server) };
}
