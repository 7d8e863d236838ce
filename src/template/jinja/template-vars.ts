// The variables Ansible adds when it renders a template file (template module, template lookup):
// generate_ansible_template_vars.
import { readFileSync, statSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { PyDateTime } from './datetime.js'
import { strftime } from './strftime.js'

/** Ansible's default `ansible_managed` string (DEFAULT_MANAGED_STR). */
export const MANAGED_STR = 'Ansible managed'

function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':')
      if (Number(f[2]) === uid) return f[0]
    }
  } catch {
    // no passwd file: the number
  }
  return String(uid)
}

/** template_host, template_path, template_fullpath, template_mtime, template_uid, template_run_date, template_destpath, ansible_managed. */
export function templateVars(path: string, fullpath?: string, destPath?: string, managed = MANAGED_STR): Record<string, unknown> {
  const full = fullpath ?? resolve(path)
  const st = statSync(full)
  const host = hostname()
  const uid = userName(st.uid)
  const managedStr = managed.replace(/\{(host|uid|file)\}/g, (_m, k: string) => (k === 'host' ? host : k === 'uid' ? uid : path))
  return {
    template_host: host,
    template_path: path,
    template_mtime: new PyDateTime(st.mtime, false),
    template_uid: uid,
    template_run_date: new PyDateTime(new Date(), false),
    template_destpath: destPath ?? null,
    template_fullpath: full,
    ansible_managed: strftime(managedStr, st.mtime, false),
  }
}
