/* pipedocs copy buttons: one on every code block, added by this script, so a
   page read without JavaScript has none. A console transcript (code with
   chroma's prompt spans, class "gp") copies its commands only: without their
   prompts ("$ ", and "> " on continuation lines) and without output lines. */
(function () {
  "use strict";
  if (!document.querySelectorAll) return;

  // codeText is what the button of pre copies.
  function codeText(pre) {
    var code = pre.querySelector("code") || pre;
    if (!code.querySelector(".gp")) return code.textContent.replace(/\n$/, "");
    // Lines as lists of [class, text] pieces; a line is a command when its
    // first piece is a prompt.
    var lines = [[]];
    code.childNodes.forEach(function (n) {
      var cls = n.nodeType === 1 ? n.className : "";
      n.textContent.split("\n").forEach(function (text, i) {
        if (i > 0) lines.push([]);
        if (text) lines[lines.length - 1].push([cls, text]);
      });
    });
    // A "> " line continues a command only right after one: further
    // down it is output that looks like a prompt (pipedocs reads
    // transcripts the same way, SPEC §3.3).
    var out = [], inCommand = false;
    lines.forEach(function (pieces) {
      var prompt = pieces.length && pieces[0][0] === "gp" ? pieces[0][1].trim() : "";
      inCommand = prompt !== "" && (prompt !== ">" || inCommand);
      if (!inCommand) return;
      out.push(pieces.slice(1).map(function (p) { return p[1]; }).join("").replace(/^ /, ""));
    });
    return out.join("\n");
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http: no clipboard API, but a selection can still be copied.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("div.highlight").forEach(function (block) {
    var pre = block.querySelector("pre");
    if (!pre) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", pre.querySelector(".gp") ? "Copy the commands" : "Copy the code");
    var timer = 0;
    button.addEventListener("click", function () {
      copy(codeText(pre)).then(function () { button.textContent = "Copied"; },
        function () { button.textContent = "Press Ctrl+C"; });
      clearTimeout(timer);
      timer = setTimeout(function () { button.textContent = "Copy"; }, 2000);
    });
    block.classList.add("has-copy");
    block.insertBefore(button, pre);
  });
})();
