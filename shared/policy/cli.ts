/**
 * The reviewers' command line: `npm run -s policy -- <command>`.
 *   export [pack…]                       every pack (or the named ones), resolved, as JSON
 *   deadline <pack> <rule> <date> [--filed <date>] [--calendar <file.json>]… [--json]
 *                                        the due date of a rule for an event on <date>
 *   rules                                the rule paths `deadline` accepts
 *   for-division <code>                  the pack that governs a GB/T 2260 division code
 * Dates are Asia/Shanghai, `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. Exit codes: 0 answered, 2 usage,
 * 3 the pack does not set the rule (not even by inheritance).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import i18next from 'i18next';
import enPolicy from '#locales/en/policy.json' with { type: 'json' };
import { chineseWorkingCalendar, officialYearCalendar } from './calendar.ts';
import { formatShanghai, parseShanghaiInstant, shanghaiDate } from './civil-time.ts';
import { deadlineFor, isRulePath, RULE_PATHS, type Deadline } from './deadlines.ts';
import { describeTimeRule, type Translate } from './explain.ts';
import { policyPacks } from './registry.ts';
import { PACK_IDS, type PackId } from './schema.ts';
import { SOURCES } from './sources.ts';

export const EXIT = { ok: 0, usage: 2, notSet: 3 } as const;

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `usage: policy export [pack…]
       policy deadline <pack> <rule> <YYYY-MM-DD[THH:mm]> [--filed <date>] [--calendar <file.json>]… [--json]
       policy rules
       policy for-division <code>
packs: ${PACK_IDS.join(', ')}`;

const isPackId = (id: string): id is PackId => (PACK_IDS as readonly string[]).includes(id);

/** Rules are worded by the same explainer the portal uses, in English for the terminal. */
const english = i18next.createInstance();
void english.init({ initAsync: false, lng: 'en', resources: { en: { policy: enPolicy } }, interpolation: { escapeValue: false } });
const inEnglish: Translate = (key, values) => english.t(key, values ?? {});

function printDeadline(deadline: Deadline, io: Output) {
  const { rule } = deadline;
  const hourly =
    (rule.kind === 'after' && rule.within.unit === 'hours') || (rule.kind === 'before' && rule.atLeast.unit === 'hours');
  io.out(hourly ? formatShanghai(deadline.due) : deadline.lastDay);
  io.out(`rule: ${describeTimeRule(deadline.rule, inEnglish)}`);
  io.out(`ends: ${hourly ? formatShanghai(deadline.due) : `${deadline.lastDay} 24:00`} Asia/Shanghai`);
  if (deadline.rolledFrom) io.out(`moved from: ${deadline.rolledFrom} (a rest day) to the next working day`);
  if (deadline.opens) io.out(`opens: ${formatShanghai(deadline.opens)} Asia/Shanghai`);
  if (deadline.assumedWeekendsOnly.length > 0) {
    io.out(`calendar: no holiday data for ${deadline.assumedWeekendsOnly.join(', ')}; assumed weekends only`);
  }
  if (deadline.filing) io.out(`filed: ${deadline.filing}`);
  const { source, article, quote } = deadline.citation;
  io.out(`citation: ${SOURCES[source].title} ${article} 「${quote}」`);
}

function deadlineCommand(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { filed: { type: 'string' }, calendar: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  });
  const [packId, path, date] = positionals;
  if (!packId || !path || !date || positionals.length > 3) return usage(io);
  if (!isPackId(packId)) return usage(io, `unknown pack: ${packId}`);
  if (!isRulePath(path)) return usage(io, `unknown rule: ${path} (see: policy rules)`);
  const event = parseShanghaiInstant(date);
  if (!event) return usage(io, `not a date: ${date}`);
  const filedAt = values.filed === undefined ? undefined : parseShanghaiInstant(values.filed);
  if (values.filed !== undefined && !filedAt) return usage(io, `not a date: ${values.filed}`);
  const official = (values.calendar ?? []).map((file) => officialYearCalendar.parse(JSON.parse(readFileSync(file, 'utf8'))));
  const calendar = chineseWorkingCalendar.withOfficialYears(...official);
  const deadline = deadlineFor(policyPacks().byId.get(packId)!, path, event, { calendar, ...(filedAt ? { filedAt } : {}) });
  if (!deadline) {
    io.out('not set');
    return EXIT.notSet;
  }
  if (values.json) {
    io.out(JSON.stringify({ ...deadline, eventDate: shanghaiDate(deadline.event) }, null, 2));
  } else {
    printDeadline(deadline, io);
  }
  return EXIT.ok;
}

function usage(io: Output, problem?: string): number {
  if (problem) io.err(problem);
  io.err(USAGE);
  return EXIT.usage;
}

export function runPolicyCli(args: string[], io: Output): number {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'export': {
        const unknown = rest.filter((id) => !isPackId(id));
        if (unknown.length > 0) return usage(io, `unknown pack: ${unknown.join(', ')}`);
        const ids = rest.length > 0 ? (rest as PackId[]) : [...PACK_IDS];
        io.out(JSON.stringify(ids.map((id) => policyPacks().byId.get(id)), null, 2));
        return EXIT.ok;
      }
      case 'deadline':
        return deadlineCommand(rest, io);
      case 'rules':
        RULE_PATHS.forEach((path) => io.out(path));
        return EXIT.ok;
      case 'for-division': {
        const [code] = rest;
        if (!code || !/^\d{2,12}$/.test(code)) return usage(io, 'a division code has 2 to 12 digits');
        io.out(policyPacks().forDivision(code).id);
        return EXIT.ok;
      }
      default:
        return usage(io, command ? `unknown command: ${command}` : undefined);
    }
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return EXIT.usage;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Piped into `head`, the reader may close early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.exitCode = runPolicyCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
