// Relais staff UI: the few things the server cannot do alone. Every page works without this script except the live
// refresh of the dashboard and of the read-model status.
(function () {
  'use strict';

  function replaceWith(target, html) {
    var holder = document.createElement('template');
    holder.innerHTML = html.trim();
    var fresh = holder.content.firstElementChild;
    if (fresh) {
      target.replaceWith(fresh);
    }
    return fresh;
  }

  // The dashboard: a server-sent event stream on this session's own URL; each event is the charts, rendered.
  function liveDashboard() {
    var container = document.getElementById('dashboard');
    if (!container || !window.EventSource || !container.getAttribute('data-stream')) {
      return;
    }
    var status = document.getElementById('live-status');
    var source = new EventSource(container.getAttribute('data-stream'));
    source.addEventListener('dashboard', function (event) {
      var charts = document.getElementById('charts');
      if (charts) {
        replaceWith(charts, event.data);
      }
      if (status) {
        status.textContent = status.getAttribute('data-live') + ' ' + new Date().toLocaleTimeString(document.documentElement.lang);
      }
      container.setAttribute('data-updates', String(Number(container.getAttribute('data-updates') || '0') + 1));
    });
    source.onerror = function () {
      if (status) {
        status.textContent = status.getAttribute('data-offline');
      }
    };
    window.addEventListener('pagehide', function () { source.close(); });
  }

  // Read models: the status table is fetched again every two seconds, unless the user is working in it.
  function refreshProjections() {
    var container = document.getElementById('projections');
    if (!container) {
      return;
    }
    var url = container.getAttribute('data-refresh');
    window.setInterval(function () {
      if (container.contains(document.activeElement)) {
        return;
      }
      fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var table = document.getElementById('projection-table');
          if (html && table) {
            replaceWith(table, html);
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 2000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    liveDashboard();
    refreshProjections();
  });
})();
