// The SPARQL editor on /sparql: YASGUI (shipped in static/yasgui/), pointed at this server, with the graph's
// prefixes and every named question as an example. Nothing is fetched from elsewhere: the autocompleters that
// ask Linked Open Vocabularies for properties and classes are left out.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("sparql-config").textContent);
  const Yasqe = Yasgui.Yasqe;
  Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter((name) => name !== "property" && name !== "class");
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "beslutsgraf-sparql",
    yasqe: { value: config.query },
    yasr: { prefixes: config.prefixes, defaultPlugin: "table" },
  });
  // What YASGUI leaves out for a reader with a screen reader or a keyboard (axe-core's findings): a name for the
  // endpoint's field, for the query's text and for its scrolling area, which takes the focus; its own "+" sits inside the list
  // of tabs, where only tabs may be, so it is hidden and a button outside the list adds a tab instead.
  const mend = () => {
    for (const field of document.querySelectorAll("#yasgui input.autocomplete")) field.setAttribute("aria-label", config.words.endpoint);
    for (const text of document.querySelectorAll("#yasgui .CodeMirror textarea")) text.setAttribute("aria-label", config.words.query);
    for (const area of document.querySelectorAll("#yasgui .CodeMirror-scroll")) {
      area.setAttribute("tabindex", "0");
      area.setAttribute("aria-label", config.words.query);
    }
    for (const add of document.querySelectorAll("#yasgui .tabsList .addTab")) add.parentElement.hidden = true;
  };
  mend();
  yasgui.on("tabAdd", () => setTimeout(mend));
  yasgui.on("tabSelect", () => setTimeout(mend));
  document.getElementById("new-tab").addEventListener("click", () => yasgui.addTab(true));
  const examples = document.getElementById("example");
  examples.addEventListener("change", () => {
    const sparql = config.examples[examples.value];
    if (sparql) {
      const tab = yasgui.addTab(true, { name: examples.value, yasqe: { value: sparql }, requestConfig: { endpoint: endpoint } });
      tab.show();
      tab.getYasqe().setValue(sparql);
    }
  });
  // /sparql#NAME (the start page's links) opens that named question
  const named = decodeURIComponent(window.location.hash.slice(1));
  if (config.examples[named]) {
    examples.value = named;
    examples.dispatchEvent(new Event("change"));
  }
  window.beslutsgrafEditor = yasgui; // for the browser tests, and for a reader at the console
})();
