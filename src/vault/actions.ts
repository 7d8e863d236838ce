// The `tsplay vault` actions, following ansible-vault's VaultEditor. Every action that writes files
// first computes all results in memory, then replaces files atomically: a wrong password or a tampered
// file among several leaves every file as it was.
import { existsSync, mkdirSync, realpathSync } from 'node:fs'
import { dirname } from 'node:path'
import { UsageError, VaultError } from '../errors.js'
import { delimiterNote, formatVaultYaml, nameArgs, type StringInput } from './encrypt-string.js'
import { editInEditor, modeOf, readFileForVault, writeFileAtomic } from './files.js'
import { DEFAULT_VAULT_ID, isVaultText } from './format.js'
import type { VaultKeyring } from './keyring.js'
import type { PromptFn } from './prompt.js'

export interface VaultIO {
  readStdin(): Promise<Buffer>
  stdout(data: Buffer | string): void
  stderr(text: string): void
  stdinIsTTY: boolean
  stdoutIsTTY: boolean
  prompt: PromptFn
  env: NodeJS.ProcessEnv
  /** Shows text in a pager (used by view on a terminal, so plaintext does not stay in scrollback). */
  page?(text: Buffer): void
}

interface Output {
  target: string // a path or '-' for stdout
  data: Buffer | string
  mode?: number
}

const STDIO = '-'

async function readSource(file: string, io: VaultIO): Promise<Buffer> {
  return file === STDIO ? io.readStdin() : readFileForVault(file)
}

// in place means the real file: a symlinked vault stays a symlink to an updated file
function inPlace(file: string): string {
  if (file === STDIO) return STDIO
  try {
    return realpathSync(file)
  } catch (error) {
    throw new VaultError(`could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

function emit(outputs: Output[], io: VaultIO): void {
  for (const { target, data, mode } of outputs) {
    if (target === STDIO) io.stdout(data)
    else writeFileAtomic(target, data, mode)
  }
}

export async function encryptFiles(files: string[], output: string | undefined, keyring: VaultKeyring, encryptVaultId: string | undefined, io: VaultIO): Promise<void> {
  const secret = keyring.encryptSecret(encryptVaultId)
  const outputs: Output[] = []
  for (const file of files) {
    const plaintext = await readSource(file, io)
    if (isVaultText(plaintext)) throw new VaultError('input is already vault-encrypted', { file: file === STDIO ? 'stdin' : file })
    outputs.push({ target: output ?? inPlace(file), data: keyring.encrypt(plaintext, secret) })
  }
  emit(outputs, io)
}

export async function decryptFiles(files: string[], output: string | undefined, keyring: VaultKeyring, io: VaultIO): Promise<void> {
  const outputs: Output[] = []
  for (const file of files) {
    const text = (await readSource(file, io)).toString('utf8')
    const { plaintext } = keyring.decrypt(text, { file: file === STDIO ? 'stdin' : file })
    outputs.push({ target: output ?? inPlace(file), data: plaintext })
  }
  emit(outputs, io)
}

export async function viewFiles(files: string[], keyring: VaultKeyring, io: VaultIO): Promise<void> {
  const texts = files.map((file) => keyring.decrypt(readFileForVault(file).toString('utf8'), { file }).plaintext)
  if (io.stdoutIsTTY && io.page) io.page(Buffer.concat(texts))
  else for (const text of texts) io.stdout(text)
}

export async function rekeyFiles(files: string[], keyring: VaultKeyring, newKeyring: VaultKeyring, encryptVaultId: string | undefined): Promise<void> {
  const secret = newKeyring.encryptSecret(encryptVaultId)
  const outputs = files.map((file) => {
    const path = inPlace(file)
    const { plaintext } = keyring.decrypt(readFileForVault(path).toString('utf8'), { file })
    return { path, data: newKeyring.encrypt(plaintext, secret), mode: modeOf(path) }
  })
  for (const { path, data, mode } of outputs) writeFileAtomic(path, data, mode)
}

export function createFile(file: string, keyring: VaultKeyring, encryptVaultId: string | undefined, io: VaultIO): void {
  const secret = keyring.encryptSecret(encryptVaultId)
  if (existsSync(file)) throw new UsageError(`${file} exists`, `use 'tsplay vault edit ${file}' instead`)
  const plaintext = editInEditor(Buffer.alloc(0), file, io.env)
  mkdirSync(dirname(file), { recursive: true })
  writeFileAtomic(file, keyring.encrypt(plaintext, secret))
}

export function editFiles(files: string[], keyring: VaultKeyring, io: VaultIO): void {
  for (const file of files) {
    const path = inPlace(file)
    const { plaintext, secret, envelope } = keyring.decrypt(readFileForVault(path).toString('utf8'), { file })
    const edited = editInEditor(plaintext, path, io.env)
    if (edited.equals(plaintext)) continue
    // same password and the same header as before (1.1 stays 1.1), like ansible-vault edit
    const id = envelope.vaultId ?? DEFAULT_VAULT_ID
    writeFileAtomic(path, keyring.encrypt(edited, { ...secret, id }), modeOf(path))
  }
}

export interface EncryptStringRequest {
  args: string[]
  names: string[]
  stdinName?: string
  prompt: boolean
  showInput: boolean
  output?: string
  encryptVaultId?: string
}

export async function encryptStrings(request: EncryptStringRequest, keyring: VaultKeyring, io: VaultIO): Promise<void> {
  const secret = keyring.encryptSecret(request.encryptVaultId)
  // ansible-vault 2.14 also reads stdin for a bare --prompt and then refuses its own combination; the
  // prompt alone is what the user asked for
  const readStdin = request.args.includes(STDIO) || request.stdinName !== undefined || (request.args.length === 0 && !request.prompt)
  if (request.prompt && readStdin) throw new UsageError('the --prompt option is not supported if also reading input from stdin')
  const inputs: StringInput[] = []
  if (request.prompt) {
    const name = await io.prompt('Variable name (enter for no name): ', { echo: true })
    const text = await io.prompt(request.showInput ? 'String to encrypt: ' : 'String to encrypt (hidden): ', { echo: request.showInput })
    if (text === '') throw new UsageError('the plaintext provided from the prompt was empty, not encrypting')
    inputs.push({ plaintext: Buffer.from(text, 'utf8'), from: 'the interactive prompt', name: name || undefined })
  }
  if (readStdin) {
    if (io.stdinIsTTY) io.stderr('Reading plaintext input from stdin. (ctrl-d to end input, twice if your content does not already have a newline)\n')
    const text = await io.readStdin()
    if (text.length === 0) throw new UsageError('stdin was empty, not encrypting')
    inputs.push({ plaintext: text, from: 'stdin', name: request.stdinName })
  }
  const args = request.args.filter((a) => a !== STDIO)
  if (request.names.length > 0 && args.length > request.names.length) {
    io.stderr(`The number of --name options do not match the number of args.\nThe last named variable will be "${request.names.at(-1)}". The rest will not have names.\n`)
  }
  for (const { name, text } of nameArgs(args, request.names)) {
    if (text === '') throw new UsageError('the plaintext provided from the command line args was empty, not encrypting')
    inputs.push({ plaintext: Buffer.from(text, 'utf8'), from: 'the command line args', name })
  }
  const blocks = inputs.map((input, i) => {
    if (inputs.length > 1) io.stderr(delimiterNote(input, i))
    return formatVaultYaml(keyring.encrypt(input.plaintext, secret), input.name)
  })
  // ansible writes no final newline; add one on a terminal so the shell prompt does not follow the block
  const text = blocks.join('\n') + (request.output === undefined && io.stdoutIsTTY ? '\n' : '')
  emit([{ target: request.output ?? STDIO, data: text }], io)
}
