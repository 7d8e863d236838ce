import json
ctx = {
  "s": "x,y,z", "ws": "   spaced   ", "ver": "2.14.18", "d": {"a": 1, "b": 2}, "lst": ["b", "a", "c"], "nums": [3, 1, 2], "n": 7, "f": 2.5,
  "zero": 0, "flag": "yes", "nothing": None, "empty": "", "t": True,
  "users": [{"name": "al", "uid": 1001, "enabled": True, "state": "up", "groups": ["wheel"]}, {"name": "bo", "uid": 1002, "enabled": False, "state": "down", "groups": []}, {"name": "cy", "uid": 1003, "enabled": True, "state": "up", "groups": ["adm", "wheel"]}],
  "res": {"rc": 0, "stdout": "ok\nline2", "stdout_lines": ["ok", "line2"], "changed": True},
  "inventory_hostname": "node1", "groups": {"all": ["node1", "node2", "node3"], "etcd": ["node1"]},
  "hostvars": {"node1": {"ip": "10.1.0.1", "ansible_host": "h1"}, "node2": {"ip": "10.1.0.2"}, "node3": {"ip": "10.1.0.3"}},
}
ctx.update({
  "cfg": {"name": "web", "ports": [80, 443], "opts": {"a": "x", "b": None, "c": True, "d": 1.5, "e": "yes", "f": "", "g": "a: b", "h": "multi\nline", "i": "it's", "j": "10", "k": "- dash", "l": [], "m": {}, "n": "long " * 30, "o": "tab\there", "p": "ünï", "q": "#c", "r": "@x", "s": "2001-01-01", "t": "~", "u": "null", "v": "1e3", "w": "0o17", "x": "trailing ", "y": "x\n"}},
  "ulist": [{"name": "a", "tags": ["x", "y"]}, {"name": "b", "tags": []}],
  "nested": [[1, [2, 3]], [4], None, "None"],
  "sent": "The quick brown fox",
  "tplvar": "{{ n + 1 }}",
  "tplchain": "{{ tplvar | int * 2 }}",
  "listvar": "{{ [1, 2] }}",
  "undefvar": "{{ nope }}",
  "loopA": "{{ loopB }}", "loopB": "{{ loopA }}",
  "big": 12345678,
  "neg": -7,
  "flt": 3.0,
  "strnum": "42",
  "csv": "a, b ,c",
  "mac": "52:54:00:12:34:56",
  "net4": "192.168.10.0/24", "ip4": "192.168.10.5", "net6": "fd00::/64", "ip6b": "fd00::10",
  "unicode": "héllo wörld ☃",
})
E = lambda *xs: [('expr', x) for x in xs]
C = lambda *xs: [('cond', x) for x in xs]
T = lambda *xs: [('tpl', x) for x in xs]
probes = []
probes += E(
 "cfg | to_yaml", "cfg | to_nice_yaml", "cfg.opts | to_nice_yaml(indent=2)", "ulist | to_yaml", "ulist | to_nice_yaml", "[1, 'a', none, true, 1.5] | to_yaml", "'abc' | to_yaml", "'yes' | to_yaml", "{'a': [1, [2, 3], {'b': []}]} | to_nice_yaml",
 "cfg | to_json", "cfg | to_nice_json", "unicode | to_json", "unicode | to_json(ensure_ascii=False)", "{'b': 1, 'a': [1.0, 2.5]} | to_json(sort_keys=True)", "{'a':1} | to_nice_json(indent=2)",
 "'{\"a\": [1, 2.5, null, true]}' | from_json", "'a: yes\\nb: [1, 2]\\nc: 0o17\\nd: 1.5' | from_yaml", "'---\\na: 1\\n---\\nb: 2' | from_yaml_all | list",
 "4 / 2", "7 // 2", "-7 // 2", "-7 % 3", "7.5 % 2", "2 ** 10", "2 ** -1", "10 / 4", "1 + 1.0", "3 * 'ab'", "[1] * 3", "'%05.1f|%-4s|%x' % (3.14159, 'a', 255)", "'%(a)s-%(b)d' % {'a': 'x', 'b': 3}",
 "1 == 1.0", "true == 1", "'1' == 1", "[1, 2] == [1, 2]", "{'a': 1} == {'a': 1.0}", "1 < 2 < 3", "'a' < 'b'", "[1, 2] < [1, 3]",
 "'abc'[1:]", "'abc'[::-1]", "[1,2,3,4][1:3]", "[1,2,3,4][-2:]", "[1,2,3][::2]",
 "'a' in 'cat'", "'k' in {'k': 1}", "2 in [1, 2]", "'x' not in ['a']",
 "s.upper()", "ws.strip()", "'a-b-c'.rsplit('-', 1)", "'  a  b  '.split()", "'a,b'.split(',')", "'x'.join(['1','2'])", "'{} is {:>5}'.format('a', 'b')", "'{0}{1}{0}'.format('a', 'b')", "'{name}!'.format(name='bob')", "'ab'.startswith(('x', 'a'))", "'Hello World'.lower().replace('o', '0')", "'hello'.capitalize()", "'hello world'.title()", "'abc'.find('c')", "'aaa'.count('a')", "'12'.isdigit()", "'5'.zfill(3)", "'a\\nb'.splitlines()", "'a=b=c'.partition('=')",
 "d.keys() | list", "d.values() | list", "d.items() | list", "d.get('z', 'dflt')", "d.get('a')",
 "lst | sort", "lst | sort(reverse=true)", "users | sort(attribute='uid', reverse=true) | map(attribute='name') | list", "users | map(attribute='name') | join(', ')", "users | selectattr('enabled') | map(attribute='name') | list", "users | rejectattr('state', 'equalto', 'up') | list", "users | selectattr('groups', 'contains', 'wheel') | map(attribute='name') | list", "nums | select('odd') | list", "nums | map('string') | list", "nums | sum", "nums | max", "nums | min", "[] | max", "users | map(attribute='uid') | sum",
 "users | groupby('state') | list", "users | map(attribute='groups') | flatten | unique | list", "nested | flatten", "nested | flatten(levels=1)", "['A', 'a', 'b'] | unique", "[1, 2, 2, 3] | union([3, 4])", "[1, 2, 3] | intersect([2, 3, 4])", "[1, 2, 3] | difference([2])", "[1, 2, 3] | symmetric_difference([3, 4])",
 "d | dict2items", "[{'key': 'a', 'value': 1}] | items2dict", "{'a': {'x': 1}, 'l': [1]} | combine({'a': {'y': 2}, 'l': [2]})", "{'a': {'x': 1}, 'l': [1]} | combine({'a': {'y': 2}, 'l': [2]}, recursive=true, list_merge='append')", "[{'a': 1}, {'b': 2}] | combine",
 "[1, 2] | zip(['a', 'b']) | list", "[1, 2] | product(['a']) | list", "[1, 2, 3] | combinations(2) | list", "ulist | subelements('tags') | list", "[0, 2] | map('extract', ['a', 'b', 'c']) | list",
 "'a b c' | regex_replace('\\\\s', '_')", "'host-01' | regex_replace('^host-(\\\\d+)$', 'node\\\\1')", "'foo=bar' | regex_replace('(?P<k>\\\\w+)=(?P<v>\\\\w+)', '\\\\g<v>=\\\\g<k>')", "'abc123def' | regex_search('[0-9]+')", "'abc123def' | regex_search('([a-z]+)([0-9]+)', '\\\\2', '\\\\1')", "'a1b22c333' | regex_findall('\\\\d+')", "'k1=v1 k2=v2' | regex_findall('(\\\\w)(\\\\d)=')", "'a.b*c' | regex_escape", "'ABC' | regex_search('b', ignorecase=true)", "'nope' | regex_search('x')",
 "'yes' | bool", "'off' | bool", "'True' | bool", "1 | bool", "none | bool", "'3.7' | int", "'0x1A' | int(base=16)", "'abc' | int", "'abc' | int(7)", "'3' | float", "3 | float", "'1e3' | float", "'x' | float", "3.7 | round", "2.5 | round", "3.14159 | round(2)", "3.1 | round(method='ceil')", "-3 | abs", "42 | string", "none | string", "true | string", "[1, 'a'] | string",
 "none | default('d')", "nothing | default('d')", "empty | default('d', true)", "undefined_x | default('d')", "undefined_x.y.z | default(1)", "undefined_x is defined", "undefined_x.y is defined", "d.zz is defined", "d.a is defined", "(undefined_x | default({})).k | default('kk')",
 "'a' is string", "1 is number", "true is number", "1.5 is float", "1 is integer", "true is integer", "{} is mapping", "'s' is sequence", "[] is iterable", "none is none", "3 is divisibleby 3", "4 is even", "'abc' is lower", "'1.2.10' is version('1.2.9', '>')", "'1.2.10' is version('1.2.9', 'lt')", "'2.0' is version_compare('2.0.0', '==')", "'1.0.0-rc1' is version('1.0.0', '<', version_type='semver')", "'1.2' is version('1.10', '<', strict=true)", "[1, 2] is subset([1, 2, 3])", "[1, 2, 3] is superset([2])", "'abc' is match('a')", "'abc' is match('b')", "'abc' is search('b')", "'abc' is regex('^a.c$')", "res is success", "res is changed", "res is skipped", "res is failed",
 "'/a/b/c.txt' | basename", "'/a/b/c.txt' | dirname", "'/a/b/c.tar.gz' | splitext", "['/a', 'b', 'c'] | path_join", "'/a/b/../c' | realpath", "'/a/b/c' | relpath('/a')", "'http://u:p@host:8080/p/a?q=1#f' | urlsplit", "'http://host/p' | urlsplit('hostname')", "'a b&c' | urlencode", "{'a': 'x y', 'b': 1} | urlencode", "'a%20b+c' | urldecode",
 "'hello' | b64encode", "'aGVsbG8=' | b64decode", "'hello' | hash('md5')", "'hello' | checksum", "'hello' | sha1", "'hello' | to_uuid", "'secret' | password_hash('sha512', 'saltsalt')", "'secret' | password_hash('sha256', 'saltsalt')", "'secret' | password_hash('md5', 'saltsalt')", "'secret' | password_hash('sha512', 'saltsalt', rounds=10000)",
 "\"it's\" | quote", "'a b' | quote", "'' | quote", "'safe' | quote", "'text' | comment", "'line1\\nline2' | indent(2)", "'line1\\nline2' | indent(2, true)", "'line1\\n\\nline2' | indent(4, blank=true)", "sent | truncate(10)", "sent | truncate(10, true)", "sent | wordcount", "'abc' | center(9)", "'%s-%s' | format('a', 'b')", "sent | replace('quick', 'slow')", "' x ' | trim", "'abc' | reverse", "[1, 2, 3] | reverse | list", "'abc' | list", "{'a': 1} | list", "'abc' | first", "'abc' | last", "[3, 1] | first", "d | length", "'héllo' | length", "'a b' | split", "'a,b' | split(',')",
 "1048576 | human_readable", "1024 | human_readable(unit='K')", "'1.5 GB' | human_to_bytes", "'10M' | human_to_bytes", "'1 Kb' | human_to_bytes(isbits=True)", "8 | log(2)", "2 | pow(3)", "16 | root", "[1, 2, 3] | random(seed='x')", "100 | random(seed='node1')", "[1, 2, 3, 4, 5] | shuffle(seed='abc')", "'x' | type_debug", "none | type_debug", "1.5 | type_debug", "{} | type_debug", "[] | type_debug", "true | ternary('y', 'n')", "none | ternary('y', 'n', 'null')",
 "range(3) | list", "range(1, 10, 3) | list", "dict(a=1, b=2)", "dict([['a', 1]])", "lookup('items', [1, [2, 3]])", "query('list', 1, 2)", "lookup('indexed_items', ['a', 'b'])", "lookup('dict', d)", "lookup('sequence', 'start=1 end=5 format=h%02d')", "lookup('sequence', 'count=3')", "lookup('together', [1, 2], ['a'])", "lookup('nested', [1, 2], ['a', 'b'])", "lookup('env', 'NOPE_NOT_SET')", "lookup('vars', 'n')", "lookup('vars', 'nope', default='dd')", "q('varnames', '^fl')", "lookup('nonexistent_lookup', 'x')", "lookup('env', 'HOME', wantlist=True) | length",
 "tplvar", "tplchain", "listvar", "listvar | length", "undefvar | default('was undefined')", "loopA", "hostvars['node1']['ip']", "hostvars.node3.ansible_host | default('none')", "groups['all'] | length", "hostvars[inventory_hostname].ip",
 "1.0", "0.1 + 0.2", "1e20", "1e16", "1.5e-7", "100000000000000000.0", "-0.0", "3.0 * 2", "big * big", "'%.2f' % 2", "'%d' % 3.9", "'%5.2e' % 12345.678",
 "{'a': 1, 'b': [1, 2]}", "[1, 'two', none, true, 1.5]", "{'k': 'it\\'s'}", "['a\\nb']", "'x' ~ 1 ~ none", "(1, 2)", "((1,))", "[('a', 1)]", "{1: 'one'}",
 "'%s' % none", "'%r' % 'x'", "'{!r}'.format('x')", "'{:.3f}'.format(2)", "'{:,}'.format(1234567)", "'{:08.2f}'.format(-3.14159)", "'{:^10}'.format('mid')", "'{:x}'.format(255)",
 "nums | batch(2) | list", "nums | slice(2) | list", "d | dictsort", "d | dictsort(by='value', reverse=true)", "{'b': 1, 'A': 2} | dictsort", "users | map(attribute='missing', default='m') | list", "users[0] | attr('name')", "users | map('dict2items') | first | length", "[{'a': {'b': 1}}, {'a': {'b': 2}}] | map(attribute='a.b') | list", "[[1, 2], [3, 4]] | map(attribute='1') | list", "lst | select('in', ['a', 'b']) | list", "lst | reject('equalto', 'a') | list", "[1, 0, none, '', 'x'] | select | list",
 "'a' if false", "('a' if false) | length", "'b' if true else 'c'", "none or 'x'", "0 and 1", "'' or []", "[] or none", "not none", "not []",
 "now(fmt='%Y') | length", "'%Y-%m-%d' | strftime(0)", "'%H:%M:%S %j %a %b' | strftime(86400 * 40 + 3661, utc=True)",
 "undefined_x + 1", "undefined_x | length", "undefined_x == 1", "[undefined_x] | length", "undefined_x | string", "d.zz.yy", "users[5]", "users[5].name | default('none')", "lst.nope", "1 + 'a'", "'a' < 1", "none > 1", "{} + {}", "[] | first", "({} | first) | default('empty')",
 "ip4 | ansible.utils.ipaddr", "net4 | ansible.utils.ipaddr('net')", "net4 | ansible.utils.ipaddr('network')", "net4 | ansible.utils.ipaddr('broadcast')", "net4 | ansible.utils.ipaddr('netmask')", "net4 | ansible.utils.ipaddr('prefix')", "net4 | ansible.utils.ipaddr('size')", "net4 | ansible.utils.ipaddr(5)", "net4 | ansible.utils.ipaddr(-1)", "net4 | ansible.utils.ipaddr('first_usable')", "net4 | ansible.utils.ipaddr('last_usable')", "ip4 | ansible.utils.ipaddr('address')", "'192.168.10.5/24' | ansible.utils.ipaddr('address')", "'192.168.10.5/24' | ansible.utils.ipaddr('host')", "'192.168.10.5/24' | ansible.utils.ipaddr('subnet')", "'192.168.10.5/24' | ansible.utils.ipaddr('network/prefix')", "'nope' | ansible.utils.ipaddr", "['10.0.0.1', 'x', 'fd00::1'] | ansible.utils.ipaddr", "['10.0.0.1', 'x', 'fd00::1'] | ansible.utils.ipv4", "['10.0.0.1', 'x', 'fd00::1'] | ansible.utils.ipv6", "ip6b | ansible.utils.ipwrap", "net6 | ansible.utils.ipwrap", "['fd00::1', '1.2.3.4', 'name'] | ansible.utils.ipwrap", "ip4 | ansible.utils.ipv4('address')", "'10.0.0.1' | ansible.utils.ipv6", "'2001:0db8:0000:0000:0000:0000:0000:0001' | ansible.utils.ipaddr", "'fd00:0:0:1::/64' | ansible.utils.ipaddr('net')", "'fd00::/64' | ansible.utils.ipaddr(1)", "ip4 | ansible.utils.ipaddr(net4)", "'10.1.1.1' | ansible.utils.ipaddr(net4)", "net4 | ansible.utils.ipaddr('range_usable')", "'10.0.0.0/31' | ansible.utils.ipaddr('broadcast')", "'10.0.0.0/30' | ansible.utils.ipaddr('address')", "'127.0.0.1' | ansible.utils.ipaddr('private')", "'10.0.0.1' | ansible.utils.ipaddr('private')", "'8.8.8.8' | ansible.utils.ipaddr('public')",
 "{'a': 1} | json_query('a')", "users | json_query('[?enabled].name')", "users | json_query('[].{n: name, u: uid}')", "users | json_query('length(@)')",
)
probes += C("n > 5", "'7' == n", "n == 7 and t", "flag", "flag == 'yes'", "flag | bool", "nothing", "empty", "'false'", "'{{ t }}'", "{{ t }}", "{{ 'false' }}", "{{ n > 100 }}", "undefined_x is defined", "undefined_x is undefined", "undefined_x is not defined", "undefined_x", "undefined_x.y is defined", "res.rc == 0", "res is changed", "res.stdout is search('line')", "'wheel' in users[0].groups", "users | selectattr('enabled') | list | length > 1", "d", "lst", "[]", "0", "none", "'True'", "hostvars['nope'] is defined", "hostvars['node1'] is defined", "n is version('7.0', '>=')", "missing_var == 'x'", "t and missing_var", "not t and missing_var", "1 if t", "undefined_x is defined and undefined_x", "undefined_x is defined or true")
probes += T(
 "a\n{% if t %}\nyes\n{% endif %}\nb\n", "a\n{% if t -%}\n   yes\n{%- endif %}\nb", "{%- for x in lst %}\n  - {{ x }}\n{%- endfor %}\n", "{% for x in lst %}{{ loop.index }}/{{ loop.length }}{{ ',' if not loop.last }}{% endfor %}",
 "{% for x in nums %}{{ loop.cycle('odd', 'even') }} {% endfor %}", "{% for x in [1,1,2,3,3] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}", "{% for x in nums %}{{ loop.previtem | default('-') }}>{{ x }}<{{ loop.nextitem | default('-') }} {% endfor %}", "{% for x in [] %}x{% else %}empty{% endfor %}", "{% for x in nums if x > 1 %}{{ x }}{{ loop.index }} {% endfor %}", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "{% for k in d %}{{ k }}{% endfor %}",
 "{% for item in [{'n': 1, 'c': [{'n': 2, 'c': []}]}] recursive %}{{ item.n }}({{ loop.depth }}){% if item.c %}[{{ loop(item.c) }}]{% endif %}{% endfor %}",
 "{% set ns = namespace(total=0) %}{% for x in nums %}{% set ns.total = ns.total + x %}{% endfor %}{{ ns.total }}", "{% set x = 1 %}{% for i in nums %}{% set x = i %}{% endfor %}{{ x }}", "{% set block %}hi {{ n }}{% endset %}[{{ block }}]", "{% set a, b = 1, 2 %}{{ a }}{{ b }}",
 "{% macro m(a, b='B') %}{{ a }}-{{ b }}-{{ varargs }}-{{ kwargs }}{% endmacro %}{{ m(1) }} {{ m(1, 2, 3, k=4) }}", "{% macro w() %}<{{ caller() }}>{% endmacro %}{% call w() %}inner {{ n }}{% endcall %}", "{% macro w() %}{% for i in [1,2] %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) w() %}[{{ x }}]{% endcall %}",
 "{% filter upper %}hello {{ s }}{% endfilter %}", "{% raw %}{{ not rendered }}{% endraw %}", "a {# comment #} b", "a\n{# comment #}\nb", "{% with a = 5 %}{{ a }}{% endwith %}{{ a | default('out') }}",
 "#jinja2: trim_blocks: False\na\n{% if t %}\nyes\n{% endif %}\nb\n", "#jinja2: lstrip_blocks: True\na\n    {% if t %}\nyes\n    {% endif %}\nb\n", "#jinja2: trim_blocks:False, lstrip_blocks:True\n  {% for x in lst %}\n  {{ x }}\n  {% endfor %}\n",
 "  {% if t %}\nx\n  {% endif %}\n", "{%+ if t %}x{% endif +%}\ny", "a  {{- ' b ' -}}  c", "{{ n }}\n\n\n", "trailing\n\n", "{{ none }}|{{ t }}|{{ 1.0 }}|{{ [1, none] }}|{{ {'a': none} }}",
 "{{ 'a\\\\nb' }}", "{% if 'x\\ny' | length == 3 %}three{% endif %}", "{{ cfg.opts | to_nice_yaml | indent(4) }}", "{{ '%-10s|' % 'x' }}",
 "{% do lst.append('z') %}", "{% for x in nums %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}", "{{ lst.append('z') }}{{ lst }}", "{% set l = [] %}{% for x in nums %}{{ l.append(x) }}{% endfor %}{{ l }}", "{% set dd = {} %}{% set _ = dd.update({'a': 1}) %}{{ dd }}",
 "{% include 'nope.j2' ignore missing %}ok", "{{ unknown_thing }}", "{% if %}", "{{ x | nofilter }}", "{{ x is notatest }}", "{% for %}", "{{ 'unterminated }}", "{% endif %}",
 "{{ hostvars['node2'].ip }}", "{{ lookup('template', 'nothere.j2') }}", "line\r\nwindows\r\n",
)
out = {"contexts": {"C": ctx}, "probes": [{"id": f"p{i}", "kind": k, "text": t, "ctx": "C"} for i, (k, t) in enumerate(probes)]}
json.dump(out, open('probes-1.json', 'w'), indent=0)
print(len(probes))
