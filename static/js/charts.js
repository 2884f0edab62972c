// Where JavaScript runs, the DSFR chart components take over from the figures drawn on the
// server: a map page shows the interactive <map-chart> instead of the SVG map. The data
// table beside each of them stays, for everyone.
for (const enhanced of document.querySelectorAll('.boussole-map-chart')) {
  const svg = enhanced.parentElement.querySelector('.boussole-map-svg');
  enhanced.hidden = false;
  if (svg) svg.style.display = "none";  // the DSFR styles figures as blocks: `hidden` would not do
}
