// The warning a publishing build gives while `site.baseUrl` is still the placeholder: feeds and the sitemap would point at localhost.
import { ConfigError } from '../errors.ts';
import type { ResolvedConfig } from './resolve.ts';
import { CONFIG_FILE } from './resolve.ts';
import { PLACEHOLDER_BASE_URL } from './schema.ts';

/**
 * A warning when `site.baseUrl` is the placeholder, else undefined. Not an error: a build for a local look
 * is fine, and the feeds and sitemap are still written (with the placeholder in their absolute URLs).
 */
export function placeholderBaseUrlWarning(config: Pick<ResolvedConfig, 'site'>): ConfigError | undefined {
  if (config.site.baseUrl !== PLACEHOLDER_BASE_URL) return undefined;
  return new ConfigError(`\`site.baseUrl\` is the placeholder ${PLACEHOLDER_BASE_URL}: feeds, the sitemap and canonical links point there`, {
    file: CONFIG_FILE,
    hint: 'Set "site": { "baseUrl": "https://your.host/" } in proofpress.config.json to the address the site is served at (a path is fine: "https://user.github.io/blog/").',
  });
}
