// Embedding map: the service projects the collection's descriptors to 2-D
// (PCA) and clusters them (k-means); the page draws one point per face.
import { call, collectionPath, describe } from './api.js';
import { $, collections, el, faceImage, showError, status } from './ui.js';

// Distinguishable colors (Tableau 10 and two more); grey for faces without a label.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#bab0ac', '#17becf', '#8c564b'];
const NO_LABEL = '#8a8f98';
let map = null; // the last answer
let drawn = []; // [x, y, point] in CSS pixels
let loadedFor = '';
let focused = -1; // the point chosen with the keyboard

export function initMap() {
  $('#map-draw').addEventListener('click', load);
  for (const radio of document.querySelectorAll('input[name="map-color"]')) radio.addEventListener('change', draw);
  const canvas = $('#map-canvas');
  canvas.addEventListener('mousemove', (event) => hover(event.offsetX, event.offsetY));
  canvas.addEventListener('mouseleave', () => { $('#map-tip').hidden = true; });
  // Keyboard: arrows step through the faces (by id), Escape hides the face.
  canvas.addEventListener('keydown', (event) => {
    if (!drawn.length) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Escape') { $('#map-tip').hidden = true; return; }
    if (!step) return;
    event.preventDefault();
    focused = (focused + step + drawn.length) % drawn.length;
    showTip(drawn[focused]);
  });
  canvas.addEventListener('blur', () => { $('#map-tip').hidden = true; });
  new ResizeObserver(() => { if (map) draw(); }).observe(canvas);
  collections.addEventListener('change', () => { if (!$('#map').hidden && loadedFor !== collections.current) load(); });
}

export function showMap() {
  if (loadedFor !== collections.current) load();
}

async function load() {
  const name = collections.current;
  const statusLine = $('#map-status');
  if (!name) { status(statusLine, 'Choose a collection first.', true); return; }
  loadedFor = name;
  status(statusLine, `Computing the map of ${name}…`);
  const k = $('#map-k').value;
  const color = document.querySelector('input[name="map-color"]:checked').value;
  try {
    map = await call('GET', `${collectionPath(name)}/map?color=${color}${k ? `&k=${k}` : ''}`);
    const [first, second] = map.explained_variance.map((v) => `${(v * 100).toFixed(1)}%`);
    status(statusLine, `${map.points.length} faces of ${name}` + (map.truncated ? ` (the first of ${map.total_faces})` : '')
      + ` · the axes explain ${first} and ${second} of the variance · k = ${map.k}. Hover a point to see the face.`);
    draw();
  } catch (error) {
    map = null;
    draw();
    showError(statusLine, error);
  }
}

function colorOf(point, labels) {
  const byCluster = document.querySelector('input[name="map-color"]:checked').value === 'cluster';
  if (byCluster) return PALETTE[point.cluster % PALETTE.length];
  return point.label === null || point.label === undefined ? NO_LABEL : PALETTE[labels.get(point.label) % PALETTE.length];
}

function draw() {
  const canvas = $('#map-canvas');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  drawn = [];
  focused = -1;
  canvas.dataset.points = '0';
  if (!map || !map.points.length) { $('#map-legend').replaceChildren(); return; }
  const labels = new Map([...new Set(map.points.map((p) => p.label).filter((l) => l !== null && l !== undefined))]
    .sort().map((label, index) => [label, index]));
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 24;
  const scale = Math.min((width - 2 * pad) / (maxX - minX || 1), (height - 2 * pad) / (maxY - minY || 1));
  const offsetX = (width - scale * (maxX - minX)) / 2;
  const offsetY = (height - scale * (maxY - minY)) / 2;
  context.strokeStyle = getComputedStyle(document.body).getPropertyValue('--line');
  context.strokeRect(0.5, 0.5, width - 1, height - 1);
  const radius = map.points.length > 2000 ? 2.5 : map.points.length > 200 ? 4 : 7;
  for (const point of map.points) {
    const x = offsetX + (point.x - minX) * scale;
    const y = height - (offsetY + (point.y - minY) * scale); // up is positive
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fillStyle = colorOf(point, labels);
    context.globalAlpha = 0.85;
    context.fill();
    drawn.push([x, y, point]);
  }
  context.globalAlpha = 1;
  canvas.dataset.points = String(drawn.length);
  canvas.dataset.first = `${drawn[0][0].toFixed(1)},${drawn[0][1].toFixed(1)}`;
  canvas.setAttribute('aria-label', `Embedding map of ${drawn.length} faces`);
  legend(labels);
}

function legend(labels) {
  const byCluster = document.querySelector('input[name="map-color"]:checked').value === 'cluster';
  const swatch = (color) => {
    const node = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    node.style.background = color;
    return node;
  };
  const count = (test) => map.points.filter(test).length;
  const items = byCluster
    ? Array.from({ length: map.k }, (_, c) => el('li', {}, swatch(PALETTE[c % PALETTE.length]),
      `cluster ${c + 1} (${count((p) => p.cluster === c)})`))
    : [...labels].map(([label, index]) => el('li', {}, swatch(PALETTE[index % PALETTE.length]),
      `${label} (${count((p) => p.label === label)})`));
  const unlabelled = count((p) => p.label === null || p.label === undefined);
  if (!byCluster && unlabelled) items.push(el('li', {}, swatch(NO_LABEL), `no label (${unlabelled})`));
  $('#map-legend').replaceChildren(...items);
}

let tipFor = null;
function hover(x, y) {
  let best = null;
  let bestDistance = 12 * 12;
  for (const entry of drawn) {
    const distance = (entry[0] - x) ** 2 + (entry[1] - y) ** 2;
    if (distance < bestDistance) { best = entry; bestDistance = distance; }
  }
  if (best) showTip(best); else $('#map-tip').hidden = true;
}

/** The face of a point beside it: thumbnail, label, id and cluster. */
function showTip([x, y, point]) {
  const tip = $('#map-tip');
  if (tipFor !== point.face_id) {
    tipFor = point.face_id;
    const face = { id: point.face_id, face_id: point.face_id };
    tip.replaceChildren(el('div', { class: 'small', text: 'loading…' }));
    call('GET', `${collectionPath(loadedFor)}/faces/${point.face_id}`).then((stored) => {
      if (tipFor !== point.face_id) return;
      Object.assign(face, stored);
      tip.replaceChildren(faceImage(face, `Face ${point.face_id}`),
        el('div', { class: 'who', text: point.label || 'no label' }),
        el('div', { class: 'small', text: `face ${point.face_id} · cluster ${point.cluster + 1}` }));
    }).catch((error) => { tip.replaceChildren(el('div', { class: 'small', text: describe(error) })); });
  }
  const canvas = $('#map-canvas');
  tip.hidden = false;
  // Beside the point, on the side with room, so the point itself stays visible.
  tip.style.left = `${x + 176 < canvas.clientWidth ? x + 14 : Math.max(0, x - 164)}px`;
  tip.style.top = `${Math.max(0, Math.min(y - 90, canvas.clientHeight - 210))}px`;
}
