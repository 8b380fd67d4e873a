// Makes edited pairs of the AsyncAPI bench documents and records what
// @asyncapi/diff@0.5.0 says about each (used by vs-asyncapi-diff.sh).
//
//   NODE_PATH=/tmp/peers/node_modules node asyncapi-diff-peer.mjs BENCH_DIR OUT_DIR
//
// For every document and every applicable edit it writes
// OUT_DIR/<doc>--<edit>/{base.yaml,head.yaml,peer.json}. The peer runs on
// documents parsed (validated and dereferenced) by @asyncapi/parser, as
// the AsyncAPI CLI does; x-parser-* paths are dropped.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.env.PEERS || '/tmp/peers', 'node_modules', 'x.js'));
const yaml = require('js-yaml');
const { diff } = require('@asyncapi/diff');
const { Parser } = require('@asyncapi/parser');

const [benchDir, outDir] = process.argv.slice(2);
const parser = new Parser();

const clone = (o) => JSON.parse(JSON.stringify(o));
const first = (o) => (o && typeof o === 'object' ? Object.keys(o)[0] : undefined);
const v3 = (d) => String(d.asyncapi).startsWith('3.');

// The messages of a document, wherever they are written.
function messages(d) {
  const out = [];
  for (const m of Object.values(d.components?.messages || {})) out.push(m);
  for (const c of Object.values(d.channels || {})) {
    if (v3(d)) for (const m of Object.values(c.messages || {})) out.push(m);
    else for (const op of [c.subscribe, c.publish]) if (op?.message && !op.message.$ref) out.push(op.message);
  }
  return out.filter((m) => m && !m.$ref);
}
function payloadObject(d) {
  for (const m of messages(d)) {
    let p = m.payload;
    if (p?.schema) p = p.schema;
    if (p?.$ref?.startsWith('#/components/schemas/')) p = d.components.schemas[p.$ref.split('/').pop()];
    if (p && p.properties && Object.keys(p.properties).length > 1) return p;
  }
  return null;
}

// Each edit changes the document in place and returns false when it does
// not apply to it.
const edits = {
  'info-version': (d) => { d.info.version = String(d.info.version) + '-next'; return true; },
  'info-title': (d) => { d.info.title += ' (edited)'; return true; },
  'channel-description': (d) => { const c = first(d.channels); if (!c || d.channels[c].$ref) return false; d.channels[c].description = 'edited'; return true; },
  'channel-added': (d) => { d.channels ||= {}; d.channels['added.v1.channel'] = v3(d) ? { address: 'added.v1.channel' } : { description: 'added' }; return true; },
  'channel-removed': (d) => {
    const c = first(d.channels); if (!c) return false;
    delete d.channels[c];
    if (v3(d)) for (const [k, op] of Object.entries(d.operations || {})) if (op.channel?.$ref === `#/channels/${c.replaceAll('~', '~0').replaceAll('/', '~1')}`) delete d.operations[k];
    for (const ch of Object.values(d.channels)) if (ch.$ref?.includes(`/${c}`)) return false;
    return true;
  },
  'server-protocol': (d) => { const s = first(d.servers); if (!s || d.servers[s].$ref) return false; d.servers[s].protocol = d.servers[s].protocol === 'amqp' ? 'mqtt' : 'amqp'; return true; },
  'server-address': (d) => { const s = first(d.servers); if (!s || d.servers[s].$ref) return false; const k = v3(d) ? 'host' : 'url'; d.servers[s][k] = 'moved.example.com'; return true; },
  'server-added': (d) => { d.servers ||= {}; d.servers.added = v3(d) ? { host: 'added.example.com', protocol: 'kafka' } : { url: 'added.example.com', protocol: 'kafka' }; return true; },
  'server-removed': (d) => {
    const s = first(d.servers); if (!s) return false;
    const text = JSON.stringify(d.channels || {});
    if (text.includes(`#/servers/${s}`) || text.includes(`"${s}"`)) return false;
    delete d.servers[s]; return true;
  },
  'server-security-added': (d) => {
    const s = first(d.servers); if (!s || d.servers[s].$ref || d.servers[s].security?.length) return false;
    d.components ||= {}; d.components.securitySchemes ||= {};
    d.components.securitySchemes.addedKey = { type: 'httpApiKey', name: 'api_key', in: 'header' };
    d.servers[s].security = v3(d) ? [{ $ref: '#/components/securitySchemes/addedKey' }] : [{ addedKey: [] }];
    return true;
  },
  'channel-address': (d) => { if (!v3(d)) return false; const c = Object.keys(d.channels || {}).find((k) => typeof d.channels[k].address === 'string'); if (!c) return false; d.channels[c].address += '.moved'; return true; },
  'operation-action': (d) => {
    if (v3(d)) { const o = first(d.operations); if (!o || d.operations[o].$ref) return false; d.operations[o].action = d.operations[o].action === 'send' ? 'receive' : 'send'; return true; }
    const c = Object.keys(d.channels || {}).find((k) => !!d.channels[k].subscribe !== !!d.channels[k].publish);
    if (!c) return false;
    const ch = d.channels[c];
    if (ch.subscribe) { ch.publish = ch.subscribe; delete ch.subscribe; } else { ch.subscribe = ch.publish; delete ch.publish; }
    return true;
  },
  'payload-property-removed': (d) => { const p = payloadObject(d); if (!p) return false; delete p.properties[Object.keys(p.properties).pop()]; return true; },
  'payload-property-required': (d) => { const p = payloadObject(d); if (!p) return false; const k = Object.keys(p.properties).pop(); p.required = [...new Set([...(p.required || []), k])]; return true; },
  'message-content-type': (d) => { const m = messages(d)[0]; if (!m) return false; m.contentType = 'application/x-edited'; return true; },
  'message-correlation-id': (d) => { const m = messages(d).find((x) => x.correlationId && !x.correlationId.$ref); if (!m) return false; m.correlationId.location = '$message.header#/edited'; return true; },
};

async function parse(text) {
  const { document, diagnostics } = await parser.parse(text);
  if (!document) throw new Error(diagnostics.filter((x) => x.severity === 0).map((x) => x.message).join('; ') || 'invalid');
  return document.json();
}

const docs = [];
for (const v of fs.readdirSync(benchDir).sort()) {
  const dir = path.join(benchDir, v);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const f of fs.readdirSync(dir).sort()) if (/\.ya?ml$/.test(f)) docs.push(path.join(dir, f));
}
fs.mkdirSync(outDir, { recursive: true });
let pairs = 0;
for (const file of docs) {
  const text = fs.readFileSync(file, 'utf8');
  const original = yaml.load(text);
  let baseJSON;
  try { baseJSON = await parse(text); } catch (e) { console.error(`skip ${file}: the peer's parser rejects it: ${e.message}`); continue; }
  for (const [name, edit] of Object.entries(edits)) {
    const head = clone(original);
    if (!edit(head)) continue;
    const headText = yaml.dump(head, { noRefs: true, lineWidth: -1 });
    const id = `${path.basename(path.dirname(file))}-${path.basename(file).replace(/\.ya?ml$/, '')}--${name}`;
    const out = path.join(outDir, id);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'base.yaml'), text);
    fs.writeFileSync(path.join(out, 'head.yaml'), headText);
    let result;
    try {
      const headJSON = await parse(headText);
      const changes = diff(clone(baseJSON), headJSON, { outputType: 'json' }).getOutput().changes
        .filter((c) => !c.path.split('/').some((s) => s.startsWith('x-parser-')));
      const breaking = changes.filter((c) => c.type === 'breaking').map((c) => `${c.action} ${c.path}`);
      result = { breaking: breaking.length > 0, changes: breaking.length ? breaking : changes.map((c) => `${c.type} ${c.action} ${c.path}`).slice(0, 5) };
    } catch (e) {
      result = { error: String(e.message || e) };
    }
    fs.writeFileSync(path.join(out, 'peer.json'), JSON.stringify(result) + '\n');
    pairs++;
  }
}
console.error(`${pairs} pairs from ${docs.length} documents`);
