// Small DOM helpers shared by the screens: elements, messages, confirmation,
// and the collections every screen works on.
import { call, describe, faceThumbnail } from './api.js';

export const $ = (selector, root = document) => root.querySelector(selector);

/** An element with attributes (`on…` are listeners) and children (strings or nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child);
  }
  return node;
}

/** A message in the corner; errors stay until closed, other messages for a few seconds. */
export function toast(message, kind = 'error') {
  const close = el('button', { type: 'button', 'aria-label': 'Dismiss', text: '×' });
  const node = el('div', { class: `toast ${kind}` }, el('p', { text: message }), close);
  close.addEventListener('click', () => node.remove());
  $('#toasts').append(node);
  if (kind !== 'error') setTimeout(() => node.remove(), 4000);
  while ($('#toasts').children.length > 4) $('#toasts').firstElementChild.remove();
}

/** Shows an error in a status line (and nowhere else: the user is looking there). */
export function status(node, message, isError = false) {
  node.textContent = message;
  node.classList.toggle('error', isError);
}

export function showError(node, error) { status(node, describe(error), true); }

/** Asks before a destructive action; resolves to true when confirmed. */
export function confirmAction(message, action = 'Delete') {
  const dialog = $('#confirm-dialog');
  $('#confirm-text').textContent = message;
  $('#confirm-ok').textContent = action;
  dialog.returnValue = '';
  dialog.showModal();
  $('#confirm-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/** An <img> of a face that loads its thumbnail (with the key) when it is created. */
export function faceImage(face, alt) {
  const image = el('img', { alt, width: 160, height: 160, loading: 'lazy', decoding: 'async' });
  faceThumbnail(face).then((url) => { image.src = url; }).catch((error) => {
    image.replaceWith(el('div', { class: 'thumb-missing', role: 'img', 'aria-label': `${alt}: ${describe(error)}` }));
  });
  return image;
}

export const score = (value) => value.toFixed(2);
export const milliseconds = (value) => `${Math.round(value)} ms`;

/** The collections and the chosen one; screens listen for `change`. */
export const collections = new (class extends EventTarget {
  list = [];
  current = sessionStorage.getItem('facesearch.collection') || '';

  async refresh() {
    const answer = await call('GET', '/v1/collections');
    this.list = answer.collections;
    if (!this.list.some((c) => c.name === this.current)) this.current = this.list[0]?.name || '';
    this.dispatchEvent(new Event('change'));
    return this.list;
  }

  choose(name) {
    this.current = name;
    sessionStorage.setItem('facesearch.collection', name);
    this.dispatchEvent(new Event('change'));
  }
})();
