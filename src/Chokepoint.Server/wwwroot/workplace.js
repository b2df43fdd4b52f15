// Chokepoint workplace: small enhancements over pages that work without script.
(function () {
  // Batch upload with a progress bar: the form posts as usual without script.
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var bar = document.getElementById(form.dataset.progress);
      if (!bar || !window.XMLHttpRequest) return;
      event.preventDefault();
      var status = document.getElementById(form.dataset.progress + '-status');
      var file = form.querySelector('input[type=file]');
      var max = Number(form.dataset.maxBytes || 0);
      if (max && file && file.files.length && file.files[0].size > max) {
        status.setAttribute('role', 'alert');
        status.textContent = '"' + file.files[0].name + '" is larger than ' + Math.round(max / 1048576) + ' MB, the most an upload may be: split it, or screen it with the command line.';
        return;
      }
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; }
        if (status) status.textContent = e.lengthComputable && e.loaded >= e.total ? 'Uploaded; screening…' : 'Uploading…';
      };
      xhr.onload = function () { window.location.assign(xhr.responseURL || form.action); };
      xhr.onerror = function () { if (status) status.textContent = 'The upload failed: the server could not be reached.'; };
      bar.hidden = false;
      xhr.send(new FormData(form));
    });
  });

  // Inbox keys: j/k move between alerts, Enter opens one.
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-href]'));
  var at = -1;
  function focus(i) {
    if (rows.length === 0) return;
    if (at >= 0) rows[at].classList.remove('focused');
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows[at].classList.add('focused');
    var link = rows[at].querySelector('a');
    if (link) link.focus();
  }
  // Case keys: t, f, i choose the decision and put the cursor in the reason; Enter there submits.
  var decision = document.getElementById('decision');
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') || e.ctrlKey || e.metaKey || e.altKey) return;
    if (rows.length && (e.key === 'j' || e.key === 'k')) { focus(at + (e.key === 'j' ? 1 : -1)); e.preventDefault(); }
    else if (rows.length && e.key === 'Enter' && at >= 0) { window.location.assign(rows[at].dataset.href); }
    else if (decision && { t: 'TrueMatch', f: 'FalsePositive', i: 'NeedInfo' }[e.key]) {
      decision.value = { t: 'TrueMatch', f: 'FalsePositive', i: 'NeedInfo' }[e.key];
      var reason = document.getElementById('reason');
      if (reason) reason.focus();
      e.preventDefault();
    }
  });
  var reason = document.getElementById('reason');
  if (reason) reason.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && reason.value.trim()) { e.preventDefault(); reason.form.requestSubmit(); }
  });
})();
