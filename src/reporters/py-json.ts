// JSON as Python's json.dumps prints it by default (`{"a": 1, "b": [1, 2]}`), which is how Ansible's
// one-line results look.
export function pyJsonLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJsonLine).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyJsonLine(v)}`).join(', ')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
