// The map of /karte: municipalities' boundaries, member municipalities highlighted, and the programme areas the
// page's filter selects (the page writes the data URLs, so map and table always show the same areas).
// Everything it shows is also in the table below it; without JavaScript the page works as a table alone.
(function () {
    'use strict';

    var element = document.getElementById('karte');
    if (!element || typeof L === 'undefined') {
        return;
    }

    var data = element.dataset;
    var status = document.getElementById('karte-status');
    var nrw = L.latLngBounds([50.32, 5.86], [52.53, 9.46]);

    function say(text) {
        if (status && status.textContent !== text) {
            status.textContent = text;
        }
    }

    function escapeHtml(text) {
        var div = document.createElement('div');
        div.textContent = text;
        return div.innerHTML;
    }

    var map = L.map(element, {
        zoomControl: false,
        attributionControl: false,
        minZoom: 6,
        maxZoom: 18,
        zoomSnap: 0.5,
        maxBounds: nrw.pad(0.5),
    });
    map.fitBounds(nrw);

    // Leaflet's controls with German names; the attribution prefix without the flag image.
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
    var attribution = L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    attribution.addAttribution(escapeHtml(data.boundaryAttribution || ''));

    map.createPane('gemeinden').style.zIndex = 350;
    map.createPane('gebiete').style.zIndex = 420;

    if (data.tileUrl) {
        var failures = 0;
        var tiles = L.tileLayer(data.tileUrl, {
            maxZoom: 19,
            attribution: '<a href="https://www.openstreetmap.org/copyright">' + escapeHtml(data.tileAttribution || '') + '</a>',
        });
        // Offline, or the tile server refuses: the boundaries and areas still show, on a plain background.
        tiles.on('tileerror', function () {
            failures += 1;
            if (failures === 3) {
                say(data.textTilesFailed);
            }
        });
        tiles.addTo(map);
    }

    // Popup close buttons carry an English label from Leaflet; name them in the page's language.
    map.on('popupopen', function (event) {
        var close = event.popup.getElement() && event.popup.getElement().querySelector('.leaflet-popup-close-button');
        if (close) {
            close.setAttribute('aria-label', data.textClose);
            close.setAttribute('title', data.textClose);
        }
    });

    function link(href, text) {
        var a = document.createElement('a');
        a.href = href;
        a.textContent = text;
        return a;
    }

    function line(parent, label, value) {
        var p = document.createElement('p');
        p.className = 'map-popup__line';
        if (label) {
            var strong = document.createElement('strong');
            strong.textContent = label + ': ';
            p.appendChild(strong);
        }

        if (typeof value === 'string') {
            p.appendChild(document.createTextNode(value));
        } else {
            p.appendChild(value);
        }

        parent.appendChild(p);
    }

    // The areas' data carry codes; their German labels and the municipalities' names come from the page and the
    // municipalities' layer, so the areas' data stay small.
    var labels = JSON.parse(data.labels || '{"programme":{},"status":{}}');
    var municipalityNames = {};

    function areaPopup(feature) {
        var properties = feature.properties;
        var box = document.createElement('div');
        box.className = 'map-popup';
        var title = document.createElement('p');
        title.className = 'map-popup__title';
        title.appendChild(link('/programmgebiete/' + encodeURIComponent(feature.id), properties.name));
        box.appendChild(title);
        line(box, data.textMunicipality, link('/gemeinden/' + encodeURIComponent(properties.ags), municipalityNames[properties.ags] || properties.ags));
        line(box, data.textProgramme, labels.programme[properties.programme] || properties.programme);
        line(box, data.textStatus, labels.status[properties.status] || properties.status);
        return box;
    }

    function municipalityPopup(properties, isMember) {
        var box = document.createElement('div');
        box.className = 'map-popup';
        var title = document.createElement('p');
        title.className = 'map-popup__title';
        title.appendChild(link('/gemeinden/' + encodeURIComponent(properties.ags), properties.name));
        box.appendChild(title);
        if (isMember) {
            line(box, '', data.textMember);
        }

        return box;
    }

    function load(url) {
        return fetch(url, { headers: { Accept: 'application/geo+json' } }).then(function (response) {
            if (!response.ok) {
                throw new Error(url + ' answered ' + response.status);
            }

            return response.json();
        });
    }

    var members = {};
    (data.members || '').split(' ').forEach(function (ags) {
        if (ags) {
            members[ags] = true;
        }
    });

    load(data.municipalitiesUrl).then(function (collection) {
        L.geoJSON(collection, {
            pane: 'gemeinden',
            style: function (feature) {
                return members[feature.properties.ags]
                    ? { color: '#0b2a5c', weight: 1.5, fillColor: '#4f7cc4', fillOpacity: 0.35 }
                    : { color: '#6b7785', weight: 1, opacity: 0.8, fillColor: '#ffffff', fillOpacity: 0.25 };
            },
            onEachFeature: function (feature, layer) {
                municipalityNames[feature.properties.ags] = feature.properties.name;
                layer.bindPopup(function () { return municipalityPopup(feature.properties, !!members[feature.properties.ags]); });
            },
        }).addTo(map);
        // Municipalities and areas load side by side; each says when it is drawn (the browser tests wait for both).
        element.setAttribute('data-municipalities-loaded', String(collection.features.length));
    }).catch(function () {
        say(data.textDataFailed);
    });

    // From this zoom level on, the overview's simplified outlines would show; the areas in view are then loaded with
    // their full boundaries and replace their overview shapes (each area once).
    var detailZoom = 12;
    var areaLayers = {};
    var detailed = {};
    var areas = null;
    var detailTimer = null;

    function loadDetail() {
        if (!areas || map.getZoom() < detailZoom) {
            return;
        }

        var bounds = map.getBounds();
        var box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
            .map(function (value) { return value.toFixed(4); }).join(',');
        var url = data.areasUrl + (data.areasUrl.indexOf('?') >= 0 ? '&' : '?') + 'bbox=' + box;
        load(url).then(function (collection) {
            collection.features.forEach(function (feature) {
                if (detailed[feature.id] || !feature.geometry || feature.geometry.type === 'Point') {
                    return;
                }

                detailed[feature.id] = true;
                if (areaLayers[feature.id]) {
                    areas.removeLayer(areaLayers[feature.id]);
                }

                areas.addData(feature);
            });
            element.setAttribute('data-detailed', String(Object.keys(detailed).length));
        }).catch(function () {
            // The overview shapes stay; nothing the visitor must act on.
        });
    }

    map.on('moveend', function () {
        window.clearTimeout(detailTimer);
        detailTimer = window.setTimeout(loadDetail, 250);
    });

    load(data.areasUrl).then(function (collection) {
        areas = L.geoJSON(collection, {
            pane: 'gebiete',
            style: function () {
                // A thick outline keeps a quarter of a few hundred metres visible when all of NRW is in view.
                return { color: '#a3123a', weight: 4, fillColor: '#d6336c', fillOpacity: 0.5 };
            },
            // Areas known only by a point: a marker, named for screen readers and reachable by keyboard.
            pointToLayer: function (feature, latlng) {
                return L.marker(latlng, { alt: feature.properties.name, title: feature.properties.name, keyboard: true });
            },
            onEachFeature: function (feature, layer) {
                areaLayers[feature.id] = layer;
                layer.bindPopup(function () { return areaPopup(feature); });
            },
        }).addTo(map);
        if (areas.getLayers().length > 0) {
            map.fitBounds(areas.getBounds(), { maxZoom: 12, paddingTopLeft: [24, 48], paddingBottomRight: [24, 24] });
        }

        element.setAttribute('data-loaded', String(collection.features.length));
        loadDetail();
    }).catch(function () {
        say(data.textDataFailed);
    });

    // Good-practice projects as their own markers above the areas; the Praxisdatenbank lists the same projects as text.
    if (data.projectsUrl) {
        load(data.projectsUrl).then(function (collection) {
            L.geoJSON(collection, {
                pointToLayer: function (feature, latlng) {
                    var icon = L.divIcon({ className: 'map-project-marker', iconSize: [18, 18] });
                    return L.marker(latlng, { icon: icon, title: feature.properties.title, keyboard: true, zIndexOffset: 500 });
                },
                onEachFeature: function (feature, layer) {
                    layer.bindPopup(function () {
                        var box = document.createElement('div');
                        box.className = 'map-popup';
                        var title = document.createElement('p');
                        title.className = 'map-popup__title';
                        title.appendChild(link(feature.properties.url, feature.properties.title));
                        box.appendChild(title);
                        line(box, data.textMunicipality, feature.properties.municipality);
                        line(box, data.textStatus, feature.properties.status);
                        return box;
                    });
                },
            }).addTo(map);
            element.setAttribute('data-projects-loaded', String(collection.features.length));
        }).catch(function () {
            say(data.textDataFailed);
        });
    }
}());
