// The report page's script (plain ES5, no dependencies): renders the embedded data. Lanes are virtualised:
// only the rows in view exist in the DOM, so 1,000 hosts scroll as lightly as 3.
export const PAGE_SCRIPT = `(function () {
'use strict';
var D = JSON.parse(document.getElementById('report-data').textContent);
var ST = ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'ignored'];
var ROW = 20, LABEL = 140;
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function fmt(ms) { return (ms / 1000).toFixed(2) + 's'; }
function plural(n, w) { return n + ' ' + w + (n === 1 ? '' : 's'); }

// counts
var totals = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
Object.keys(D.stats).forEach(function (h) { Object.keys(totals).forEach(function (k) { totals[k] += D.stats[h][k]; }); });
var cards = $('cards');
function card(key, n, label, cls) {
  var c = el('div', 'card ' + (cls || ''));
  c.setAttribute('data-count', key);
  c.appendChild(el('b', '', n));
  c.appendChild(el('span', '', label));
  cards.appendChild(c);
}
card('hosts', D.hosts.length, 'hosts');
card('tasks', D.tasks.length, 'tasks');
card('duration', fmt(D.durationMs), 'wall time');
['ok', 'changed', 'failed', 'unreachable', 'skipped', 'rescued', 'ignored'].forEach(function (k) { card(k, totals[k], k, 's-' + k + (totals[k] ? '' : ' zero')); });
$('started').textContent = new Date(D.started).toISOString().replace('T', ' ').replace(/\\.\\d+Z$/, ' UTC');

// lanes: one per host, one bar per result
var byHost = D.hosts.map(function () { return []; });
var span = Math.max(1, D.ended - D.started);
D.results.forEach(function (r, i) { byHost[r[0]].push(i); span = Math.max(span, r[2] + r[3]); });
var problem = D.hosts.map(function (h) { var s = D.stats[h]; return !!s && (s.failed > 0 || s.unreachable > 0); });
var failureOf = {};
D.failures.forEach(function (f) { failureOf[f.host + '\\u0000' + f.task] = f; });
var shown = D.hosts.map(function (_, i) { return i; });
var lanes = $('lanes'), inner = $('lanes-inner'), zoom = 1;
function barTitle(r) {
  var t = D.tasks[r[1]];
  return t.name + ' \\u2014 ' + D.hosts[r[0]] + ' \\u2014 ' + ST[r[4]] + ' \\u2014 ' + fmt(r[3]);
}
function drawAxis() {
  var axis = $('axis');
  axis.textContent = '';
  axis.style.width = 'calc(' + (zoom * 100) + '% - ' + LABEL + 'px)';
  var steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
  var want = span / 1000 / (8 * zoom), step = steps[steps.length - 1];
  for (var s = 0; s < steps.length; s++) if (steps[s] >= want) { step = steps[s]; break; }
  for (var x = 0; x * 1000 <= span; x += step) {
    var tick = el('span', 'tick', (+x.toFixed(3)) + 's');
    tick.style.left = (x * 1000 / span * 100) + '%';
    axis.appendChild(tick);
  }
  var plays = $('plays');
  plays.textContent = '';
  plays.style.width = 'calc(' + (zoom * 100) + '% - ' + LABEL + 'px)';
  D.plays.forEach(function (p, i) {
    var b = el('span', 'play p' + (i % 2), p.name);
    b.style.left = (p.start / span * 100) + '%';
    b.style.width = (Math.max(p.end - p.start, span / 500) / span * 100) + '%';
    b.title = 'PLAY ' + p.name + ' \\u2014 ' + fmt(p.end - p.start);
    plays.appendChild(b);
  });
}
function draw() {
  inner.style.height = (shown.length * ROW) + 'px';
  inner.style.width = (zoom * 100) + '%';
  var first = Math.max(0, Math.floor(lanes.scrollTop / ROW) - 5);
  var last = Math.min(shown.length, Math.ceil((lanes.scrollTop + lanes.clientHeight) / ROW) + 5);
  var frag = document.createDocumentFragment();
  for (var i = first; i < last; i++) {
    var h = shown[i];
    var row = el('div', 'lane' + (problem[h] ? ' problem' : ''));
    row.style.top = (i * ROW) + 'px';
    row.setAttribute('data-host', D.hosts[h]);
    var label = el('span', 'host', D.hosts[h]);
    label.title = D.hosts[h];
    row.appendChild(label);
    var track = el('span', 'track');
    row.appendChild(track);
    byHost[h].forEach(function (ri) {
      var r = D.results[ri];
      var bar = el('span', 'bar s-' + ST[r[4]]);
      bar.style.left = (r[2] / span * 100) + '%';
      bar.style.width = 'max(2px, ' + (r[3] / span * 100) + '%)';
      bar.title = barTitle(r);
      bar.setAttribute('data-r', ri);
      track.appendChild(bar);
    });
    frag.appendChild(row);
  }
  inner.textContent = '';
  inner.appendChild(frag);
  $('lane-count').textContent = shown.length === D.hosts.length ? plural(D.hosts.length, 'host') : shown.length + ' of ' + plural(D.hosts.length, 'host');
}
lanes.addEventListener('scroll', function () { window.requestAnimationFrame(draw); });
inner.addEventListener('click', function (e) {
  var ri = e.target.getAttribute && e.target.getAttribute('data-r');
  if (ri === null || ri === undefined) return;
  var r = D.results[+ri], t = D.tasks[r[1]], f = failureOf[D.hosts[r[0]] + '\\u0000' + r[1]];
  var box = $('detail');
  box.textContent = '';
  box.appendChild(el('b', '', t.name));
  box.appendChild(el('div', '', D.hosts[r[0]] + ' \\u2014 ' + ST[r[4]] + ' \\u2014 ' + fmt(r[3]) + ' \\u2014 started at ' + fmt(r[2]) + (t.where ? ' \\u2014 ' + t.where : '')));
  if (f) box.appendChild(el('pre', 'msg', f.msg));
  box.hidden = false;
});
function refilter() {
  var q = $('filter').value.toLowerCase(), only = $('problems').checked;
  shown = [];
  D.hosts.forEach(function (h, i) { if ((!q || h.toLowerCase().indexOf(q) >= 0) && (!only || problem[i])) shown.push(i); });
  lanes.scrollTop = 0;
  draw();
}
$('filter').addEventListener('input', refilter);
$('problems').addEventListener('change', refilter);
$('zoom').addEventListener('input', function () { zoom = +this.value; drawAxis(); draw(); });
var legend = $('legend');
ST.forEach(function (s) { var l = el('span', 'key'); l.appendChild(el('i', 'bar s-' + s)); l.appendChild(document.createTextNode(s)); legend.appendChild(l); });
drawAxis();
draw();

// slowest tasks
var slow = D.results.map(function (_, i) { return i; }).sort(function (a, b) { return D.results[b][3] - D.results[a][3]; }).slice(0, 20);
var tb = $('slowest').querySelector('tbody');
slow.forEach(function (ri) {
  var r = D.results[ri], t = D.tasks[r[1]], tr = el('tr', 's-' + ST[r[4]]);
  [fmt(r[3]), D.hosts[r[0]], t.name, ST[r[4]], t.where].forEach(function (v, c) { tr.appendChild(el('td', c === 0 ? 'num' : '', v)); });
  tb.appendChild(tr);
});
var pt = $('play-times').querySelector('tbody');
D.plays.forEach(function (p) { var tr = el('tr'); tr.appendChild(el('td', 'num', fmt(p.end - p.start))); tr.appendChild(el('td', '', p.name)); pt.appendChild(tr); });

// failures, one entry per task and message, with the hosts it happened on
var groups = [], seen = {};
D.failures.forEach(function (f) {
  var key = f.task + '\\u0000' + f.msg + '\\u0000' + f.ignored;
  if (!seen[key]) { seen[key] = { f: f, hosts: [] }; groups.push(seen[key]); }
  seen[key].hosts.push(f.host + (f.item !== undefined ? ' (item=' + f.item + ')' : ''));
});
var fl = $('failures');
if (!groups.length) fl.appendChild(el('p', 'none', 'No failures.'));
groups.forEach(function (g) {
  var t = D.tasks[g.f.task], box = el('div', 'failure' + (g.f.ignored ? ' ignored' : ''));
  box.appendChild(el('h3', '', (g.f.unreachable ? 'UNREACHABLE: ' : g.f.ignored ? 'failed (ignored): ' : 'FAILED: ') + t.name));
  if (t.where) box.appendChild(el('div', 'where', t.where));
  box.appendChild(el('pre', 'msg', g.f.msg));
  var more = g.hosts.length > 30 ? ' \\u2026 and ' + (g.hosts.length - 30) + ' more' : '';
  box.appendChild(el('div', 'hosts', plural(g.hosts.length, 'host') + ': ' + g.hosts.slice(0, 30).join(', ') + more));
  fl.appendChild(box);
});

// diffs
var dl = $('diffs');
if (!D.diffs.length) dl.appendChild(el('p', 'none', 'No diffs (run with -D/--diff to record them).'));
D.diffs.forEach(function (d) {
  var det = el('details', 'diff');
  det.appendChild(el('summary', '', D.tasks[d.task].name + ' \\u2014 ' + d.host));
  var pre = el('pre');
  d.text.split('\\n').forEach(function (line) {
    var c = line.charAt(0) === '+' && line.indexOf('+++') !== 0 ? 'add' : line.charAt(0) === '-' && line.indexOf('---') !== 0 ? 'del' : line.indexOf('@@') === 0 ? 'hunk' : '';
    pre.appendChild(el('span', c, line + '\\n'));
  });
  det.appendChild(pre);
  dl.appendChild(det);
});
if (D.diffsLeftOut) dl.appendChild(el('p', 'none', D.diffsLeftOut + ' more diffs not included.'));

// recap
var rb = $('recap').querySelector('tbody');
var frag = document.createDocumentFragment();
Object.keys(D.stats).forEach(function (h) {
  var s = D.stats[h], tr = el('tr', s.failed || s.unreachable ? 's-failed' : s.changed ? 's-changed' : 's-ok');
  tr.setAttribute('data-host', h);
  tr.appendChild(el('td', '', h));
  ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'].forEach(function (k) { tr.appendChild(el('td', 'num' + (s[k] ? '' : ' zero'), s[k])); });
  frag.appendChild(tr);
});
rb.appendChild(frag);
var wl = $('warnings');
D.warnings.forEach(function (w) { wl.appendChild(el('li', '', w)); });
$('warnings-section').hidden = !D.warnings.length;
document.body.setAttribute('data-ready', '1');
})();
`
