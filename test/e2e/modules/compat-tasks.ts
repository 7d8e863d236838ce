// Tasks that ansible-core and tsplay both run on twin fresh lab hosts (compat.test.ts).
// Everything lands under /srv/compat; `{http}` is a test server on the lab bridge, `{tpl}` a template file
// whose syntax Jinja2 and Handlebars read the same way, `{initd}` a sysv init script, `{deb}` a tiny .deb.
export interface CompatTask {
  name: string
  module: string
  args: Record<string, unknown>
}

const C = '/srv/compat'
export const compatTasks: CompatTask[] = [
  { name: 'dir', module: 'file', args: { path: `${C}/etc/app`, state: 'directory', mode: '0750' } },
  { name: 'nested dirs', module: 'file', args: { path: `${C}/a/b/c`, state: 'directory', mode: 'u=rwx,g=rx,o=' } },
  { name: 'copy content', module: 'copy', args: { content: 'hello\nworld\n', dest: `${C}/etc/app/hello.txt`, mode: '0640', owner: 'daemon', group: 'daemon' } },
  { name: 'copy symbolic mode', module: 'copy', args: { content: 'x', dest: `${C}/sym.txt`, mode: 'u=rw,g=r,o=r' } },
  { name: 'copy into dir', module: 'copy', args: { content: 'in dir\n', dest: `${C}/etc/app/conf` } },
  { name: 'copy remote_src', module: 'copy', args: { src: `${C}/etc/app/hello.txt`, dest: `${C}/hello.copy`, remote_src: true } },
  { name: 'touch preserve', module: 'file', args: { path: `${C}/touched`, state: 'touch', mode: '0600', modification_time: 'preserve', access_time: 'preserve' } },
  { name: 'symlink', module: 'file', args: { path: `${C}/link`, src: 'etc/app/hello.txt', state: 'link' } },
  { name: 'hard link', module: 'file', args: { path: `${C}/hard`, src: `${C}/sym.txt`, state: 'hard' } },
  { name: 'mode on existing file', module: 'file', args: { path: `${C}/etc/app/conf`, mode: 'go-r' } },
  { name: 'recurse', module: 'file', args: { path: `${C}/a`, state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=rX', owner: 'daemon' } },
  { name: 'lineinfile add', module: 'lineinfile', args: { path: `${C}/etc/app/hello.txt`, line: 'port=80', insertafter: '^hello' } },
  { name: 'lineinfile regexp', module: 'lineinfile', args: { path: `${C}/etc/app/hello.txt`, regexp: '^world', line: 'planet' } },
  { name: 'lineinfile create', module: 'lineinfile', args: { path: `${C}/new/created.conf`, line: 'a=1', create: true, mode: '0600' } },
  { name: 'blockinfile', module: 'blockinfile', args: { path: `${C}/etc/app/hello.txt`, block: 'one\ntwo' } },
  { name: 'replace', module: 'replace', args: { path: `${C}/etc/app/hello.txt`, regexp: '^(one|two)$', replace: '\\1!' } },
  { name: 'template', module: 'template', args: { src: '{tpl}', dest: `${C}/etc/app/rendered.conf`, mode: '0644' } },
  { name: 'absent', module: 'file', args: { path: `${C}/sym.txt.gone`, state: 'absent' } },
  { name: 'group', module: 'group', args: { name: 'compatg', gid: 4711 } },
  { name: 'user', module: 'user', args: { name: 'compatu', uid: 4711, group: 'compatg', shell: '/bin/sh', home: `${C}/home/compatu` } },
  { name: 'authorized_key', module: 'authorized_key', args: { user: 'compatu', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp compat' } },
  { name: 'sysctl file', module: 'sysctl', args: { name: 'vm.swappiness', value: '10', sysctl_file: `${C}/sysctl.conf`, reload: false } },
  { name: 'fstab entry', module: 'mount', args: { path: '/mnt/compat', src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1m', state: 'present', fstab: `${C}/fstab` } },
  { name: 'get_url', module: 'get_url', args: { url: '{http}/file.txt', dest: `${C}/downloaded.txt`, mode: '0600' } },
  { name: 'init script', module: 'copy', args: { src: '{initd}', dest: '/etc/init.d/tsplaydummy', mode: '0755' } },
  { name: 'service enabled and started', module: 'service', args: { name: 'tsplaydummy', state: 'started', enabled: true } },
  { name: 'deb to the host', module: 'copy', args: { src: '{deb}', dest: `${C}/tsplay-hello.deb` } },
  { name: 'apt deb', module: 'apt', args: { deb: `${C}/tsplay-hello.deb` } },
  { name: 'command creates', module: 'command', args: { cmd: `touch ${C}/by-command`, creates: `${C}/by-command` } },
  { name: 'shell creates', module: 'shell', args: { cmd: `echo shell > ${C}/by-shell`, creates: `${C}/by-shell` } },
]

export const TEMPLATE = 'name={{ app_name }}\nport={{ app_port }}\n'
export const TEMPLATE_VARS = { app_name: 'compat', app_port: 8080 }
