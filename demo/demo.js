// The demo shell: plain DOM, no framework, the way a host app would embed the bundle.
const bar = document.getElementById('bar');
const log = document.getElementById('log');

document.getElementById('language').addEventListener('change', (event) => {
  document.documentElement.lang = event.target.value;
});
document.getElementById('dirty').addEventListener('change', (event) => {
  bar.dirty = event.target.checked;
});
document.getElementById('archived').addEventListener('change', (event) => {
  bar.archived = event.target.checked;
});
bar.addEventListener('lift-action', (event) => {
  const item = document.createElement('li');
  item.textContent = JSON.stringify(event.detail);
  log.prepend(item);
});
