// The test LMS: reads the package's imsmanifest.xml as an LMS would (SCORM version, launch page
// and parameters, pass mark), installs scorm-again's runtime as window.API (1.2) or
// window.API_1484_11 (2004), keeps its data model in localStorage after every commit and on
// finish, and relaunches with entry "resume" when the last session suspended. Every call the SCO
// makes is recorded in window.lms.calls; calls the runtime refused in window.lms.errors.
//
// How the LMS launches the SCO (host.html?pkg=FOLDER/&launch=MODE):
//   frame (default)  the SCO in a frame of this page, the API on this window;
//   popup            this page frames an "LMS frame" (role=lms-frame) that holds the API and opens
//                    a pop-up window (role=popup) which frames the SCO: the SCO's API is on its
//                    top window's opener, as with LMSs that open courses in a new window;
//   none             the SCO in a frame of this page, and no API anywhere (an LMS that failed).
// window.lms is on this top page in every mode (the LMS frame puts it there).
/* global window, document, localStorage, location, fetch, DOMParser, URLSearchParams, Scorm12API, Scorm2004API */
(function () {
  'use strict';
  const query = new URLSearchParams(location.search);
  const pkg = query.get('pkg') || '';
  const mode = query.get('launch') || 'frame';
  const role = query.get('role') || 'top';
  const storeKey = 'lms-host:' + pkg;
  const lms = { ready: false, version: null, launch: null, calls: [], errors: [], cmi: null, storeKey: storeKey, mode: mode };
  window.lms = lms;
  if (role === 'lms-frame') window.parent.lms = lms;

  const byTag = (node, name) => Array.from(node.getElementsByTagName(name));
  const first = (node, name) => byTag(node, name)[0] || null;

  async function start() {
    const text = await (await fetch(pkg + 'imsmanifest.xml')).text();
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (first(doc, 'parsererror')) throw new Error('imsmanifest.xml is not well-formed XML');
    const version = (first(doc, 'schemaversion') || {}).textContent === '1.2' ? '1.2' : '2004';
    const organizations = first(doc, 'organizations');
    const organization = byTag(organizations, 'organization').find((o) => o.getAttribute('identifier') === organizations.getAttribute('default'));
    const item = first(organization, 'item');
    const resource = byTag(doc, 'resource').find((r) => r.getAttribute('identifier') === item.getAttribute('identifierref'));
    const launch = pkg + resource.getAttribute('href') + (item.getAttribute('parameters') || '');
    const mastery = first(item, 'adlcp:masteryscore');
    const minMeasure = first(item, 'imsss:minNormalizedMeasure');

    const settings = { lmsCommitUrl: false, autocommit: false, logLevel: 5 };
    const api = version === '1.2' ? new Scorm12API(settings) : new Scorm2004API(settings);
    const saved = JSON.parse(localStorage.getItem(storeKey) || 'null');
    const cmi = saved || {};
    if (version === '1.2') {
      cmi.core = Object.assign({}, cmi.core, { entry: saved && saved.core && saved.core.exit === 'suspend' ? 'resume' : 'ab-initio', exit: '', session_time: '' });
      if (mastery) cmi.student_data = Object.assign({}, cmi.student_data, { mastery_score: mastery.textContent.trim() });
    } else {
      cmi.entry = saved && saved.exit === 'suspend' ? 'resume' : 'ab-initio';
      cmi.exit = '';
      delete cmi.session_time;
      if (minMeasure) cmi.scaled_passing_score = minMeasure.textContent.trim();
    }
    api.loadFromJSON(cmi, 'cmi');

    const current = () => JSON.parse(JSON.stringify(api.renderCommitCMI(true).cmi));
    const persist = () => localStorage.setItem(storeKey, JSON.stringify(current()));
    api.on(version === '1.2' ? 'LMSCommit' : 'Commit', persist);
    api.on(version === '1.2' ? 'LMSFinish' : 'Terminate', persist);

    const methods = version === '1.2'
      ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic']
      : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'];
    const lastError = version === '1.2' ? 'LMSGetLastError' : 'GetLastError';
    const recorder = {};
    for (const name of methods) {
      recorder[name] = function () {
        const args = Array.from(arguments);
        const result = api[name].apply(api, args);
        if (!/Error|Diagnostic/.test(name)) {
          const code = String(api[lastError]());
          lms.calls.push({ name: name, args: args, result: result, code: code });
          // 403 on GetValue is SCORM 2004's "value not initialized": the answer for a value never
          // set (a first launch's suspend_data, score or success), not a refusal.
          const unset = name === 'GetValue' && code === '403';
          if (code !== '0' && !unset) lms.errors.push(name + '(' + args.join(', ') + ') -> ' + code);
        }
        return result;
      };
    }
    if (mode !== 'none') window[version === '1.2' ? 'API' : 'API_1484_11'] = recorder;
    Object.assign(lms, { ready: true, version: version, launch: launch, cmi: current, api: api });
    if (role === 'lms-frame') {
      // Relative to this page, so the pop-up's frame resolves the SCO's URL the same way.
      lms.popup = window.open('?role=popup&src=' + encodeURIComponent(launch), 'envoy-course');
    } else {
      document.getElementById('sco').src = launch;
    }
  }

  function boot() {
    if (role === 'popup') {
      // The LMS's pop-up: it only frames the course.
      document.getElementById('sco').src = query.get('src');
      return;
    }
    if (role === 'top' && mode === 'popup') {
      const frame = document.getElementById('sco');
      frame.id = 'lms-frame';
      frame.title = 'LMS';
      frame.src = '?pkg=' + encodeURIComponent(pkg) + '&launch=popup&role=lms-frame';
      return;
    }
    start().catch((e) => {
      lms.errors.push('host: ' + (e && e.message ? e.message : String(e)));
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
