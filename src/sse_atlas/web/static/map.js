// Maps drawn with Leaflet over country outlines shipped with the app (no tile server).
// Catalogue text reaches the page only through textContent, never as HTML.
"use strict";
(function () {
  var outlinesCache = {};
  var ANTARCTICA = "010";

  // Rings crossing the antimeridian (Russia, Fiji) come as points near -180 and +180: moving
  // the western ones by 360 degrees keeps Leaflet from drawing a line across the whole world.
  function unwrapRing(ring) {
    var lons = ring.map(function (point) { return point[0]; });
    if (Math.max.apply(null, lons) - Math.min.apply(null, lons) <= 180) return ring;
    return ring.map(function (point) {
      return point[0] < 0 ? [point[0] + 360, point[1]] : point;
    });
  }

  function unwrap(feature) {
    var geometry = feature.geometry;
    if (!geometry) return;
    if (geometry.type === "Polygon") {
      geometry.coordinates = geometry.coordinates.map(unwrapRing);
    } else if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (polygon) {
        return polygon.map(unwrapRing);
      });
    }
  }

  function outlines(url) {
    if (!outlinesCache[url]) {
      outlinesCache[url] = fetch(url).then(function (response) { return response.json(); })
        .then(function (topology) {
          var countries = topojson.feature(topology, topology.objects.countries);
          countries.features = countries.features.filter(function (feature) {
            return String(feature.id) !== ANTARCTICA;
          });
          countries.features.forEach(unwrap);
          return countries;
        });
    }
    return outlinesCache[url];
  }

  function baseMap(element, options) {
    var map = L.map(element, Object.assign({
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 12,
      attributionControl: true
    }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    return map;
  }

  function drawCountries(map, url, highlight) {
    return outlines(url).then(function (countries) {
      var chosen = null;
      var layer = L.geoJSON(countries, {
        interactive: false,
        style: function (feature) {
          var on = highlight && String(feature.id) === String(highlight);
          return {
            color: on ? "#0b6e4f" : "#9aa5ad",
            weight: on ? 1.5 : 0.6,
            fillColor: on ? "#cde8dc" : "#f4f1ea",
            fillOpacity: 1
          };
        },
        onEachFeature: function (feature, shape) {
          if (highlight && String(feature.id) === String(highlight)) chosen = shape;
        }
      }).addTo(map);
      layer.bringToBack();
      return chosen;
    });
  }

  function popup(point, openLabel) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = point.url;
    title.textContent = point.title;
    box.appendChild(title);
    var where = [point.organisation, [point.city, point.country].filter(Boolean).join(", ")]
      .filter(Boolean).join(" · ");
    if (where) {
      var meta = document.createElement("div");
      meta.textContent = where;
      box.appendChild(meta);
    }
    var open = document.createElement("a");
    open.href = point.url;
    open.textContent = openLabel + " →";
    box.appendChild(document.createElement("br"));
    box.appendChild(open);
    return box;
  }

  function bigMap(element) {
    var data = document.getElementById("map-points");
    var points = data ? JSON.parse(data.textContent) : [];
    var map = baseMap(element);
    map.setView([20, 0], 2);
    drawCountries(map, element.dataset.outlines, null);
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.latitude, point.longitude], {
        title: point.title,
        alt: point.title,
        keyboard: true
      });
      marker.bindPopup(popup(point, element.dataset.open || "Open"));
      cluster.addLayer(marker);
      bounds.push([point.latitude, point.longitude]);
    });
    map.addLayer(cluster);
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
    else if (bounds.length === 1) map.setView(bounds[0], 6);
    element.dataset.markers = String(points.length);
  }

  // a picture (role="img"): nothing inside it takes focus or clicks; the big map is for exploring
  function miniMap(element) {
    var map = baseMap(element, {
      zoomControl: false, scrollWheelZoom: false, dragging: false, touchZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false
    });
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    var located = !isNaN(lat) && !isNaN(lon);
    map.setView(located ? [lat, lon] : [20, 0], located ? 6 : 1);
    if (located) {
      L.marker([lat, lon], { alt: "", interactive: false, keyboard: false }).addTo(map);
    }
    drawCountries(map, element.dataset.outlines, element.dataset.country).then(function (shape) {
      if (!located && shape) map.fitBounds(shape.getBounds(), { maxZoom: 5 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") return;
    L.Icon.Default.imagePath = document.querySelector("link[href*='vendor/leaflet/leaflet.css']")
      .getAttribute("href").replace(/leaflet\.css.*$/, "images/");
    var big = document.getElementById("map");
    if (big) bigMap(big);
    document.querySelectorAll(".minimap").forEach(miniMap);
  });
})();
