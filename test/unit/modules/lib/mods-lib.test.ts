// The pure parts of issue 18's modules: path expansion against Python's own, PEP 440 specifiers against
// packaging's answers, systemd listings parsed as Ansible's service_facts parses them, apt source lines.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { addSource, dumpSources, loadSources, removeSource, suggestFilename } from '../../../../src/modules/lib/apt-sources.js'
import { assignPath } from '../../../../src/modules/lib/host-path.js'
import { parseRequirement, satisfies } from '../../../../src/modules/lib/pep440.js'
import { recoverNames } from '../../../../src/modules/pip.js'
import { parseSystemd } from '../../../../src/modules/service-facts.js'

const python = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', '1'])
    return true
  } catch {
    return false
  }
})()

describe('paths expanded on the host as Ansible expands a path argument', () => {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/tester/', FOO: 'bar', EMPTY: '' }
  const paths = ['~', '~/a', '~root/a', '~no-such-user-x/a', '$FOO/b', '${FOO}x', '$NOPE/c', '${NO PE}/d', "a'b $FOO", '$EMPTY/e', '$$FOO', 'plain/path', '/abs/$FOO/~', '~$FOO']
  it.skipIf(!python).each(paths)('%s expands as os.path.expanduser(os.path.expandvars())', (p) => {
    const sh = execFileSync('sh', ['-c', `${assignPath('p', p)}\nprintf %s "$p"`], { env }).toString()
    const py = execFileSync('/usr/bin/python3', ['-c', 'import os, sys; sys.stdout.write(os.path.expanduser(os.path.expandvars(sys.argv[1])))', p], { env }).toString()
    expect(sh).toBe(py)
  })
})

describe('PEP 440 requirements (answers of packaging.specifiers, prereleases allowed)', () => {
  const table: Array<[string, string, boolean]> = [
    ['a>=1.0', '1.0', true], ['a>=1.0', '0.9', false], ['a<2', '2.0rc1', false], ['a~=1.4', '1.9', true], ['a~=1.4.2', '1.5', false],
    ['a==1.*', '1.3', true], ['a!=1.3', '1.3', false], ['a>1.0', '1.0.post1', false], ['a==1.0', '1.0+local', true],
    ['a<=1.0', '1.0.dev1', true], ['Foo_Bar[x]>=2,<3', '2.5', true], ['a==1.0.0', '1', true], ['a>1.0', '1.1rc1', true],
  ]
  it.each(table)('%s with %s installed: %s', (req, version, want) => expect(satisfies(parseRequirement(req)!, version)).toBe(want))
  it('names are canonical (PEP 503), URLs and paths are not requirements', () => {
    expect(parseRequirement('Foo_Bar.baz>=1')?.name).toBe('foo-bar-baz')
    expect(parseRequirement('git+https://example.com/x.git')).toBeUndefined()
    expect(parseRequirement('/srv/pkg')).toBeUndefined()
  })
  it('specifier fragments split on commas are put back together (Ansible\'s _recover_package_name)', () => {
    expect(recoverNames(['django>1.11.1', '<1.11.3', 'ipaddress', 'simpleproject>1.1.0', '<2.0.0'])).toEqual(['django>1.11.1,<1.11.3', 'ipaddress', 'simpleproject>1.1.0,<2.0.0'])
    expect(recoverNames(['django>1.11.1,<1.11.3,ipaddress'])).toEqual(['django>1.11.1,<1.11.3', 'ipaddress'])
  })
})

describe('systemd listings as Ansible reads them', () => {
  const units = [
    '  UNIT                     LOAD      ACTIVE   SUB     DESCRIPTION',
    '  cron.service             loaded    active   running Regular background program processing daemon',
    '  ssh.service              loaded    inactive dead    OpenBSD Secure Shell server',
    '\u25cf broken.service           loaded    failed   failed  Broken thing',
    '',
    'LOAD   = Reflects whether the unit definition was properly loaded.',
  ].join('\n')
  const files = ['UNIT FILE                STATE           VENDOR PRESET', 'cron.service             enabled         enabled', 'ssh.service              disabled        enabled',
    'broken.service           enabled         enabled', 'idle.service             static          -', '', '4 unit files listed.'].join('\n')
  it('gives state, status and source per unit', () => {
    const services: Record<string, Record<string, unknown>> = {}
    parseSystemd(units, files, 'Id=idle.service\nActiveState=inactive\n', services)
    expect(services).toEqual({
      'cron.service': { name: 'cron.service', state: 'running', status: 'enabled', source: 'systemd' },
      'ssh.service': { name: 'ssh.service', state: 'stopped', status: 'disabled', source: 'systemd' },
      'broken.service': { name: 'broken.service', state: 'stopped', status: 'failed', source: 'systemd' },
      'idle.service': { name: 'idle.service', state: 'inactive', status: 'static', source: 'systemd' },
    })
  })
})

describe('apt source lines as Ansible renders them', () => {
  const text = '#deb http://a/ x main\n\n# a comment\ndeb http://b/   y main # mine\n'
  it('renders lines its way, enables a commented-out repository in place, removes enabled ones', () => {
    const files = new Map([['/etc/apt/sources.list', loadSources(text)]])
    expect(dumpSources(files).get('/etc/apt/sources.list')).toBe('# deb http://a/ x main\n\n# a comment\ndeb http://b/ y main # mine\n')
    const enabled = addSource(files, 'deb http://a/ x main', 'a.list', '/etc/apt/sources.list.d/')
    expect(dumpSources(enabled).get('/etc/apt/sources.list')).toBe('deb http://a/ x main\n\n# a comment\ndeb http://b/ y main # mine\n')
    const added = addSource(files, 'deb [arch=amd64] https://user:pw@dl.example.com/linux/deb/ stable main', suggestFilename('deb [arch=amd64] https://user:pw@dl.example.com/linux/deb/ stable main'), '/etc/apt/sources.list.d/')
    expect(dumpSources(added).get('/etc/apt/sources.list.d/dl_example_com_linux_deb.list')).toBe('deb [arch=amd64] https://user:pw@dl.example.com/linux/deb/ stable main\n')
    expect(dumpSources(removeSource(files, 'deb http://b/ y main')).get('/etc/apt/sources.list')).toBe('# deb http://a/ x main\n\n# a comment\n')
  })
  it('refuses what is not an enabled deb line', () => {
    expect(() => addSource(new Map(), 'foo bar', 'x.list', '/d/')).toThrow('Invalid repository string')
    expect(() => addSource(new Map(), '# deb http://a/ x main', 'x.list', '/d/')).toThrow('Invalid repository string')
  })
})
