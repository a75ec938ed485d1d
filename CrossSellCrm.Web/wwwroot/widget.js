/*
 * CrossSellCrm's shop widget: "goes well with" for a product or cart page. Paste where the list should appear:
 *   <script src="https://crm.example/widget.js" data-key="csk_…" data-sku="PH-PIX9" async></script>
 * data-sku: one SKU or several, comma-separated (a cart). Optional: data-take (1–10, default 3), data-lang (en|de; default
 * the page's <html lang>), data-customer (a customer number the shop knows), data-product-url (a link per product, {sku}
 * is replaced; default "?sku={sku}"), data-target (the id of an element to render into; default: right after this tag).
 * No dependency; it renders plain, accessible HTML (a labelled region, a list, links) and reports what it showed and what
 * was clicked. When the CRM cannot answer it renders nothing: a shop page should not show the CRM's errors.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var data = script.dataset;
  var base = new URL(script.src, document.baseURI).origin;
  var texts = {
    en: { title: 'Goes well with it', bundle: 'save {0} % in a bundle' },
    de: { title: 'Passt gut dazu', bundle: 'im Paket {0} % günstiger' }
  };
  var pageLang = (data.lang || document.documentElement.lang || navigator.language || 'en').slice(0, 2).toLowerCase();
  var lang = texts[pageLang] ? pageLang : 'en';
  var skus = (data.sku || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  if (!data.key || skus.length === 0) { console.warn('CrossSellCrm widget: data-key and data-sku are needed.'); return; }

  function headers(json) {
    var h = { 'X-Api-Key': data.key };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  function report(kind, shown) {
    fetch(base + '/api/widget/events', {
      method: 'POST', headers: headers(true), keepalive: true,
      body: JSON.stringify({ kind: kind, skus: shown, pageSku: skus[0], customer: data.customer || null })
    }).catch(function () { /* a lost report is no reason to bother the visitor */ });
  }

  function render(answer) {
    if (!answer.items || answer.items.length === 0) return;
    var t = texts[lang];
    var id = 'csc-widget-' + Math.random().toString(36).slice(2, 8);
    var section = document.createElement('section');
    section.className = 'csc-widget';
    section.setAttribute('aria-labelledby', id + '-title');
    section.setAttribute('lang', lang);
    var style = document.createElement('style');
    style.textContent =
      '.csc-widget{font:inherit;margin:1rem 0}.csc-widget h2{font-size:1.1rem;margin:0 0 .5rem}' +
      '.csc-widget ul{list-style:none;margin:0;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))}' +
      '.csc-widget a{display:block;padding:.75rem;border:1px solid #c7c7c7;border-radius:6px;color:inherit;text-decoration:none}' +
      '.csc-widget a:hover,.csc-widget a:focus-visible{border-color:#3949ab;outline:2px solid #3949ab;outline-offset:1px}' +
      '.csc-widget .csc-name{font-weight:600;display:block}.csc-widget .csc-price{display:block;margin:.25rem 0}' +
      '.csc-widget .csc-reason{display:block;font-size:.875rem;color:#4a4a4a}';
    section.appendChild(style);
    var heading = document.createElement('h2');
    heading.id = id + '-title';
    heading.textContent = t.title;
    section.appendChild(heading);
    var list = document.createElement('ul');
    var money = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' });
    answer.items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = (data.productUrl || '?sku={sku}').replace('{sku}', encodeURIComponent(item.sku));
      a.setAttribute('data-sku', item.sku);
      var name = document.createElement('span'); name.className = 'csc-name'; name.textContent = item.name;
      var price = document.createElement('span'); price.className = 'csc-price';
      price.textContent = money.format(item.price) +
        (item.bundleDiscountPercent ? ' · ' + t.bundle.replace('{0}', item.bundleDiscountPercent) : '');
      var reason = document.createElement('span'); reason.className = 'csc-reason'; reason.textContent = item.reason;
      a.appendChild(name); a.appendChild(price); a.appendChild(reason);
      a.addEventListener('click', function () { report('click', [item.sku]); });
      li.appendChild(a);
      list.appendChild(li);
    });
    section.appendChild(list);
    var target = data.target && document.getElementById(data.target);
    if (target) target.appendChild(section); else script.insertAdjacentElement('afterend', section);
    report('impression', answer.items.map(function (i) { return i.sku; }));
  }

  var query = skus.map(function (s) { return 'sku=' + encodeURIComponent(s); }).join('&') +
    '&take=' + encodeURIComponent(data.take || '3') + '&lang=' + lang;
  fetch(base + '/api/baskets/recommendations?' + query, { headers: headers(false) })
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(render)
    .catch(function (e) { console.warn('CrossSellCrm widget: no recommendations (' + e.message + ').'); });
})();
