// Runs the system tools a lab is made of (ip, mount, ssh-keygen …) and turns failures into LabError.
import { execFile } from 'node:child_process'
import { LabError } from '../errors.js'

export interface ExecResult {
  stdout: string
  stderr: string
}

export function exec(file: string, args: string[], input?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim() || error.message
        reject(new LabError(`${file} ${args.join(' ')} failed: ${detail}`))
      } else resolve({ stdout: String(stdout), stderr: String(stderr) })
    })
    child.stdin?.on('error', () => {}) // a tool that exits without reading stdin is not an error here
    child.stdin?.end(input ?? '')
  })
}

/** Like exec, but a failure is returned instead of thrown (for teardown, where things may be gone). */
export async function tryExec(file: string, args: string[], input?: string): Promise<boolean> {
  try {
    await exec(file, args, input)
    return true
  } catch {
    return false
  }
}
