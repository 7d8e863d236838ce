// 50 strings that break naive shell quoting. Each must land on the host byte-exact.
const base = [
  ';', 'a;b', '$(touch /tmp/tsplay-pwned)', '`id`', "'", '"', `'"'"'`, '\\', '\\\\', 'back\\slash\\',
  'new\nline', '\n', 'trailing\n\n', '\r\n', '*', '/*', '?', '[a-z]*', '-n', '-e', '--', '-rf /',
  'ünïcødé', '日本語', '🙂 emoji', '$HOME', '${PATH}', '$1', '$$', '!', '!!', '&&', '||', '|', '>', '< /etc/passwd',
  '#', 'a #comment', '~', '~root', '%s', '%d%n', '\t tab', ' leading space', 'trailing space ', "it's", '{a,b}',
  '\u0001\u007f', 'key=val ue', 'x'.repeat(100 * 1024),
]

export const hostile: string[] = base

if (hostile.length !== 50) throw new Error(`hostile list must have 50 entries, has ${hostile.length}`)
