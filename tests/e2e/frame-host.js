// The host page's side of the iframe embed, as the README tells authors to write it: size the
// frame from the {gdvizHeight} messages it posts. Every message is kept for the test to read.
const frame = document.getElementById('frame');
window.heights = [];
addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || !e.data?.gdvizHeight) return;
  window.heights.push(e.data.gdvizHeight);
  frame.style.height = `${e.data.gdvizHeight}px`;
});
