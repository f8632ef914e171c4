// The work page's file upload: sends the chosen file to /api/v1/uploads with tus (resumable: an
// interrupted transfer continues from what the server already has), then attaches the finished
// upload to the work and reloads the page, which then lists the file or the refusal.
(function () {
  'use strict';
  var box = document.querySelector('.work-upload');
  if (!box || !window.tus) return;
  var form = box.querySelector('[data-upload-form]');
  var input = box.querySelector('input[type=file]');
  var bar = box.querySelector('progress');
  var status = box.querySelector('[role=status]');
  var csrf = box.getAttribute('data-csrf');
  form.hidden = false;

  function say(text) { status.textContent = text; }

  // The server's Chinese message from a JSON error body, or `fallback`.
  function messageOf(body, fallback) {
    try {
      var parsed = JSON.parse(body);
      if (parsed && parsed.error && parsed.error.message) return parsed.error.message;
    } catch (e) { /* not JSON */ }
    return fallback;
  }

  function attach(uploadId) {
    say('上传完成，正在加入作品…');
    fetch('/api/v1/works/' + box.getAttribute('data-work') + '/files', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ upload_id: uploadId })
    }).then(function (response) {
      if (response.ok) { window.location.reload(); return null; }
      return response.text().then(function (body) {
        input.disabled = false;
        say('文件未能加入作品：' + messageOf(body, '服务器错误（' + response.status + '）'));
      });
    }).catch(function () {
      input.disabled = false;
      say('网络中断，文件未能加入作品，请重试。');
    });
  }

  input.addEventListener('change', function () {
    var file = input.files[0];
    if (!file) return;
    input.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    say('正在上传…');
    var upload = new tus.Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { filename: file.name, filetype: file.type },
      headers: { 'X-CSRF-Token': csrf },
      removeFingerprintOnSuccess: true,
      onProgress: function (sent, total) {
        bar.value = total ? Math.floor(sent * 100 / total) : 0;
        say('已上传 ' + bar.value + '%');
      },
      onError: function (error) {
        input.disabled = false;
        var response = error && error.originalResponse;
        say('上传失败：' + messageOf(response ? response.getBody() : '', '网络中断，请重新选择文件继续上传。'));
      },
      onSuccess: function () { attach(upload.url.split('/').pop()); }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
})();
