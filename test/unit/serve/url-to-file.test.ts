import { describe, expect, test } from 'vitest';
import { lookupUrlPath } from '../../../src/serve/url-to-file.ts';

const FILES = new Set(['index.html', 'tags/index.html', 'about.html', 'atom.xml', 'a b/index.html', 'assets/style.css']);
const isFile = (file: string) => FILES.has(file);

describe('serve/url-to-file', () => {
  test.each([
    // Folders answer with their index.html.
    ['/', { kind: 'file', file: 'index.html' }],
    ['/tags/', { kind: 'file', file: 'tags/index.html' }],
    ['/a%20b/', { kind: 'file', file: 'a b/index.html' }],
    // A folder without its slash is redirected, as GitHub Pages and Netlify do.
    ['/tags', { kind: 'slash', location: '/tags/' }],
    // Files, and `.html` files without their extension.
    ['/atom.xml', { kind: 'file', file: 'atom.xml' }],
    ['/about', { kind: 'file', file: 'about.html' }],
    ['/assets/style.css', { kind: 'file', file: 'assets/style.css' }],
    // Nothing: missing, a folder listing, climbing out, malformed.
    ['/missing', undefined],
    ['/assets/', undefined],
    ['/../etc/passwd', undefined],
    ['/%2e%2e/etc/passwd', undefined],
    ['/%E0%A4%A', undefined],
    ['/a%00b', undefined],
  ])('%s → %j', (url, expected) => {
    expect(lookupUrlPath(url, isFile)).toEqual(expected);
  });
});
