// vars_prompt: a play's questions, asked once before it runs (as Ansible's PlaybookExecutor does), unless
// an extra var (-e) already answers them. An empty answer takes the default; `confirm` asks twice;
// `encrypt` hashes the answer with the password_hash filter; `unsafe` keeps it from being templated.
import { ConfigError } from '../errors.js'
import type { Play, Vars, VarPrompt } from '../playbook/model.js'
import { evaluate, UnsafeText } from '../template/index.js'
import { looseBoolean } from '../util/boolean.js'

/** Shows `message` and reads one line (without echo when hidden); undefined at the end of input. */
export type Prompter = (message: string, hidden: boolean) => Promise<string | undefined>

const MAX_CONFIRM_TRIES = 3

export async function promptedVars(play: Play, extraVars: Vars, ask: Prompter | undefined, addSecret?: (secret: string) => void): Promise<Vars> {
  const answers: Vars = {}
  for (const q of play.vars_prompt ?? []) {
    if (q.name in extraVars) continue
    const answer = await answerOf(q, ask, play)
    // typed unseen, so never shown in output either (a default is the playbook's own text)
    if (looseBoolean(q.private ?? true) && answer && answer !== String(q.default ?? '')) addSecret?.(answer)
    answers[q.name] = q.encrypt ? hashed(answer, q) : looseBoolean(q.unsafe ?? false) ? new UnsafeText(answer) : answer
  }
  return answers
}

async function answerOf(q: VarPrompt, ask: Prompter | undefined, play: Play): Promise<string> {
  const fallback = q.default === undefined || q.default === null ? undefined : String(q.default)
  // Ansible's wording: "Prompt [default]: ", "Prompt: ", or "input for NAME: " without a prompt
  const question = q.prompt ? `${q.prompt}${fallback !== undefined ? ` [${fallback}]` : ''}: ` : `input for ${q.name}: `
  const hidden = looseBoolean(q.private ?? true)
  const read = async (message: string) => {
    const line = ask ? await ask(message, hidden) : undefined
    if (line === undefined && fallback === undefined) {
      throw new ConfigError(`vars_prompt '${q.name}' got no answer (no terminal, or the end of input) and has no default`, play.keyPos.vars_prompt ?? play.pos, `answer it with -e ${q.name}=VALUE`)
    }
    return line ? line : (fallback ?? '')
  }
  for (let tries = 0; ; tries++) {
    const first = await read(question)
    if (!looseBoolean(q.confirm ?? false)) return first
    if ((await read(`confirm ${question}`)) === first) return first
    if (tries + 1 >= MAX_CONFIRM_TRIES) throw new ConfigError(`vars_prompt '${q.name}': the values entered did not match`, play.keyPos.vars_prompt ?? play.pos)
  }
}

function hashed(answer: string, q: VarPrompt): string {
  const args = { v: answer, t: q.encrypt, salt: q.salt ?? null, size: q.salt_size ?? null }
  return String(evaluate('{{ v | password_hash(t, salt, size) }}', args))
}
