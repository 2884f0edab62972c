// Enhances the territory search field into an ARIA 1.2 combobox with suggestions from
// /api/v1/territories. Without JavaScript the plain form still works.
const MIN_LENGTH = 2;
const DELAY_MS = 150;

function enhance(container) {
  const input = container.querySelector('input[type="search"]');
  if (!input) return;
  const listId = `${input.id}-suggestions`;
  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'boussole-autocomplete__list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Territoires suggérés');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'boussole-sr-only';
  status.setAttribute('role', 'status');
  container.classList.add('boussole-autocomplete');
  container.append(list, status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);

  let items = [];
  let active = -1;
  let timer = null;
  let request = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', list.children[index].id);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (index) => { window.location.assign(items[index].url); };
  const render = () => {
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement('li');
      li.id = `${listId}-${i}`;
      li.className = 'boussole-autocomplete__option';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = `${item.name} — ${item.kind_label} (${item.code})`;
      li.addEventListener('mousedown', (event) => { event.preventDefault(); choose(i); });
      return li;
    }));
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    status.textContent = open ? `${items.length} suggestion(s) disponible(s)` : 'Aucune suggestion';
    active = -1;
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < MIN_LENGTH) { items = []; close(); return; }
    timer = setTimeout(async () => {
      const mine = ++request;
      try {
        const response = await fetch(`/api/v1/territories?limit=8&q=${encodeURIComponent(q)}`);
        if (!response.ok || mine !== request) return;
        items = (await response.json()).items;
        render();
      } catch { /* the plain form still works */ }
    }, DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); choose(active); }
    else if (event.key === 'Escape') { close(); }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

document.querySelectorAll('[data-territory-autocomplete]').forEach(enhance);
