// Live: the camera streamed to /v1/stream, boxes and labels drawn over the
// video as answers arrive. The key travels as a WebSocket subprotocol
// (a header), never in the URL.
import { getKey } from './api.js';
import { $, collections, el, milliseconds, status } from './ui.js';

let stream = null;
let socket = null;
let timer = 0;
let inFlight = 0;
let lastAnswer = 0;
let counts = { sent: 0, answered: 0, dropped: 0, errors: 0 };
const capture = document.createElement('canvas');

export function initLive() {
  $('#live-start').addEventListener('click', start);
  $('#live-stop').addEventListener('click', () => stopLive('Stopped.'));
  $('#live-fps').addEventListener('change', () => { if (socket) schedule(); });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stopLive('Stopped: the tab was hidden. Start again when you are back.');
  });
}

function show() {
  for (const [name, value] of Object.entries(counts)) $(`#live-${name}`).textContent = String(value);
}

async function start() {
  const statusLine = $('#live-status');
  if (!collections.current) {
    status(statusLine, 'Choose a collection first, or create one in the Gallery.', true);
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  } catch (error) {
    const refused = error.name === 'NotAllowedError' || error.name === 'SecurityError';
    status(statusLine, refused ? 'The camera was refused. Allow it in the browser to use live search.'
      : `No camera is available (${error.message || error.name}).`, true);
    return;
  }
  const video = $('#live-video');
  video.srcObject = stream;
  await video.play().catch(() => {});
  counts = { sent: 0, answered: 0, dropped: 0, errors: 0 };
  inFlight = 0;
  lastAnswer = 0;
  show();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}/v1/stream?collection=${encodeURIComponent(collections.current)}`;
  const key = getKey();
  socket = new WebSocket(url, key ? ['facesearch', `key.${key}`] : ['facesearch']);
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('open', () => {
    status(statusLine, `Streaming to ${collections.current}…`);
    schedule();
  });
  socket.addEventListener('message', (event) => receive(JSON.parse(event.data)));
  socket.addEventListener('close', (event) => {
    if (!socket) return;
    const reason = event.code === 1006 && counts.answered === 0
      ? 'The service refused the connection: check the API key and the collection.'
      : `The connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''}).`;
    stopLive(reason, true);
  });
  $('#live-start').disabled = true;
  $('#live-stop').disabled = false;
}

function schedule() {
  clearInterval(timer);
  timer = setInterval(sendFrame, 1000 / Number($('#live-fps').value));
}

function sendFrame() {
  const video = $('#live-video');
  // At most two frames on their way: the service keeps the latest anyway.
  // A frame dropped after the last answer is reported only later: do not wait for it forever.
  if (inFlight >= 2 && performance.now() - lastAnswer > 3000) inFlight = 0;
  if (!socket || socket.readyState !== WebSocket.OPEN || inFlight >= 2 || !video.videoWidth) return;
  const scale = Math.min(1, 640 / video.videoWidth);
  capture.width = Math.round(video.videoWidth * scale);
  capture.height = Math.round(video.videoHeight * scale);
  capture.getContext('2d').drawImage(video, 0, 0, capture.width, capture.height);
  inFlight += 1;
  capture.toBlob((blob) => {
    if (!socket || socket.readyState !== WebSocket.OPEN || !blob) { inFlight -= 1; return; }
    socket.send(blob);
    if (!lastAnswer) lastAnswer = performance.now();
    counts.sent += 1;
    show();
  }, 'image/jpeg', 0.75);
}

function receive(message) {
  lastAnswer = performance.now();
  if (message.type === 'settings') return;
  if (message.type === 'result') {
    inFlight = Math.max(0, inFlight - 1 - (message.dropped || 0));
    counts.answered += 1;
    counts.dropped += message.dropped || 0;
    $('#live-latency').textContent = milliseconds(message.elapsed_ms);
    draw(message.faces);
  } else if (message.type === 'error') {
    if (message.sequence) inFlight = Math.max(0, inFlight - 1);
    counts.errors += 1;
    status($('#live-status'), `The service reported: ${message.error.message}`, true);
  }
  show();
}

function draw(faces) {
  const overlay = $('#live-overlay');
  overlay.width = capture.width;
  overlay.height = capture.height;
  const context = overlay.getContext('2d');
  context.clearRect(0, 0, overlay.width, overlay.height);
  context.lineWidth = Math.max(2, overlay.width / 200);
  context.font = `${Math.max(12, overlay.width / 32)}px system-ui, sans-serif`;
  const names = [];
  for (const face of faces) {
    const { left, top, right, bottom } = face.box;
    const best = face.matches[0];
    const text = best ? `${best.label || `face ${best.face_id}`} ${best.score.toFixed(2)}` : 'unknown';
    names.push(text);
    context.strokeStyle = best ? '#00e676' : '#ffd400';
    context.strokeRect(left, top, right - left, bottom - top);
    const width = context.measureText(text).width + 8;
    const height = parseInt(context.font, 10) + 6;
    context.fillStyle = context.strokeStyle;
    context.fillRect(left, Math.max(0, top - height), width, height);
    context.fillStyle = '#111';
    context.fillText(text, left + 4, Math.max(0, top - height) + height - 6);
  }
  $('#live-faces').replaceChildren(...names.map((name) => el('li', { text: name })));
}

/** Stops the camera and the connection (a no-op when not streaming). */
export function stopLive(reason, isError = false) {
  if (!stream && !socket) return;
  clearInterval(timer);
  const closing = socket;
  socket = null;
  if (closing && closing.readyState <= WebSocket.OPEN) closing.close(1000, 'stopped');
  for (const track of stream?.getTracks() || []) track.stop();
  stream = null;
  $('#live-video').srcObject = null;
  $('#live-overlay').getContext('2d').clearRect(0, 0, $('#live-overlay').width, $('#live-overlay').height);
  $('#live-start').disabled = false;
  $('#live-stop').disabled = true;
  status($('#live-status'), reason, isError);
}
