// Times arrive as RFC 3339 UTC in <time datetime>; show them in the viewer's own zone.
(function () {
  'use strict';
  function localTimes(root) {
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    root.querySelectorAll('time[datetime]').forEach(function (element) {
      var when = new Date(element.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        element.textContent = format.format(when);
        element.title = element.getAttribute('datetime');
      }
    });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    root.querySelectorAll('[data-viewer-zone]').forEach(function (element) {
      element.textContent = zone;
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localTimes(document); });
  document.addEventListener('htmx:afterSwap', function (event) { localTimes(event.target); });
})();
