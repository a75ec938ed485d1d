// Keyboard for the call cockpit: "/" focuses the search; 1–3, a, d, l, digits and Enter go to the page
// (it decides what they mean). Keys typed into a field stay in the field; Escape leaves it.
export function attach(page) {
  const handler = e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    if (typing) {
      if (e.key === 'Escape') t.blur();
      return;
    }
    if (e.key === '/') {
      e.preventDefault();
      document.getElementById('call-search-input')?.focus();
      return;
    }
    if (/^[0-9adlsuADLSU]$/.test(e.key) || e.key === 'Enter' || e.key === 'Escape') {
      e.preventDefault();
      page.invokeMethodAsync('HandleKey', e.key.toLowerCase());
    }
  };
  document.addEventListener('keydown', handler);
  return { detach: () => document.removeEventListener('keydown', handler) };
}

export function copy(text) {
  return navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false);
}

// After a customer is opened from the search, the keys belong to the offers again.
export function leaveSearch() {
  document.getElementById('call-search-input')?.blur();
}
