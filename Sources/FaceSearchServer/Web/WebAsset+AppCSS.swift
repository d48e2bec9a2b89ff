// The web page file app.css, served by WebController: edit it here, there is no build step.
extension WebAsset {
    /// The style sheet: light and dark, responsive from 360 px.
    static let appCSS = #"""
        :root {
          --bg: #f6f7f9; --panel: #ffffff; --text: #1b1f24; --muted: #4a5361; --line: #d5dae1;
          --accent: #1d5fd1; --accent-text: #ffffff; --accent-soft: #e3ecfb; --danger: #b42318;
          --ok: #137333; --focus: #f59e0b; --radius: 10px; --shadow: 0 1px 3px rgb(0 0 0 / 12%);
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #111418; --panel: #1a1f26; --text: #e8ebef; --muted: #aab3bf; --line: #333b46;
            --accent: #6ea2ff; --accent-text: #0b1220; --accent-soft: #1e2b44; --danger: #ff8a80; --ok: #7ddc8f;
          }
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
        }
        h2 { font-size: 1.05rem; margin: 0 0 .6rem; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; top: 0; }
        .skip:focus { left: .5rem; top: .5rem; z-index: 10; background: var(--panel); padding: .4rem .6rem; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

        .top {
          position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem;
          padding: .5rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line); box-shadow: var(--shadow);
        }
        .brand { display: flex; align-items: center; gap: .45rem; font-weight: 700; font-size: 1.1rem; }
        .tabs { display: flex; gap: .25rem; flex-wrap: wrap; }
        .tabs button { border: 0; background: transparent; padding: .45rem .8rem; border-radius: 999px; color: var(--muted); }
        .tabs button[aria-selected="true"] { background: var(--accent-soft); color: var(--text); font-weight: 600; }
        .top-tools { display: flex; gap: .5rem; align-items: center; margin-left: auto; flex-wrap: wrap; }
        .collection-picker { display: flex; flex-direction: row; align-items: center; gap: .4rem; color: var(--muted); }

        main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
        .screen[hidden] { display: none; }
        button, select, input {
          font: inherit; color: inherit; background: var(--panel); border: 1px solid var(--line);
          border-radius: 8px; padding: .4rem .7rem; min-height: 2.25rem;
        }
        button { cursor: pointer; }
        button:disabled { opacity: .55; cursor: not-allowed; }
        button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); font-weight: 600; }
        button.danger { background: var(--danger); color: #fff; border-color: var(--danger); font-weight: 600; }
        button.ghost { background: transparent; }
        button.link { border: 0; background: none; padding: 0; min-height: 0; color: var(--accent); text-decoration: underline; }
        input[type="range"] { padding: 0; border: 0; background: transparent; }
        input[type="number"] { width: 5.5rem; }
        input[type="file"] { max-width: 100%; min-width: 0; }
        .inline-form label { max-width: 100%; min-width: 0; }
        label { display: inline-flex; flex-direction: column; gap: .2rem; color: var(--muted); font-size: .9rem; }
        label > input, label > select { color: var(--text); }
        .row { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .6rem 0; }
        .row.spread { justify-content: space-between; }
        .row.end { justify-content: flex-end; }
        .status { color: var(--muted); margin: .5rem 0; min-height: 1.4em; }
        .status.error, .error-text { color: var(--danger); font-weight: 600; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem; margin-bottom: 1rem; }
        .panels { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
        .panels .panel { margin: 0; }
        .inline-form { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; }

        .search-layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); align-items: start; }
        @media (max-width: 760px) { .search-layout { grid-template-columns: minmax(0, 1fr); } }
        .drop {
          display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center;
          min-height: 120px; padding: 1rem; border: 2px dashed var(--line); border-radius: var(--radius);
          background: var(--panel); color: var(--text); cursor: pointer; font-size: 1rem;
        }
        .drop span { color: var(--muted); font-size: .9rem; }
        .drop input { margin-top: .6rem; width: 100%; max-width: 22rem; }
        .drop.over { border-color: var(--accent); background: var(--accent-soft); }
        .drop:focus-within { outline: 3px solid var(--focus); outline-offset: 2px; }
        .search-input .row { align-items: flex-end; }
        .camera video { width: 100%; border-radius: var(--radius); background: #000; }

        .stage { position: relative; display: inline-block; max-width: 100%; line-height: 0; }
        .stage img { max-width: 100%; max-height: 62vh; border-radius: var(--radius); }
        .boxes { position: absolute; inset: 0; }
        .box {
          position: absolute; min-height: 0; padding: 0; border: 3px solid #ffd400; background: transparent;
          border-radius: 4px; box-shadow: 0 0 0 1px rgb(0 0 0 / 60%);
        }
        .box span {
          position: absolute; left: -3px; top: -1.6rem; line-height: 1.2; padding: .1rem .4rem; border-radius: 4px;
          background: #ffd400; color: #111; font-weight: 700; font-size: .8rem; white-space: nowrap;
        }
        .box[aria-pressed="true"] { border-color: #00e676; z-index: 2; }
        .box[aria-pressed="true"] span { background: #00e676; }

        .grid { list-style: none; padding: 0; margin: .5rem 0; display: grid; gap: .8rem; }
        .matches { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
        .matches .empty { grid-column: 1 / -1; }
        .faces { grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: .6rem; display: flex; flex-direction: column; gap: .35rem; }
        .card img, .thumb-missing { width: 100%; height: auto; aspect-ratio: 1; object-fit: cover; border-radius: 6px; background: var(--accent-soft); }
        .card .who { font-weight: 700; overflow-wrap: anywhere; }
        .card .small { color: var(--muted); font-size: .82rem; overflow-wrap: anywhere; }
        .card dl { margin: 0; font-size: .8rem; color: var(--muted); }
        .card dl div { display: flex; gap: .3rem; } .card dt { font-weight: 600; } .card dd { margin: 0; overflow-wrap: anywhere; }
        .score { display: flex; align-items: center; gap: .45rem; font-variant-numeric: tabular-nums; font-weight: 700; }
        .bar { flex: 1; height: .5rem; border-radius: 99px; background: var(--accent-soft); overflow: hidden; }
        .bar span { display: block; height: 100%; background: var(--ok); }
        .rank { color: var(--muted); font-size: .8rem; }
        .empty { padding: 1.2rem; border: 1px dashed var(--line); border-radius: var(--radius); color: var(--muted); text-align: center; }

        .table { width: 100%; border-collapse: collapse; margin-bottom: .8rem; }
        .table th, .table td { text-align: left; padding: .35rem .4rem; border-bottom: 1px solid var(--line); }
        .table tr.current td { background: var(--accent-soft); }
        .table td:last-child { text-align: right; white-space: nowrap; }
        .upload-list { list-style: none; padding: 0; margin: .6rem 0; max-height: 16rem; overflow: auto; }
        .upload-list li { display: grid; grid-template-columns: 1fr 6rem; gap: .2rem .6rem; padding: .3rem 0; border-bottom: 1px solid var(--line); font-size: .9rem; }
        .upload-list .name { overflow-wrap: anywhere; }
        .upload-list .result { grid-column: 1 / -1; color: var(--muted); }
        .upload-list .failed .result { color: var(--danger); font-weight: 600; }
        .upload-list progress { width: 100%; }
        .segmented { display: inline-flex; border: 1px solid var(--line); border-radius: 999px; overflow: hidden; }
        .segmented label { flex-direction: row; align-items: center; gap: .3rem; padding: .35rem .8rem; color: var(--text); cursor: pointer; }
        .segmented label:has(input:checked) { background: var(--accent-soft); font-weight: 600; }
        .pager { justify-content: center; }

        .live-stage { position: relative; max-width: 720px; line-height: 0; }
        .live-stage video { width: 100%; border-radius: var(--radius); background: #000; min-height: 120px; }
        .live-stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
        .counters { display: flex; flex-wrap: wrap; gap: .6rem; margin: .8rem 0; }
        .counters div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .4rem .8rem; min-width: 6rem; }
        .counters dt { color: var(--muted); font-size: .8rem; } .counters dd { margin: 0; font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
        .live-faces { padding-left: 1.2rem; }

        .map-wrap { position: relative; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); }
        #map-canvas { display: block; width: 100%; height: min(70vh, 640px); cursor: crosshair; }
        .tip { position: absolute; z-index: 3; width: 150px; padding: .4rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; box-shadow: var(--shadow); pointer-events: none; font-size: .82rem; }
        .tip img { width: 100%; height: auto; aspect-ratio: 1; object-fit: cover; border-radius: 6px; }
        .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem .9rem; font-size: .9rem; }
        .legend li { display: inline-flex; align-items: center; gap: .35rem; }
        .swatch { width: .9rem; height: .9rem; border-radius: 50%; display: inline-block; }

        dialog { border: 1px solid var(--line); border-radius: var(--radius); background: var(--panel); color: var(--text); max-width: min(92vw, 480px); padding: 1.2rem; }
        dialog.wide { max-width: min(96vw, 980px); }
        dialog::backdrop { background: rgb(0 0 0 / 45%); }
        dialog label { display: flex; }
        dialog input { width: 100%; }
        .toasts { position: fixed; right: 1rem; bottom: 1rem; z-index: 20; display: flex; flex-direction: column; gap: .5rem; max-width: min(92vw, 420px); }
        .toast { background: var(--panel); border: 1px solid var(--line); border-left: 5px solid var(--danger); border-radius: 8px; padding: .6rem .8rem; box-shadow: var(--shadow); display: flex; gap: .6rem; align-items: flex-start; }
        .toast.info { border-left-color: var(--ok); }
        .toast p { margin: 0; flex: 1; }
        .toast button { min-height: 0; padding: .1rem .45rem; }
        @media (max-width: 480px) {
          main { padding: .6rem; }
          .top { padding: .4rem .6rem; position: static; }
          .top-tools { margin-left: 0; width: 100%; }
          .collection-picker { flex: 1; } .collection-picker select { flex: 1; min-width: 0; }
          .wide-only { display: none; }
        }
        """#
}
