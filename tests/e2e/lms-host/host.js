// The test LMS: reads the package's imsmanifest.xml as an LMS would (SCORM version, launch page
// and parameters, pass mark), installs scorm-again's runtime as window.API (1.2) or
// window.API_1484_11 (2004), keeps its data model in localStorage after every commit and on
// finish, and relaunches with entry "resume" when the last session suspended. Every call the SCO
// makes is recorded in window.lms.calls; calls the runtime refused in window.lms.errors.
/* global window, document, localStorage, location, fetch, DOMParser, URLSearchParams, Scorm12API, Scorm2004API */
(function () {
  'use strict';
  const pkg = new URLSearchParams(location.search).get('pkg') || '';
  const storeKey = 'lms-host:' + pkg;
  const lms = { ready: false, version: null, launch: null, calls: [], errors: [], cmi: null, storeKey: storeKey };
  window.lms = lms;

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
          if (code !== '0') lms.errors.push(name + '(' + args.join(', ') + ') -> ' + code);
        }
        return result;
      };
    }
    window[version === '1.2' ? 'API' : 'API_1484_11'] = recorder;
    Object.assign(lms, { ready: true, version: version, launch: launch, cmi: current, api: api });
    document.getElementById('sco').src = launch;
  }

  function boot() {
    start().catch((e) => {
      lms.errors.push('host: ' + (e && e.message ? e.message : String(e)));
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
