// Runs in <head> before the page paints: applies the saved light/dark choice (else the system's).
(function () {
  var saved = null;
  try { saved = localStorage.getItem('receipts-theme'); } catch (e) { /* storage blocked */ }
  if (saved === 'light' || saved === 'dark') { document.documentElement.dataset.theme = saved; }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('theme-toggle');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var dark = getComputedStyle(document.documentElement).getPropertyValue('--scheme').trim() === 'dark';
      var next = dark ? 'light' : 'dark';
      document.documentElement.dataset.theme = next;
      try { localStorage.setItem('receipts-theme', next); } catch (e) { /* storage blocked */ }
      document.dispatchEvent(new CustomEvent('receipts-theme'));
    });
  });
})();
