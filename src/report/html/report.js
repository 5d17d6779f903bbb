/* policylint HTML report: filters (also from the URL: #level=error&rule=CM001&family=commitments
   or the same as a query string), links that open what they point to, print. No network. */
(function () {
  'use strict';
  var doc = document;
  var items = Array.prototype.slice.call(doc.querySelectorAll('li.fi'));
  var levels = Array.prototype.slice.call(doc.querySelectorAll('#filters input[name=level]'));
  var rule = doc.getElementById('f-rule');
  var family = doc.getElementById('f-family');
  var shown = doc.getElementById('shown');
  var marks = {};
  Array.prototype.forEach.call(doc.querySelectorAll('pre.text [data-f]'), function (m) {
    var k = m.getAttribute('data-f');
    (marks[k] = marks[k] || []).push(m);
  });

  function apply() {
    var want = {};
    levels.forEach(function (b) { want[b.value] = b.checked; });
    var r = rule ? rule.value : '';
    var f = family ? family.value : '';
    var n = 0;
    items.forEach(function (li) {
      var ok = want[li.getAttribute('data-level')] === true &&
        (!r || li.getAttribute('data-rule') === r) &&
        (!f || li.getAttribute('data-family') === f);
      li.hidden = !ok;
      if (ok) { n += 1; }
      (marks[li.getAttribute('data-f')] || []).forEach(function (m) {
        m.classList.toggle('off', !ok);
      });
    });
    if (shown) {
      shown.textContent = n + ' of ' + items.length + ' findings shown';
    }
    doc.documentElement.setAttribute('data-shown', String(n));
  }

  function params(s) {
    var out = {};
    s.replace(/^[#?]/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i <= 0) { return; }
      try {
        out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      } catch (e) { /* a malformed parameter is ignored */ }
    });
    return out;
  }

  function select(el, value) {
    if (!el) { return; }
    var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
    el.value = known ? value : '';
  }

  function reveal(id) {
    var t = doc.getElementById(id);
    if (!t) { return; }
    var d = t.tagName === 'DETAILS' ? t : t.closest('details');
    if (d) { d.open = true; }
    var f = t.getAttribute('data-f');
    if (f) {
      var li = entry(f);
      if (li && li.hidden) {
        levels.forEach(function (b) { b.checked = true; });
        select(rule, '');
        select(family, '');
        apply();
      }
      current(li);
    }
    if (t.scrollIntoView) { t.scrollIntoView({ block: 'center' }); }
    if (t.tagName === 'MARK') { t.focus({ preventScroll: true }); }
  }

  function entry(f) {
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].getAttribute('data-f') === f) { return items[i]; }
    }
    return null;
  }

  /* The list entry of the finding in view: highlighted and scrolled to. */
  var cur = null;
  function current(li) {
    if (cur) { cur.classList.remove('cur'); }
    cur = li;
    if (li) {
      li.classList.add('cur');
      if (li.scrollIntoView) { li.scrollIntoView({ block: 'nearest' }); }
    }
  }

  function fromUrl() {
    var p = params(window.location.search);
    var h = window.location.hash;
    var hp = params(h);
    Object.keys(hp).forEach(function (k) { p[k] = hp[k]; });
    if (p.level !== undefined) {
      var ls = p.level.split(',');
      levels.forEach(function (b) { b.checked = ls.indexOf(b.value) >= 0; });
    }
    if (p.rule !== undefined) { select(rule, p.rule); }
    if (p.family !== undefined) { select(family, p.family); }
    apply();
    if (h.length > 1 && h.indexOf('=') < 0) {
      var id = h.slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* keep it as written */ }
      reveal(id);
    }
  }

  levels.forEach(function (b) { b.addEventListener('change', apply); });
  if (rule) { rule.addEventListener('change', apply); }
  if (family) { family.addEventListener('change', apply); }
  window.addEventListener('hashchange', fromUrl);
  /* A mark clicked (or entered with the keyboard) shows its entry in the list. */
  function fromMark(e) {
    var m = e.target && e.target.closest ? e.target.closest('pre.text [data-f]') : null;
    if (m && (e.type === 'click' || e.key === 'Enter')) { current(entry(m.getAttribute('data-f'))); }
  }
  doc.addEventListener('click', fromMark);
  doc.addEventListener('keydown', fromMark);
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(doc.querySelectorAll('details'), function (d) { d.open = true; });
  });
  fromUrl();
  doc.documentElement.setAttribute('data-ready', '1');
}());
