// License Ledger console: htmx does the requests and swaps; this file adds what htmx leaves to the page: the CSRF
// header, readable messages for every refused request, the live stream of changes, the usage chart, the license
// file drop zone and the copy button.
(function () {
  'use strict';

  function messagesNear(element) {
    const own = element && element.closest ? element.closest('form, section') : null;
    const local = own ? own.querySelector('[data-messages]') : null;
    return local || document.getElementById('messages') || document.querySelector('[data-messages]');
  }

  function show(text, kind, near) {
    const region = messagesNear(near);
    if (!region) {
      return;
    }
    const message = document.createElement('p');
    message.className = 'message ' + kind;
    message.textContent = text;
    if (kind === 'error') {
      message.setAttribute('role', 'alert');
    }
    region.replaceChildren(message);
  }

  function problemText(xhr) {
    try {
      const problem = JSON.parse(xhr.responseText);
      if (problem && problem.detail) {
        return problem.detail + (problem.code ? ' (' + problem.code + ')' : '');
      }
    } catch (notJson) {
      // not a problem document: the status says it
    }
    return 'The request failed: HTTP ' + xhr.status;
  }

  document.addEventListener('htmx:configRequest', function (event) {
    const csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf) {
      event.detail.headers[csrf.dataset.header] = csrf.content;
    }
  });
  document.addEventListener('htmx:responseError', function (event) {
    show(problemText(event.detail.xhr), 'error', event.detail.elt);
  });
  document.addEventListener('htmx:sendError', function (event) {
    show('The console did not answer: is the query side running?', 'error', event.detail.elt);
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    const region = messagesNear(event.detail.elt);
    if (region && event.detail.requestConfig && event.detail.requestConfig.verb !== 'get') {
      region.replaceChildren();
    }
  });
  document.addEventListener('console-done', function (event) {
    show(event.detail.value, 'ok', event.target);
    if (event.target.matches && event.target.matches('form') && event.target.id !== 'import-form') {
      event.target.querySelectorAll('input:not([type=hidden])').forEach(function (input) { input.value = ''; });
    }
  });

  // Live: one stream per page; each change names the projects a committed batch touched.
  function refresh(change) {
    document.querySelectorAll('[data-live]').forEach(function (element) {
      const project = element.dataset.liveProject;
      if (change.all || !project || change.projects.indexOf(project) >= 0) {
        htmx.trigger(element, 'live');
      }
    });
    document.querySelectorAll('#usage-chart').forEach(function (chart) {
      if (change.all || change.projects.indexOf(chart.dataset.liveProject) >= 0) {
        drawUsage(chart);
      }
    });
  }

  function liveState(text) {
    const state = document.getElementById('live-state');
    if (state) {
      state.textContent = 'live: ' + text;
      state.dataset.state = text;
    }
  }

  function connect() {
    const url = document.body.dataset.liveUrl;
    if (!url || !window.EventSource) {
      liveState('off');
      return;
    }
    let opened = false;
    const stream = new EventSource(url);
    stream.addEventListener('change', function (event) {
      refresh(JSON.parse(event.data));
    });
    stream.addEventListener('open', function () {
      if (opened) {
        refresh({all: true, projects: []});
      }
      opened = true;
      liveState('on');
    });
    stream.addEventListener('error', function () {
      liveState(stream.readyState === EventSource.CLOSED ? 'off (reload the page)' : 'reconnecting');
    });
  }

  // The usage chart (uPlot), one line per feature.
  const COLORS = ['#1d4ed8', '#b45309', '#047857', '#9d174d', '#6d28d9', '#0f766e', '#7c2d12', '#334155'];

  function drawUsage(chart) {
    const select = document.getElementById('usage-granularity');
    const granularity = select ? select.value : 'day';
    fetch(chart.dataset.usageUrl + '?granularity=' + granularity,
        {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status));
      })
      .then(function (report) {
        const xs = report.buckets.map(function (bucket) { return Date.parse(bucket.start) / 1000; });
        const lines = report.featureBuckets.length ? report.featureBuckets
          : [{feature: 'all features', units: report.buckets.map(function (bucket) { return bucket.units; })}];
        const series = [{}];
        const data = [xs];
        lines.forEach(function (line, i) {
          series.push({label: line.feature || '(no feature)', stroke: COLORS[i % COLORS.length], width: 2});
          data.push(line.units);
        });
        const summary = document.getElementById('usage-summary');
        if (summary) {
          summary.textContent = report.totalUnits + ' units from ' + report.from + ' to ' + report.to + ' (UTC), by '
            + report.granularity + ': ' + (report.byFeature.map(function (f) {
              return (f.feature || '(no feature)') + ' ' + f.units;
            }).join(', ') || 'nothing used');
        }
        if (chart.plot) {
          chart.plot.destroy();
        }
        chart.plot = new uPlot({
          width: Math.max(280, chart.clientWidth), height: 260, series: series,
          axes: [{}, {label: 'units'}], scales: {x: {time: true}}
        }, data, chart);
      })
      .catch(function (failure) {
        show('The usage chart could not be loaded: ' + failure.message, 'error', chart);
      });
  }

  function copy(button) {
    const source = document.querySelector(button.dataset.copy);
    const text = source ? source.value : '';
    const done = function () { show('Copied to the clipboard', 'ok', button); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { show('Copy failed', 'error', button); });
      return;
    }
    const scratch = document.createElement('textarea');
    scratch.value = text;
    document.body.appendChild(scratch);
    scratch.select();
    document.execCommand('copy');
    scratch.remove();
    done();
  }

  // Import: a dropped or chosen file goes into the text area, which is previewed at once.
  function readLicenseFile(file, form) {
    if (!file) {
      return;
    }
    if (file.size > 512 * 1024) {
      show('This file is too large to be a license file (' + file.size + ' bytes)', 'error', form);
      return;
    }
    file.text().then(function (text) {
      document.getElementById('license-file-text').value = text.trim();
      form.requestSubmit();
    });
  }

  function setUpImport() {
    const zone = document.getElementById('drop-zone');
    const form = document.getElementById('preview-form');
    if (!zone || !form) {
      return;
    }
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('dragging'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      readLicenseFile(event.dataTransfer.files[0], form);
    });
    zone.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        document.getElementById('license-file-input').click();
      }
    });
    document.getElementById('license-file-input').addEventListener('change', function (event) {
      readLicenseFile(event.target.files[0], form);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    connect();
    setUpImport();
    document.addEventListener('click', function (event) {
      const button = event.target.closest('[data-copy]');
      if (button) {
        copy(button);
      }
    });
    const chart = document.getElementById('usage-chart');
    if (chart) {
      drawUsage(chart);
      document.getElementById('usage-granularity').addEventListener('change', function () { drawUsage(chart); });
      let resizing;
      window.addEventListener('resize', function () {
        clearTimeout(resizing);
        resizing = setTimeout(function () { drawUsage(chart); }, 200);
      });
    }
  });
}());
