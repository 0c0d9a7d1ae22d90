// Stage 5a: compare what an example produced with what its post says it produces. Pure: no I/O.
// Every check made is also described in words (`checked`), for the page: "verified" says what was verified.
import { diffLines } from 'diff';
import type { Example } from '../examples/extract.ts';
import { parseConsoleSession } from '../examples/console-session.ts';
import type { HttpExchangeSpec } from '../examples/http-exchanges.ts';
import type { CommandRecord, ExchangeRecord, HttpCapture, RunRecord } from '../runners/types.ts';
import { hasWildcards, matchesJson, matchesOutput, parseJson } from './match-output.ts';

/** The result of the checks on one run. */
export interface Verdict {
  ok: boolean;
  failures: string[];
  diff?: string;
  /** Each check that was made, in words (`GET / → 200`, `exit status 0`). */
  checked: string[];
}

/** Collects failures, diffs and descriptions of the checks as they are made. */
class Checks {
  readonly failures: string[] = [];
  readonly diffs: string[] = [];
  readonly checked: string[] = [];
  check(description: string, ok: boolean, failure: string, diff?: string): void {
    this.checked.push(description);
    if (ok) return;
    this.failures.push(failure);
    if (diff !== undefined) this.diffs.push(diff);
  }
  verdict(): Verdict {
    const diff = this.diffs.length <= 1 ? this.diffs[0] : this.diffs.join('\n\n');
    return { ok: this.failures.length === 0, failures: this.failures, diff, checked: this.checked };
  }
}

/** Check a run against everything its post says: status, exchanges, commands, exit status and output; every failed check is listed. */
export function checkRun(example: Example, record: RunRecord): Verdict {
  if (record.error !== undefined) return { ok: false, failures: [record.error], checked: [] };
  const checks = new Checks();
  if (record.commands) checkCommands(example, record.commands, checks);
  const exchanges = record.exchanges ?? (record.http ? [{ line: example.line, request: { method: 'GET', path: example.spec.path, port: 0 }, response: record.http }] : undefined);
  if (exchanges && example.exchanges) exchanges.forEach((exchange, i) => checkExchange(example.exchanges![i]!, exchange, checks));
  else if (exchanges) checkDefaultRequest(example, exchanges[0]!, checks);
  else if (!record.commands) checkProgram(example, record, checks);
  return checks.verdict();
}

// The default request: `GET path`, its status (status=, 200), `expect=` and the output block against the body.
function checkDefaultRequest(example: Example, exchange: ExchangeRecord, checks: Checks): void {
  const { spec } = example;
  const request = `${exchange.request.method} ${exchange.request.path}`;
  if (!exchange.response) {
    checks.check(request, false, exchange.error ?? `${request}: no response`);
    return;
  }
  const http = exchange.response;
  checks.check(`${request} → ${spec.status}`, http.status === spec.status, `expected HTTP status ${spec.status}, got ${http.statusLine}`);
  checkText(example, { actual: http.body, what: 'HTTP body', checks });
}

function checkProgram(example: Example, record: RunRecord, checks: Checks): void {
  const wanted = example.spec.exitCode ?? 0;
  checks.check(`exit status ${wanted}`, record.exitCode === wanted, `expected exit code ${wanted}, got ${record.exitCode}`);
  if (example.spec.run === 'doctest') {
    checkDoctest(record.stdout ?? '', checks);
    return;
  }
  checkText(example, { actual: record.stdout ?? '', what: 'standard output', checks });
}

// `expect=` (contained) and the output block (matched, with wildcards; ```json as JSON) against `actual`.
function checkText(example: Example, args: { actual: string; what: string; checks: Checks }): void {
  const { actual, what, checks } = args;
  const { expect } = example.spec;
  if (expect !== undefined) {
    checks.check(`${what} contains ${JSON.stringify(expect)}`, actual.includes(expect), `expected the ${what} to contain ${JSON.stringify(expect)}`, actual.includes(expect) ? undefined : lineDiff(expect, actual, { exact: false }));
  }
  const expected = example.expectedOutput;
  if (expected === undefined) return;
  if (example.outputLang === 'json') {
    const want = parseJson(expected);
    const got = parseJson(actual);
    const ok = want !== undefined && got !== undefined && matchesJson(want.value, got.value);
    checks.check(`${what} equals the JSON shown`, ok, want ? `expected the ${what} to be the JSON shown (keys in any order)` : 'the ```json output block is not valid JSON', ok ? undefined : lineDiff(expected, actual));
    return;
  }
  const wildcards = hasWildcards(expected);
  const ok = matchesOutput(expected, actual);
  checks.check(
    `${what} matches the output shown${wildcards ? ' (with wildcards)' : ''}`,
    ok,
    `expected the ${what} to ${wildcards ? 'match' : 'be exactly'} the output block`,
    ok ? undefined : lineDiff(expected, actual),
  );
}

function checkExchange(spec: HttpExchangeSpec, exchange: ExchangeRecord, checks: Checks): void {
  const request = `${spec.request.method} ${spec.request.path}`;
  const where = `${request} (line ${spec.line})`;
  if (!exchange.response) {
    checks.check(request, false, `${where}: ${exchange.error ?? 'no response'}`);
    return;
  }
  const http = exchange.response;
  checks.check(`${request} → ${spec.response.status}`, http.status === spec.response.status, `${where}: expected HTTP status ${spec.response.status}, got ${http.statusLine}`);
  for (const [name, value] of spec.response.headers) {
    const got = headerValues(http, name);
    const ok = got.some((actual) => matchesOutput(value, actual));
    checks.check(`${name}: ${value}`, ok, `${where}: expected the header \`${name}: ${value}\`, got ${got.length ? got.map((v) => `\`${name}: ${v}\``).join(', ') : 'no such header'}`);
  }
  if (spec.response.body === undefined) return;
  const want = parseJson(spec.response.body);
  const got = parseJson(http.body);
  if (want && got) {
    const ok = matchesJson(want.value, got.value);
    checks.check('JSON body as shown', ok, `${where}: expected the JSON body shown (keys in any order)`, ok ? undefined : lineDiff(spec.response.body, http.body));
    return;
  }
  const ok = matchesOutput(spec.response.body, http.body);
  checks.check(`body as shown${hasWildcards(spec.response.body) ? ' (with wildcards)' : ''}`, ok, `${where}: expected the body shown`, ok ? undefined : lineDiff(spec.response.body, http.body));
}

function headerValues(http: HttpCapture, name: string): string[] {
  return http.headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
}

function checkCommands(example: Example, commands: CommandRecord[], checks: Checks): void {
  const blocks = [...example.preceding, { code: example.code, line: example.line }];
  const written = new Map(blocks.flatMap((block) => parseConsoleSession(block.code, { file: example.source, line: block.line })).map((command) => [command.line, command]));
  for (const record of commands) {
    const command = written.get(record.line);
    if (!command) continue;
    const shown = `$ ${record.command.split('\n')[0]}`;
    const where = `\`${shown}\` (line ${record.line})`;
    if (record.replayed) {
      // Checked in its own block; here it only has to bring the session to where this block starts.
      if (!record.server && record.exitCode !== command.exitCode) checks.failures.push(`${where}, an earlier step of this session, exited with status ${record.exitCode ?? record.signal} when replayed`);
      continue;
    }
    if (record.server) {
      checks.check(`${shown}: a server on port ${record.server.port}`, true, '');
      if (command.showsOutput) {
        const ok = matchesOutput(command.expected, record.output, { prefix: true });
        checks.check(`${shown}: its output begins as shown`, ok, `${where}: the server's output does not begin as shown`, ok ? undefined : lineDiff(command.expected, record.output));
      }
      continue;
    }
    const status = record.exitCode ?? (record.signal ? `signal ${record.signal}` : 'none');
    checks.check(`${shown}: exit status ${command.exitCode}`, record.exitCode === command.exitCode, `${where}: expected exit status ${command.exitCode}, got ${status}${command.showsOutput ? '' : `\n${record.output.trimEnd()}`}`.trimEnd());
    if (command.showsOutput) {
      const ok = matchesOutput(command.expected, record.output);
      checks.check(`${shown}: output as shown${hasWildcards(command.expected) ? ' (with wildcards)' : ''}`, ok, `${where}: the output differs from the one shown`, ok ? undefined : lineDiff(command.expected, record.output));
    }
  }
}

// doctest -v ends with "N passed and M failed." (Python ≤ 3.12) or "N passed." (3.13): at least one statement must have run.
function checkDoctest(stdout: string, checks: Checks): void {
  const passed = Number(/(\d+) passed/.exec(stdout)?.[1] ?? 0);
  const tried = (stdout.match(/^Trying:$/gm) ?? []).length;
  checks.check(`${tried} statement${tried === 1 ? '' : 's'} of the session (doctest)`, tried > 0 && passed === tried, tried === 0 ? 'nothing to verify: the session has no `>>> ` statement' : `doctest: ${tried - passed} of ${tried} statements did not show what the post shows`, tried > 0 && passed !== tried ? failedExamples(stdout) : undefined);
}

function failedExamples(stdout: string): string {
  const start = stdout.indexOf('*'.repeat(10));
  return (start === -1 ? stdout : stdout.slice(start)).trimEnd();
}

/**
 * A readable line diff: `- ` lines expected, `+ ` lines actual, `  ` common. For an exact comparison a
 * missing final newline is marked as git does, so texts differing only there still show a difference;
 * an `expect=` fragment has no line structure of its own, so there the final newline is ignored.
 */
export function lineDiff(expected: string, actual: string, options: { exact: boolean } = { exact: true }): string {
  const NO_NEWLINE = '\\ No newline at end of text';
  const mark = (text: string) => {
    if (text === '' || text.endsWith('\n')) return text === '' ? '\n' : text; // empty shows as one empty line
    return options.exact ? `${text}\n${NO_NEWLINE}\n` : `${text}\n`;
  };
  return diffLines(mark(expected), mark(actual))
    .flatMap((part) => {
      const marker = part.added ? '+ ' : part.removed ? '- ' : '  ';
      return part.value.replace(/\n$/, '').split('\n').map((line) => marker + line);
    })
    .join('\n');
}
