// python: the host's Python, when it has one, as Ansible's python collector describes the interpreter
// that ran its module. tsplay needs no Python on the host; content that runs `{{ ansible_python.executable }}`
// gets /usr/bin/python3 (where Ansible's interpreter discovery lands), else python3 or python on PATH. A host without Python has no ansible_python, as Ansible without
// a module could not say either. Costs one process, only on hosts that have a Python.
import { defineCollector } from '../collector.js'
import type { Raw } from '../raw.js'

const SCRIPT =
  'import sys,json,ssl;' +
  'print(json.dumps([sys.executable,list(sys.version_info),sys.implementation.name,hasattr(ssl,"SSLContext")]))'

/** The step both the python and the platform collector (python_version) read; the script runs it once. */
export const PYTHON_STEP: [string, string] = ['python', `{ p=/usr/bin/python3; [ -x $p ] || p=$(command -v python3 || command -v python); } && "$p" -c '${SCRIPT}' 2>/dev/null`]

type Described = [executable: string, info: [number, number, number, string, number], type: string, hasSslContext: boolean]

function described(raw: Raw): Described | undefined {
  const out = raw.sections.get('python')?.trim()
  if (!out) return undefined
  try {
    return JSON.parse(out) as Described
  } catch {
    return undefined
  }
}

/** platform.python_version(), when the host has a Python. */
export function pythonVersion(raw: Raw): string | undefined {
  const d = described(raw)
  return d && d[1].slice(0, 3).join('.')
}

export const python = defineCollector({
  name: 'python',
  probe: () => ({ steps: [PYTHON_STEP] }),
  collect(raw) {
    const d = described(raw)
    if (!d) return {}
    const [executable, info, type, hasSslContext] = d
    const [major, minor, micro, releaselevel, serial] = info
    return { python: { executable, has_sslcontext: hasSslContext, type, version: { major, minor, micro, releaselevel, serial }, version_info: info } }
  },
})
