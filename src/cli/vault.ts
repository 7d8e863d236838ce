// `tsplay vault ACTION`: ansible-vault's actions and flags, on files ansible-vault reads and writes.
import { spawnSync } from 'node:child_process'
import type { OptionSpec, ParsedArgs } from './args.js'
import { defineCommand } from './command.js'
import { UsageError } from '../errors.js'
import { suggestion } from '../util/did-you-mean.js'
import { createFile, decryptFiles, editFiles, encryptFiles, encryptStrings, rekeyFiles, viewFiles, type VaultIO } from '../vault/actions.js'
import { VAULT_OPTIONS, secretSourcesFromOptions } from './vault-options.js'
import { VaultKeyring } from '../vault/keyring.js'
import { promptOnTerminal } from '../vault/prompt.js'
import { loadVaultSecrets } from '../vault/secrets.js'

const options: OptionSpec[] = [
  ...VAULT_OPTIONS,
  { name: 'encrypt-vault-id', kind: 'string', valueName: 'LABEL', help: 'the vault id to encrypt with (required when several are given)' },
  { name: 'new-vault-id', kind: 'string', valueName: 'LABEL@SOURCE', help: 'rekey: the new vault identity' },
  { name: 'new-vault-password-file', kind: 'string', valueName: 'FILE', help: 'rekey: the new vault password file' },
  { name: 'output', kind: 'string', valueName: 'FILE', help: 'encrypt, decrypt, encrypt_string: write here instead (- for stdout)' },
  { name: 'name', short: 'n', kind: 'list', valueName: 'VAR', help: 'encrypt_string: the variable name of each string, in order' },
  { name: 'stdin-name', kind: 'string', valueName: 'VAR', help: 'encrypt_string: the variable name for the string read from stdin' },
  { name: 'prompt', short: 'p', kind: 'boolean', help: 'encrypt_string: prompt for the string to encrypt' },
  { name: 'show-input', kind: 'boolean', help: 'encrypt_string: echo the string typed at the prompt' },
  { name: 'verbose', short: 'v', kind: 'count', help: 'accepted for ansible-vault compatibility' },
]

const common = [...VAULT_OPTIONS.map((spec) => spec.name), 'verbose']
const allowed = {
  create: [...common, 'encrypt-vault-id'],
  decrypt: [...common, 'output'],
  edit: [...common, 'encrypt-vault-id'],
  view: common,
  encrypt: [...common, 'output', 'encrypt-vault-id'],
  encrypt_string: [...common, 'output', 'encrypt-vault-id', 'name', 'stdin-name', 'prompt', 'show-input'],
  rekey: [...common, 'encrypt-vault-id', 'new-vault-id', 'new-vault-password-file'],
} satisfies Record<string, string[]>
type Action = keyof typeof allowed

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [])

function processIO(): VaultIO {
  return {
    async readStdin() {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    prompt: promptOnTerminal,
    env: process.env,
    page(text) {
      // like ansible-vault view: $PAGER, else less (-FRSX: quit if one screen, keep the screen clean)
      const pager = process.env.PAGER || 'less'
      const env = { ...process.env, LESS: process.env.LESS ?? 'FRSX' }
      const result = spawnSync('/bin/sh', ['-c', pager], { input: text, stdio: ['pipe', 'inherit', 'inherit'], env })
      if (result.error || result.status === 127) process.stdout.write(text)
    },
  }
}

function validate(action: string | undefined, args: ParsedArgs): Action {
  if (action === undefined) throw new UsageError('missing action', `one of: ${Object.keys(allowed).join(', ')}`)
  if (!(action in allowed)) {
    // echo the word only when it is close to an action: otherwise it may be a secret meant for encrypt_string
    const close = suggestion(action, Object.keys(allowed))
    if (close) throw new UsageError(`unknown vault action '${action}'`, close)
    throw new UsageError('unknown vault action', `the first word must be one of: ${Object.keys(allowed).join(', ')}`)
  }
  const ok: string[] = allowed[action as Action]
  for (const [name, value] of Object.entries(args.options)) {
    if (value !== undefined && !ok.includes(name)) throw new UsageError(`option --${name} is not valid for 'tsplay vault ${action}'`)
  }
  const files = args.positionals.slice(1)
  if (args.options.output !== undefined && files.length > 1) throw new UsageError('at most one input file may be used with the --output option')
  if (args.options['new-vault-id'] !== undefined && args.options['new-vault-password-file'] !== undefined) {
    throw new UsageError('--new-vault-id and --new-vault-password-file cannot be used together')
  }
  if (action === 'create' && files.length !== 1) throw new UsageError("'tsplay vault create' takes exactly one file name")
  if (['view', 'edit', 'rekey'].includes(action) && files.length === 0) throw new UsageError(`'tsplay vault ${action}' needs at least one file`)
  return action as Action
}

/** The verb's logic with its I/O passed in, so tests can drive it without a terminal. */
export async function runVault(args: ParsedArgs, io: VaultIO): Promise<number> {
  const action = validate(args.positionals[0], args)
  const files = args.positionals.slice(1)
  const o = args.options
  const writes = action === 'encrypt' || action === 'encrypt_string' || action === 'create'
  const secrets = await loadVaultSecrets(secretSourcesFromOptions(o, { autoPrompt: true, confirm: writes, prompt: io.prompt }))
  const keyring = new VaultKeyring(secrets)
  const encryptVaultId = str(o['encrypt-vault-id'])
  const output = str(o.output)
  const done = (what: string): void => {
    if (io.stdoutIsTTY) io.stderr(`${what} successful\n`)
  }

  switch (action) {
    case 'encrypt':
      if (files.length === 0 && io.stdinIsTTY) io.stderr('Reading plaintext input from stdin\n')
      await encryptFiles(files.length ? files : ['-'], output, keyring, encryptVaultId, io)
      done('Encryption')
      return 0
    case 'decrypt':
      if (files.length === 0 && io.stdinIsTTY) io.stderr('Reading ciphertext input from stdin\n')
      await decryptFiles(files.length ? files : ['-'], output, keyring, io)
      done('Decryption')
      return 0
    case 'view':
      await viewFiles(files, keyring, io)
      return 0
    case 'create':
      createFile(files[0], keyring, encryptVaultId, io)
      return 0
    case 'edit':
      editFiles(files, keyring, io)
      return 0
    case 'rekey': {
      const newSecrets = await loadVaultSecrets({
        vaultIds: str(o['new-vault-id']) ? [str(o['new-vault-id'])!] : [],
        passwordFiles: str(o['new-vault-password-file']) ? [str(o['new-vault-password-file'])!] : [],
        autoPrompt: true,
        confirm: true,
        prompt: io.prompt,
      })
      await rekeyFiles(files, keyring, new VaultKeyring(newSecrets), encryptVaultId)
      io.stderr('Rekey successful\n')
      return 0
    }
    case 'encrypt_string':
      await encryptStrings(
        { args: files, names: list(o.name), stdinName: str(o['stdin-name']), prompt: o.prompt === true, showInput: o['show-input'] === true, output, encryptVaultId },
        keyring,
        io,
      )
      done('Encryption')
      return 0
  }
}

export default defineCommand({
  name: 'vault',
  summary: 'create, encrypt, decrypt, view, edit, rekey ansible-vault files; encrypt_string for inline !vault values',
  usage: 'tsplay vault create|encrypt|decrypt|view|edit|rekey|encrypt_string [FILE|STRING...] [options]',
  options,
  run: (args) => runVault(args, processIO()),
})
