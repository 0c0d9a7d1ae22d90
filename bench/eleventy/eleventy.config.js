// Bench-only Eleventy 3 config: builds the benchmark corpus's content/ into post pages, code highlighted at build
// time by @11ty/eleventy-plugin-syntaxhighlight (Prism). Run by bench/compare.bench.ts with --input and --output.
import syntaxHighlight from '@11ty/eleventy-plugin-syntaxhighlight';

const LAYOUT = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main><article>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date | isoDate }}">{{ page.date | isoDate }}</time></p>
<ul class="tags">{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul>
{{ content | safe }}
</article></main>
</body>
</html>
`;

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(syntaxHighlight);
  // The layout lives here, not in the corpus, so content/ stays the same Markdown for all three engines.
  eleventyConfig.addTemplate('_includes/post.njk', LAYOUT);
  eleventyConfig.addGlobalData('layout', 'post.njk');
  eleventyConfig.addFilter('isoDate', (date) => date.toISOString().slice(0, 10));
}

export const config = {
  // Plain Markdown, as proofpress and Hugo read it: no Liquid pass over the posts (Eleventy's default).
  markdownTemplateEngine: false,
  htmlTemplateEngine: 'njk',
};
