// One generated post: front matter every engine reads (title, date, tags), then headings, prose, lists, links and 2–3 code blocks.
import { type CodeLanguage, codeBlock } from './corpus-code.ts';
import { createRandom, type Random } from './corpus-random.ts';

/** A post's file name and Markdown text. */
export interface CorpusPost {
  /** `post-0042-merge-reports.md`: unique, and the slug every engine derives from it. */
  file: string;
  text: string;
}

const WORDS = (
  'the a system build page cache server request file value data example result error test code function module ' +
  'version release change deploy config option output input stream queue worker thread process memory disk network ' +
  'latency time simple fast small large first last next every each other same new old good better quick careful ' +
  'read write run check start stop keep move send take make find show use need try add remove update fix ' +
  'and or but then so because when while after before with without into from over under about across'
).split(' ');
const TAGS = ['python', 'bash', 'typescript', 'web', 'testing', 'deploy', 'databases', 'performance', 'security', 'tools', 'linux', 'notes'] as const;
const LANGUAGES: readonly CodeLanguage[] = ['python', 'bash', 'ts'];
const FIRST_DAY = Date.UTC(2005, 0, 1);

/** Post `index` (0-based): the same text for the same index, whatever the corpus size. */
export function corpusPost(index: number): CorpusPost {
  const random = createRandom(index + 1);
  const number = String(index + 1).padStart(4, '0');
  const topic = [random.pick(WORDS), random.pick(WORDS)];
  const date = new Date(FIRST_DAY + index * 86_400_000).toISOString().slice(0, 10); // one a day: 4,000 posts end in 2015, none in the future
  const tags = random.sample(TAGS, random.int(1, 3));
  const blocks = random.sample(LANGUAGES, random.int(2, 3));
  const sections = [paragraph(random, 4, true)];
  for (let section = 0; section < 4; section++) {
    sections.push(`## ${capitalise(words(random, 3, 6))} ${number}.${section + 1}`, paragraph(random, 5, section % 2 === 0));
    if (section === 1) sections.push(list(random, '-'), `### ${capitalise(words(random, 2, 4))}`, paragraph(random, 3, false));
    if (section === 2) sections.push(list(random, '1.'));
    const language = blocks[section];
    if (language) sections.push(codeBlock(language, { post: index + 1, block: section + 1, random }), paragraph(random, 2, false));
  }
  const frontMatter = ['---', `title: "Post ${number}: ${capitalise(topic.join(' '))}"`, `date: ${date}`, `tags: [${tags.join(', ')}]`, '---'];
  return { file: `post-${number}-${topic.join('-')}.md`, text: `${frontMatter.join('\n')}\n\n${sections.join('\n\n')}\n` };
}

function paragraph(random: Random, sentences: number, withLink: boolean): string {
  const text = Array.from({ length: sentences + random.int(0, 2) }, () => `${capitalise(words(random, 8, 18))}.`);
  const at = random.int(0, text.length - 1);
  if (withLink) text[at] = `${text[at]} See [${words(random, 2, 3)}](https://example.org/${random.pick(WORDS)}/${random.int(1, 999)}) for **${random.pick(WORDS)}**.`;
  else text[at] = `${text[at]} It uses \`${random.pick(WORDS)}_${random.int(1, 99)}\` and *${random.pick(WORDS)}*.`;
  return text.join(' ');
}

function list(random: Random, marker: string): string {
  return Array.from({ length: random.int(3, 5) }, () => `${marker} ${capitalise(words(random, 4, 10))}, with <https://example.com/${random.int(1, 9999)}>`).join('\n');
}

function words(random: Random, min: number, max: number): string {
  return Array.from({ length: random.int(min, max) }, () => random.pick(WORDS)).join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
