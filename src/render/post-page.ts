// Stage 6g: a post's page: the theme's post body in the layout, with the article's title, summary, dates and tags as metadata.
import type { PostPageInput } from '../theme/contract.ts';
import { renderLayout } from './layout.ts';

export type { PostPageInput };

/** Render the full post page. */
export function renderPostPage(input: PostPageInput): string {
  const { ctx, entry } = input;
  const { post } = entry;
  return renderLayout({
    ctx,
    title: post.title,
    description: entry.summary,
    url: entry.url,
    body: ctx.theme.postPage(input),
    type: 'article',
    article: { published: post.date, modified: post.updated, tags: post.tags },
  });
}
