// JSON as Python's json.dumps prints it by default (`{"a": 1, "b": [1, 2]}`), which is how Ansible's
// one-line results look. `itemSeparator: ','` gives dumps(indent=0) with its newlines removed (the
// oneline callback's `{"a": 1,"b": 2}`).
export function pyJsonLine(value: unknown, itemSeparator = ', '): string {
  const line = (v: unknown) => pyJsonLine(v, itemSeparator)
  if (Array.isArray(value)) return `[${value.map(line).join(itemSeparator)}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${line(v)}`).join(itemSeparator)}}`
  }
  return JSON.stringify(value) ?? 'null'
}
