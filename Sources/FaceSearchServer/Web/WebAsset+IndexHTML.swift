// The web page file index.html, served by WebController: edit it here, there is no build step.
extension WebAsset {
    /// The page at `/`; `{{AUTH}}` becomes `required` or `disabled`.
    static let indexHTML = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="facesearch-auth" content="{{AUTH}}">
        <title>facesearch</title>
        <link rel="icon" href="/web/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/web/app.css">
        <script type="module" src="/web/app.js"></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <div class="brand"><img src="/web/icon.svg" alt="" width="28" height="28"> facesearch</div>
          <nav class="tabs" role="tablist" aria-label="Screens">
            <button role="tab" id="tab-search" aria-controls="search" aria-selected="true">Search</button>
            <button role="tab" id="tab-live" aria-controls="live" aria-selected="false" tabindex="-1">Live</button>
            <button role="tab" id="tab-gallery" aria-controls="gallery" aria-selected="false" tabindex="-1">Gallery</button>
            <button role="tab" id="tab-map" aria-controls="map" aria-selected="false" tabindex="-1">Map</button>
          </nav>
          <div class="top-tools">
            <label class="collection-picker">Collection
              <select id="collection"></select>
            </label>
            <button type="button" id="key-button" class="ghost">API key</button>
          </div>
        </header>
        <div id="toasts" class="toasts" role="alert" aria-live="assertive"></div>

        <main id="main">
        <section id="search" role="tabpanel" aria-labelledby="tab-search" class="screen">
          <div class="search-layout">
            <div class="search-input">
              <label id="search-drop" class="drop" for="search-file">
                <strong>Drop a photo here</strong>
                <span>or choose a file, or paste one (Ctrl+V)</span>
                <input type="file" id="search-file" accept="image/jpeg,image/png,image/webp,image/*">
              </label>
              <div class="row">
                <button type="button" id="search-camera">Take a webcam snapshot</button>
                <label>Matches per face <input type="number" id="search-topk" min="1" max="100" value="5"></label>
                <label>Least score <output id="search-threshold-value" for="search-threshold">0.50</output>
                  <input type="range" id="search-threshold" min="0" max="1" step="0.01" value="0.5"></label>
              </div>
              <div class="camera" id="search-camera-panel" hidden>
                <video id="search-video" autoplay playsinline muted aria-label="Webcam preview"></video>
                <div class="row">
                  <button type="button" id="search-snap" class="primary">Take photo</button>
                  <button type="button" id="search-camera-close">Close camera</button>
                </div>
              </div>
              <p id="search-status" class="status" aria-live="polite">Choose a photo to find the most similar faces.</p>
              <div id="search-stage" class="stage" hidden>
                <img id="search-photo" alt="The photo being searched">
                <div id="search-boxes" class="boxes" role="group" aria-label="Detected faces"></div>
              </div>
            </div>
            <div class="search-results">
              <h2 id="search-matches-title">Matches</h2>
              <ol id="search-matches" class="grid matches" aria-labelledby="search-matches-title">
                <li class="empty">The most similar stored faces appear here, best first.</li>
              </ol>
            </div>
          </div>
        </section>

        <section id="live" role="tabpanel" aria-labelledby="tab-live" class="screen" hidden>
          <div class="row">
            <button type="button" id="live-start" class="primary">Start camera</button>
            <button type="button" id="live-stop" disabled>Stop</button>
            <label>Frames per second
              <select id="live-fps"><option>2</option><option selected>4</option><option>8</option><option>12</option></select>
            </label>
          </div>
          <p id="live-status" class="status" aria-live="polite">Streams the camera to the service and labels the faces it knows.</p>
          <div class="live-stage">
            <video id="live-video" autoplay playsinline muted aria-label="Camera"></video>
            <canvas id="live-overlay" aria-hidden="true"></canvas>
          </div>
          <dl class="counters">
            <div><dt>Sent</dt><dd id="live-sent">0</dd></div>
            <div><dt>Answered</dt><dd id="live-answered">0</dd></div>
            <div><dt>Dropped</dt><dd id="live-dropped">0</dd></div>
            <div><dt>Errors</dt><dd id="live-errors">0</dd></div>
            <div><dt>Last search</dt><dd id="live-latency">–</dd></div>
          </dl>
          <ul id="live-faces" class="live-faces" aria-live="polite"></ul>
        </section>

        <section id="gallery" role="tabpanel" aria-labelledby="tab-gallery" class="screen" hidden>
          <div class="panels">
            <section class="panel" aria-labelledby="collections-title">
              <h2 id="collections-title">Collections</h2>
              <table class="table">
                <thead><tr><th scope="col">Name</th><th scope="col" class="wide-only">Model</th><th scope="col">Faces</th><th scope="col">People</th><th scope="col"><span class="sr">Actions</span></th></tr></thead>
                <tbody id="collections-rows"></tbody>
              </table>
              <form id="collection-form" class="inline-form">
                <label>New collection <input id="collection-name" required pattern="[A-Za-z0-9_\-]{1,64}" maxlength="64" placeholder="people"></label>
                <label>Model <select id="collection-models" title="The face model: the server's default, dlib's ResNet, or YuNet + SFace"><option value="">default</option><option value="dlib">dlib</option><option value="sface">sface</option></select></label>
                <button class="primary">Create</button>
              </form>
            </section>
            <section class="panel" aria-labelledby="upload-title">
              <h2 id="upload-title">Add photos</h2>
              <form id="upload-form" class="inline-form">
                <label>Photos <input type="file" id="upload-files" multiple accept="image/jpeg,image/png,image/webp,image/*" required></label>
                <label>Label (who they show) <input id="upload-label" placeholder="optional"></label>
                <label>Faces <select id="upload-faces"><option value="largest">the largest of each photo</option><option value="all">all faces</option></select></label>
                <button class="primary" id="upload-button">Add to collection</button>
              </form>
              <ul id="upload-list" class="upload-list"></ul>
              <p id="upload-summary" class="status" aria-live="polite"></p>
            </section>
          </div>
          <section class="panel" aria-labelledby="browse-title">
            <div class="row spread">
              <h2 id="browse-title">Browse</h2>
              <div class="segmented" role="radiogroup" aria-label="Browse by">
                <label><input type="radio" name="browse" value="faces" checked> Faces</label>
                <label><input type="radio" name="browse" value="people"> People</label>
              </div>
            </div>
            <p id="browse-status" class="status" aria-live="polite"></p>
            <ul id="browse-grid" class="grid faces"></ul>
            <div class="row pager">
              <button type="button" id="browse-prev" disabled>Previous page</button>
              <span id="browse-page"></span>
              <button type="button" id="browse-next" disabled>Next page</button>
            </div>
          </section>
        </section>

        <section id="map" role="tabpanel" aria-labelledby="tab-map" class="screen" hidden>
          <div class="row">
            <div class="segmented" role="radiogroup" aria-label="Color by">
              <label><input type="radio" name="map-color" value="label" checked> Color by label</label>
              <label><input type="radio" name="map-color" value="cluster"> Color by k-means cluster</label>
            </div>
            <label>Clusters (k) <input type="number" id="map-k" min="1" max="100" placeholder="auto"></label>
            <button type="button" id="map-draw" class="primary">Draw map</button>
          </div>
          <p id="map-status" class="status" aria-live="polite">A 2-D projection (PCA) of the collection's face descriptors: faces of one person should gather.</p>
          <div class="map-wrap">
            <canvas id="map-canvas" role="img" tabindex="0" aria-label="Embedding map"
              aria-describedby="map-keys"></canvas>
            <div id="map-tip" class="tip" hidden></div>
          </div>
          <ul id="map-legend" class="legend" aria-label="Legend"></ul>
          <p id="map-keys" class="status">Keyboard: focus the map, then the arrow keys step through the faces; Escape hides the face.</p>
        </section>
        </main>

        <dialog id="key-dialog" aria-labelledby="key-title">
          <form method="dialog" id="key-form">
            <h2 id="key-title">API key</h2>
            <p>This service needs an API key (from <code>facesearch keys create</code>). It is kept in this tab only
              (session storage) and sent in a request header, never in a URL.</p>
            <p id="key-error" class="error-text" hidden></p>
            <label>Key <input type="password" id="key-input" autocomplete="off" spellcheck="false" required placeholder="fsk_…"></label>
            <div class="row end">
              <button type="button" id="key-forget">Forget key</button>
              <button class="primary" id="key-save" value="save">Use this key</button>
            </div>
          </form>
        </dialog>

        <dialog id="confirm-dialog" aria-labelledby="confirm-text">
          <form method="dialog">
            <p id="confirm-text"></p>
            <div class="row end">
              <button value="cancel" id="confirm-cancel">Cancel</button>
              <button value="ok" id="confirm-ok" class="danger">Delete</button>
            </div>
          </form>
        </dialog>

        <dialog id="photo-dialog" aria-labelledby="photo-title" class="wide">
          <form method="dialog">
            <div class="row spread"><h2 id="photo-title">Stored photo</h2><button value="close">Close</button></div>
            <div class="stage"><img id="photo-full" alt="The stored original photo"><div id="photo-box" class="boxes"></div></div>
            <p><a id="photo-download" download>Download the original</a></p>
          </form>
        </dialog>
        </body>
        </html>
        """#
}
