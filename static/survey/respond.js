// The answer form: after a refused submission, focus the error summary so it is read first.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
