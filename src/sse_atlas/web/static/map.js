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

  // place names of the collection's own records, drawn only once zoomed in this far
  var PLACE_ZOOM = 5;
  // the list of what the view holds stops here: a long list is no help, zooming in is
  var IN_VIEW_LIMIT = 50;

  function whereOf(point) {
    return [point.organisation, [point.city, point.country].filter(Boolean).join(", ")]
      .filter(Boolean).join(" · ");
  }

  // an initiative's title as a link, then where it is, in ``tag`` (text only, never HTML)
  function described(box, point, tag) {
    var title = document.createElement("a");
    title.href = point.url;
    title.textContent = point.title;
    box.appendChild(title);
    var where = whereOf(point);
    if (where) {
      var meta = document.createElement(tag);
      // in a list the place runs on after the title; a popup keeps its own colours
      if (tag === "span") meta.className = "meta";
      meta.textContent = (tag === "span" ? " " : "") + where;
      box.appendChild(meta);
    }
    return box;
  }

  function popup(point, openLabel) {
    var box = described(document.createElement("div"), point, "div");
    var open = document.createElement("a");
    open.href = point.url;
    open.textContent = openLabel + " →";
    box.appendChild(document.createElement("br"));
    box.appendChild(open);
    return box;
  }

  // labels only: they take no focus and no clicks, so the markers under them stay usable
  function placeLabels(map) {
    var data = document.getElementById("map-places");
    var places = data ? JSON.parse(data.textContent) : [];
    map.createPane("places");
    var layer = L.layerGroup();
    places.forEach(function (place) {
      var label = document.createElement("span");
      label.textContent = place.name;
      L.marker([place.latitude, place.longitude], {
        icon: L.divIcon({ className: "place-label", html: label, iconSize: null }),
        interactive: false,
        keyboard: false,
        pane: "places"
      }).addTo(layer);
    });
    function toggle() {
      var wanted = map.getZoom() >= PLACE_ZOOM;
      if (wanted && !map.hasLayer(layer)) layer.addTo(map);
      else if (!wanted && map.hasLayer(layer)) map.removeLayer(layer);
    }
    map.on("zoomend", toggle);
    toggle();
  }

  // the view may show the world more than once (worldCopyJump): a point counts in any copy
  function inView(bounds, point) {
    return [0, -360, 360].some(function (shift) {
      return bounds.contains([point.latitude, point.longitude + shift]);
    });
  }

  function listInView(map, points, section) {
    var status = section.querySelector("[role=status]");
    var list = section.querySelector("ul");
    function update() {
      var bounds = map.getBounds();
      var shown = points.filter(function (point) { return inView(bounds, point); });
      status.textContent = section.dataset.count.replace("{n}", String(shown.length));
      list.replaceChildren();
      shown.slice(0, IN_VIEW_LIMIT).forEach(function (point) {
        list.appendChild(described(document.createElement("li"), point, "span"));
      });
      if (shown.length > IN_VIEW_LIMIT) {
        var more = document.createElement("li");
        more.textContent = section.dataset.more.replace("{n}", String(shown.length - IN_VIEW_LIMIT));
        list.appendChild(more);
      }
    }
    section.hidden = false;
    map.on("moveend", update);
    update();
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
    placeLabels(map);
    var inViewSection = document.getElementById("in-view");
    if (inViewSection) listInView(map, points, inViewSection);
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
