// The minimal Hugo site that builds the corpus: post pages only, code highlighted by Chroma (Hugo's default).

/** hugo.toml: content read from the shared content/ folder; list, taxonomy, feed and sitemap pages turned off. */
export const HUGO_CONFIG = `baseURL = "http://localhost:1313/"
title = "proofpress bench"
languageCode = "en"
contentDir = "../content"
# Post pages only, as the Eleventy site builds: proofpress also writes lists, tag pages, feeds and a search index.
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.highlight]
  codeFences = true
  noClasses = true
`;

/** layouts/_default/single.html: title, date, tags and the rendered Markdown. */
export const HUGO_SINGLE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main><article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<ul class="tags">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>
{{ .Content }}
</article></main>
</body>
</html>
`;
