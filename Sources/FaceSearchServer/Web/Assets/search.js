// Search: a photo in (file, drop, paste, webcam), a box on every face, and the
// matches of the selected face.
import { ApiError, call, collectionPath, describe, imageURL } from './api.js';
import { $, collections, el, faceImage, milliseconds, score, showError, status } from './ui.js';

let photo = null; // the Blob being searched
let answer = null; // the service's answer for it
let selected = 0;
let photoURL = '';
let sequence = 0; // a newer search makes older answers stale
let camera = null;

export function initSearch(activeTab) {
  const input = $('#search-file');
  input.addEventListener('change', () => { if (input.files[0]) search(input.files[0]); });
  const drop = $('#search-drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    event.stopPropagation();
    drop.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) search(file); else status($('#search-status'), 'Drop a photo file (JPEG, PNG or WebP).', true);
  });
  // A photo dropped anywhere on the search screen is searched, never opened in place of the page.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && activeTab() === 'search') search(file);
  });
  document.addEventListener('paste', (event) => {
    if (activeTab() !== 'search') return;
    const item = [...event.clipboardData.items].find((i) => i.kind === 'file' && i.type.startsWith('image/'));
    if (!item) return;
    event.preventDefault();
    search(item.getAsFile());
  });
  $('#search-camera').addEventListener('click', openCamera);
  $('#search-camera-close').addEventListener('click', closeCamera);
  $('#search-snap').addEventListener('click', snapshot);
  const threshold = $('#search-threshold');
  threshold.addEventListener('input', () => { $('#search-threshold-value').value = Number(threshold.value).toFixed(2); });
  threshold.addEventListener('change', () => { if (photo) search(photo); });
  $('#search-topk').addEventListener('change', () => { if (photo && $('#search-topk').checkValidity()) search(photo); });
  collections.addEventListener('change', () => {
    if (photo && answer && answer.collection !== collections.current) search(photo);
  });
}

async function search(blob) {
  const statusLine = $('#search-status');
  const name = collections.current;
  if (!name) {
    status(statusLine, 'Choose a collection first, or create one in the Gallery.', true);
    return;
  }
  const mine = ++sequence;
  photo = blob;
  answer = null;
  $('#search-matches').replaceChildren();
  $('#search-matches-title').textContent = 'Matches';
  $('#search-boxes').replaceChildren();
  if (photoURL) URL.revokeObjectURL(photoURL);
  photoURL = URL.createObjectURL(blob);
  const image = $('#search-photo');
  image.src = photoURL;
  const shown = image.decode().then(() => true, () => false);
  status(statusLine, 'Searching…');
  const topK = $('#search-topk').value || 5;
  const threshold = $('#search-threshold').value;
  const started = performance.now();
  try {
    const result = await call('POST', `${collectionPath(name)}/search?top_k=${topK}&threshold=${threshold}`, {
      body: blob,
    });
    const elapsed = performance.now() - started;
    if (mine !== sequence) return;
    answer = result;
    $('#search-stage').hidden = !(await shown);
    selected = 0;
    const faces = result.faces.length;
    status(statusLine, `${faces} face${faces === 1 ? '' : 's'} found · searched ${name} in ${milliseconds(elapsed)}` +
      (faces > 1 ? ' · click a box to see the matches of another face' : ''));
    $('#search-status').dataset.elapsed = String(Math.round(elapsed));
    drawBoxes();
    showMatches();
  } catch (error) {
    if (mine !== sequence) return;
    const readable = await shown;
    $('#search-stage').hidden = !(readable && error instanceof ApiError && error.code === 'no_face');
    $('#search-matches').replaceChildren(el('li', { class: 'empty', text: 'No matches for this photo.' }));
    if (error instanceof ApiError && error.code === 'no_face') {
      status(statusLine, 'No face was found in this photo. Try a photo where the face is larger and lit.');
    } else {
      showError(statusLine, error);
    }
  }
}

function drawBoxes() {
  const image = $('#search-photo');
  const width = image.naturalWidth;
  const height = image.naturalHeight;
  const boxes = answer.faces.map((face, index) => {
    const { left, top, right, bottom } = face.box;
    const button = el('button', {
      type: 'button', class: 'box', 'aria-pressed': String(index === selected),
      'aria-label': `Face ${index + 1}${face.matches[0]?.label ? `, looks like ${face.matches[0].label}` : ''}`,
      onclick: () => { selected = index; drawBoxes(); showMatches(); },
    }, el('span', { text: String(index + 1), 'aria-hidden': 'true' }));
    button.style.left = `${(100 * Math.max(left, 0)) / width}%`;
    button.style.top = `${(100 * Math.max(top, 0)) / height}%`;
    button.style.width = `${(100 * (Math.min(right, width) - Math.max(left, 0))) / width}%`;
    button.style.height = `${(100 * (Math.min(bottom, height) - Math.max(top, 0))) / height}%`;
    return button;
  });
  $('#search-boxes').replaceChildren(...boxes);
}

function showMatches() {
  const list = $('#search-matches');
  const face = answer.faces[selected];
  const title = $('#search-matches-title');
  title.textContent = answer.faces.length > 1 ? `Matches of face ${selected + 1}` : 'Matches';
  if (!face.matches.length) {
    list.replaceChildren(el('li', { class: 'empty' },
      `No stored face scored ${score(answer.threshold)} or more in ${answer.collection}. `,
      'Lower the least score, or add this person in the Gallery.'));
    return;
  }
  list.replaceChildren(...face.matches.map((match, rank) => matchCard(match, rank)));
}

function matchCard(match, rank) {
  const who = match.label || 'no label';
  const bar = el('span');
  bar.style.width = `${Math.round(match.score * 100)}%`;
  const metadata = Object.entries(match.metadata || {});
  return el('li', { class: 'card match', 'data-label': match.label || '', 'data-face-id': match.face_id },
    faceImage(match, `Stored face of ${who}`),
    el('div', { class: 'score', title: `distance ${match.distance.toFixed(4)}` },
      el('span', { class: 'score-value', text: score(match.score) }),
      el('span', { class: 'bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1,
        'aria-valuenow': match.score.toFixed(2), 'aria-label': 'score' }, bar)),
    el('div', { class: 'who', text: who }),
    el('div', { class: 'small', text: `#${rank + 1} · face ${match.face_id}` +
      (match.external_id ? ` · external id ${match.external_id}` : '') }),
    metadata.length ? el('dl', {}, metadata.map(([key, value]) =>
      el('div', {}, el('dt', { text: key }), el('dd', { text: JSON.stringify(value) })))) : null,
    el('button', { type: 'button', class: 'link', text: 'View the stored photo',
      onclick: () => showOriginal(match) }));
}

/** The stored original in a dialog, with the matched face boxed and a download link. */
export async function showOriginal(face) {
  const dialog = $('#photo-dialog');
  try {
    const url = await imageURL(face.image_url);
    const image = $('#photo-full');
    image.src = url;
    await image.decode();
    const { left, top, right, bottom } = face.box;
    const box = el('div', { class: 'box', 'aria-hidden': 'true' });
    box.style.left = `${(100 * left) / image.naturalWidth}%`;
    box.style.top = `${(100 * top) / image.naturalHeight}%`;
    box.style.width = `${(100 * (right - left)) / image.naturalWidth}%`;
    box.style.height = `${(100 * (bottom - top)) / image.naturalHeight}%`;
    $('#photo-box').replaceChildren(box);
    $('#photo-title').textContent = `Stored photo of ${face.label || 'an unlabelled face'}`;
    $('#photo-download').href = url;
    $('#photo-download').download = `facesearch-image-${face.image_id}`;
    dialog.showModal();
  } catch (error) {
    status($('#search-status'), describe(error), true);
  }
}

async function openCamera() {
  try {
    camera = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false });
    $('#search-video').srcObject = camera;
    $('#search-camera-panel').hidden = false;
    $('#search-snap').focus();
  } catch (error) {
    status($('#search-status'), `The camera is not available: ${error.message || error.name}.`, true);
  }
}

function closeCamera() {
  for (const track of camera?.getTracks() || []) track.stop();
  camera = null;
  $('#search-video').srcObject = null;
  $('#search-camera-panel').hidden = true;
}

async function snapshot() {
  const video = $('#search-video');
  const canvas = el('canvas', { width: video.videoWidth, height: video.videoHeight });
  canvas.getContext('2d').drawImage(video, 0, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  closeCamera();
  search(blob);
}
