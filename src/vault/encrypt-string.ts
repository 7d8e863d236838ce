// `encrypt_string` output, formatted exactly as ansible-vault's format_ciphertext_yaml: an optional
// `name: ` then `!vault |` and the envelope indented by 10 spaces; several values are joined by '\n'
// with a `# The encrypted version of ...` note per value on stderr.

export interface StringInput {
  plaintext: Buffer
  from: 'stdin' | 'the command line args' | 'the interactive prompt'
  name?: string
}

export function formatVaultYaml(envelope: string, name?: string): string {
  const lines = [`${name ? `${name}: ` : ''}!vault |`]
  for (const line of envelope.split('\n')) if (line !== '') lines.push(`${' '.repeat(10)}${line}`)
  return lines.join('\n')
}

/** Pairs positional strings with --name values in order; extra strings get no name (as ansible). */
export function nameArgs(args: string[], names: string[]): Array<{ name?: string; text: string }> {
  return args.map((text, i) => ({ text, name: names[i] }))
}

/** The stderr note ansible prints before each of several values (never the plaintext). */
export function delimiterNote(input: StringInput, index: number): string {
  const n = index + 1
  return input.name
    ? `# The encrypted version of variable ("${input.name}", the string #${n} from ${input.from}).\n`
    : `# The encrypted version of the string #${n} from ${input.from}.)\n`
}
