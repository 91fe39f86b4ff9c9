package devserver

import "html/template"

// reloadScript is served at BASE__pipedocs/reload.js. It reloads the page
// when the server serves a build other than the one the page came from,
// and shows why a rebuild failed in a banner. It adds no global name and
// uses only textContent, so nothing it shows can inject markup.
const reloadScript = `// pipedocs serve: reload this page when the site is rebuilt.
(function () {
  "use strict";
  var src = new URL(document.currentScript.src);
  var build = src.searchParams.get("build");
  var events = new EventSource(new URL("events", src));
  events.addEventListener("reload", function (e) {
    if (e.data !== build) {
      events.close();
      location.reload();
    }
  });
  var banner = null;
  events.addEventListener("fault", function (e) {
    if (!banner) {
      banner = document.createElement("pre");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
        "margin:0;padding:1em;max-height:50vh;overflow:auto;white-space:pre-wrap;" +
        "font:13px/1.4 ui-monospace,monospace;background:#fee;color:#600;border-top:3px solid #c00";
      document.body.appendChild(banner);
    }
    banner.textContent = "pipedocs: the rebuild failed; this is the last good build.\n\n" + e.data;
  });
})();
`

type noSiteData struct {
	Script string
	Fault  string
}

// noSitePage stands in for the site until its first build succeeds.
var noSitePage = template.Must(template.New("nosite").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>pipedocs serve: no site yet</title></head>
<body>
<h1>No site yet</h1>
<p>The site has not built yet. This page reloads once it has; the terminal running <code>pipedocs serve</code> says what is wrong.</p>
{{with .Fault}}<pre>{{.}}</pre>{{end}}
<script src="{{.Script}}"></script>
</body>
</html>
`))
