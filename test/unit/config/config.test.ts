// Ansible's configuration as tsplay reads it: where the file is found, precedence, types, and what is not read.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseIni } from '../../../src/config/ini.js'
import { findConfigFile, loadConfig } from '../../../src/config/load.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-cfg-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ansible.cfg as configparser reads it', () => {
  it('sections, = and :, case-insensitive keys, # and ; comments, inline ; comments, continuations, %%', () => {
    const ini = parseIni('# top\n[defaults]\nForks = 20 ; twenty\nremote_user: deploy\nroles_path = a\n  b\n; gone = 1\nfmt = 50%%\n', 'ansible.cfg')
    const d = ini.get('defaults')!
    expect([d.get('forks')?.value, d.get('remote_user')?.value, d.get('roles_path')?.value, d.get('fmt')?.value, d.has('gone')]).toEqual(['20', 'deploy', 'a\nb', '50%', false])
    expect(d.get('forks')?.line).toBe(3)
  })

  it('a key outside a section is an error with the line', () => {
    expect(() => parseIni('forks = 2\n', '/p/ansible.cfg')).toThrow(/key 'forks' before any \[section\]/)
  })
})

describe('finding and resolving settings', () => {
  const project = join(dir, 'project')
  mkdirSync(project, { mode: 0o755 })
  writeFileSync(
    join(project, 'ansible.cfg'),
    '[defaults]\ninventory = hosts, ../other\nforks = 7\nhost_key_checking = False\nretry_files_enabled = yes\nmystery = 1\n[privilege_escalation]\nbecome = True\n',
  )

  it('./ansible.cfg is found; ANSIBLE_CONFIG wins over it', () => {
    expect(findConfigFile({}, project)).toBe(join(project, 'ansible.cfg'))
    writeFileSync(join(dir, 'elsewhere.cfg'), '[defaults]\nforks = 3\n')
    expect(findConfigFile({ ANSIBLE_CONFIG: join(dir, 'elsewhere.cfg') }, project)).toBe(join(dir, 'elsewhere.cfg'))
  })

  it('types and paths as Ansible converts them: lists of paths relative to the file, booleans, integers', () => {
    const config = loadConfig({}, project)
    expect(config.get('DEFAULT_HOST_LIST')).toEqual([join(project, 'hosts'), join(dir, 'other')])
    expect([config.get('DEFAULT_FORKS'), config.get('HOST_KEY_CHECKING'), config.get('RETRY_FILES_ENABLED'), config.get('DEFAULT_BECOME')]).toEqual([7, false, true, true])
    expect(config.resolve('DEFAULT_FORKS').origin).toBe(join(project, 'ansible.cfg'))
    expect(config.resolve('DEFAULT_TIMEOUT')).toEqual({ value: 10, origin: 'default' })
  })

  it('an ANSIBLE_* variable beats the file', () => {
    const config = loadConfig({ ANSIBLE_FORKS: '9', ANSIBLE_HOST_KEY_CHECKING: 'true' }, project)
    expect(config.resolve('DEFAULT_FORKS')).toEqual({ value: 9, origin: 'env: ANSIBLE_FORKS' })
    expect(config.get('HOST_KEY_CHECKING')).toBe(true)
  })

  it('says what it does not read, with the line: nothing is silently ignored', () => {
    const config = loadConfig({ ANSIBLE_GALAXY_SERVER: 'x', ANSIBLE_FORKS: '2' }, project)
    expect(config.unread()).toEqual([`${join(project, 'ansible.cfg')}:6: [defaults] mystery is not read by tsplay`, 'ANSIBLE_GALAXY_SERVER is set but not read by tsplay'])
  })
})
