// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // Buttons with data-confirm ask before their form is sent.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // A file input with data-max-bytes (and data-max-files) refuses too large a choice in the page,
  // before the form is sent: the server would refuse it too, and what was typed would be lost.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var maxBytes = Number(input.getAttribute("data-max-bytes"));
    var maxFiles = Number(input.getAttribute("data-max-files") || "0");
    var message = "";
    if (maxFiles && input.files.length > maxFiles) message = "最多选择 " + maxFiles + " 个文件";
    for (var i = 0; !message && i < input.files.length; i++) {
      if (input.files[i].size > maxBytes) {
        message = "“" + input.files[i].name + "”超过 " + Math.round(maxBytes / 1048576) + " MB";
      }
    }
    input.setCustomValidity(message);
    if (message) input.reportValidity();
  });

  // 收藏: browsers no longer let a page add a bookmark, so say how to do it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".js-favourite");
    if (!link) return;
    event.preventDefault();
    window.alert(link.getAttribute("data-hint"));
  });

  // 大字模式: switch in place; the link still works (and sets the cookie) without JavaScript.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".js-text-size");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var root = document.documentElement;
    var large = !root.classList.contains("large-text");
    root.classList.toggle("large-text", large);
    if (large) {
      document.cookie = "wangju_text=large; path=/; max-age=31536000; samesite=lax";
    } else {
      document.cookie = "wangju_text=; path=/; max-age=0; samesite=lax";
    }
    link.textContent = link.getAttribute(large ? "data-off" : "data-on");
    var href = link.getAttribute("href").replace(/large=[01]/, "large=" + (large ? "0" : "1"));
    link.setAttribute("href", href);
  });
})();
