// The page: tabs, the API key, the collection picker, and a last line of
// defence so that no error goes unseen.
import { getKey, keyRequired, setKey, whenUnauthenticated, describe } from './api.js';
import { $, collections, el, toast } from './ui.js';
import { initSearch } from './search.js';
import { initLive, stopLive } from './live.js';
import { initGallery, showGallery } from './gallery.js';
import { initMap, showMap } from './map.js';

window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  toast(describe(event.reason));
});
window.addEventListener('error', (event) => toast(describe(event.error || event.message)));

const tabs = [...document.querySelectorAll('[role="tab"]')];
export let activeTab = 'search';

function selectTab(tab, focus = false) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(`#${other.getAttribute('aria-controls')}`).hidden = !selected;
  }
  if (focus) tab.focus();
  activeTab = tab.getAttribute('aria-controls');
  document.body.dataset.screen = activeTab;
  if (activeTab !== 'live') stopLive('Stopped: you left the Live screen.');
  if (activeTab === 'gallery') showGallery();
  if (activeTab === 'map') showMap();
  history.replaceState(null, '', `#${activeTab}`);
}

for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });
}

// The API key: asked once per browser session, kept in sessionStorage.
const keyDialog = $('#key-dialog');
let keyWaiters = [];

function askForKey(reason) {
  const error = $('#key-error');
  error.hidden = !reason;
  error.textContent = reason || '';
  $('#key-input').value = '';
  if (!keyDialog.open) keyDialog.showModal();
  $('#key-input').focus();
  return new Promise((resolve) => keyWaiters.push(resolve));
}

$('#key-form').addEventListener('submit', (event) => {
  const key = $('#key-input').value.trim();
  if (!key) { event.preventDefault(); return; }
  setKey(key);
  updateKeyButton();
  const waiters = keyWaiters;
  keyWaiters = [];
  for (const resolve of waiters) resolve();
  loadCollections();
});
$('#key-forget').addEventListener('click', () => {
  setKey('');
  updateKeyButton();
  $('#key-input').value = '';
  toast('The key is forgotten in this tab.', 'info');
});
$('#key-button').addEventListener('click', () => askForKey());

function updateKeyButton() {
  $('#key-button').textContent = getKey() ? 'API key ✓' : keyRequired ? 'Enter API key' : 'API key';
  $('#key-button').setAttribute('aria-label', getKey() ? 'API key (set for this session): change' : 'Enter an API key');
}

whenUnauthenticated((error) => {
  setKey('');
  updateKeyButton();
  askForKey(error.message);
});

// The collection picker in the header.
const picker = $('#collection');
picker.addEventListener('change', () => collections.choose(picker.value));
collections.addEventListener('change', () => {
  picker.replaceChildren(...collections.list.map((c) =>
    el('option', { value: c.name, text: `${c.name} (${c.faces} faces)` })));
  if (!collections.list.length) picker.append(el('option', { value: '', text: 'no collection yet' }));
  picker.value = collections.current;
});

async function loadCollections() {
  try {
    await collections.refresh();
    if (!collections.list.length) toast('There is no collection yet: create one in the Gallery.', 'info');
  } catch (error) {
    if (error.status !== 401) toast(describe(error));
  }
}

initSearch(() => activeTab);
initLive();
initGallery();
initMap();
updateKeyButton();
const first = tabs.find((tab) => `#${tab.getAttribute('aria-controls')}` === location.hash) || tabs[0];
selectTab(first);
if (keyRequired && !getKey()) askForKey(); else loadCollections();
