// The end of a file task: the planned sh lines run in one round trip that reads the path's info again,
// and the result as Ansible's file module gives it (path or dest, src, the diff dict, the path info).
// Also _diff_peek, which Ansible's copy and template actions ask of the file module.
import { quote } from '../../util/shell-quote.js'
import type { Diff, ModuleContext, TaskResult } from '../types.js'
import { attrText } from './attrs.js'
import { PATH_INFO_SH, pathInfoRecord } from './path-info.js'
import { changed, ok } from './result.js'
import { runSnippet, type Fields } from './snippet.js'

/** What of the task's arguments shapes its result. */
export interface ResultArgs {
  state?: string
  src?: string
}

/** The path info of a result nothing reads (ModuleContext.resultRead false): the path is not read again. */
export const UNREAD: Fields = Object.freeze({})

/** Ansible's result: the path (dest for links and touch), src for links, the diff dict, and the path info. */
function resultData(p: string, a: ResultArgs, info: Fields | undefined, before: Record<string, unknown>, after: Record<string, unknown>, changedNow: boolean): Record<string, unknown> {
  const key = a.state === 'link' || a.state === 'hard' || a.state === 'touch' ? 'dest' : 'path'
  const data: Record<string, unknown> = { [key]: p }
  if (a.state === 'link' || a.state === 'hard') data.src = a.src
  if (changedNow || a.state !== 'absent') data.diff = { before: { path: p, ...diffSide(before, after.state) }, after: { path: p, ...diffSide(after, before.state) } }
  return info === UNREAD ? data : { ...data, ...pathInfoRecord(info) }
}

// a diff side as Ansible gives it: the state only when it changes
function diffSide(side: Record<string, unknown>, otherState: unknown): Record<string, unknown> {
  const { state, ...rest } = side
  return state === otherState ? rest : { state, ...rest }
}

/** _diff_peek: whether the file looks binary; an unreadable file is taken as text. */
export async function diffPeek(ctx: ModuleContext, p: string, qp: string): Promise<TaskResult> {
  const r = await runSnippet(ctx, `${PATH_INFO_SH}\nif [ -r ${qp} ] && [ -f ${qp} ] && [ "$(head -c 8192 -- ${qp} | tr -d '\\000' | wc -c)" != "$(head -c 8192 -- ${qp} | wc -c)" ]; then echo '__TSPLAY__ id=peek binary=1'; fi\ntp_pinfo ${qp}`)
  return ok(undefined, { path: p, appears_binary: r.byId.peek?.binary === '1', ...pathInfoRecord(r.byId.info) })
}

export async function finish(ctx: ModuleContext, p: string, cmds: string[], before: Record<string, unknown>, after: Record<string, unknown>, a: ResultArgs, info: Fields | undefined): Promise<TaskResult> {
  if (cmds.length === 0) return ok(undefined, resultData(p, a, info, before, after, false))
  if (ctx.check) return report(ctx, p, before, after, a, info)
  const read = ctx.resultRead !== false // else the path is not read again
  const r = await runSnippet(ctx, [...cmds, ...(read ? [PATH_INFO_SH, `tp_pinfo ${quote(p)}`] : [])].join('\n'))
  return report(ctx, p, before, after, a, read ? r.byId.info : UNREAD)
}

export function report(ctx: ModuleContext, p: string, before: Record<string, unknown>, after: Record<string, unknown>, a: ResultArgs, info: Fields | undefined): TaskResult {
  const text = (side: Record<string, unknown>) => attrText(Object.fromEntries(Object.entries(side).filter(([, v]) => typeof v !== 'object')) as Record<string, string | number>)
  const diff: Diff[] = ctx.diff ? [{ path: p, before: text(before), after: text(after) }] : []
  return changed(`${p}: ${before.state === after.state ? 'attributes changed' : `${before.state} -> ${after.state}`}`, resultData(p, a, info, before, after, true), diff)
}

/** find's D/F lines as Ansible's path_content: the directories and files under a directory about to go. */
export function pathContent(listing: string): { directories: string[]; files: string[] } {
  const out = { directories: [] as string[], files: [] as string[] }
  for (const line of listing.split('\n')) if (line) (line[0] === 'D' ? out.directories : out.files).push(line.slice(1))
  return out
}
