// The small map on a programme area page. The page names the coordinates in text, so without JavaScript
// (or without Leaflet) nothing is lost; the map element stays empty and hidden (CSS :empty).
(function () {
    'use strict';

    function init() {
        const element = document.getElementById('area-map');
        if (!element || !window.L) {
            return;
        }

        let geometry;
        try {
            geometry = JSON.parse(element.dataset.geometry || 'null');
        } catch (e) {
            return;
        }
        if (!geometry) {
            return;
        }

        const map = L.map(element, { scrollWheelZoom: false });
        map.getContainer().setAttribute('aria-label', element.dataset.label || '');
        map.getContainer().setAttribute('role', 'region');
        // The tile server is configured (Map:TileUrl) and allowed by the CSP; without one the boundary stands alone.
        const tiles = element.dataset.tiles;
        if (tiles) {
            L.tileLayer(tiles, {
                maxZoom: 18,
                attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
            }).addTo(map);
        }

        if (geometry.type === 'Point') {
            const point = [geometry.coordinates[1], geometry.coordinates[0]];
            L.circleMarker(point, { radius: 8, color: '#005ca9', weight: 3, fillOpacity: 0.4 }).addTo(map);
            map.setView(point, 15);
        } else {
            const layer = L.geoJSON(geometry, { style: { color: '#005ca9', weight: 3, fillOpacity: 0.15 } }).addTo(map);
            map.fitBounds(layer.getBounds(), { padding: [16, 16] });
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
