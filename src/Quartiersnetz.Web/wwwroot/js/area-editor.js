// Draws a programme area's boundary on a Leaflet map for the office's area form. The GeoJSON text field stays the
// source of truth and the accessible way in: every click writes the polygon into it, and text typed or pasted
// there is shown on the map. Without JavaScript the map stays hidden and the field, the file upload and the point
// fields do the job alone.
(function () {
    'use strict';

    const root = document.querySelector('[data-area-editor]');
    const field = document.getElementById('Input_BoundaryGeoJson');
    if (!root || !field || !window.L) {
        return;
    }

    const municipality = document.getElementById('Input_MunicipalityAgs');
    const status = document.getElementById('area-editor-status');
    const text = name => root.getAttribute('data-text-' + name) || '';
    const format = (template, value) => template.replace('{0}', String(value));

    root.hidden = false;
    const map = L.map(root.querySelector('.area-map'), { zoomControl: false }).setView([51.45, 7.55], 8);
    L.control.zoom({ zoomInTitle: text('zoom-in'), zoomOutTitle: text('zoom-out') }).addTo(map);
    map.attributionControl.setPrefix(false);

    const outline = L.geoJSON(null, { interactive: false, style: { color: '#4d4d4d', weight: 2, dashArray: '6 4', fill: false } }).addTo(map);
    const shown = L.geoJSON(null, { interactive: false, style: { color: '#0b5394', weight: 3, fillOpacity: 0.15 } }).addTo(map);
    const shape = L.polygon([], { interactive: false, color: '#0b5394', weight: 3, fillOpacity: 0.2 }).addTo(map);
    const corners = L.layerGroup().addTo(map);
    let vertices = [];
    let readOnly = false;

    const round = value => Math.round(value * 1e6) / 1e6;

    function draw() {
        shape.setLatLngs(vertices);
        corners.clearLayers();
        vertices.forEach(v => L.circleMarker(v, { interactive: false, radius: 5, color: '#0b5394', fillOpacity: 1 }).addTo(corners));
    }

    function announce() {
        if (readOnly) {
            status.textContent = text('readonly');
        } else if (vertices.length === 0) {
            status.textContent = text('empty');
        } else {
            status.textContent = format(text(vertices.length >= 3 ? 'points' : 'few'), vertices.length);
        }
    }

    // Writes the drawn polygon (closed ring, longitude first) into the field; fewer than 3 corners are no area yet.
    function write() {
        if (vertices.length >= 3) {
            const ring = vertices.map(v => [round(v.lng), round(v.lat)]);
            ring.push(ring[0]);
            field.value = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
        } else {
            field.value = '';
        }
    }

    function geometryOf(json) {
        if (!json || typeof json !== 'object') {
            return null;
        }
        if (json.type === 'Feature') {
            return json.geometry;
        }
        if (json.type === 'FeatureCollection') {
            return Array.isArray(json.features) && json.features.length === 1 ? json.features[0].geometry : null;
        }
        return json;
    }

    // Shows what the field holds: a simple polygon becomes editable corners, anything else is only shown.
    function readField(fit) {
        shown.clearLayers();
        vertices = [];
        readOnly = false;
        let geometry = null;
        try {
            geometry = field.value.trim() ? geometryOf(JSON.parse(field.value)) : null;
        } catch (e) {
            geometry = null;
        }
        if (geometry && geometry.type === 'Polygon' && Array.isArray(geometry.coordinates) && geometry.coordinates.length === 1) {
            const ring = geometry.coordinates[0].filter(p => Array.isArray(p) && p.length >= 2);
            const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
            vertices = (closed ? ring.slice(0, -1) : ring).map(p => L.latLng(p[1], p[0]));
        } else if (geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')) {
            try {
                shown.addData(geometry);
                readOnly = true;
            } catch (e) {
                shown.clearLayers();
            }
        }
        draw();
        announce();
        if (fit) {
            fitToContent();
        }
    }

    // Without animation: tiles requested for the zoom level an animation passes through would be dropped again.
    function fitToContent() {
        const bounds = vertices.length > 0 ? L.latLngBounds(vertices)
            : readOnly ? shown.getBounds()
            : outline.getLayers().length > 0 ? outline.getBounds() : null;
        if (bounds && bounds.isValid()) {
            map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16, animate: false });
        }
    }

    function add(latlng) {
        if (readOnly) {
            shown.clearLayers();
            readOnly = false;
        }
        vertices.push(latlng);
        draw();
        write();
        announce();
    }

    function showMunicipality(fit) {
        outline.clearLayers();
        const ags = municipality ? municipality.value : '';
        if (!/^05[0-9]{6}$/.test(ags)) {
            return;
        }
        fetch('/api/v1/municipalities/' + ags, { headers: { Accept: 'application/json' } })
            .then(response => (response.ok ? response.json() : null))
            .then(data => {
                if (data && data.boundary && municipality.value === ags) {
                    outline.addData(data.boundary);
                    if (fit) {
                        fitToContent();
                    }
                }
            })
            .catch(() => { /* The outline is a help only; drawing works without it. */ });
    }

    map.on('click', event => add(event.latlng));
    root.querySelector('[data-action="center"]').addEventListener('click', () => add(map.getCenter()));
    root.querySelector('[data-action="undo"]').addEventListener('click', () => {
        if (readOnly) {
            return;
        }
        vertices.pop();
        draw();
        write();
        announce();
    });
    root.querySelector('[data-action="reset"]').addEventListener('click', () => {
        vertices = [];
        readOnly = false;
        shown.clearLayers();
        draw();
        write();
        announce();
    });
    field.addEventListener('change', () => readField(true));
    if (municipality) {
        municipality.addEventListener('change', () => showMunicipality(vertices.length === 0 && !readOnly));
    }

    readField(true);
    // Tiles only after the first view is set, so no tiles of the NRW overview are requested and then dropped.
    const tiles = root.getAttribute('data-tiles');
    if (tiles) {
        L.tileLayer(tiles, { maxZoom: 19, attribution: root.getAttribute('data-attribution') || '' }).addTo(map);
    }
    showMunicipality(vertices.length === 0 && !readOnly);
}());
