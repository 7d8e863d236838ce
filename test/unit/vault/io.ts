// A VaultIO that records output and answers prompts from a list: the CLI without a terminal.
import type { VaultIO } from '../../../src/vault/actions.js'

export interface FakeIO extends VaultIO {
  out: () => string
  err: () => string
  prompts: string[]
}

export function fakeIO(options: { stdin?: string; answers?: string[]; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): FakeIO {
  const out: Buffer[] = []
  let err = ''
  const answers = [...(options.answers ?? [])]
  const prompts: string[] = []
  return {
    readStdin: async () => Buffer.from(options.stdin ?? '', 'utf8'),
    stdout: (data) => void out.push(Buffer.from(data)),
    stderr: (text) => void (err += text),
    stdinIsTTY: false,
    stdoutIsTTY: options.tty ?? false,
    prompt: async (question) => {
      prompts.push(question)
      const answer = answers.shift()
      if (answer === undefined) throw new Error(`unexpected prompt: ${question}`)
      return answer
    },
    env: options.env ?? { PATH: process.env.PATH },
    out: () => Buffer.concat(out).toString('utf8'),
    err: () => err,
    prompts,
  }
}
