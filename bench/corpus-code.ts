// The fenced code blocks of a generated post: python, bash and ts, each unique (names and numbers carry the post and block).
import type { Random } from './corpus-random.ts';

/** A code block's language as written after the fence. */
export type CodeLanguage = 'python' | 'bash' | 'ts';

const NOUNS = ['order', 'invoice', 'user', 'report', 'session', 'record', 'metric', 'ticket', 'upload', 'event'] as const;
const VERBS = ['load', 'parse', 'count', 'merge', 'check', 'render', 'collect', 'filter', 'export', 'sync'] as const;

/** A fenced block in `language` whose identifiers and constants are unique to `post` and `block`. */
export function codeBlock(language: CodeLanguage, { post, block, random }: { post: number; block: number; random: Random }): string {
  const noun = random.pick(NOUNS);
  const verb = random.pick(VERBS);
  const name = `${verb}_${noun}s_${post}_${block}`;
  const limit = random.int(2, 500) + post;
  const body = language === 'python' ? python(name, noun, limit, random) : language === 'bash' ? bash(name, noun, limit, random) : typescript(name, noun, limit, random);
  return ['```' + language, ...body, '```'].join('\n');
}

function python(name: string, noun: string, limit: number, random: Random): string[] {
  const field = random.pick(['total', 'size', 'age', 'score', 'weight']);
  return [
    'import json',
    'from pathlib import Path',
    '',
    '',
    `def ${name}(path: Path, limit: int = ${limit}) -> dict:`,
    `    """Read ${noun}s from a JSON lines file and sum their ${field} (at most ${limit})."""`,
    `    totals = {"count": 0, "${field}": 0}`,
    '    with path.open() as handle:',
    '        for number, line in enumerate(handle):',
    '            if number >= limit:',
    '                break',
    `            ${noun} = json.loads(line)`,
    `            totals["count"] += 1`,
    `            totals["${field}"] += ${noun}.get("${field}", ${random.int(0, 9)})`,
    '    return totals',
    '',
    '',
    'if __name__ == "__main__":',
    `    print(${name}(Path("${noun}s.jsonl")))`,
  ];
}

function bash(name: string, noun: string, limit: number, random: Random): string[] {
  const dir = random.pick(['/var/log', '/srv/data', '/tmp/work', '/opt/app']);
  return [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    '',
    `${name}() {`,
    `  local dir="\${1:-${dir}}"`,
    `  find "$dir" -name '*.${noun}' -mtime -${random.int(1, 30)} -print0 \\`,
    `    | xargs -0 grep -c "${noun.toUpperCase()}" \\`,
    `    | sort -t: -k2 -n -r | head -n ${limit}`,
    '}',
    '',
    `for host in ${Array.from({ length: random.int(2, 4) }, (_, i) => `node${i + 1}`).join(' ')}; do`,
    `  echo "== $host"`,
    `  ssh "$host" "$(declare -f ${name}); ${name}" || echo "skipped $host" >&2`,
    'done',
  ];
}

function typescript(name: string, noun: string, limit: number, random: Random): string[] {
  const type = noun[0]!.toUpperCase() + noun.slice(1);
  const camel = name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
  return [
    `interface ${type} {`,
    '  id: string;',
    '  createdAt: Date;',
    `  amount: number;`,
    '}',
    '',
    `export async function ${camel}(items: AsyncIterable<${type}>, limit = ${limit}): Promise<Map<string, number>> {`,
    '  const sums = new Map<string, number>();',
    '  let seen = 0;',
    '  for await (const item of items) {',
    '    if (++seen > limit) break;',
    `    const key = item.createdAt.toISOString().slice(0, ${random.pick([7, 10])});`,
    `    sums.set(key, (sums.get(key) ?? 0) + item.amount * ${random.int(1, 9)});`,
    '  }',
    '  return sums;',
    '}',
  ];
}
