// Gallery: collections, adding photos, and browsing and deleting faces and people.
import { ApiError, call, collectionPath, describe, enc, upload } from './api.js';
import { $, collections, confirmAction, el, faceImage, showError, status, toast } from './ui.js';
import { showOriginal } from './search.js';

const PAGE = 48;
let cursors = [null]; // the `after` of each page seen, for going back
let page = 0;
let mode = 'faces';
let labelFilter = '';

export function initGallery() {
  $('#collection-form').addEventListener('submit', createCollection);
  $('#upload-form').addEventListener('submit', addPhotos);
  for (const radio of document.querySelectorAll('input[name="browse"]')) {
    radio.addEventListener('change', () => { mode = radio.value; labelFilter = ''; resetPages(); });
  }
  $('#browse-next').addEventListener('click', () => { page += 1; browse(); });
  $('#browse-prev').addEventListener('click', () => { page = Math.max(0, page - 1); browse(); });
  collections.addEventListener('change', () => {
    renderCollections();
    if (shownFor !== collections.current && isVisible()) resetPages();
  });
}

const isVisible = () => !$('#gallery').hidden;
let shownFor = null;

export function showGallery() {
  renderCollections();
  resetPages();
}

function resetPages() {
  cursors = [null];
  page = 0;
  browse();
}

function renderCollections() {
  const rows = collections.list.map((c) => el('tr', { class: c.name === collections.current ? 'current' : null },
    el('td', {}, el('button', { type: 'button', class: 'link', text: c.name,
      'aria-label': `Open collection ${c.name}`, onclick: () => collections.choose(c.name) })),
    el('td', { class: 'wide-only', text: c.embedder, title: `${c.detector} + ${c.embedder}` }),
    el('td', { text: String(c.faces) }),
    el('td', { text: String(c.labels) }),
    el('td', {}, el('button', { type: 'button', text: 'Delete…', 'aria-label': `Delete collection ${c.name}`,
      onclick: () => deleteCollection(c) }))));
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: 5, text: 'No collection yet: create one below.' })));
  $('#collections-rows').replaceChildren(...rows);
}

async function createCollection(event) {
  event.preventDefault();
  const name = $('#collection-name').value.trim();
  try {
    const embedder = $('#collection-models').value;
    await call('POST', '/v1/collections', { json: embedder ? { name, embedder } : { name } });
    $('#collection-name').value = '';
    await collections.refresh();
    collections.choose(name);
    toast(`Collection ${name} created.`, 'info');
  } catch (error) {
    toast(describe(error));
  }
}

async function deleteCollection(collection) {
  const ok = await confirmAction(`Delete the collection ${collection.name} with its ${collection.faces} faces? `
    + 'Its photos are deleted too unless another collection keeps them. This cannot be undone.',
  'Delete collection');
  if (!ok) return;
  try {
    const result = await call('DELETE', collectionPath(collection.name));
    toast(`Deleted ${collection.name}: ${result.deleted_faces} faces, ${result.deleted_images} photos.`, 'info');
    await collections.refresh();
  } catch (error) {
    toast(describe(error));
  }
}

// Adding photos: one request per file, two at a time, each with its own line and progress.
async function addPhotos(event) {
  event.preventDefault();
  const name = collections.current;
  const files = [...$('#upload-files').files];
  if (!name) { toast('Choose or create a collection first.'); return; }
  if (!files.length) return;
  const label = $('#upload-label').value.trim();
  const faces = $('#upload-faces').value;
  const query = `faces=${faces}${label ? `&label=${enc(label)}` : ''}`;
  const totals = { photos: 0, added: 0, stored: 0, skipped: 0, failed: 0 };
  const list = $('#upload-list');
  const items = files.map((file) => {
    const bar = el('progress', { max: 1, 'aria-label': `Progress of ${file.name}` });
    bar.value = 0;
    const result = el('span', { class: 'result', text: 'waiting' });
    const item = el('li', { 'data-file': file.name }, el('span', { class: 'name', text: file.name }), bar, result);
    return { file, bar, result, item };
  });
  list.replaceChildren(...items.map((i) => i.item));
  $('#upload-button').disabled = true;
  status($('#upload-summary'), `Adding ${files.length} photo(s) to ${name}…`);
  const queue = [...items];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      entry.result.textContent = 'sending…';
      try {
        const answer = await upload(`${collectionPath(name)}/faces?${query}`, entry.file, (fraction) => {
          if (fraction < 1) { entry.bar.value = fraction; return; }
          entry.bar.removeAttribute('value'); // indeterminate while the service finds the faces
          entry.result.textContent = 'finding faces…';
        });
        totals.photos += 1;
        totals.skipped += answer.skipped.length;
        if (answer.already_stored) totals.stored += 1; else totals.added += answer.faces.length;
        entry.result.textContent = answer.already_stored ? 'already stored: nothing changed'
          : `${answer.faces.length} face(s) added` + (answer.skipped.length ? `, ${answer.skipped.length} skipped` : '');
        entry.item.classList.add('done');
      } catch (error) {
        totals.failed += 1;
        entry.result.textContent = error instanceof ApiError && error.code === 'no_face'
          ? 'failed: no face in this photo' : `failed: ${describe(error)}`;
        entry.item.classList.add('failed');
      }
      entry.bar.value = 1;
    }
  };
  await Promise.all([worker(), worker()]);
  $('#upload-button').disabled = false;
  $('#upload-files').value = '';
  status($('#upload-summary'), `Done: ${totals.photos} of ${files.length} photo(s) read, ${totals.added} face(s) added, `
    + `${totals.stored} already stored, ${totals.skipped} face(s) skipped, ${totals.failed} failed.`,
  totals.failed > 0);
  await collections.refresh().catch((error) => toast(describe(error)));
  resetPages();
}

// Browsing: faces by page (keyset cursors), or people by label.
async function browse() {
  const name = collections.current;
  shownFor = name;
  const grid = $('#browse-grid');
  const statusLine = $('#browse-status');
  $('#browse-prev').disabled = true;
  $('#browse-next').disabled = true;
  $('#browse-page').textContent = '';
  if (!name) { grid.replaceChildren(); status(statusLine, 'No collection chosen.'); return; }
  status(statusLine, 'Loading…');
  try {
    if (mode === 'people') await browsePeople(name); else await browseFaces(name);
  } catch (error) {
    grid.replaceChildren();
    showError(statusLine, error);
  }
}

async function browseFaces(name) {
  const after = cursors[page];
  const filter = labelFilter ? `&label=${enc(labelFilter)}` : '';
  const answer = await call('GET', `${collectionPath(name)}/faces?limit=${PAGE}${after ? `&after=${after}` : ''}${filter}`);
  cursors[page + 1] = answer.next_after;
  $('#browse-grid').replaceChildren(...answer.faces.map(faceCard));
  const shown = answer.faces.length;
  status($('#browse-status'), shown ? `Faces ${page * PAGE + 1} to ${page * PAGE + shown}`
    + (labelFilter ? ` labelled ${labelFilter}` : '') + ` in ${name}.` : `No faces${labelFilter ? ` labelled ${labelFilter}` : ''} in ${name}: add photos above.`);
  $('#browse-page').textContent = `Page ${page + 1}`;
  $('#browse-prev').disabled = page === 0;
  $('#browse-next').disabled = !answer.next_after;
}

function faceCard(face) {
  const who = face.label || 'no label';
  return el('li', { class: 'card face', 'data-face-id': face.id, 'data-label': face.label || '' },
    faceImage(face, `Face ${face.id}: ${who}`),
    el('div', { class: 'who', text: who }),
    el('div', { class: 'small', text: `face ${face.id}` + (face.external_id ? ` · ${face.external_id}` : '') }),
    el('button', { type: 'button', class: 'link', text: 'Stored photo', onclick: () => showOriginal(face) }),
    el('button', { type: 'button', text: 'Delete…', 'aria-label': `Delete face ${face.id}`,
      onclick: () => deleteFaces(`the face ${face.id} (${who})`, `/faces/${face.id}`) }));
}

// People: the labels of the collection's faces, read page by page (up to 20,000 faces).
let people = null; // { name, list, partial }: the people of a collection, read once per visit

async function browsePeople(name) {
  if (page === 0 || !people || people.name !== name) people = await readPeople(name);
  const { list, partial } = people;
  const shown = list.slice(page * PAGE, (page + 1) * PAGE);
  $('#browse-grid').replaceChildren(...shown.map(personCard));
  status($('#browse-status'), list.length
    ? `People ${page * PAGE + 1} to ${page * PAGE + shown.length} of ${list.length} in ${name}`
      + (partial ? ' (from the first 20,000 faces).' : '.')
    : `No faces in ${name}: add photos above.`);
  $('#browse-page').textContent = list.length > PAGE ? `Page ${page + 1} of ${Math.ceil(list.length / PAGE)}` : '';
  $('#browse-prev').disabled = page === 0;
  $('#browse-next').disabled = (page + 1) * PAGE >= list.length;
}

/** The labels of a collection's faces with a count and one face each, read 1,000 faces at a time. */
async function readPeople(name) {
  const byLabel = new Map();
  let after = null;
  let read = 0;
  do {
    const answer = await call('GET', `${collectionPath(name)}/faces?limit=1000${after ? `&after=${after}` : ''}`);
    for (const face of answer.faces) {
      const key = face.label || '';
      if (!byLabel.has(key)) byLabel.set(key, { label: face.label, count: 0, face });
      byLabel.get(key).count += 1;
    }
    read += answer.faces.length;
    after = answer.next_after;
  } while (after && read < 20000);
  const list = [...byLabel.values()].sort((a, b) => (a.label || '\uffff').localeCompare(b.label || '\uffff'));
  return { name, list, partial: Boolean(after) };
}

function personCard(person) {
  const who = person.label || 'faces without a label';
  return el('li', { class: 'card person', 'data-label': person.label || '' },
    faceImage(person.face, `A face of ${who}`),
    el('div', { class: 'who', text: who }),
    el('div', { class: 'small', text: `${person.count} face(s)` }),
    el('button', { type: 'button', class: 'link', text: 'Show faces', onclick: () => {
      mode = 'faces';
      labelFilter = person.label || '';
      document.querySelector('input[name="browse"][value="faces"]').checked = true;
      cursors = [null];
      page = 0;
      browse();
    } }),
    person.label ? el('button', { type: 'button', text: 'Delete person…', 'aria-label': `Delete everything about ${who}`,
      onclick: () => deleteFaces(`everything about ${who}: ${person.count} face(s)`, `/faces?label=${enc(person.label)}`) }) : null);
}

async function deleteFaces(what, path) {
  if (!(await confirmAction(`Delete ${what}? Photos no other face uses are deleted too. This cannot be undone.`))) return;
  try {
    const result = await call('DELETE', `${collectionPath(collections.current)}${path}`);
    toast(`Deleted ${result.deleted_faces.length} face(s) and ${result.deleted_images.length} photo(s).`, 'info');
    await collections.refresh();
    resetPages();
  } catch (error) {
    toast(describe(error));
  }
}
