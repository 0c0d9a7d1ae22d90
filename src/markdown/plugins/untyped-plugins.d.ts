// Types for the markdown-it plugins that ship none (DefinitelyTyped's footnote and container types are
// CommonJS-only and clash with markdown-it's ES module types): just the parts proofpress uses.

declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';

  const footnote: PluginSimple;
  export default footnote;
}

declare module 'markdown-it-container' {
  import type { MarkdownIt, RendererRule } from 'markdown-it';

  export interface ContainerOptions {
    /** Whether the text after `:::` opens this container. @default its first word is the container's name */
    validate?: (params: string) => boolean;
    render?: RendererRule;
    /** @default ":" */
    marker?: string;
  }

  const container: (md: MarkdownIt, name: string, options?: ContainerOptions) => void;
  export default container;
}

declare module 'markdown-it-table-of-contents' {
  import type { MarkdownIt, PluginWithOptions } from 'markdown-it';

  export interface TableOfContentsOptions {
    /** Heading levels listed. @default [1, 2] */
    includeLevel?: number[];
    /** Anchor of a heading that has no `id`. */
    slugify?: (text: string) => string;
    /** HTML of a heading's text in the list. @default the text re-rendered as inline Markdown */
    format?: (text: string, md: MarkdownIt, anchor: string | null) => string;
    transformContainerOpen?: (containerClass: string, containerHeaderHtml?: string) => string;
    transformContainerClose?: (containerFooterHtml?: string) => string;
    listType?: 'ul' | 'ol';
  }

  const tableOfContents: PluginWithOptions<TableOfContentsOptions>;
  export default tableOfContents;
}

declare module 'markdown-it/lib/rules_block/reference.mjs' {
  import type { StateBlock } from 'markdown-it';

  /** markdown-it's own block rule for link reference definitions (`[1]: http://…`). */
  export default function reference(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean;
}
