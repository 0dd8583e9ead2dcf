// The workbench's only script: DRL highlighting in CodeMirror with the check's problems marked on their
// lines. Without it the page still works: the plain text area posts the same form.
(function () {
  'use strict';
  var area = document.getElementById('content');
  if (!area || typeof CodeMirror === 'undefined' || area.getAttribute('data-mode') !== 'drl') {
    return;
  }
  var path = (document.getElementById('file-path') || {}).textContent;
  var editor = CodeMirror.fromTextArea(area, {
    mode: 'text/x-java',
    lineNumbers: true,
    lineWrapping: false,
    indentUnit: 4,
    // Tab leaves the editor (keyboard users are never trapped); indentation uses the space bar.
    extraKeys: { Tab: false, 'Shift-Tab': false }
  });
  editor.getWrapperElement().setAttribute('aria-label', 'Text of ' + path);
  var problems = document.querySelectorAll('#problems li[data-line]');
  Array.prototype.forEach.call(problems, function (li) {
    var line = parseInt(li.getAttribute('data-line'), 10);
    if (li.getAttribute('data-path') !== path || !(line > 0)) {
      return;
    }
    editor.addLineClass(line - 1, 'background', 'problem-line');
    li.setAttribute('tabindex', '0');
    li.addEventListener('click', function () { editor.focus(); editor.setCursor(line - 1, 0); });
    li.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { editor.focus(); editor.setCursor(line - 1, 0); }
    });
  });
})();
